"""The stance tracker in Chromium: on the seed site Iran-Russia is strained since February 2026; once an
earlier briefing calls it cooperative, the Tracker's latest month (February 2026) lists it as deteriorated,
and a click reaches the pair page. Each page loads with no request to another host, no console error and
no serious or critical axe violation, in both palettes; screenshots of the tracker (desktop and phone,
light and dark) and of the pair page go to test-output/screenshots/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .conftest import SCREENSHOTS
from .helpers import (
    DESKTOP,
    MOBILE,
    assert_no_errors,
    assert_only_local_requests,
    axe_violations,
    describe_violations,
    open_page,
)
from .sitebuild import serve

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext

pytestmark = pytest.mark.browser

PAIR = "/relations/iran--russia/"
TRACKER = "/tracker/"
MONTH = "/tracker/2026/02/"
DEVICES = {"desktop": DESKTOP, "phone": MOBILE}


@pytest.fixture(scope="module")
def tracker_url(tracker_site: Path) -> Iterator[str]:
    """The seed fixture plus an earlier briefing calling Iran-Russia cooperative (tests.sites.EARLIER_BRIEFING)."""
    with serve(tracker_site) as url:
        yield url


def context(browser: Browser, device: str, scheme: str) -> BrowserContext:
    return browser.new_context(viewport=DEVICES[device], color_scheme=scheme)  # type: ignore[arg-type]


def test_the_seed_pair_page_says_strained_since_february_2026(browser: Browser, base_url: str) -> None:
    ctx = context(browser, "desktop", "light")
    try:
        page, recorder = open_page(ctx, base_url + PAIR)
        facts = page.locator(".profile-facts")
        assert "strained since February 2026" in " ".join(facts.inner_text().split())
        strip = page.locator(".stance-strip table tbody tr")
        assert strip.count() == 1
        assert " ".join(strip.first.inner_text().split()).startswith("February 2026 strained")
        assert_only_local_requests(recorder, PAIR)
        assert_no_errors(recorder, PAIR)
        tracker, tracker_recorder = open_page(ctx, base_url + TRACKER)
        assert "No stance has changed yet" in tracker.locator("article").inner_text()
        assert_only_local_requests(tracker_recorder, TRACKER)
        assert_no_errors(tracker_recorder, TRACKER)
    finally:
        ctx.close()


def test_an_earlier_cooperative_briefing_makes_february_a_deterioration(browser: Browser, tracker_url: str) -> None:
    ctx = context(browser, "desktop", "light")
    try:
        page, recorder = open_page(ctx, tracker_url + TRACKER)
        summary = " ".join(page.locator(".tracker-summary").inner_text().split())
        assert "February 2026: 1 relation deteriorated." in summary
        rows = page.locator(".tracker-changes table tbody tr")
        assert rows.count() == 1
        row = " ".join(rows.first.inner_text().split())
        assert row.startswith("Iran – Russia") and "deteriorated" in row and "cooperative" in row and "strained" in row
        # the arrow is decoration: what a screen reader gets is the word
        assert rows.first.locator(".stance-arrow").get_attribute("aria-hidden") == "true"
        assert_only_local_requests(recorder, TRACKER)
        assert_no_errors(recorder, TRACKER)

        # the month's archived page
        page.locator(".tracker-months").get_by_role("link", name="February 2026", exact=True).click()
        page.wait_for_url(tracker_url + MONTH)
        assert page.locator(".tracker-changes table tbody tr").count() == 1

        page.locator(".tracker-changes table").get_by_role("link", name="Iran – Russia").click()
        page.wait_for_url(tracker_url + PAIR)
        facts = " ".join(page.locator(".profile-facts").inner_text().split())
        assert "strained since February 2026" in facts
        strip = [" ".join(r.split()) for r in page.locator(".stance-strip table tbody tr").all_inner_texts()]
        assert [r.split(" ", 3)[:3] for r in strip] == [
            ["December", "2025", "cooperative"],
            ["February", "2026", "strained"],
        ]
        assert "deteriorated from cooperative" in strip[1]
    finally:
        ctx.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [TRACKER, MONTH, PAIR])
def test_tracker_pages_are_accessible_and_local(browser: Browser, tracker_url: str, path: str, scheme: str) -> None:
    ctx = context(browser, "desktop", scheme)
    try:
        page, recorder = open_page(ctx, tracker_url + path)
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
        assert_only_local_requests(recorder, path)
        assert_no_errors(recorder, path)
        violations = axe_violations(page)
        assert not violations, f"{path} ({scheme}):\n{describe_violations(violations)}"
    finally:
        ctx.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize(("name", "path"), [("tracker", TRACKER), ("tracker-pair", PAIR)])
def test_screenshots(browser: Browser, tracker_url: str, name: str, path: str, device: str, scheme: str) -> None:
    ctx = context(browser, device, scheme)
    try:
        page, recorder = open_page(ctx, tracker_url + path)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shot = SCREENSHOTS / f"{name}-{device}-{scheme}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        # nothing runs wider than a phone's screen: no sideways scrolling
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= DEVICES[device]["width"], f"{path} is {width}px wide on a {device}"
        assert_no_errors(recorder, path)
    finally:
        ctx.close()
