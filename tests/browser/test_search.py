"""The header search, as a reader uses it: Material's search box on the site's Pagefind index
(docs/javascripts/header-search.js), with filters, Material's keys, and a light download."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .conftest import SCREENSHOTS
from .helpers import (
    DESKTOP,
    INFLECTED,
    MOBILE,
    PAGES,
    RESULT_KINDS_JS,
    RESULT_PATHS_JS,
    SEARCH_INPUT,
    SEARCH_LINKS,
    SEARCH_META,
    SEARCH_OPEN_JS,
    SEARCH_SETTLED_JS,
    SEED,
    Recorder,
    Transfer,
    assert_no_errors,
    assert_only_local_requests,
    assert_search_finds,
    axe_violations,
    describe_violations,
    new_context,
    open_search,
    search,
    serve_compressed,
)
from .sitebuild import serve

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

BRIEFING = f"/briefings/{SEED}/"
PERSON = PAGES["person"]
IRAN = PAGES["country"]
KINDS = {"Briefing", "Country", "Relationship", "Person", "Organization", "Topic", "Page"}
BUDGET = 300_000  # bytes a reader downloads from opening the home page to the first results

# Each query, and the pages it must list within a second of the last keystroke.
QUERIES = {
    "person": ("Rudenko", [BRIEFING, PERSON]),
    "policy-name": ("Look East", [BRIEFING]),
    "country-alias": ("Persia", [IRAN]),
    "iso-code": ("IRN", [IRAN]),
    "quoted-phrase": ('"old argument inside Iran"', [BRIEFING]),
    "quoted-phrase-with-stop-words": ('"pressure from Washington"', [BRIEFING]),
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


@pytest.mark.parametrize("word", INFLECTED)
def test_another_form_of_a_word_finds_the_briefing(home: Page, word: str) -> None:
    """Plurals and past tenses of ordinary words the briefing uses in another form (INFLECTED)."""
    assert_search_finds(home, word, [BRIEFING])


def test_a_word_on_no_page_finds_nothing(home: Page) -> None:
    outcome = search(home, "drones", [])
    assert outcome.paths == [] and outcome.meta == "No matching documents", outcome


def test_a_quoted_phrase_is_matched_exactly(home: Page) -> None:
    assert_search_finds(home, "Washington pressure", [BRIEFING])  # both words, apart
    outcome = search(home, '"Washington pressure"', [])
    assert BRIEFING not in outcome.paths, outcome


def test_results_say_their_kind_and_show_the_matches(home: Page) -> None:
    assert_search_finds(home, "Rudenko", [BRIEFING, PERSON])
    paths: list[str] = home.evaluate(RESULT_PATHS_JS)
    kinds: list[str] = home.evaluate(RESULT_KINDS_JS)
    assert len(kinds) == len(paths) and set(kinds) <= KINDS, kinds
    assert kinds[paths.index(PERSON)] == "Person" and kinds[paths.index(BRIEFING)] == "Briefing"
    marks = home.locator(".md-search-result__item p mark").all_inner_texts()
    assert marks and all("rudenko" in m.lower() for m in marks), marks  # docs name his file: andrei-rudenko.md
    for path in (PERSON, BRIEFING):
        marks = home.locator(f'.md-search-result__item:has(a[href="{path}"]) p mark').all_inner_texts()
        assert marks and all(m.strip(".,;:").lower() == "rudenko" for m in marks), (path, marks)
    assert home.locator(SEARCH_META).inner_text().endswith("matching documents")


def choose(page: Page, name: str, value: str, query: str) -> list[str]:
    """Choose a filter value and wait for the results of the same query with it."""
    page.locator(f'select[data-briefing-filter="{name}"]').select_option(value)
    page.wait_for_function(SEARCH_SETTLED_JS, arg=query)
    paths: list[str] = page.evaluate(RESULT_PATHS_JS)
    return paths


def test_the_kind_filter(desktop_page: Page, base_url: str) -> None:
    page = desktop_page
    page.goto(base_url + "/")
    assert_search_finds(page, "Iran", [BRIEFING, IRAN])
    everything = page.locator(SEARCH_META).inner_text()
    paths = choose(page, "kind", "Country", "Iran")
    assert page.locator(SEARCH_META).inner_text() != everything
    assert IRAN in paths and BRIEFING not in paths, paths
    assert set(page.evaluate(RESULT_KINDS_JS)) == {"Country"}
    assert all(p.startswith("/countries/") for p in paths), paths


def test_the_country_and_topic_filters(desktop_page: Page, base_url: str) -> None:
    page = desktop_page
    page.goto(base_url + "/")
    assert_search_finds(page, "Iran", [BRIEFING])
    more = page.locator(".briefing-search-filters__more")
    more.click()
    assert more.get_attribute("aria-expanded") == "true"
    topic = page.locator('select[data-briefing-filter="topic"]')
    page.wait_for_function("() => document.querySelector('select[data-briefing-filter=\"topic\"]').length > 1")
    assert "Sanctions" in [o.split(" (")[0] for o in topic.locator("option").all_inner_texts()]
    # the Sanctions topic page does not say "Iran" itself: only the briefing filed under it is listed
    assert choose(page, "topic", "Sanctions", "Iran") == [BRIEFING]
    choose(page, "topic", "", "Iran")
    assert choose(page, "country", "Oman", "Iran") == [BRIEFING]  # the profiles of Iran and Oman are not filed
    # under Oman and Iran both; a pair one briefing covers is not a result of its own (the next test's is)
    page.locator('select[data-briefing-filter="kind"]').select_option("Relationship")
    assert choose(page, "country", "Oman", "Iran") == []


def test_a_pair_two_briefings_cover_is_found_and_filtered(desktop_page: Page, pair_site: Path) -> None:
    """Once a second briefing covers Iran and Oman, their pair's page is a result for the two names, and the
    only one of the kind Relationship filed under Oman."""
    page = desktop_page
    with serve(pair_site) as url:
        page.goto(url + "/")
        assert_search_finds(page, "Iran Oman", ["/relations/iran--oman/"])
        more = page.locator(".briefing-search-filters__more")
        more.click()
        page.wait_for_function("() => document.querySelector('select[data-briefing-filter=\"country\"]').length > 1")
        page.locator('select[data-briefing-filter="kind"]').select_option("Relationship")
        assert choose(page, "country", "Oman", "Iran Oman") == ["/relations/iran--oman/"]


def test_a_name_lists_its_own_page_first(home: Page) -> None:
    """A page that shows one thing comes first for its names: the profile for the country's other name
    and code, the person's page, the organization's, the topic's."""
    for query, first in (
        ("Iran", IRAN),  # before the briefing, which says "Iran" forty times
        ("Russia", "/countries/russia/"),
        ("Persia", IRAN),
        ("IRN", IRAN),
        ("Rudenko", PERSON),
        ("Duma", "/organizations/state-duma/"),
        ("sanctions", "/topics/sanctions/"),
    ):
        outcome = assert_search_finds(home, query, [first])
        assert outcome.paths[0] == first, outcome
    outcome = assert_search_finds(home, "Iran Russia", [BRIEFING])
    assert PAGES["relationship"] not in outcome.paths, outcome  # one briefing covers the pair: it is the result


