"""`briefing check` on tests/broken/: one file per problem, each reported exactly as expected.txt says.

Each file has exactly one problem and is named after it. expected.txt holds, for each file, the one
line `briefing check <file>` must print: path:line:column: error: field: message.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BROKEN = ROOT / "tests" / "broken"
BRIEFING = Path(sys.executable).parent / "briefing"


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


def _check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BRIEFING), "check", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture(scope="module")
def checked(request: pytest.FixtureRequest) -> dict[str, subprocess.CompletedProcess[str]]:
    """`briefing check FILE` for every file this session's tests ask about, run a few at a time."""
    wanted = []
    for item in request.session.items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and getattr(item, "module", None) is request.module and "path" in callspec.params:
            wanted.append(callspec.params["path"])
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return dict(zip(wanted, pool.map(_check, wanted), strict=True))


def test_corpus_is_large_enough() -> None:
    assert len(FILES) >= 30


def test_every_file_is_listed_in_expected_and_vice_versa() -> None:
    assert sorted(EXPECTED) == FILES


@pytest.mark.parametrize("path", FILES)
def test_check_reports_the_one_problem(path: str, checked: dict[str, subprocess.CompletedProcess[str]]) -> None:
    result = checked.get(path) or _check(path)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout == EXPECTED[path] + "\n"
    assert result.stderr == "1 error(s) in 1 file(s)\n"


def test_check_on_all_broken_files_reports_each_of_them() -> None:
    result = _check(*FILES)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1
    assert sorted(result.stdout.splitlines()) == sorted(EXPECTED.values())
    assert result.stderr == f"{len(FILES)} error(s) in {len(FILES)} file(s)\n"


def test_check_on_the_folder_prints_expected_txt() -> None:
    result = _check("tests/broken")
    assert result.returncode == 1
    assert result.stdout == (BROKEN / "expected.txt").read_text(encoding="utf-8")
