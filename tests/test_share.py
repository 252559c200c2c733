"""generator/site/share.py: a build's pages made on both cores. The copy makes every other page and says
so; what it could not make is made here; what it logs is logged here; and a site built so is the same,
byte for byte, as one built in one process, with the same warnings for links to missing anchors."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from generator.site import share
from generator.site.pagefind import UNSTABLE

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork here")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from synthetic import generate_project  # noqa: E402


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork even if the test session has left a thread running (the pages here take no lock)."""
    monkeypatch.setattr(share, "can_fork", lambda: True)


def run(pages: list[int], write, prepare=lambda pages: None, patience: float = 60.0):  # type: ignore[no-untyped-def]
    """Share `pages`: (what on_page was given, the pages left to this process, the share)."""
    heard: list[tuple[int, object]] = []
    shared = share.Share.start(pages, write, lambda page, result: heard.append((page, result)), prepare)
    assert shared is not None
    shared.listen()
    left = shared.finish(patience)
    return heard, left, shared


def test_the_copy_makes_every_other_page_and_says_so(forks: None, tmp_path: Path) -> None:
    here = os.getpid()

    def write(page: int) -> list[int]:
        (tmp_path / str(page)).write_text(str(os.getpid()))
        return [page * page]

    pages = list(range(100))
    heard, left, shared = run(pages, write)
    assert left == [] and shared.status == 0
    assert heard == [(p, [p * p]) for p in pages[1::2]]
    assert {int((tmp_path / str(p)).read_text()) for p in pages[1::2]} - {here} and not (tmp_path / "0").exists()


def test_prepare_runs_once_in_the_copy_with_its_pages(forks: None, tmp_path: Path) -> None:
    seen = tmp_path / "prepared"

    def prepare(pages: list[int]) -> None:
        with seen.open("a") as f:
            f.write(f"{os.getpid()} {pages[:3]}\n")

    heard, left, _ = run(list(range(80)), lambda page: page, prepare)
    lines = seen.read_text().splitlines()
    assert len(lines) == 1 and lines[0].split(" ", 1)[1] == "[1, 3, 5]" and int(lines[0].split()[0]) != os.getpid()
    assert left == [] and len(heard) == 40


def test_a_copy_that_fails_leaves_the_rest_of_its_pages_here(forks: None) -> None:
    def write(page: int) -> int:
        if page == 41:
            raise RuntimeError("broken page")
        return page

    heard, left, shared = run(list(range(100)), write)
    assert [p for p, _ in heard] == list(range(1, 41, 2))
    assert left == list(range(41, 100, 2)) and shared.status != 0


def test_a_silent_copy_is_stopped_and_its_pages_made_here(forks: None) -> None:
    def write(page: int) -> int:
        if page == 5:
            time.sleep(3600)
        return page

    start = time.monotonic()
    heard, left, shared = run(list(range(100)), write, patience=2.0)
    assert time.monotonic() - start < 30
    assert [p for p, _ in heard] == [1, 3] and left == list(range(5, 100, 2)) and shared.status != 0


def test_what_the_copy_logs_is_logged_here_except_for_a_page_it_failed(
    forks: None, caplog: pytest.LogCaptureFixture
) -> None:
    logger = logging.getLogger("mkdocs.test_share")

    def write(page: int) -> int:
        logger.warning("page %d has a problem", page)
        if page == 7:
            raise RuntimeError("broken page")
        return page

    with caplog.at_level(logging.INFO):
        _, left, _ = run(list(range(100)), write)
    logged = [(r.name, r.levelno, r.getMessage()) for r in caplog.records if r.name == "mkdocs.test_share"]
    assert logged == [("mkdocs.test_share", logging.WARNING, f"page {p} has a problem") for p in (1, 3, 5)]
    assert left[0] == 7  # made here, where it logs its own messages


