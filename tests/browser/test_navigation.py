"""A reader's path by clicking: home → Iran → Iran–Russia → an event's source briefing → back."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from .helpers import PAGES, SEED, SEED_TITLE

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def click_through(page: Page, link_name: re.Pattern[str], url_path: str, title: str) -> None:
    page.locator("article.md-content__inner").get_by_role("link", name=link_name).first.click()
    page.wait_for_url(re.compile(re.escape(url_path) + r"(#.*)?$"))
    assert page.title() == title


def test_click_from_home_to_a_source_briefing_and_back(desktop_page: Page, base_url: str) -> None:
    page = desktop_page
    page.goto(base_url + "/")
    assert page.title() == "Home - Briefing"

    click_through(page, re.compile(r"^\W*Iran$"), PAGES["country"], "Iran - Briefing")
    assert "Iran" in page.locator("h1").inner_text()

    click_through(page, re.compile(r"^\W*Iran – \W*Russia$"), PAGES["relationship"], "Iran – Russia - Briefing")

    event = page.locator("ol.timeline > li", has_text="Rudenko tells the Duma")
    event.get_by_role("link", name="source briefing").click()
    page.wait_for_url(re.compile(re.escape(PAGES["briefing"]) + r"#event-\d+$"))
    assert page.title() == f"{SEED_TITLE} - Briefing"
    target = page.locator(":target")
    assert target.count() == 1, "the event anchor matches no element of the briefing"
    assert "Rudenko tells the Duma" in target.inner_text()
    assert target.is_visible()

    edit = page.locator('a.md-content__button[title="Edit this page"]')
    assert edit.count() == 1, "the briefing has no 'Edit this page' link"
    assert (edit.get_attribute("href") or "").endswith(f"content/briefings/{SEED}.md")

    page.go_back()
    page.wait_for_url(re.compile(re.escape(PAGES["relationship"]) + "$"))
    assert page.title() == "Iran – Russia - Briefing"
