"""A build that starts from the last one (generator/site/warm.py) publishes what a build from scratch
publishes, renders again only what changed, and never touches the published site before the swap."""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.site.pagefind import MARK, UNSTABLE  # UNSTABLE: Pagefind's files whose order changes between runs
from tests.sites import BIN

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from synthetic import generate_project  # noqa: E402

pytestmark = pytest.mark.slow


def build(root: Path, site: Path, cache: Path, *flags: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BRIEFING_CACHE_DIR": str(cache)}
    command = [str(BIN / "briefing"), "--root", str(root), "build", "--site-dir", str(site), *flags]
    result = subprocess.run(command, capture_output=True, text=True, timeout=900, env=env)
    assert result.returncode == 0 or not ok, result.stderr[-3000:]
    return result


def tree(folder: Path) -> dict[str, str]:
    """Every published file and a digest of its bytes (Pagefind's few unstable files left out)."""
    return {
        rel: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not UNSTABLE.match(rel := p.relative_to(folder).as_posix())
    }


def inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("index.html")}


def briefings(root: Path) -> list[Path]:
    return sorted((root / "content/briefings").glob("*.md"))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("warm") / "site-project"
    generate_project(root, 40, seed=3)
    return root


def edit_retitle(root: Path) -> None:
    path = briefings(root)[5]
    path.write_text(re.sub(r"^title: .*$", 'title: "Retitled"', path.read_text(), count=1, flags=re.M))


def edit_newest(root: Path) -> None:  # a new newest briefing: the build's date (sitemap) moves too
    source = briefings(root)[7]
    text = re.sub(r"^date: .*$", "date: 2026-11-28", source.read_text(), count=1, flags=re.M)
    (source.parent / "2026-11-28-the-newest-one.md").write_text(text)


def edit_remove(root: Path) -> None:
    briefings(root)[12].unlink()


@pytest.mark.parametrize("edit", [edit_retitle, edit_newest, edit_remove])
def test_a_warm_build_publishes_what_a_cold_build_does(synthetic: Path, tmp_path: Path, edit: object) -> None:
    root = tmp_path / "project"
    shutil.copytree(synthetic, root)
    site, cache = tmp_path / "site", tmp_path / "cache"
    build(root, site, cache)
    (state,) = cache.rglob("state.pickle")
    saved = pickle.loads(state.read_bytes())
    assert set(saved.assets) == {"en"} and saved.outputs  # the next build need not work out Pagefind's assets
    marked = {rel for rel in tree(site) if rel.endswith(".html") and MARK in (site / rel).read_text(encoding="utf-8")}
    assert saved.indexed == marked  # the next build reads none of the others to find that they have no mark
    before = inodes(site)
    edit(root)  # type: ignore[operator]
    warm = build(root, site, cache)
    assert "generated pages unchanged" in warm.stderr, warm.stderr[-2000:]
    cold = tmp_path / "cold"
    build(root, cold, tmp_path / "other-cache", "--no-cache")
    assert tree(site) == tree(cold)
    after = inodes(site)
    kept = sum(after.get(rel) == ino for rel, ino in before.items())
    assert kept > 0.5 * len(after), f"only {kept} of {len(after)} pages were taken from the last build"
    assert kept < len(after)  # the pages the edit changed were written anew


def test_a_failed_warm_build_leaves_the_published_site_and_the_cache_as_they_were(
    synthetic: Path, tmp_path: Path
) -> None:
    root = tmp_path / "project"
    shutil.copytree(synthetic, root)
    site, cache = tmp_path / "site", tmp_path / "cache"
    build(root, site, cache)
    published = tree(site)
    edit_retitle(root)
    about = root / "docs/about.md"
    good = about.read_text()
    about.write_text(good + "\n<script>alert(1)</script>\n")
    failed = build(root, site, cache, ok=False)
    assert failed.returncode == 1 and "would publish inline <script>" in failed.stderr
    assert tree(site) == published  # nothing was written through the links into the published site
    assert not list(cache.rglob(".state-*"))  # nor a state for the failed build
    about.write_text(good)
    again = build(root, site, cache)
    assert "generated pages unchanged" in again.stderr
    cold = tmp_path / "cold"
    build(root, cold, tmp_path / "other-cache", "--no-cache")
    assert tree(site) == tree(cold)


