"""Flags render as images in headless Chromium, which has no emoji font (an emoji flag showed there as
two letters in boxes): the flag before Iran's name is an image the site served, about as tall as the
text beside it, and the pages that show flags stay private, quiet and accessible. Screenshots of a
profile and a briefing, on desktop and phone, light and dark, go to test-output/screenshots/."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from .conftest import DEVICES, SCREENSHOTS
from .helpers import (
    PAGES,
    Recorder,
    assert_no_errors,
    assert_only_local_requests,
    axe_violations,
    describe_violations,
    open_page,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

pytestmark = pytest.mark.browser

# Where Iran's flag stands on each page: the profile's heading, the briefing's first link to Iran.
IRAN_FLAG = {
    "country": 'h1#iran > img.flag[src$="assets/flags/ir.svg"]',
    "briefing": 'a[href$="countries/iran/"] > img.flag[src$="assets/flags/ir.svg"]',
}
SCHEMES = ("light", "dark")

MEASURE = """img => {
  const parent = img.parentElement, box = img.getBoundingClientRect();
  return {complete: img.complete, naturalWidth: img.naturalWidth, width: box.width, height: box.height,
          fontSize: parseFloat(getComputedStyle(parent).fontSize), alt: img.getAttribute('alt'),
          text: parent.innerText.trim()};
}"""


def loaded(page: Page, flag: Locator) -> dict[str, Any]:
    """The flag's size and state once it has loaded (it is lazy: scrolled to, then waited for)."""
    flag.scroll_into_view_if_needed()
    for _ in range(100):  # polled from here: the page's CSP forbids the eval wait_for_function uses
        state: dict[str, Any] = flag.evaluate(MEASURE)
        if state["complete"]:
            return state
        page.wait_for_timeout(50)
    return state


def check_flag(page: Page, name: str, recorder: Recorder) -> None:
    flag = page.locator(IRAN_FLAG[name]).first
    assert flag.count() == 1, f"no flag image before Iran on the {name} page"
    state = loaded(page, flag)
    assert state["complete"] and state["naturalWidth"] > 0, f"the flag did not load: {state}"
    assert state["alt"] == "" and state["text"].startswith("Iran"), "the name beside it is its label"
    # about the height of the text beside it, in its 4:3 shape
    assert 0.6 * state["fontSize"] <= state["height"] <= 1.0 * state["fontSize"], state
    assert abs(state["width"] / state["height"] - 4 / 3) < 0.1, state
    assert_only_local_requests(recorder, f"the {name} page")
    assert_no_errors(recorder, f"the {name} page")
    assert any(url.endswith("/assets/flags/ir.svg") for url in recorder.requests)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("name", sorted(IRAN_FLAG))
def test_the_flag_is_an_image_that_loaded(browser: Browser, base_url: str, name: str, device: str, scheme: str) -> None:
    context = browser.new_context(viewport=DEVICES[device], color_scheme=scheme)
    try:
        page, recorder = open_page(context, base_url + PAGES[name])
        expected = "slate" if scheme == "dark" else "default"  # Material follows the reader's preference
        assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == expected
        check_flag(page, name, recorder)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.evaluate("() => window.scrollTo(0, 0)")
        page.screenshot(path=str(SCREENSHOTS / f"flags-{name}-{device}-{scheme}.png"), full_page=True)
        if device == "desktop":
            violations = axe_violations(page)
            assert not violations, describe_violations(violations)
    finally:
        context.close()


def test_flags_are_only_images(browser: Browser, base_url: str) -> None:
    """Flags are only ever images the site serves: no emoji stands in for one."""
    context = browser.new_context(viewport=DEVICES["desktop"])
    try:
        page, recorder = open_page(context, base_url + PAGES["country"])
        sources = page.locator("img.flag").evaluate_all("imgs => imgs.map(i => i.getAttribute('src'))")
        assert sources and all(src.endswith(".svg") and "/assets/flags/" in src for src in sources)
        text = page.locator("article").inner_text()
        assert not any(0x1F1E6 <= ord(ch) <= 0x1F1FF for ch in text), "an emoji flag is left"
        assert_no_errors(recorder, "the country page")
    finally:
        context.close()