def test_no_copy_for_few_pages_or_a_process_with_threads() -> None:
    assert share.Share.start(list(range(share.MIN_PAGES - 1)), lambda p: p, lambda p, r: None) is None
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert share.Share.start(list(range(1000)), lambda p: p, lambda p, r: None) is None
    finally:
        stop.set()
        thread.join()


# --- whole builds --------------------------------------------------------------------------------------------

BUILD = """
import logging, sys
logger = logging.getLogger("mkdocs.plugins.briefing")
logger.addHandler(logging.StreamHandler(sys.stderr))
logger.setLevel(logging.DEBUG)
from generator.cli import main
main(sys.argv[1:])
"""
MADE = re.compile(r"a forked copy made (\d+) pages \((\d+) of them made here\)")


def build(root: Path, site: Path, tmp: Path, workers: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "BRIEFING_CACHE_DIR": str(tmp / "cache"),
        "BRIEFING_WORKERS": workers,
    }
    command = [sys.executable, "-c", BUILD, "--root", str(root), "build", "--site-dir", str(site), "--no-cache"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=900, env=env, cwd=ROOT)
    assert (result.returncode == 0) == ok, result.stderr[-3000:]
    return result


def files(folder: Path) -> dict[str, bytes]:
    return {
        rel: p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not UNSTABLE.match(rel := p.relative_to(folder).as_posix())
    }


@pytest.mark.slow
def test_a_site_made_on_both_cores_is_the_same_as_one_made_in_one_process(tmp_path: Path) -> None:
    project = tmp_path / "project"
    generate_project(project, 30, seed=5)
    both = build(project, tmp_path / "both", tmp_path, "2")
    made = MADE.search(both.stderr)
    assert made and int(made.group(1)) > 50 and made.group(2) == "0", both.stderr[-2000:]
    one = build(project, tmp_path / "one", tmp_path, "1")
    assert not MADE.search(one.stderr)
    assert files(tmp_path / "both") == files(tmp_path / "one")  # the search index's page order too


@pytest.mark.slow
def test_links_to_missing_anchors_fail_the_build_from_either_process(tmp_path: Path) -> None:
    """Two hand-written pages the navigation does not list (one made by each process) link to anchors on
    briefings, half of which the other process made, and on their own page (`briefing check` holds
    contributors' bodies to their own page's anchors, so only hand-written pages can miss one). Each missing
    anchor is reported once, as MkDocs reports it, in both builds; a present one is not."""
    project = tmp_path / "project"
    generate_project(project, 30, seed=5)
    briefings = sorted((project / "content" / "briefings").glob("*.md"))[:8]
    expected = set()
    for n, path in enumerate(briefings):
        section = f"\n\n## Part {n}\n\nSee [this part](#part-{n}).\n"
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + section, encoding="utf-8")
    for name in ("notes-a.md", "notes-b.md"):
        links = [
            f"[{n}](briefings/{p.stem}.md#part-{n}) [x](briefings/{p.stem}.md#x-{n})" for n, p in enumerate(briefings)
        ]
        links += ["[here](#notes) [nowhere](#nowhere)"]
        (project / "docs" / name).write_text("# Notes\n\n" + "\n".join(links) + "\n", encoding="utf-8")
        expected |= {(name, f"briefings/{p.stem}.md#x-{n}") for n, p in enumerate(briefings)}
        expected.add((name, "#nowhere"))
    about = project / "docs" / "about.md"  # listed in the navigation: converted by both processes
    about.write_text(about.read_text(encoding="utf-8") + "\n[gone](no-such-page.md)\n", encoding="utf-8")
    expected.add(("about.md", "no-such-page.md"))  # reported as MkDocs converts the page
    for workers in ("2", "1"):
        result = build(project, tmp_path / f"site-{workers}", tmp_path, workers, ok=False)
        reported = re.findall(r"Doc file '([^']+)' contains a link '([^']+)'", result.stderr)
        assert set(reported) == expected, result.stderr[-3000:]
        assert len(reported) == len(expected)  # each once, the listed page's too
        if workers == "2":
            assert MADE.search(result.stderr), result.stderr[-2000:]
