"""Vendor the country flags of the `flag-icons` npm package (MIT) into generator/data/vendor/flag-icons/.

Keeps only what the site can show: the 4:3 SVG of every ISO 3166-1 alpha-2 code pycountry knows (the
countries a briefing can name; historical states have no flag), byte for byte as published, with the
package's LICENSE and a manifest.json (package, version, tarball URL and sha256, each file's sha256)
that tests/test_flags.py checks the vendored files against.

    .venv/bin/python scripts/vendor_flags.py 7.5.0 [--tarball path/to/flag-icons-7.5.0.tgz]

Without --tarball it downloads the tarball from the npm registry. Run it again to move to a new
version; the test then checks the new files.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import shutil
import sys
import tarfile
import urllib.request
from pathlib import Path

import pycountry

PACKAGE = "flag-icons"
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "generator/data/vendor/flag-icons"


def tarball_url(version: str) -> str:
    return f"https://registry.npmjs.org/{PACKAGE}/-/{PACKAGE}-{version}.tgz"


def registry_sha1(version: str) -> str:
    """The tarball's sha1 as the registry publishes it (`dist.shasum`), to check the download against."""
    with urllib.request.urlopen(f"https://registry.npmjs.org/{PACKAGE}/{version}", timeout=60) as response:
        return str(json.load(response)["dist"]["shasum"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("version")
    parser.add_argument("--tarball", type=Path, help="a tarball already downloaded (npm pack flag-icons@VERSION)")
    args = parser.parse_args()
    url = tarball_url(args.version)
    if args.tarball:
        data = args.tarball.read_bytes()
    else:
        with urllib.request.urlopen(url, timeout=120) as response:
            data = response.read()
        expected = registry_sha1(args.version)
        if hashlib.sha1(data).hexdigest() != expected:
            print(f"the tarball's sha1 is not the registry's {expected}", file=sys.stderr)
            return 1
    codes = sorted(c.alpha_2.lower() for c in pycountry.countries)
    files: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        license_member = tar.extractfile("package/LICENSE")
        if license_member is None:
            print("the package has no LICENSE", file=sys.stderr)
            return 1
        license_text = license_member.read()
        for code in codes:
            member = tar.extractfile(f"package/flags/4x3/{code}.svg")
            if member is None:
                print(f"the package has no flag for {code}", file=sys.stderr)
                return 1
            files[f"{code}.svg"] = member.read()
    if OUT.exists():
        shutil.rmtree(OUT)
    (OUT / "4x3").mkdir(parents=True)
    (OUT / "LICENSE").write_bytes(license_text)
    for name, content in files.items():
        (OUT / "4x3" / name).write_bytes(content)
    manifest = {
        "package": PACKAGE,
        "version": args.version,
        "license": "MIT",
        "tarball": url,
        "tarball_sha256": hashlib.sha256(data).hexdigest(),
        "kept": "flags/4x3/<code>.svg for every ISO 3166-1 alpha-2 code (pycountry), unmodified",
        "files": {f"4x3/{name}": hashlib.sha256(content).hexdigest() for name, content in sorted(files.items())},
    }
    (OUT / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    size = sum(len(c) for c in files.values())
    print(f"{len(files)} flags, {size // 1024} KiB, into {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
