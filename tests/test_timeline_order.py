"""The timeline order: an event sits where it starts, at the precision its date gives; what is known
only to a month, season, year, decade or century comes after what is dated more precisely inside it,
and each period lists the events known only to the period last, under their own heading."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.content.dates import parse_date
from generator.content.entities import EventItem
from generator.graph.timeline import group
from tests.sites import briefing_cli, make_project

# (earlier, later, why): each pair must come in this order, whatever the order they are given in.
BEFORE = [
    ("2025-01-17", "2025", "a day before the year it is in"),
    ("2025-12-31", "2025", "the last day of a year before the year"),
    ("2025-12", "2025", "the last month of a year before the year"),
    ("2025-04-30", "2025-04", "the days of a month before the month"),
    ("2025-04-01", "2025-04", "the first day of a month before the month"),
    ("2025-04", "2025-05-01", "a month before the days of the next month"),
    ("2025-04", "2025-21", "a month of a season before the season"),
    ("2025-05-31", "2025-21", "the last day of spring before spring"),
    ("2025-21", "2025-06-01", "a season before the days after it"),
    ("2025-21", "2025", "a season before its year"),
    ("2025-24", "2025", "winter (December, as EDTF bounds it) before its year"),
    ("2025-03-10", "2025-03-10/2025-03-20", "a day before a range that starts on it"),
    ("2025-03-10/2025-03-20", "2025-03-11", "a range starting on a day before the next day"),
    ("2025-04-XX", "2025-05", "a month whose day is unspecified is that month"),
    ("2025-XX", "2026-01-01", "a year whose month is unspecified is that year"),
    ("2025-04~", "2025", "an approximate month before its year"),
    ("1945", "194X", "a year before the decade it is in"),
    ("1949-12-31", "194X", "the last day of a decade before the decade"),
    ("194X", "1950", "a decade before the next year"),
    ("189X", "18XX", "a decade before its century"),
    ("1899", "18XX", "a year before its century"),
    ("18XX", "1900-01-01", "a century before the next day"),
    ("1905", "1905/1911", "a year before a range that starts in it, the shorter first"),
    ("1905-06-01", "1905/1911", "a range starting in a year sits where that year does"),
    ("1905/1911", "1906", "a range sits where it starts, not where it ends"),
    ("1905/1911", "1905/1920", "of two ranges starting together, the shorter first"),
    ("2010", "2010/..", "an open range after the year it starts in"),
    ("2010/..", "2011-01-01", "an open range sits where it starts"),
    ("1990", "../1990", "a range open at its start sits where it ends, after what it contains"),
    ("../1990", "1991", "a range open at its start before what follows its end"),
]


@pytest.mark.parametrize(("earlier", "later", "why"), BEFORE, ids=[why for _, _, why in BEFORE])
def test_timeline_order(earlier: str, later: str, why: str) -> None:
    a, b = parse_date(earlier), parse_date(later)
    assert a.sort_key < b.sort_key, why
    assert sorted([b, a], key=lambda d: d.sort_key) == [a, b]


SAMPLE = sorted(
    {d for pair in BEFORE for d in pair[:2]}
    | {"2025-01", "2025-06", "2025-22", "2025-23", "2024", "202X", "20XX", "19XX", "1940", "1907"}
)


def inside(a: str, b: str) -> bool:
    """a's interval lies within b's, and is shorter."""
    x, y = parse_date(a), parse_date(b)
    hi, top = x.upper or x.lower.max, y.upper or y.lower.max
    return y.lower <= x.lower and hi <= top and (x.lower, hi) != (y.lower, top)


@pytest.mark.parametrize(("a", "b"), [(a, b) for a, b in itertools.permutations(SAMPLE, 2) if inside(a, b)])
def test_an_event_comes_after_what_it_contains_when_its_start_is_no_more_precise(a: str, b: str) -> None:
    """The rule the order keeps: an event comes after every event inside it that starts in the same unit
    of its own precision (for single dates: after everything inside it)."""
    x, y = parse_date(a), parse_date(b)
    if y.unit[0] <= x.unit[0] and x.unit[1] <= y.unit[1]:
        assert x.sort_key < y.sort_key


@given(st.lists(st.sampled_from(SAMPLE), max_size=30), st.randoms())
def test_the_order_does_not_depend_on_the_input_order(dates: list[str], rnd: object) -> None:
    once = sorted(dates, key=lambda d: parse_date(d).sort_key)
    shuffled = list(dates)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert sorted(shuffled, key=lambda d: parse_date(d).sort_key) == once


def event(date: str, n: int, title: str = "") -> EventItem:
    return EventItem("b", n, parse_date(date), title or date, {})


def sections(dates: list[str]) -> list[tuple[str, list[str]]]:
    events = sorted((event(d, n) for n, d in enumerate(dates)), key=lambda e: e.sort_key)
    return [(heading, [e.date.edtf for e in evs]) for p in group(events) for heading, evs in p.sections]


def test_year_only_events_follow_the_dated_ones_under_their_own_heading() -> None:
    assert sections(["2025", "2025-01-17", "2025-21", "2025-XX", "2026-02"]) == [
        ("2025", ["2025-01-17", "2025-21"]),
        ("2025, date not given", ["2025", "2025-XX"]),
        ("2026", ["2026-02"]),
    ]


def test_decade_and_century_only_events_follow_their_years() -> None:
    assert sections(["194X", "1945", "1941-03", "18XX", "1895", "189X", "1870-05-02", "1950"]) == [
        ("1870s", ["1870-05-02"]),
        ("1890s", ["1895"]),
        ("1890s, year not given", ["189X"]),
        ("19th century", ["18XX"]),  # alone in its period: the label says all
        ("1941", ["1941-03"]),
        ("1945", ["1945"]),
        ("1940s", ["194X"]),
        ("1950", ["1950"]),
    ]


def test_ranges_are_in_the_period_where_they_start() -> None:
    assert sections(["1905/1911", "1905-03-01", "1906", "2010/..", "2010-05-01", "../1990"]) == [
        ("1905", ["1905-03-01"]),
        ("1905, date not given", ["1905/1911"]),
        ("1906", ["1906"]),
        ("1990", ["../1990"]),
        ("2010", ["2010-05-01"]),
        ("2010, date not given", ["2010/.."]),
    ]


def test_every_event_is_in_exactly_one_section_in_timeline_order() -> None:
    events = sorted((event(d, n) for n, d in enumerate(SAMPLE * 2)), key=lambda e: e.sort_key)
    listed = [e for p in group(events) for _, evs in p.sections for e in evs]
    assert listed == events


TREATY = """---
title: "A treaty is signed"
date: 2025-01-20
dek: "Two countries sign a treaty that enters into force later in the year."
sources:
  - publisher: Example
    url: "https://news.test/treaty"
    published: 2025-01-20
countries: [iran, russia]
events:
  - date: "2025"
    title: "The treaty enters into force"
    countries: [iran, russia]
  - date: 2025-01-17
    title: "The treaty is signed on 17 January 2025"
    countries: [iran, russia]
---

The treaty was signed; it enters into force later this year.
"""


def test_the_timeline_page_lists_the_signing_before_the_year_only_event(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (project / "content" / "briefings" / "2025-01-20-a-treaty-is-signed.md").write_text(TREATY, encoding="utf-8")
    out = tmp_path / "out"
    result = briefing_cli("--root", str(project), "generate", "--out", str(out))
    assert result.exit_code == 0, result.output
    for page in ("timeline.md", "briefings/2025-01-20-a-treaty-is-signed.md", "relations/iran--russia.md"):
        text = (out / page).read_text(encoding="utf-8")
        signed = text.index("The treaty is signed on 17 January 2025")
        heading = text.index(">2025, date not given<")
        in_force = text.index("The treaty enters into force")
        assert signed < heading < in_force, page
        assert '<time datetime="2025">2025</time> — <strong>The treaty enters into force' in text, page
