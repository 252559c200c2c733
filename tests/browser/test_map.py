"""The world maps in a browser: a click on a country opens its page, nothing is fetched from elsewhere,
nothing fails, axe finds nothing serious, and screenshots of both palettes on desktop and phone."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .conftest import DEVICES, SCREENSHOTS
from .helpers import (
    PAGES,
    assert_no_errors,
    assert_only_local_requests,
    axe_violations,
    colour_scheme,
    describe_violations,
    new_context,
    open_page,
    toggle_palette,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

MAP = "svg.world-map"
MAP_PAGES = ("home", "countries-index", "country", "relationship")


def test_click_on_iran_opens_its_profile(desktop_page: Page, base_url: str) -> None:
    page = desktop_page
    page.goto(base_url + PAGES["home"])
    iran = page.locator(f'{MAP} a[href="countries/iran/"]')
    assert iran.count() == 1, "the home map has no link to Iran's profile"
    assert iran.get_attribute("aria-label", timeout=2000) == "Iran: 1 briefing"
    iran.click()
    page.wait_for_url("**/countries/iran/")
    assert "Iran" in page.locator("h1").first.inner_text()
    assert page.locator(f"{MAP} .map-here").count() == 1, "the profile has no locator map with Iran on it"


@pytest.mark.parametrize("name", MAP_PAGES)
def test_map_pages_are_local_clean_and_accessible(browser: Browser, base_url: str, name: str) -> None:
    context = new_context(browser, DEVICES["desktop"])
    try:
        page, recorder = open_page(context, base_url + PAGES[name])
        assert page.locator(MAP).count() == 1, f"{name} has no map"
        assert page.locator("figure.map figcaption").inner_text().count("de facto") == 1
        assert_only_local_requests(recorder, name)
        assert_no_errors(recorder, name)
        violations = axe_violations(page)
        assert not violations, describe_violations(violations)
    finally:
        context.close()


def _shoot(page: Page, name: str, device: str, scheme: str) -> None:
    """The whole page, and the map's figure alone (its details at their real size)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"map-{name}-{device}-{scheme}.png"), full_page=True)
    page.locator("figure.map").first.screenshot(path=str(SCREENSHOTS / f"map-{name}-{device}-{scheme}-figure.png"))


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("name", ("home", "country", "relationship"))
def test_map_screenshots(browser: Browser, base_url: str, name: str, device: str) -> None:
    context = new_context(browser, DEVICES[device])
    try:
        page, recorder = open_page(context, base_url + PAGES[name])
        box = page.locator(MAP).bounding_box()
        assert box is not None and 0 < box["width"] <= DEVICES[device]["width"], f"the map overflows: {box}"
        _shoot(page, name, device, "light")
        toggle_palette(page)
        assert colour_scheme(page) == "slate"
        _shoot(page, name, device, "dark")
        assert_no_errors(recorder, name)
    finally:
        context.close()
