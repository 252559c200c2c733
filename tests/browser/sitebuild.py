"""Build the repository's site once per test session and serve a site folder on 127.0.0.1.

Nothing here needs Playwright, so the link checker's tests can share the build.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MKDOCS = Path(sys.executable).parent / "mkdocs"
OUTPUT = ROOT / "test-output"

_built: dict[str, Path] = {}


def build_site(project: Path, out: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([str(MKDOCS), "build", "--strict", "--site-dir", str(out)], cwd=project,
                          capture_output=True, text=True, timeout=300, env=env)


def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's site, built with `mkdocs build --strict` the first time it is asked for."""
    if "site" not in _built:
        out = tmp_path_factory.mktemp("briefing-site") / "site"
        result = build_site(ROOT, out)
        if result.returncode != 0:
            pytest.fail(f"mkdocs build --strict failed:\n{result.stderr[-4000:]}", pytrace=False)
        _built["site"] = out
    return _built["site"]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on a free port of 127.0.0.1 from a background thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"http:{directory.name}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
