"""The pre-commit hooks: `briefing check` on the content files a commit changes, and only on those; ruff and
mypy on the code."""

from __future__ import annotations

import os
import re
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
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")  # ruff's and mypy's settings
    (root / ".venv").symlink_to(VENV, target_is_directory=True)
    (root / "README.md").write_text("A project.\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    return root


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


HOOKS = 5  # the hooks .pre-commit-config.yaml defines


def hook(root: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(root.parent / "pre-commit-home"), "NO_COLOR": "1"}
    return subprocess.run(
        [str(VENV / "bin" / "pre-commit"), "run", "--color", "never", "--files", *files],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def test_a_valid_briefing_passes_and_other_files_are_skipped(repo: Path) -> None:
    seed = next((repo / "content/briefings").glob("*.md")).relative_to(repo).as_posix()
    result = hook(repo, seed)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "briefing check (the content files this commit changes)" in result.stdout
    assert "Passed" in result.stdout

    skipped = hook(repo, "README.md")
    assert skipped.returncode == 0, skipped.stdout
    assert "Passed" not in skipped.stdout and skipped.stdout.count("Skipped") == HOOKS


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
    topics.write_text(
        topics.read_text(encoding="utf-8").replace(
            "- id: diplomacy\n  label: Diplomacy", "- id: statecraft\n  label: Statecraft"
        ),
        encoding="utf-8",
    )
    git(repo, "add", "-A")
    result = hook(repo, "site_config/topics.yml")
    assert result.returncode == 1
    assert "unknown topic 'diplomacy'" in result.stdout


def status(output: str, name: str) -> str:
    """What pre-commit printed for the hook called `name`: "Passed", "Failed" or "Skipped"."""
    line = next(line for line in output.splitlines() if line.startswith(name))
    found = re.search(r"(Passed|Failed|Skipped)$", line)
    assert found, line
    return found.group(1)


def test_the_ruff_hook_fails_on_an_unused_import_and_passes_on_clean_code(repo: Path) -> None:
    (repo / "scripts").mkdir()
    (repo / "scripts/unused.py").write_text('"""A script."""\n\nimport os\n\nprint("hello")\n', encoding="utf-8")
    (repo / "scripts/clean.py").write_text('"""A script."""\n\nimport os\n\nprint(os.sep)\n', encoding="utf-8")
    git(repo, "add", "-A")

    failed = hook(repo, "scripts/unused.py")
    assert failed.returncode == 1, failed.stdout
    assert status(failed.stdout, "ruff check") == "Failed"
    assert "F401" in failed.stdout and "`os` imported but unused" in failed.stdout
    assert "scripts/unused.py:3:8" in failed.stdout

    passed = hook(repo, "scripts/clean.py")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert status(passed.stdout, "ruff check") == "Passed"
    assert status(passed.stdout, "ruff format --check") == "Passed"
    assert status(passed.stdout, "mypy") == "Skipped"  # not a file of the generator package
