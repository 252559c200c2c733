"""The Full-text search page: Pagefind's UI and its chunked index, all served by the site itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .helpers import SEED, assert_no_errors, assert_only_local_requests, open_page

if TYPE_CHECKING:
    from playwright.sync_api import Page

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
    page.locator(f'.pagefind-ui__result-link[href$="{BRIEFING}"]').first.click()
    page.wait_for_url(f"**{BRIEFING}")
    assert any("/pagefind/" in url and url.endswith(".pf_fragment") for url in recorder.requests)
    assert_only_local_requests(recorder, "the search page")
    assert_no_errors(recorder, "the search page")
