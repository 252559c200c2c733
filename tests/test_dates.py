import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.content.dates import DateError, parse_date

LABELS = [
    ("2025-04-13", "13 April 2025"),
    ("2025-04", "April 2025"),
    ("2025", "2025"),
    ("2025-21", "spring 2025"),
    ("2025-23", "autumn 2025"),
    ("194X", "1940s"),
    ("18XX", "19th century"),
    ("20XX", "21st century"),
    ("2025-06-13/2025-06-24", "13–24 June 2025"),
    ("2025-05-28/2025-06-03", "28 May – 3 June 2025"),
    ("1905/1911", "1905–1911"),
    ("2025-04~", "c. April 2025"),
    ("2025-04?", "April 2025?"),
    ("2025-04%", "c. April 2025?"),
    ("2010/..", "since 2010"),
    ("../1990", "until 1990"),
    ("2025-04/2025-06", "April–June 2025"),
]


@pytest.mark.parametrize(("edtf", "label"), LABELS)
def test_label_shows_the_real_precision(edtf: str, label: str) -> None:
    assert parse_date(edtf).label == label


def test_bounds_of_a_season_and_a_decade() -> None:
    spring = parse_date("2025-21")
    assert (spring.lower, spring.upper) == (dt.date(2025, 3, 1), dt.date(2025, 5, 31))
    forties = parse_date("194X")
    assert (forties.lower, forties.upper) == (dt.date(1940, 1, 1), dt.date(1949, 12, 31))


def test_events_sort_in_timeline_order() -> None:  # the rule in detail: tests/test_timeline_order.py
    values = ["2025-06", "18XX", "2025-21", "194X", "1905/1911", "2025-04", "2010/.."]
    ordered = sorted(values, key=lambda v: parse_date(v).sort_key)
    assert ordered == ["18XX", "1905/1911", "194X", "2010/..", "2025-04", "2025-21", "2025-06"]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2025-13", "not a valid date"),
        ("2025-02-30", "not a valid date"),
        ("{2010,2011}", "not a date we can read"),
        ("2011/2010", "ends before it starts"),
        ("2010/", "unknown end"),
        ("1XXX", "too vague"),
        ("April 2025", "not a date we can read"),
    ],
)
def test_rejects_with_a_reason(text: str, fragment: str) -> None:
    with pytest.raises(DateError, match=fragment):
        parse_date(text)


@pytest.mark.slow
@given(st.text(max_size=30))
def test_never_raises_anything_but_date_error(text: str) -> None:
    try:
        parsed = parse_date(text)
    except DateError:
        return
    assert parsed.label
    assert parsed.upper is None or parsed.lower <= parsed.upper
