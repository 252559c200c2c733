"""Session fixtures of the browser suite: the seed fixture's site, one local server, one Chromium.

Without /usr/bin/chromium the suite is skipped, unless BRIEFING_REQUIRE_BROWSER=1 (CI), where
that is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import pytest

from tests.sites import OUTPUT

from .helpers import CHROMIUM, CHROMIUM_ARGS, DESKTOP, MOBILE, PAGES, Recorder, axe_violations, new_context, open_page
from .sitebuild import serve

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

SCREENSHOTS = OUTPUT / "screenshots"
DEVICES = {"desktop": DESKTOP, "mobile": MOBILE}


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("BRIEFING_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and BRIEFING_REQUIRE_BROWSER=1 requires the browser tests", pytrace=False)
    pytest.skip(f"{reason}: browser tests skipped (set BRIEFING_REQUIRE_BROWSER=1 to make this an error)")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        _unavailable(f"{CHROMIUM} is missing (install Debian's chromium package)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright Python package is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site_dir(seed_site: Path) -> Path:
    """The seed fixture's site: the pages and searches below are those of its known content."""
    return seed_site


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    with serve(site_dir) as url:
        yield url


def _page(browser: Browser, viewport: dict[str, int]) -> Iterator[Page]:
    context = new_context(browser, viewport)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def desktop_page(browser: Browser) -> Iterator[Page]:
    """A page in a fresh 1280x900 context of its own."""
    yield from _page(browser, DESKTOP)


@pytest.fixture
def mobile_page(browser: Browser) -> Iterator[Page]:
    """A page in a fresh 390x844 context of its own."""
    yield from _page(browser, MOBILE)


@dataclass(frozen=True)
class Visit:
    """One page type loaded once: what it requested and logged, what axe found, its screenshot."""

    name: str
    device: str
    url: str
    title: str
    recorder: Recorder  # complete on desktop, where the page is left to settle
    violations: list[dict[str, Any]] | None  # serious and critical; desktop only
    screenshot: Path


class Visits:
    """Loads each (page type, device) once per session; privacy, error, axe and screenshot tests share it."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.browser, self.base_url = browser, base_url
        self.contexts: dict[str, BrowserContext] = {}
        self.cache: dict[tuple[str, str], Visit] = {}

    def get(self, name: str, device: str = "desktop") -> Visit:
        key = (name, device)
        if key not in self.cache:
            self.cache[key] = self._visit(name, device)
        return self.cache[key]

    def _visit(self, name: str, device: str) -> Visit:
        if device not in self.contexts:
            self.contexts[device] = new_context(self.browser, DEVICES[device])
        url = self.base_url + PAGES[name]
        page, recorder = open_page(self.contexts[device], url, settle=device == "desktop")
        try:
            snapshot = Recorder(list(recorder.requests), list(recorder.console_errors), list(recorder.failures))
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            shot = SCREENSHOTS / f"{name}-{device}.png"
            page.screenshot(path=str(shot), full_page=True)
            violations = axe_violations(page) if device == "desktop" else None
            return Visit(name, device, url, page.title(), snapshot, violations, shot)
        finally:
            page.close()

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()


@pytest.fixture(scope="session")
def visits(browser: Browser, base_url: str) -> Iterator[Visits]:
    cache = Visits(browser, base_url)
    yield cache
    cache.close()
