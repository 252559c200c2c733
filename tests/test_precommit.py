"""The pre-commit hook: `briefing check` on the content files a commit changes, and only on those."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.sites import ROOT

pytestmark = pytest.mark.slow
VENV = Path(sys.executable).parent.parent


@pytest.fixture
def repo(project: Callable[..., Path], tmp_path: Path) -> Path:
    """The seed fixture as a git repository with the project's hook configuration and its .venv."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = project()
    shutil.copy(ROOT / ".pre-commit-config.yaml", root / ".pre-commit-config.yaml")
    (root / ".venv").symlink_to(VENV, target_is_directory=True)
    (root / "README.md").write_text("A project.\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    return root


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def hook(root: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(root.parent / "pre-commit-home"), "NO_COLOR": "1"}
    return subprocess.run([str(VENV / "bin" / "pre-commit"), "run", "--color", "never", "--files", *files],
                          cwd=root, capture_output=True, text=True, timeout=300, env=env)


def test_a_valid_briefing_passes_and_other_files_are_skipped(repo: Path) -> None:
    seed = next((repo / "content/briefings").glob("*.md")).relative_to(repo).as_posix()
    result = hook(repo, seed)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "briefing check (the content files this commit changes)" in result.stdout
    assert "Passed" in result.stdout

    skipped = hook(repo, "README.md")
    assert skipped.returncode == 0, skipped.stdout
    assert "Passed" not in skipped.stdout and skipped.stdout.count("Skipped") == 2


def test_a_broken_briefing_fails_with_file_line_and_fix(repo: Path) -> None:
    path = next((repo / "content/briefings").glob("*.md"))
    path.write_text(path.read_text(encoding="utf-8").replace("  - iran\n", "  - irann\n", 1), encoding="utf-8")
    git(repo, "add", "-A")
    rel = path.relative_to(repo).as_posix()
    result = hook(repo, rel)
    assert result.returncode == 1
    assert f"{rel}:" in result.stdout and "unknown country 'irann'; did you mean 'iran'?" in result.stdout


def test_a_topic_change_checks_all_content(repo: Path) -> None:
    topics = repo / "site_config/topics.yml"
    topics.write_text(topics.read_text(encoding="utf-8").replace(
        "- id: diplomacy\n  label: Diplomacy", "- id: statecraft\n  label: Statecraft"),
                      encoding="utf-8")
    git(repo, "add", "-A")
    result = hook(repo, "site_config/topics.yml")
    assert result.returncode == 1
    assert "unknown topic 'diplomacy'" in result.stdout
