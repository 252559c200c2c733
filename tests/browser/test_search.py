"""Search from the header search box, as a reader does: Material's built-in (lunr) search."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from .helpers import DESKTOP, PAGES, SEED, assert_search_finds, new_context

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

BRIEFING = f"/briefings/{SEED}/"
PERSON = PAGES["person"]
IRAN = PAGES["country"]

# Each query, and the pages it must list within a second of the last keystroke.
QUERIES = {
    "person": ("Rudenko", [BRIEFING, PERSON]),
    "policy-name": ("Look East", [BRIEFING]),
    "country-alias": ("Persia", [IRAN]),
    "iso-code": ("IRN", [IRAN]),
    "quoted-phrase": ('"old argument inside Iran"', [BRIEFING]),
}


@pytest.fixture(scope="module")
def home(browser: Browser, base_url: str) -> Iterator[Page]:
    """The home page, shared by the queries below (each clears the previous one first)."""
    context = new_context(browser, DESKTOP)
    page = context.new_page()
    page.goto(base_url + "/")
    yield page
    context.close()


@pytest.mark.parametrize(("query", "expected"), QUERIES.values(), ids=QUERIES.keys())
def test_search_lists_the_pages(home: Page, query: str, expected: list[str]) -> None:
    outcome = assert_search_finds(home, query, expected, within=1.0)
    assert outcome.ready, "the search index had not loaded before typing"


def test_search_quoted_phrase_with_stop_words(home: Page) -> None:
    assert_search_finds(home, '"pressure from Washington"', [BRIEFING])


def test_search_from_a_deep_page(desktop_page: Page, base_url: str) -> None:
    """The search box works from a page two levels down, with result links resolved from there."""
    desktop_page.goto(base_url + PAGES["relationship"])
    assert_search_finds(desktop_page, "Rudenko", [PERSON])
    desktop_page.locator(f'.md-search-result__item a[href*="{PERSON.strip("/")}/"]').first.click()
    desktop_page.wait_for_url(f"**{PERSON}*")
    assert desktop_page.title().startswith("Andrei Rudenko")
