"""The live preview: `briefing serve` prints where it is, rebuilds when content changes and only then,
and keeps serving broken content, showing its problems until they are fixed."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.previews import BROKEN, PROBLEM, fetch, preview, wait_for

pytestmark = pytest.mark.slow


def test_serve_rebuilds_on_change_settles_and_survives_broken_content(
    project: Callable[..., Path], tmp_path: Path
) -> None:
    root = project()
    seed = next((root / "content/briefings").glob("*.md"))
    with preview(root, tmp_path / "serve.log") as site:
        assert site.base.endswith("/briefing")  # mounted at the path of site_url
        url = f"{site.base}/countries/iran/"
        assert wait_for(lambda: "Iran rethinks its bet" in fetch(url), 90), site.log()[-2000:]

        seed.write_text(seed.read_text().replace("Iran rethinks its bet on Russia", "Tehran reweighs Moscow", 1))
        assert wait_for(lambda: "Tehran reweighs Moscow" in fetch(url), 90), site.log()[-2000:]
        time.sleep(3)
        builds = site.builds()
        assert builds >= 2, f"the log shows {builds} builds after the first build and one rebuild"
        time.sleep(6)
        assert site.builds() == builds, "serve keeps rebuilding by itself"

        seed.write_text(seed.read_text().replace(*BROKEN, 1))
        assert wait_for(lambda: "Content problems" in fetch(url), 90), site.log()[-2000:]
        page = fetch(url)
        assert PROBLEM.search(page), page[-3000:]
        assert PROBLEM.search(site.log()), site.log()[-3000:]
        assert "Aborted" not in site.log() and "Traceback" not in site.log()
        assert "Content problems" in fetch(f"{site.base}/about/")  # every page shows them
        assert site.process.poll() is None, "serve stopped on broken content"

        seed.write_text(seed.read_text().replace(BROKEN[1], BROKEN[0], 1))
        assert wait_for(lambda: "Tehran reweighs Moscow" in fetch(url), 90), site.log()[-2000:]
        assert "Content problems" not in fetch(url)

        topics = root / "site_config/topics.yml"
        topics.write_text(topics.read_text().replace("label: Diplomacy", "label: Statecraft"))
        assert wait_for(lambda: "Statecraft" in fetch(f"{site.base}/topics/"), 90)


def test_serve_starts_on_broken_content_and_recovers(project: Callable[..., Path], tmp_path: Path) -> None:
    root = project()
    seed = next((root / "content/briefings").glob("*.md"))
    seed.write_text(seed.read_text().replace(*BROKEN, 1))
    with preview(root, tmp_path / "serve.log") as site:
        home = fetch(f"{site.base}/")
        assert "Content problems" in home and PROBLEM.search(home), home[-2000:]
        never_built = fetch(f"{site.base}/briefings/{seed.stem}/")  # the 404 page says why
        assert PROBLEM.search(never_built), never_built[-2000:]
        seed.write_text(seed.read_text().replace(BROKEN[1], BROKEN[0], 1))
        url = f"{site.base}/briefings/{seed.stem}/"
        assert wait_for(lambda: "Iran rethinks its bet" in fetch(url), 90), site.log()[-2000:]
        assert "the content problems are fixed" in site.log()
        assert list(site.tmp.glob("mkdocs_*"))  # where MkDocs serves the site from
    # stopped with SIGTERM: the served folder is removed as after Ctrl-C
    assert not list(site.tmp.glob("mkdocs_*")), site.log()[-2000:]


def test_a_build_still_fails_on_the_same_problems(project: Callable[..., Path], tmp_path: Path) -> None:
    from tests.sites import mkdocs_build

    root = project()
    seed = next((root / "content/briefings").glob("*.md"))
    seed.write_text(seed.read_text().replace(*BROKEN, 1))
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 1
    assert PROBLEM.search(result.stderr), result.stderr[-2000:]
    assert "Traceback" not in result.stderr


def test_the_preview_settles_its_memory_once_rebuilds_pause() -> None:
    """After a preview build, and only once the rebuilds pause, what is left alive is moved out of the
    collector's reach (gc.freeze), so the next rebuild does not pay for a full collection; a newer build
    moves that moment on."""
    import gc
    import time

    from generator.plugin import BriefingPlugin

    plugin = BriefingPlugin()
    gc.unfreeze()
    try:
        plugin.settle_later(0.5)
        first = plugin.settle
        plugin.settle_later(0.05)
        assert first is not None and first.finished.is_set() and plugin.settle is not first
        assert gc.get_freeze_count() == 0  # not at once: the reader's page comes first
        deadline = time.monotonic() + 10
        while gc.get_freeze_count() == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
