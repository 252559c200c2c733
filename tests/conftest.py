from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@pytest.fixture
def root() -> Path:
    return ROOT


def run_briefing(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "briefing"), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture
def project(tmp_path: Path) -> Callable[..., Path]:
    """A copy of the repository's site_config, mkdocs.yml and docs, with chosen content."""

    def make(with_content: bool = True) -> Path:
        dest = tmp_path / "site-project"
        shutil.copytree(ROOT / "site_config", dest / "site_config")
        shutil.copytree(ROOT / "docs", dest / "docs")
        shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
        if with_content:
            shutil.copytree(ROOT / "content", dest / "content")
        else:
            for folder in ("briefings", "people", "organizations", "countries"):
                (dest / "content" / folder).mkdir(parents=True)
        return dest

    return make


def mkdocs_build(project: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """A strict MkDocs build of a project folder into out, with MkDocs' own 2.0 notice silenced."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(out)], cwd=project,
                          capture_output=True, text=True, timeout=300, env=env)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's site, built once per session with a strict MkDocs build (feeds, data, head tags)."""
    out = tmp_path_factory.mktemp("built-site")
    result = mkdocs_build(ROOT, out)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING -" not in result.stderr, result.stderr[-3000:]
    return out
