"""`briefing check` on tests/broken/: one file per problem, each reported exactly as expected.txt says.

Each file has exactly one problem and is named after it. expected.txt holds, for each file, the one
line `briefing check <file>` must print: path:line:column: error: field: message.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.sites import ROOT, briefing_cli, make_project

BROKEN = ROOT / "tests" / "broken"


def _files() -> list[str]:
    return sorted(p.relative_to(ROOT).as_posix() for p in BROKEN.rglob("*.md"))


def _expected() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in (BROKEN / "expected.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            path = line.split(":", 1)[0]
            assert path not in out, f"{path} is listed twice in expected.txt"
            out[path] = line
    return out


FILES = _files()
EXPECTED = _expected()


@pytest.fixture(scope="module")
def broken_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed fixture's project (whose people and organizations the messages' suggestions come from,
    whatever the repository's content/ holds), with tests/broken copied to the same place inside it."""
    root = make_project(tmp_path_factory.mktemp("broken") / "project")
    shutil.copytree(BROKEN, root / "tests" / "broken")
    return root


@pytest.fixture(scope="module")
def checker(broken_root: Path) -> Callable[..., Result]:
    """`briefing check PATH...` run in this process, in broken_root."""

    def check(*paths: str) -> Result:
        return briefing_cli("--root", str(broken_root), "check", *(str(broken_root / p) for p in paths))

    return check


def test_corpus_is_large_enough() -> None:
    assert len(FILES) >= 30


def test_every_file_is_listed_in_expected_and_vice_versa() -> None:
    assert sorted(EXPECTED) == FILES


@pytest.mark.parametrize("path", FILES)
def test_check_reports_the_one_problem(path: str, checker: Callable[..., Result]) -> None:
    result = checker(path)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1, result.output
    assert result.stdout == EXPECTED[path] + "\n"
    assert result.stderr == "1 error(s) in 1 file(s)\n"


def test_check_on_all_broken_files_reports_each_of_them(checker: Callable[..., Result]) -> None:
    result = checker(*FILES)
    assert result.exit_code == 1
    assert sorted(result.stdout.splitlines()) == sorted(EXPECTED.values())
    assert result.stderr == f"{len(FILES)} error(s) in {len(FILES)} file(s)\n"


def test_check_on_the_folder_prints_expected_txt(checker: Callable[..., Result]) -> None:
    result = checker("tests/broken")
    assert result.exit_code == 1
    assert result.stdout == (BROKEN / "expected.txt").read_text(encoding="utf-8")


def test_one_broken_file_fails_the_installed_command_too(broken_root: Path) -> None:
    """The exit status and output of the real executable, once (the tests above run it in process)."""
    from tests.sites import run_briefing

    path = "tests/broken/briefings/unknown-topic.md"
    result = run_briefing("check", path, cwd=broken_root)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1
    assert result.stdout == EXPECTED[path] + "\n"
