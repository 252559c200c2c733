"""The live preview: `briefing serve` rebuilds when content changes, and only then."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(predicate: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


@pytest.mark.slow
def test_serve_rebuilds_on_content_change_and_then_settles(project: Callable[..., Path], tmp_path: Path) -> None:
    root = project()
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w") as out:
        server = subprocess.Popen([str(BIN / "briefing"), "--root", str(root), "serve", "--dev-addr",
                                   f"127.0.0.1:{port}"], stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        # mkdocs serve mounts the site at the path of site_url (here /briefing/)
        base = f"http://127.0.0.1:{port}/briefing"
        url = f"{base}/countries/iran/"
        assert wait_for(lambda: "Iran rethinks its bet" in fetch(url), 90), log.read_text()[-2000:]
        seed = next((root / "content/briefings").glob("*.md"))
        seed.write_text(seed.read_text().replace("Iran rethinks its bet on Russia", "Tehran reweighs Moscow", 1))
        assert wait_for(lambda: "Tehran reweighs Moscow" in fetch(url), 90), log.read_text()[-2000:]
        time.sleep(4)
        builds = log.read_text().count("Documentation built")
        time.sleep(6)
        assert log.read_text().count("Documentation built") == builds, "serve keeps rebuilding by itself"
        topics = root / "site_config/topics.yml"
        topics.write_text(topics.read_text().replace("label: Diplomacy", "label: Statecraft"))
        assert wait_for(lambda: "Statecraft" in fetch(f"{base}/topics/"), 90)
    finally:
        server.terminate()
        server.wait(timeout=30)
