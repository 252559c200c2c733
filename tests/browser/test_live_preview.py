"""The live preview in a browser: the page reloads itself under the preview's Content Security Policy,
turns into the list of problems when content breaks, and back when it is fixed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.previews import BROKEN, preview

from .conftest import SCREENSHOTS
from .helpers import DESKTOP, assert_no_errors, assert_only_local_requests, new_context, open_page

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


def text_js(fragment: str) -> str:
    return f"() => document.body && document.body.innerText.includes({fragment!r})"


def test_the_page_reloads_itself_and_shows_problems(
    browser: Browser, project: Callable[..., Path], tmp_path: Path
) -> None:
    root = project()
    seed = next((root / "content/briefings").glob("*.md"))
    with preview(root, tmp_path / "serve.log") as site:
        context = new_context(browser, DESKTOP)
        logs: list[str] = []
        try:
            page, recorder = open_page(context, f"{site.base}/countries/iran/", settle=False)
            page.on("console", lambda message: logs.append(message.text) if isinstance(message, object) else None)
            page.wait_for_function(text_js("Iran rethinks its bet"), timeout=30000)
            page.wait_for_function("() => document.readyState === 'complete'")

            seed.write_text(seed.read_text().replace("Iran rethinks its bet on Russia", "Tehran reweighs Moscow", 1))
            page.wait_for_function(text_js("Tehran reweighs Moscow"), timeout=90000)  # no reload by the test

            seed.write_text(seed.read_text().replace(*BROKEN, 1))
            page.wait_for_function(text_js("unknown country 'irann'"), timeout=90000)
            assert page.locator(".briefing-problems[role=alert] h1").inner_text() == "Content problems"
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "preview-problems-desktop.png"), full_page=True)

            seed.write_text(seed.read_text().replace(BROKEN[1], BROKEN[0], 1))
            page.wait_for_function(text_js("Tehran reweighs Moscow"), timeout=90000)
        finally:
            context.close()
        assert not [e for e in recorder.console_errors if "Content Security Policy" in e], recorder.console_errors
        # a reload cancels the pending long poll of the page it leaves: that is not an error
        assert_no_errors(recorder, "the live preview", ignore=(r"/livereload/\d+/\d+: net::ERR_ABORTED",))
        assert_only_local_requests(recorder, "the live preview")
        assert any("/livereload/" in url for url in recorder.requests)
