"""EDTF dates (Library of Congress, levels 0 and 1) with bounds and a human label.

`parse_date("194X").label == "1940s"`; events sort by `sort_key`.

The order of a timeline (one rule, `FuzzyDate.sort_key`, used by every timeline and the data export):
an event sits where it starts, at the precision its date gives. A start known to the day sits on that
day; a start known only to a month, season, year, decade or century sits at the end of that month,
season, year, decade or century, after every event dated more precisely inside it ("2025" after
"17 January 2025", "194X" after "1945", "18XX" after "189X"). Events that sit at the same point come
shortest first: "1905" before "1905/1911", "10 April 2025" before "10/20 April 2025".
An event open at its start ("../1990") sits where it ends.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import time
from dataclasses import dataclass
from functools import lru_cache

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
_ALLOWED = {"Date", "Season", "Unspecified", "UncertainOrApproximate"}
_SIDE = re.compile(r"^(?P<core>[0-9X]{4}(?:-[0-9X]{2}){0,2})(?P<q>[~?%])?$")
# The common forms, whose bounds we compute without the edtf library's grammar (~40 ms a date):
# a year, month or day (optionally ~ ? %), a season, a decade or century (194X, 18XX), 2025-XX, 2025-04-XX.
_FAST_DATE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>0[1-9]|1[0-2])(?:-(?P<d>\d{2}))?)?[~?%]?$")
_FAST_SEASON = re.compile(r"^(?P<y>\d{4})-(?P<s>2[1-4])$")
_FAST_UNSPECIFIED = re.compile(r"^(?P<y>\d{3}X|\d{2}XX)[~?%]?$|^(?P<year>\d{4})-(?:XX|XX-XX|(?P<m>0[1-9]|1[0-2])-XX)$")
_SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 12)}  # as the edtf library bounds them
HELP = "use an EDTF date such as 2025-04-13, 2025-04, 2025, 2025-21 (spring), 194X, 18XX, 2025-04~ or 1905/1911"


class DateError(ValueError):
    """The text is not an EDTF date of the supported levels."""


@dataclass(frozen=True)
class FuzzyDate:
    """A date with its real precision: bounds for sorting, a label for readers."""

    edtf: str
    lower: dt.date
    upper: dt.date | None  # None: open-ended ("since 2010")
    label: str
    iso: str  # a valid HTML <time datetime> value for the start
    # Where it sits on a timeline: the bounds and precision (day, month, season, year, decade, century)
    # of its start as written, or of its end for a date open at its start ("../1990").
    unit: tuple[dt.date, dt.date]
    precision: str

    @property
    def sort_key(self) -> tuple[dt.date, int, dt.date, int, str]:
        """The timeline order (see the module's docstring): the end of the unit it sits in, the latest
        unit first among those ending together (a day before its month, a year before its decade), then
        the shortest event first."""
        start, end = self.unit
        return (end, -start.toordinal(), self.upper or dt.date.max, -self.lower.toordinal(), self.edtf)

    @property
    def year(self) -> int:
        return self.lower.year

    def __str__(self) -> str:
        return self.edtf


@dataclass(frozen=True)
class _Side:
    lower: dt.date
    upper: dt.date
    label: str
    iso: str
    precision: str  # day, month, season, year, decade, century


@lru_cache(maxsize=4096)
def parse_date(text: str) -> FuzzyDate:
    """Parse an EDTF string; raise DateError with a helpful message otherwise."""
    text = text.strip()
    if "/" in text:
        return _interval(text)
    side = _side(text)
    return FuzzyDate(text, side.lower, side.upper, side.label, side.iso, (side.lower, side.upper), side.precision)


def _interval(text: str) -> FuzzyDate:
    start, _, end = text.partition("/")
    if "/" in end:
        raise DateError(f"'{text}' has more than one '/'; {HELP}")
    if start == ".." and end == "..":
        raise DateError(f"'{text}' is open at both ends; give at least one date")
    if start in ("", "..") or end in ("", ".."):
        if start == "" or end == "":
            raise DateError(f"'{text}' has an unknown end; write '..' for an open end, e.g. 2010/..")
        if end == "..":
            s = _side(start)
            return FuzzyDate(text, s.lower, None, f"since {s.label}", s.iso, (s.lower, s.upper), s.precision)
        e = _side(end)
        return FuzzyDate(text, dt.date.min, e.upper, f"until {e.label}", e.iso, (e.lower, e.upper), e.precision)
    a, b = _side(start), _side(end)
    if b.upper < a.lower:
        raise DateError(f"'{text}' ends before it starts; put the earlier date first")
    return FuzzyDate(text, a.lower, b.upper, _range_label(a, b), a.iso, (a.lower, a.upper), a.precision)


def _range_label(a: _Side, b: _Side) -> str:
    if a.precision == b.precision == "day" and "c." not in a.label + b.label:
        if (a.lower.year, a.lower.month) == (b.lower.year, b.lower.month):
            return f"{a.lower.day}–{b.lower.day} {MONTHS[a.lower.month - 1]} {a.lower.year}"
        if a.lower.year == b.lower.year:
            return (
                f"{a.lower.day} {MONTHS[a.lower.month - 1]} – {b.lower.day} {MONTHS[b.lower.month - 1]} {a.lower.year}"
            )
    if a.precision == b.precision == "month" and a.lower.year == b.lower.year and "?" not in a.label:
        return f"{MONTHS[a.lower.month - 1]}–{MONTHS[b.lower.month - 1]} {a.lower.year}"
    sep = "–" if a.precision == b.precision == "year" else " – "
    return f"{a.label}{sep}{b.label}"


def _side(text: str) -> _Side:
    match = _SIDE.match(text)
    if not match:
        raise DateError(f"'{text}' is not a date we can read; {HELP}")
    try:
        low, high = _fast_bounds(text) or _edtf_bounds(text)
    except DateError:
        raise
    except Exception:  # the edtf library raises several kinds; all mean "not a date"
        raise DateError(f"'{text}' is not a valid date; {HELP}") from None
    core, qualifier = match["core"], match["q"]
    precision, label, iso = _describe(core, low)
    if qualifier == "~":
        label = f"c. {label}"
    elif qualifier == "?":
        label = f"{label}?"
    elif qualifier == "%":
        label = f"c. {label}?"
    return _Side(low, high, label, iso, precision)


def _fast_bounds(text: str) -> tuple[dt.date, dt.date] | None:
    """The bounds the edtf library gives the common forms (tests/test_load_fuzz.py checks they agree)."""
    if m := _FAST_DATE.match(text):
        year = int(m["y"])
        if m["m"] is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        month = int(m["m"])
        if m["d"] is None:
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        day = dt.date(year, month, int(m["d"]))
        return day, day
    if m := _FAST_SEASON.match(text):
        year, (first, last) = int(m["y"]), _SEASON_MONTHS[int(m["s"])]
        return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])
    if m := _FAST_UNSPECIFIED.match(text):
        if m["y"] is not None:
            return dt.date(int(m["y"].replace("X", "0")), 1, 1), dt.date(int(m["y"].replace("X", "9")), 12, 31)
        year = int(m["year"])
        if m["m"] is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        month = int(m["m"])
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    return None


def _edtf_bounds(text: str) -> tuple[dt.date, dt.date]:
    import edtf  # only for the rarer forms; building its grammar takes a noticeable share of start-up

    parsed = edtf.parse_edtf(text)
    if type(parsed).__name__ not in _ALLOWED:
        raise DateError(f"'{text}' uses EDTF level 2, which is not supported; {HELP}")
    return _as_date(parsed.lower_strict()), _as_date(parsed.upper_strict())


def _describe(core: str, low: dt.date) -> tuple[str, str, str]:
    parts = core.split("-")
    year = parts[0]
    if "X" in year:
        if re.fullmatch(r"\d{3}X", year):
            return "decade", f"{year[:3]}0s", year[:3] + "0"
        if re.fullmatch(r"\d{2}XX", year):
            n = int(year[:2]) + 1
            return "century", f"{_ordinal(n)} century", year[:2] + "00"
        raise DateError(f"'{core}' is too vague; the widest precision supported is a century, like 18XX")
    if len(parts) == 1 or parts[1] == "XX":
        return "year", year, year
    month = int(parts[1])
    if month in SEASONS:
        if len(parts) > 2:
            raise DateError(f"'{core}' puts a day after a season; {HELP}")
        return "season", f"{SEASONS[month]} {year}", year
    if month > 12:
        raise DateError(f"'{core}': only the seasons 21-24 are supported; {HELP}")
    if len(parts) == 2 or parts[2] == "XX":
        return "month", f"{MONTHS[month - 1]} {year}", f"{year}-{parts[1]}"
    return "day", f"{low.day} {MONTHS[month - 1]} {year}", core


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _as_date(value: time.struct_time) -> dt.date:
    return dt.date(value.tm_year, value.tm_mon, value.tm_mday)


# What a contributor may write instead of an EDTF date, and the EDTF to suggest (suggest_edtf).
_MONTH_NUMBER = {name.lower(): i + 1 for i, name in enumerate(MONTHS)}
_MONTH_NUMBER.update({name[:3].lower(): i + 1 for i, name in enumerate(MONTHS)})
_MONTH_NUMBER["sept"] = 9
_MONTH = r"(?P<month>[a-z]+)\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WORDY = (
    re.compile(rf"^{_MONTH},?\s+{_YEAR}$"),  # May 2025
    re.compile(rf"^{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}$"),  # 17 January 2025, 17th of Jan. 2025
    re.compile(rf"^{_MONTH}\s+{_DAY},?\s+{_YEAR}$"),  # January 17, 2025
)
_NUMERIC = re.compile(r"^(?P<year>\d{4})[-/.](?P<month>\d{1,2})(?:[-/.](?P<day>\d{1,2}))?(?:[t ]\d{1,2}:\d{2}.*)?$")
_YEAR_LAST = re.compile(r"^(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.](?P<year>\d{4})$")
_SEASON_NUMBER = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
# early, mid and late in a year: its first, middle and last third, as a range of months.
_PART_OF_YEAR = {"early": ("01", "04"), "mid": ("05", "08"), "middle of": ("05", "08"), "late": ("09", "12")}
_APPROXIMATE = re.compile(r"^(?:circa|approximately|approx\.|about|around|ca\.|ca|c\.|c)\s*(?P<rest>\d.*|[a-z]{3,}.*)$")
_RANGE = re.compile(r"^(?:from\s+)?(?P<a>.+?)\s*(?:–|—|\bto\b|\buntil\b|-)\s*(?P<b>.+)$")


def suggest_edtf(text: str) -> str | None:
    """The EDTF date a contributor most likely meant by text ('May 2025' -> '2025-05', 'spring 2025'
    -> '2025-21', 'the 1940s' -> '194X', 'c. 1900' -> '1900~', 'early 2025' -> '2025-01/2025-04',
    '2025-1-20' -> '2025-01-20'), or None when there is no safe guess or text is already a date we read.
    Every suggestion is a date parse_date reads."""
    if not isinstance(text, str) or len(text) > 60:
        return None
    try:
        parse_date(text)
        return None
    except DateError:
        pass
    guess = _guess(" ".join(text.strip().lower().split()))
    if guess is None:
        return None
    try:
        parse_date(guess)
    except DateError:
        return None
    return guess


def _guess(text: str) -> str | None:
    text = text.removeprefix("the ").strip()
    if approx := _APPROXIMATE.match(text):
        inner = _single(approx["rest"].removeprefix("the "))
        return f"{inner}~" if inner and re.fullmatch(r"[0-9X-]+", inner) else None
    if text.startswith("since "):
        start = _single(text.removeprefix("since "))
        return f"{start}/.." if start else None
    single = _single(text)
    if single is not None:
        return single
    if rng := _RANGE.match(text):
        a, b = _single(rng["a"]), _single(rng["b"])
        if a and b and "/" not in a + b:
            return f"{a}/{b}"
    return None


def _single(text: str) -> str | None:
    """One date (no range) in any of the forms suggest_edtf knows, as EDTF."""
    text = text.strip().removeprefix("the ").strip()
    if re.fullmatch(r"[0-9X]{4}(?:-[0-9X]{2}){0,2}[~?%]?", text.upper()):
        return text.upper()
    if m := _NUMERIC.match(text) or _YEAR_LAST.match(text):
        return _numeric(m)
    for pattern in _WORDY:
        if m := pattern.match(text):
            month = _MONTH_NUMBER.get(m["month"])
            day = m.groupdict().get("day")
            if month:
                return _ymd(int(m["year"]), month, int(day) if day else None)
    if m := re.fullmatch(r"(?P<s>spring|summer|autumn|fall|winter)(?:\s+of)?,?\s+(?P<y>\d{4})", text):
        return f"{m['y']}-{_SEASON_NUMBER[m['s']]}"
    if m := re.fullmatch(r"(?P<d>\d{3})0'?s", text):
        return f"{m['d']}X"
    if m := re.fullmatch(r"(?P<n>\d{1,2})(?:st|nd|rd|th)\s+century", text):
        n = int(m["n"])
        return f"{n - 1:02d}XX" if 1 <= n <= 100 else None
    if m := re.fullmatch(r"(?P<part>early|mid|middle of|late)[\s-]+(?P<y>\d{4})", text):
        first, last = _PART_OF_YEAR[m["part"]]
        return f"{m['y']}-{first}/{m['y']}-{last}"
    return None


def _numeric(m: re.Match[str]) -> str | None:
    """A date of numbers: year first (2025-1-20), or last (27/02/2026, 02/27/2026)."""
    if "a" not in m.groupdict():
        return _ymd(int(m["year"]), int(m["month"]), int(m["day"]) if m["day"] else None)
    a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
    # day first or month first: only where the day cannot be the month
    if a > 12 >= b or a == b:
        return _ymd(year, b, a)
    if b > 12 >= a:
        return _ymd(year, a, b)
    return None


def _ymd(year: int, month: int | None, day: int | None) -> str | None:
    if month is None or not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def suggest_day(text: str) -> str | None:
    """A day YYYY-MM-DD for text written some other way ('2025-1-20', '17 January 2025'), or None."""
    if not isinstance(text, str) or len(text) > 60:
        return None
    guess = _single(" ".join(text.strip().lower().split()))
    return guess if guess and re.fullmatch(r"\d{4}-\d{2}-\d{2}", guess) and guess != text else None