def test_an_ordinary_word_finds_the_briefing_not_the_lists(home: Page) -> None:
    """A word of a briefing's summary or event lines lists the briefing, not the profiles, pair pages,
    topics and timelines that list the briefing (they used to repeat its text in the index)."""
    for word in ("ratified", "reopened", "militarily"):
        outcome = assert_search_finds(home, word, [BRIEFING])
        assert outcome.paths == [BRIEFING], outcome


def test_the_keys_of_material_search(desktop_page: Page, base_url: str) -> None:
    """ "s", "/" or "f" opens the search, Up and Down move through the results, Enter opens the
    selected one, Escape closes it."""
    page = desktop_page
    page.goto(base_url + PAGES["topic"])
    box = page.locator(SEARCH_INPUT)
    page.keyboard.press("s")
    assert box.evaluate("el => el === document.activeElement") and page.evaluate(SEARCH_OPEN_JS)
    assert box.input_value() == "", "the key that opened the search is not typed into it"
    box.press_sequentially("Rudenko", delay=25)
    page.wait_for_function(SEARCH_SETTLED_JS, arg="Rudenko")
    hrefs = [a.get_attribute("href") for a in page.locator(SEARCH_LINKS).all()]
    assert len(hrefs) >= 3, hrefs
    focused_href = "() => document.activeElement.getAttribute('href')"
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focused_href) == hrefs[0]
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert page.evaluate(focused_href) == hrefs[1]
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{hrefs[1]}")
    page.wait_for_load_state("load")
    for key in ("f", "/"):
        page.keyboard.press(key)
        assert page.evaluate(SEARCH_OPEN_JS), key
        assert box.evaluate("el => el === document.activeElement"), key
        page.keyboard.press("Escape")
        assert not page.evaluate(SEARCH_OPEN_JS), key
        assert not box.evaluate("el => el === document.activeElement"), key
    # Enter in the box opens the first result
    open_search(page)
    box.press_sequentially("Persia", delay=25)
    page.wait_for_function(SEARCH_SETTLED_JS, arg="Persia")
    box.press("Enter")
    page.wait_for_url(f"**{IRAN}")


