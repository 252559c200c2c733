"""The checks fail when the site is broken: the same helpers, run on damaged copies of the build."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .helpers import (
    DESKTOP,
    PAGES,
    SEED,
    Recorder,
    assert_no_errors,
    assert_only_local_requests,
    assert_search_finds,
    new_context,
    open_page,
)
from .sitebuild import serve

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

WEB_FONT = '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'


@pytest.fixture
def site_copy(site_dir: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(site_dir, tmp_path / "site"))


def test_search_check_fails_without_the_search_index(browser: Browser, site_copy: Path) -> None:
    shutil.rmtree(site_copy / "pagefind")
    with serve(site_copy) as url:
        context = new_context(browser, DESKTOP)
        try:
            page = context.new_page()
            recorder = Recorder().attach(page)
            page.goto(url + "/")
            with pytest.raises(AssertionError, match="did not list"):
                assert_search_finds(page, "Rudenko", [f"/briefings/{SEED}/", PAGES["person"]], ready_timeout=2)
            with pytest.raises(AssertionError, match=r"pagefind\.js: HTTP 404"):
                assert_no_errors(recorder, "the site without its search index")
        finally:
            context.close()


def test_inflection_check_fails_on_an_index_without_stemming(browser: Browser, site_copy: Path) -> None:
    """The same site indexed with no language (so no stemmer): a plural the briefing never writes is not
    found, while the word as written still is."""
    from generator.site.pagefind import build_pagefind

    build_pagefind(site_copy, "unknown")
    with serve(site_copy) as url:
        context = new_context(browser, DESKTOP)
        try:
            page = context.new_page()
            page.goto(url + "/")
            assert_search_finds(page, "treaty", [f"/briefings/{SEED}/"])
            with pytest.raises(AssertionError, match="did not list"):
                assert_search_finds(page, "treaties", [f"/briefings/{SEED}/"])
        finally:
            context.close()


# Where the font link goes: first in <head>, before the Content-Security-Policy <meta> (which then
# cannot block it, so the request goes out), or last in <head>, where the CSP blocks it (Chromium
# still reports the attempted request, and logs the violation).
PLACES = {
    "head-start": (r"<head[^>]*>", lambda m: m.group(0) + WEB_FONT),
    "head-end": (r"</head>", lambda m: WEB_FONT + m.group(0)),
}


@pytest.mark.parametrize("place", PLACES)
def test_privacy_check_catches_a_web_font(browser: Browser, site_copy: Path, place: str) -> None:
    page_file = site_copy / PAGES["country"].strip("/") / "index.html"
    pattern, insert = PLACES[place]
    injected, count = re.subn(pattern, insert, page_file.read_text(encoding="utf-8"), count=1)
    assert count == 1
    page_file.write_text(injected, encoding="utf-8")
    with serve(site_copy) as url:
        context = new_context(browser, DESKTOP, block_external=True)  # the request is made, then aborted
        try:
            _, recorder = open_page(context, url + PAGES["country"])
            with pytest.raises(AssertionError, match=r"https://fonts\.googleapis\.com/css\?family=Roboto"):
                assert_only_local_requests(recorder, "the page with a web font")
            with pytest.raises(AssertionError, match=r"fonts\.googleapis\.com"):
                assert_no_errors(recorder, "the page with a web font")  # the request failed or was refused
            # the untouched pages of the same copy still pass
            _, clean = open_page(context, url + PAGES["relationship"])
            assert_only_local_requests(clean, "an untouched page")
        finally:
            context.close()
