"""Every address the site has, table-driven (like Quartz's path.test.ts): one row per rule."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from generator import urls

ADDRESSES: list[tuple[Callable[..., Any], tuple[Any, ...], Any]] = [
    (urls.page, ("briefing", "2026-02-27-iran-rethinks"), "briefings/2026-02-27-iran-rethinks.md"),
    (urls.page, ("country", "iran"), "countries/iran.md"),
    (urls.page, ("person", "andrei-rudenko"), "people/andrei-rudenko.md"),
    (urls.page, ("organization", "state-duma"), "organizations/state-duma.md"),
    (urls.page, ("topic", "energy"), "topics/energy.md"),
    (urls.index_page, ("briefing",), "briefings/index.md"),
    (urls.index_page, ("country",), "countries/index.md"),
    (urls.index_page, ("person",), "people/index.md"),
    (urls.index_page, ("organization",), "organizations/index.md"),
    (urls.index_page, ("topic",), "topics/index.md"),
    (urls.pairs_index, (), "relations/index.md"),
    (urls.pair_of, ("russia", "iran"), ("iran", "russia")),
    (urls.pair_of, ("iran", "russia"), ("iran", "russia")),
    (urls.pair_slug, (("iran", "russia"),), "iran--russia"),
    (urls.pair_page, (("iran", "russia"),), "relations/iran--russia.md"),
    (urls.pair_name, ("Iran", "Russia"), "Iran – Russia"),
    (urls.archive_page, ("countries/iran.md", 2025), "countries/iran/2025.md"),
    (urls.archive_page, ("relations/iran--russia.md", 1999), "relations/iran--russia/1999.md"),
    (urls.briefings_year, (2026,), "briefings/2026.md"),
    (urls.timeline_period, ("19th-century",), "timeline/19th-century.md"),
    (urls.event_anchor, (0,), "event-1"),
    (urls.event_page, ("b", 2), "briefings/b.md#event-3"),
    (urls.feed, ("country", "iran"), "feeds/countries/iran.xml"),
    (urls.pair_feed, (("iran", "russia"),), "feeds/relations/iran--russia.xml"),
    (urls.page_path, ("index.md",), ""),
    (urls.page_path, ("index.md", False), "index.html"),
    (urls.page_path, ("countries/index.md",), "countries/"),
    (urls.page_path, ("countries/index.md", False), "countries/index.html"),
    (urls.page_path, ("countries/iran.md",), "countries/iran/"),
    (urls.page_path, ("countries/iran.md", False), "countries/iran.html"),
    (urls.page_path, ("countries/iran/2025.md",), "countries/iran/2025/"),
    (urls.page_path, ("timeline.md",), "timeline/"),
]


@pytest.mark.parametrize(("rule", "args", "expected"), ADDRESSES, ids=[f"{r.__name__}{a}" for r, a, _ in ADDRESSES])
def test_address(rule: Callable[..., Any], args: tuple[Any, ...], expected: Any) -> None:
    assert rule(*args) == expected


RELATIVE = [
    ("index.md", "countries/iran.md", "countries/iran.md"),
    ("countries/iran.md", "countries/russia.md", "russia.md"),
    ("countries/iran.md", "people/andrei-rudenko.md", "../people/andrei-rudenko.md"),
    ("countries/iran/2025.md", "countries/iran.md", "../iran.md"),
    ("countries/iran/2025.md", "briefings/b.md#event-1", "../../briefings/b.md#event-1"),
    ("briefings/b.md", "briefings/b.md#event-2", "#event-2"),
    ("briefings/b.md", "briefings/b.md", "b.md"),
    ("timeline/1940s.md", "timeline.md", "../timeline.md"),
    ("countries/index.md", "index.md", "../index.md"),
]


@pytest.mark.parametrize(("here", "target", "expected"), RELATIVE)
def test_relative(here: str, target: str, expected: str) -> None:
    assert urls.relative(here, target) == expected


def test_every_kind_has_its_own_folder_and_index() -> None:
    from generator.kinds import all_kinds

    pages = [urls.index_page(row.kind) for row in all_kinds()]
    assert len(set(pages)) == len(pages)
    assert urls.index_pages([row.kind for row in all_kinds()]) == {
        *pages,
        "index.md",
        "timeline.md",
        "tracker/index.md",
        "relations/index.md",
    }
    with pytest.raises(KeyError):
        urls.page("countrie", "iran")
