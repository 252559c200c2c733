"""A 390x844 phone: no sideways scrolling, and the navigation drawer works."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .helpers import PAGES

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

OVERFLOWING_JS = """() => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .filter(e => !e.closest('.md-typeset__scrollwrap, .md-sidebar, .md-search, [hidden]'))
    .slice(0, 10)
    .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`
        + ` right=${Math.round(e.getBoundingClientRect().right)}`)"""


@pytest.mark.parametrize("name", ["country", "relationship", "timeline"])
def test_no_horizontal_scrolling(mobile_page: Page, base_url: str, name: str) -> None:
    mobile_page.goto(base_url + PAGES[name])
    scroll_width, inner_width = mobile_page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert inner_width == 390
    assert scroll_width <= inner_width, (
        f"{PAGES[name]} is {scroll_width}px wide on a {inner_width}px screen; "
        f"too wide: {mobile_page.evaluate(OVERFLOWING_JS)}"
    )


def test_navigation_drawer_opens_and_its_links_work(mobile_page: Page, base_url: str) -> None:
    from playwright.sync_api import expect

    page = mobile_page
    page.goto(base_url + PAGES["relationship"])
    drawer = page.locator("nav.md-nav--primary")
    countries = drawer.get_by_role("link", name="Countries", exact=True)
    expect(countries).not_to_be_in_viewport()  # the drawer starts off-screen

    page.locator('label[for="__drawer"]').locator("visible=true").first.click()
    expect(countries).to_be_in_viewport()
    assert page.evaluate("document.getElementById('__drawer').checked")

    countries.click()
    page.wait_for_url(f"**{PAGES['countries-index']}")
    assert page.title() == "Countries - Briefing"
    assert page.locator("article.md-content__inner a[href$='iran/']").count() >= 1