def test_search_from_a_deep_page(desktop_page: Page, base_url: str) -> None:
    """The search box works from a page two levels down, with result links resolved from there."""
    page = desktop_page
    page.goto(base_url + PAGES["relationship"])
    assert_search_finds(page, "Rudenko", [PERSON, BRIEFING])
    for href in [a.get_attribute("href") or "" for a in page.locator(SEARCH_LINKS).all()]:
        assert href.startswith("/") and href.endswith("/"), href
    page.locator(f'{SEARCH_LINKS}[href="{PERSON}"]').click()
    page.wait_for_url(f"**{PERSON}")
    assert page.title().startswith("Andrei Rudenko")


def test_pagefind_loads_only_when_the_reader_searches(browser: Browser, base_url: str) -> None:
    context = new_context(browser, DESKTOP)
    try:
        page = context.new_page()
        recorder = Recorder().attach(page)
        page.goto(base_url + PAGES["briefing"], wait_until="networkidle")
        searching = [u for u in recorder.requests if "/pagefind/" in u or "search_index" in u or "/workers/" in u]
        assert not searching, searching
        page.locator(SEARCH_INPUT).focus()
        page.wait_for_function("() => document.querySelector('[data-briefing-search]').dataset.index === 'ready'")
        assert any(u.endswith("/pagefind/pagefind.js") for u in recorder.requests), recorder.requests
        assert_search_finds(page, "treaties", [BRIEFING])
        assert_only_local_requests(recorder, "the header search")
        assert_no_errors(recorder, "the header search")
    finally:
        context.close()


def test_without_javascript_there_is_no_search_box(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + PAGES["briefing"])
        assert not page.locator(SEARCH_INPUT).is_visible()
        assert not page.locator('label.md-header__button[for="__search"]').is_visible()
        assert page.locator("article h1").first.is_visible()
    finally:
        context.close()


def test_bytes_downloaded_until_the_first_results(browser: Browser, site_dir: Path) -> None:
    """From opening the home page to the first page of results, on a host that compresses text as
    GitHub Pages does: prints every download and asserts the total stays within BUDGET."""
    with serve_compressed(site_dir) as url:
        context = new_context(browser, DESKTOP)
        try:
            page = context.new_page()
            transfer = Transfer().attach(page)
            page.goto(url + "/", wait_until="networkidle")
            before = transfer.total()
            assert not [u for u in transfer.wire if "/pagefind/" in u], "Pagefind loaded with the page"
            assert_search_finds(page, "treaties", [BRIEFING], within=5.0)
            page.wait_for_load_state("networkidle")
            total = transfer.total()
        finally:
            context.close()
    print(f"\nbytes on the wire (and on disk), home page to first results:\n{transfer.report(site_dir)}")
    print(f"home page: {before:,} bytes; search: {total - before:,} bytes; total: {total:,} bytes")
    assert any("/pagefind/fragment/" in u for u in transfer.wire)
    assert total <= BUDGET, f"{total:,} bytes before the first results (budget {BUDGET:,}):\n{transfer.report()}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", ["desktop", "mobile"])
def test_the_open_search_looks_right(browser: Browser, base_url: str, device: str, scheme: str) -> None:
    """Screenshots of the open search with results (test-output/screenshots/search-*.png), and axe's
    serious and critical findings on it, in both palettes, on a desktop and a phone."""
    viewport = DESKTOP if device == "desktop" else MOBILE
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(base_url + PAGES["briefing"])
        if device == "mobile":
            page.locator('label.md-header__button[for="__search"]').click()  # the magnifier
            page.wait_for_function("() => document.activeElement.matches('input.md-search__input')")
        else:
            open_search(page)
        page.locator(SEARCH_INPUT).press_sequentially("sanctioned", delay=25)
        page.wait_for_function(SEARCH_SETTLED_JS, arg="sanctioned")
        assert page.locator(SEARCH_LINKS).first.is_visible()
        page.wait_for_timeout(500)  # Material fades the results in
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"search-{device}-{scheme}.png"))
        violations = axe_violations(page, within=".md-search")
        assert not violations, describe_violations(violations)
    finally:
        context.close()
