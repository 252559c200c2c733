"""suggest_edtf: what a contributor wrote instead of an EDTF date -> the EDTF to suggest."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.content.dates import DateError, parse_date, suggest_day, suggest_edtf

TABLE = [
    ("May 2025", "2025-05"),
    ("may 2025", "2025-05"),
    ("Sept. 2025", "2025-09"),
    ("Jan 2025", "2025-01"),
    ("17 January 2025", "2025-01-17"),
    ("17th of Jan 2025", "2025-01-17"),
    ("January 17, 2025", "2025-01-17"),
    ("Jan 17 2025", "2025-01-17"),
    ("spring 2025", "2025-21"),
    ("Summer 2025", "2025-22"),
    ("autumn 2025", "2025-23"),
    ("fall 2025", "2025-23"),
    ("winter 2025", "2025-24"),
    ("the 1940s", "194X"),
    ("1940s", "194X"),
    ("1940's", "194X"),
    ("19th century", "18XX"),
    ("c. 1900", "1900~"),
    ("circa 1900", "1900~"),
    ("about May 2025", "2025-05~"),
    ("early 2025", "2025-01/2025-04"),
    ("mid-2025", "2025-05/2025-08"),
    ("late 2025", "2025-09/2025-12"),
    ("2025-1-20", "2025-01-20"),
    ("2025/01/20", "2025-01-20"),
    ("2025.1.2", "2025-01-02"),
    ("2025/1", "2025-01"),
    ("2025-01-20T10:30", "2025-01-20"),
    ("27/02/2026", "2026-02-27"),  # the day first: 27 cannot be a month
    ("02/27/2026", "2026-02-27"),  # the month first
    ("27.2.2026", "2026-02-27"),
    ("05/05/2026", "2026-05-05"),
    ("1905-1911", "1905/1911"),
    ("1905 to 1911", "1905/1911"),
    ("since 2010", "2010/.."),
    # no safe guess, or nothing to fix
    ("2025-01-20", None),
    ("194X", None),
    ("sometime", None),
    ("31 February 2025", None),
    ("2025-13", None),
    ("02/03/2026", None),  # 2 March or 3 February: no guess
    ("31/02/2026", None),
    ("Smarch 2025", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), TABLE)
def test_suggestions(text: str, expected: str | None) -> None:
    assert suggest_edtf(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2025-1-20", "2025-01-20"), ("17 January 2025", "2025-01-17"), ("May 2025", None), ("2025-01-20", None)],
)
def test_day_suggestions_are_days_only(text: str, expected: str | None) -> None:
    assert suggest_day(text) == expected


WORDS = ["May", "spring", "the", "c.", "circa", "early", "late", "1940s", "17", "January", ",", "/", "-", "to", "of"]


@given(
    st.one_of(
        st.text(max_size=30),
        st.lists(st.one_of(st.sampled_from(WORDS), st.integers(0, 3000).map(str)), max_size=5).map(" ".join),
    )
)
def test_every_suggestion_is_a_date_we_read(text: str) -> None:
    suggestion = suggest_edtf(text)
    if suggestion is not None:
        parse_date(suggestion)  # raises DateError if not
        with pytest.raises(DateError):
            parse_date(text)
