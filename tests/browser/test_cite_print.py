"""Cite, print, the briefing pack and "new since your last visit", in Chromium on the seed fixture's site.

Screenshots (test-output/screenshots/): the briefing page with its citation open, and the print emulation
of the briefing, pair and pack pages, on desktop and phone, in the light and the dark scheme.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import bibtexparser
import pytest
from bibtexparser.bparser import BibTexParser

from .conftest import DEVICES, SCREENSHOTS
from .helpers import (
    PAGES,
    SEED,
    SEED_TITLE,
    assert_no_errors,
    assert_only_local_requests,
    axe_violations,
    describe_violations,
    open_page,
)
from .sitebuild import serve

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

pytestmark = pytest.mark.browser

PACK = "/relations/iran--oman/pack/"  # on the seed fixture with a second briefing (a pack needs two)
PAIR = "/relations/iran--oman/"
SCHEMES = ("light", "dark")
BADGE = ".visit-marks .visit-new"


@pytest.fixture(scope="module")
def pair_url(pair_site: Path) -> Iterator[str]:
    """The seed fixture with tests.sites.SECOND_BRIEFING: Iran and Oman have two briefings, and a pack."""
    with serve(pair_site) as url:
        yield url


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport=DEVICES["desktop"])
    yield ctx
    ctx.close()


def open_cite(page: Page) -> None:
    page.locator("details.cite > summary").click()
    assert page.locator("details.cite").evaluate("d => d.open")


def test_the_citation_bibtex_on_the_page_parses(context: BrowserContext, base_url: str) -> None:
    page, recorder = open_page(context, base_url + PAGES["briefing"])
    open_cite(page)
    assert page.locator("pre.cite-bibtex").is_visible()
    parser = BibTexParser(common_strings=False)
    parser.ignore_nonstandard_types = False
    entries = bibtexparser.loads(page.locator("pre.cite-bibtex").inner_text(), parser=parser).entries
    assert len(entries) == 1
    entry = entries[0]
    assert entry["title"] == SEED_TITLE
    assert entry["date"] == "2026-02-27"
    assert entry["url"].endswith(f"/briefings/{SEED}/")
    assert SEED_TITLE in page.locator(".cite-text").inner_text()
    assert_only_local_requests(recorder, "the briefing page")
    assert_no_errors(recorder, "the briefing page")


@pytest.mark.parametrize("name", ["briefing", "relationship", "country"])
def test_print_hides_the_site_chrome_and_keeps_the_timeline(context: BrowserContext, base_url: str, name: str) -> None:
    page, _ = open_page(context, base_url + PAGES[name], settle=False)
    assert page.locator("header.md-header").is_visible()
    page.emulate_media(media="print")
    for chrome in ("header.md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".crumbs"):
        for element in page.locator(chrome).all():
            assert not element.is_visible(), f"{chrome} prints on the {name} page"
    timeline = page.locator("ol.timeline").first
    assert timeline.is_visible(), f"the {name} page prints no timeline"
    assert page.locator("ol.timeline > li").first.is_visible()
    inside = page.locator("ol.timeline > li").first.evaluate("li => getComputedStyle(li).breakInside")
    assert inside == "avoid", "an event is never split across two pages"
    if name != "briefing":
        assert page.locator(".stance").first.is_visible(), "stance labels print"
    colour = page.locator("article h1").evaluate("h => getComputedStyle(h).color")
    assert colour == "rgb(0, 0, 0)", f"text prints black, not {colour}"


def test_print_shows_outside_link_addresses(context: BrowserContext, base_url: str) -> None:
    page, _ = open_page(context, base_url + PAGES["briefing"], settle=False)
    source = page.locator('.briefing-meta a[href^="http"]').first
    after = "a => getComputedStyle(a, '::after').content"
    assert source.evaluate(after) in ("none", "normal", '""')
    page.emulate_media(media="print")
    assert source.get_attribute("href") in source.evaluate(after)
    internal = page.locator('.briefing-meta a:not([href^="http"])').first
    assert internal.evaluate(after) in ("none", "normal", '""'), "links within the site print no address"
    assert not page.locator("details.cite").is_visible(), "the citation box does not print"


def test_new_since_last_visit(context: BrowserContext, base_url: str) -> None:
    url = base_url + PAGES["country"]
    page, recorder = open_page(context, url)
    assert page.locator(".visit-marks time").count() > 0
    assert page.locator(".visit-new").count() == 0, "the first visit marks nothing"
    key = "briefing:last-visit:" + page.evaluate("location.pathname")
    stored = page.evaluate("k => localStorage.getItem(k)", key)
    assert stored and stored[:4].isdigit(), "the visit is remembered"
    assert page.evaluate("document.cookie") == ""

    # the last visit was before the seed briefing's day: it is new now
    page.evaluate("k => localStorage.setItem(k, '2026-01-01T09:00:00.000Z')", key)
    page.reload()
    badge = page.locator(BADGE)
    assert badge.count() == 1
    assert badge.first.is_visible()
    assert badge.first.inner_text() == "new since your last visit"
    item = page.locator(".visit-marks li", has=page.locator(".visit-new"))
    assert SEED_TITLE in item.inner_text()
    assert page.evaluate("k => localStorage.getItem(k)", key) > "2026-01-01T09:00:00.000Z"

    if dt.datetime.now(dt.UTC).date() > dt.date(2026, 2, 27):  # the clock is past the briefing's day
        page.reload()
        assert page.locator(".visit-new").count() == 0, "once seen, not new again"
    assert_only_local_requests(recorder, "the country page")
    assert_no_errors(recorder, "the country page")


def test_without_script_the_page_is_as_written(browser: Browser, base_url: str) -> None:
    ctx = browser.new_context(viewport=DEVICES["desktop"], java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(base_url + PAGES["country"])
        assert page.locator(".visit-marks li").count() > 0
        assert page.locator(".visit-new").count() == 0
    finally:
        ctx.close()


@pytest.mark.parametrize("which", ["briefing", "pack"])
def test_briefing_and_pack_pages_are_accessible_and_private(
    context: BrowserContext, base_url: str, pair_url: str, which: str
) -> None:
    url = base_url + PAGES["briefing"] if which == "briefing" else pair_url + PACK
    page, recorder = open_page(context, url)
    if page.locator("details.cite").count():
        open_cite(page)
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
    assert_only_local_requests(recorder, url)
    assert_no_errors(recorder, url)


def test_the_pack_page(context: BrowserContext, pair_url: str) -> None:
    page, _ = open_page(context, pair_url + PACK, settle=False)
    text = page.locator("article").inner_text()
    assert SEED_TITLE in text and "Oman keeps the channel" in text
    assert text.index(SEED_TITLE) < text.index("Oman keeps the channel"), "oldest first"
    assert page.locator("ol.timeline").first.is_visible()
    assert page.locator("[data-pagefind-body]").count() == 0, "left out of search"
    page.emulate_media(media="print")
    assert not page.locator("header.md-header").is_visible()
    assert page.locator("ol.timeline").first.is_visible()
    page.emulate_media(media="screen")
    page.locator("article .pack-back a").click()
    page.wait_for_load_state()
    assert page.url.endswith(PAIR)
    page.locator("a.pack-link").click()
    page.wait_for_load_state()
    assert page.url.endswith(PACK)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("device", DEVICES)
def test_screenshots(browser: Browser, base_url: str, pair_url: str, device: str, scheme: str) -> None:
    ctx = browser.new_context(viewport=DEVICES[device], color_scheme=scheme)  # type: ignore[arg-type]
    try:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page, recorder = open_page(ctx, base_url + PAGES["briefing"], settle=False)
        open_cite(page)
        page.locator("details.cite").scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / f"cite-briefing-{device}-{scheme}.png"), full_page=False)
        page.emulate_media(media="print")
        page.screenshot(path=str(SCREENSHOTS / f"print-briefing-{device}-{scheme}.png"), full_page=True)
        for name, url in (("relationship", base_url + PAGES["relationship"]), ("pack", pair_url + PACK)):
            page.goto(url)
            page.screenshot(path=str(SCREENSHOTS / f"print-{name}-{device}-{scheme}.png"), full_page=True)
        page.emulate_media(media="screen")
        page.goto(pair_url + PACK)
        page.screenshot(path=str(SCREENSHOTS / f"pack-{device}-{scheme}.png"), full_page=False)
        # a second visit after a briefing newer than the first: the country page marks it
        page.goto(base_url + PAGES["country"])
        key = "briefing:last-visit:" + page.evaluate("location.pathname")
        page.evaluate("k => localStorage.setItem(k, '2026-01-01T09:00:00.000Z')", key)
        page.reload()
        page.locator(BADGE).first.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / f"new-since-visit-{device}-{scheme}.png"), full_page=False)
        assert_no_errors(recorder, "the screenshot pages", ignore=(r"ERR_ABORTED",))  # loads cut short by goto
    finally:
        ctx.close()