def test_a_published_page_changed_by_hand_or_a_new_template_is_built_again(synthetic: Path, tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(synthetic, root)
    site, cache = tmp_path / "site", tmp_path / "cache"
    build(root, site, cache)
    page = next((site / "countries").glob("*/index.html"))
    page.write_text(page.read_text() + "<!-- changed by hand -->")
    build(root, site, cache)
    assert "changed by hand" not in page.read_text()  # not linked: written again
    before = inodes(site)
    template = root / "site_config/templates/briefing.html.j2"
    template.write_text(template.read_text() + "\n")
    build(root, site, cache)
    after = inodes(site)
    assert not any(after.get(rel) == ino for rel, ino in before.items() if rel.startswith("briefings/20"))


def test_a_state_that_cannot_be_kept_is_forgotten_without_failing(tmp_path: Path) -> None:
    """The build has passed and is published when its state is saved: a state that cannot be written
    leaves no cache behind (the next build is cold) and is no error."""
    from generator.site import warm

    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / warm.STATE).write_bytes(b"an older state")
    state = warm.Warm("key", tmp_path / "site", None)
    state.assets["en"] = {"pagefind.js": lambda: None}  # type: ignore[dict-item]  # cannot be pickled
    why = warm.keep(folder, state)
    assert why and "pickle" in why.lower()
    assert not (folder / warm.STATE).exists() and not list(folder.glob(".state-*"))
    assert warm.load(folder, "key") is None
    state.assets.clear()
    assert warm.keep(folder, state) is None and warm.load(folder, "key") is not None


def test_the_state_written_before_publishing_is_kept_once_published(tmp_path: Path) -> None:
    """A build writes its state while Pagefind writes (Warm.prepare), from the folder about to be published;
    once that folder is the site, `keep` makes it the state, with the published files' sizes and times."""
    from generator.site import warm

    folder, built, site = tmp_path / "cache", tmp_path / "work", tmp_path / "site"
    (built / "a").mkdir(parents=True)
    (built / "a/index.html").write_text("a page")
    state = warm.Warm("key", site, None, folder)
    state.outputs["a.md"] = "a/index.html"
    state.prepare(built)
    assert state.pending is not None and state.pending.is_file() and not (folder / warm.STATE).exists()
    st = (built / "a/index.html").stat()
    built.rename(site)
    assert warm.keep(folder, state) is None
    saved = warm.load(folder, "key")
    assert saved is not None and saved.outputs == {"a.md": ("a/index.html", st.st_size, st.st_mtime_ns)}
    assert not list(folder.glob(".state-*"))


def test_a_state_written_for_a_build_that_was_not_published_is_removed(tmp_path: Path) -> None:
    from generator.site import warm

    folder, built = tmp_path / "cache", tmp_path / "work"
    built.mkdir()
    state = warm.Warm("key", tmp_path / "site", None, folder)
    state.prepare(built)
    pending = state.pending
    assert pending is not None and pending.is_file()
    warm.discard_pending(state)  # the build failed after writing it
    assert not pending.exists() and state.pending is None
    (folder / ".state-left-by-a-killed-build").write_bytes(b"partial")
    warm.Warm.start("key", tmp_path / "site", folder)  # the next build starts
    assert not list(folder.glob(".state-*"))


def test_unchanged_pages_are_linked_on_a_thread_once_the_first_link_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After `link_later`, the first unchanged page is linked at once (it shows the folders take links), the
    others by `start_links`' thread, all there after `wait_links`; a page that cannot be linked is copied with
    its times (the next build finds it as recorded); a changed page is not linked."""
    from types import SimpleNamespace

    from generator.site import warm

    site, work = tmp_path / "site", tmp_path / "work"
    outputs, digests = {}, {}
    for name in ("a", "b", "c", "d"):
        (site / name).mkdir(parents=True)
        (site / name / "index.html").write_text(f"page {name}")
        st = (site / name / "index.html").stat()
        outputs[f"{name}.md"] = (f"{name}/index.html", st.st_size, st.st_mtime_ns)
        digests[f"{name}.md"] = f"digest {name}"
    saved = warm.Saved("key", {}, [], None, {}, {}, digests, outputs)  # type: ignore[arg-type]
    state = warm.Warm("key", site, saved)

    def page(name: str, digest: str | None = None) -> SimpleNamespace:
        return SimpleNamespace(uri=f"{name}.md", digest=digest or f"digest {name}")

    pages = [page("a"), page("b"), page("c"), page("d", "changed")]
    assert state.changed(pages) == 1  # type: ignore[arg-type]
    state.link_later()
    real_link = os.link

    def link(source: Path, dest: Path) -> None:
        if Path(source).parent.name == "c":
            raise OSError("this file cannot be linked")
        real_link(source, dest)

    monkeypatch.setattr(os, "link", link)
    found = {}
    for p in pages:
        name = p.uri.removesuffix(".md")
        found[name] = state.unchanged(p, f"{name}/index.html", work / name / "index.html")  # type: ignore[arg-type]
    assert found == {name: site / name / "index.html" for name in ("a", "b", "c")} | {"d": None}
    assert (work / "a/index.html").is_file() and not (work / "b").exists()  # only the first, so far
    state.start_links()
    state.wait_links()
    for name in ("a", "b"):
        assert (work / name / "index.html").stat().st_ino == (site / name / "index.html").stat().st_ino
    copied, original = (work / "c/index.html").stat(), (site / "c/index.html").stat()
    assert copied.st_ino != original.st_ino
    assert (copied.st_size, copied.st_mtime_ns) == (original.st_size, original.st_mtime_ns)
    assert not (work / "d").exists() and state.linked == 3
