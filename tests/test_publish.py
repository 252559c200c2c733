"""Nothing lost: a failed or interrupted build leaves the previous site exactly as it was, and the
Pagefind bundle a build publishes is verified."""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.site.pagefind import PagefindError, verify
from tests.sites import BIN, mkdocs_build

SEED_FILE = "2026-02-27-iran-rethinks-its-bet-on-russia.md"


def tree(folder: Path) -> dict[str, str]:
    """Every file of a folder and a digest of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def briefing_build(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [str(BIN / "briefing"), "--root", str(root), "build"], capture_output=True, text=True, timeout=600, env=env
    )


@pytest.mark.slow
def test_failed_builds_leave_the_previous_site_as_it_was(project: Callable[..., Path]) -> None:
    root = project()
    first = briefing_build(root)
    assert first.returncode == 0, first.stderr[-3000:]
    site = root / "site"
    before = tree(site)
    assert "index.html" in before and "pagefind/pagefind-entry.json" in before

    seed = root / "content/briefings" / SEED_FILE
    good = seed.read_text(encoding="utf-8")
    seed.write_text(good.replace("  - iran\n", "  - irann\n", 1), encoding="utf-8")
    broken = briefing_build(root)
    assert broken.returncode == 1
    assert "unknown country 'irann'" in broken.stderr and "site/ is unchanged" in broken.stderr
    assert tree(site) == before

    plain = mkdocs_build(root, site)  # plain `mkdocs build` too: content is checked before it cleans site/
    assert plain.returncode == 1
    assert tree(site) == before

    seed.write_text(good, encoding="utf-8")
    about = root / "docs/about.md"  # a failure after MkDocs has started writing pages
    about.write_text(about.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    late = briefing_build(root)
    assert late.returncode == 1 and "would publish inline <script>" in late.stderr
    assert tree(site) == before
    assert not list(root.glob(".site-build-*")), "the work folder was left behind"


@pytest.mark.slow
def test_a_killed_build_leaves_the_previous_site_and_the_next_build_replaces_it(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    from synthetic import generate_project

    root = tmp_path / "big"
    generate_project(root, 50, seed=5)
    site = root / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site\n", encoding="utf-8")
    before = tree(site)

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [str(BIN / "briefing"), "--root", str(root), "build"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not any(root.glob(".site-build-*/site/briefings/*/index.html")):
        time.sleep(0.05)
    assert process.poll() is None, "the build ended before it could be interrupted"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert tree(site) == before, "a killed build changed the published site"
    assert list(root.glob(".site-build-*")), "nothing was being written when the build was killed"

    finished = briefing_build(root)
    assert finished.returncode == 0, finished.stderr[-3000:]
    assert (site / "briefings/index.html").is_file() and tree(site) != before
    assert not list(root.glob(".site-build-*")), "the interrupted build's folder is still there"


def test_a_new_build_leaves_a_replaced_site_to_the_process_removing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build that follows another at once does not remove the site that one replaced (a process of its own
    is removing it); a replaced site left for longer (its removal cut short) and an interrupted build's folder
    are removed."""
    from generator.site import publish

    site = tmp_path / "site"
    interrupted = tmp_path / f"{publish.PREFIX}123"
    replaced = tmp_path / f"{publish.PREVIOUS}456"
    for folder in (interrupted, replaced):
        (folder / "briefings/a").mkdir(parents=True)
        (folder / "briefings/a/index.html").write_text("old")
    work = publish.work_folder(site)
    assert work.is_dir() and not list(work.iterdir())
    assert not interrupted.exists() and (replaced / "briefings/a/index.html").is_file()
    monkeypatch.setattr(publish, "REMOVAL_TIME", 0.0)  # as if put aside long ago
    publish.work_folder(site)
    assert not replaced.exists()


@pytest.mark.slow
def test_the_readme_build_command_publishes_through_briefing_build() -> None:
    script = (Path(__file__).resolve().parent.parent / "scripts/build.sh").read_text(encoding="utf-8")
    assert ".venv/bin/briefing check" in script and ".venv/bin/briefing build --site-dir site" in script
    assert "mkdocs build" not in script


# --- the Pagefind bundle ------------------------------------------------------------------------


@pytest.fixture
def bundle(seed_site: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(seed_site / "pagefind", tmp_path / "pagefind"))


def test_a_written_bundle_verifies(bundle: Path) -> None:
    assert verify(bundle, "en") > 10


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda b: next(b.glob("fragment/*")).write_bytes(b""), "empty file"),
        (lambda b: next(b.glob("*.pf_meta")).write_bytes(gzip.compress(b"something else")), "is not a Pagefind index"),
        (lambda b: next(b.glob("*.pf_meta")).write_bytes(b"not gzip at all"), "the index cannot be read"),
        (lambda b: next(b.glob("wasm.en.pagefind")).unlink(), "wasm.en.pagefind is missing"),
        (lambda b: (b / "pagefind-entry.json").write_text("{", encoding="utf-8"), "the index cannot be read"),
        (lambda b: (b / "pagefind.js").unlink(), "pagefind.js is missing"),
        # what Pagefind 1.5 has been seen to write: a script cut short at a 4 KB boundary
        (lambda b: _cut(b / "pagefind.js", 40_960), "pagefind.js is not as Pagefind writes it"),
        (lambda b: _cut(b / "wasm.en.pagefind", 4_096), "wasm.en.pagefind is not as Pagefind writes it"),
        (lambda b: _cut(max(b.glob("fragment/*"), key=lambda p: p.stat().st_size), 100), "is cut short or damaged"),
        (lambda b: _cut(max(b.glob("index/*"), key=lambda p: p.stat().st_size), 200), "is cut short or damaged"),
    ],
)
def test_a_damaged_bundle_is_refused(bundle: Path, damage: Callable[[Path], object], message: str) -> None:
    damage(bundle)
    with pytest.raises(PagefindError, match=message):
        verify(bundle, "en")


def _cut(path: Path, size: int) -> None:
    data = path.read_bytes()
    assert len(data) > size, f"{path.name} is only {len(data)} bytes"
    path.write_bytes(data[:size])
