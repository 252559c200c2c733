"""`briefing serve` started as a contributor starts it, and read back: shared by the serve tests and the
browser's live-reload test."""

from __future__ import annotations

import html
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent
BROKEN = ("  - iran\n", "  - irann\n")  # one typo in the seed briefing's countries
PROBLEM = re.compile(
    r"content/briefings/[\w-]+\.md:\d+:\d+: error: countries\[0\]: unknown country 'irann'; "
    r"did you mean 'iran'\?"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    """The page at url as text (HTML character references decoded), "" if nothing answers."""
    return html.unescape(fetch_raw(url))


def fetch_raw(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        return str(exc.read().decode("utf-8", "replace"))
    except OSError:
        return ""


def wait_for(predicate: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


@dataclass
class Preview:
    process: subprocess.Popen[bytes]
    log_path: Path
    base: str  # the address `briefing serve` printed, without its trailing slash
    tmp: Path  # the preview's TMPDIR, where MkDocs makes the folder it serves the site from

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def builds(self) -> int:
        return self.log().count("Building documentation")


@contextmanager
def preview(root: Path, log_path: Path) -> Iterator[Preview]:
    """`briefing serve` on root, started as a contributor starts it; yields once it says where it is."""
    port = free_port()
    tmp = log_path.with_name(log_path.stem + "-tmp")
    tmp.mkdir(exist_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(tmp)}
    with log_path.open("w") as out:
        process = subprocess.Popen(
            [str(BIN / "briefing"), "--root", str(root), "serve", "--dev-addr", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        address = re.compile(rf"the preview is at (http://127\.0\.0\.1:{port}/\S*)")
        assert wait_for(lambda: address.search(log_path.read_text()) is not None, 90), log_path.read_text()[-3000:]
        match = address.search(log_path.read_text())
        assert match is not None
        yield Preview(process, log_path, match.group(1).rstrip("/"), tmp)
    finally:
        process.terminate()
        process.wait(timeout=30)
