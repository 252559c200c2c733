"""The country flags the site shows: SVG images of the `flag-icons` npm package (MIT), vendored in
generator/data/vendor/flag-icons/ (scripts/vendor_flags.py; its manifest.json records the package,
version, tarball and each file's sha256, and tests/test_flags.py checks the files against it).

A flag is an image the site serves itself, not an emoji: emoji flags show as two letters on Windows
and as empty boxes where no emoji font is installed. A country's flag code is its ISO 3166-1 alpha-2
code in lower case ("ir"); a historical state has none. A build publishes the flags of the countries
its content names (`published`), at the addresses `urls.flag` gives.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from . import urls

VENDOR = Path(__file__).resolve().parent / "data" / "vendor" / "flag-icons"
SET = "4x3"  # the 4:3 images; an <img>'s width and height give that ratio before the file loads
WIDTH, HEIGHT = 20, 15


@cache
def manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((VENDOR / "manifest.json").read_text(encoding="utf-8"))
    return data


@cache
def codes() -> frozenset[str]:
    """The flag codes the vendored set has an image for."""
    prefix = f"{SET}/"
    return frozenset(name[len(prefix) : -len(".svg")] for name in manifest()["files"] if name.startswith(prefix))


def code_of(alpha2: str) -> str:
    """The flag code of an ISO 3166-1 alpha-2 code, or "" when the vendored set has no image for it."""
    code = alpha2.lower()
    return code if code in codes() else ""


def image(code: str) -> bytes:
    return (VENDOR / SET / f"{code}.svg").read_bytes()


def published(flag_codes: Iterable[str]) -> dict[str, bytes]:
    """The flag images a site publishes, by address: one per code given (empty codes skipped), with the
    set's licence beside them (MIT asks that its notice go with every copy)."""
    files = {urls.flag(code): image(code) for code in sorted(set(flag_codes)) if code}
    if files:
        files[urls.FLAGS_LICENSE] = (VENDOR / "LICENSE").read_bytes()
    return files
