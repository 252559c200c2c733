"""Pagefind in the browser: the Full-text search page (Pagefind's own UI and its chunked index, all served
by the site itself), and the index of the live preview, written in the background."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from tests.previews import fetch_raw, preview, wait_for

from .helpers import (
    DESKTOP,
    SEED,
    assert_no_errors,
    assert_only_local_requests,
    assert_search_finds,
    new_context,
    open_page,
    search,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

BRIEFING = f"/briefings/{SEED}/"
INPUT = ".pagefind-ui__search-input"
RESULT_PATHS_JS = """() => [...document.querySelectorAll('.pagefind-ui__result-link')]
    .map(a => new URL(a.href).pathname)"""


def test_full_text_search_finds_the_briefing(desktop_page: Page, base_url: str) -> None:
    page = desktop_page
    context = page.context
    page.close()
    page, recorder = open_page(context, base_url + "/search/")
    box = page.locator(INPUT)
    try:
        # The UI script (about 300 KB with its WebAssembly) loads after the page; allow a busy machine.
        box.wait_for(state="visible", timeout=20000)
    except Exception as exc:
        text = page.locator("#pagefind-search").inner_text()
        raise AssertionError(
            f"no Pagefind input: {text!r}; requests {recorder.requests[-10:]}; "
            f"failures {recorder.failures}; console {recorder.console_errors}"
        ) from exc
    box.press_sequentially("Rudenko", delay=25)
    page.wait_for_function(f"() => ({RESULT_PATHS_JS})().includes({BRIEFING!r})", timeout=15000)
    paths: list[str] = page.evaluate(RESULT_PATHS_JS)
    assert BRIEFING in paths, paths
    assert "/people/andrei-rudenko/" in paths, paths
    tags = page.locator(".pagefind-ui__result-tag").all_inner_texts()
    assert tags and not [t for t in tags if t.lower().startswith("name")], tags  # a ranking aid, not shown
    page.locator(f'.pagefind-ui__result-link[href$="{BRIEFING}"]').first.click()
    page.wait_for_url(f"**{BRIEFING}")
    assert any("/pagefind/" in url and url.endswith(".pf_fragment") for url in recorder.requests)
    assert_only_local_requests(recorder, "the search page")
    assert_no_errors(recorder, "the search page")


@pytest.mark.slow
def test_the_preview_indexes_in_the_background(browser: Browser, project: Callable[..., Path], tmp_path: Path) -> None:
    """Under `briefing serve` the build does not wait for Pagefind: the index follows it, and a new word
    in a briefing becomes searchable once the preview has rebuilt and indexed again."""
    root = project()
    seed = next((root / "content/briefings").glob("*.md"))
    with preview(root, tmp_path / "serve.log") as site:
        assert wait_for(lambda: fetch_raw(site.base + "/pagefind/pagefind-entry.json").startswith("{"), 120), (
            site.log()[-3000:]
        )
        log = site.log()
        assert log.index("Documentation built") < log.index("briefing: the search index is up to date"), log
        context = new_context(browser, DESKTOP)
        try:
            page, recorder = open_page(context, site.base + "/", settle=False)
            briefing = urlsplit(site.base).path + BRIEFING  # the preview serves the site under its base path
            assert_search_finds(page, "treaties", [briefing], within=5.0)
            page.close()  # the preview would reload it

            reloads = site.log().count("Reloading browsers")
            seed.write_text(seed.read_text().replace("For a decade Iran", "For a decade of zeppelins, Iran", 1))
            assert wait_for(lambda: site.log().count("Reloading browsers") > reloads, 90), site.log()[-3000:]

            def found() -> bool:  # in a fresh page each time: one that loaded the previous index keeps it
                fresh = context.new_page()
                try:
                    fresh.goto(site.base + "/")
                    return search(fresh, "zeppelin", [briefing], result_timeout=5.0).found
                finally:
                    fresh.close()

            assert wait_for(found, 120), site.log()[-3000:]
            assert site.log().count("briefing: the search index is up to date") >= 2
        finally:
            context.close()
        assert_only_local_requests(recorder, "the preview's search")
