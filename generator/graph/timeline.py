"""Group events into periods (year, decade or century) for timelines.

Events come sorted by `EventItem.sort_key` (see `content/dates.py`); a period is a run of them. Years
from 1900 on are periods of their own, earlier years are grouped by decade; an event known only to a
decade or a century is in that decade's or century's period, which follows the years inside it.
Within a period, the events known only to the period itself (a year-only date in a year, 189X in the
1890s, 18XX in the 19th century) come last, under their own heading: "2025, date not given".
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.dates import FuzzyDate, _ordinal
from ..content.entities import EventItem

YEARS_FROM = 1900  # earlier years are grouped by decade


@dataclass(frozen=True)
class Period:
    key: str  # used in anchors: "2025", "1940s", "19th-century"
    label: str
    events: tuple[EventItem, ...]  # in timeline order: the dated ones, then the undated ones
    undated_label: str  # the heading of the events known only to the period: "2025, date not given"
    dated: int = 0  # how many of `events` are dated more precisely than the period

    @property
    def sections(self) -> tuple[tuple[str, tuple[EventItem, ...]], ...]:
        """(heading, events) for the dated events, under the period's label, then the undated ones under
        their own ("2025, date not given"); a period that holds only undated events has its label alone (its
        events' own dates say the rest: "1907", "1905–1911")."""
        if not self.dated:
            return ((self.label, self.events),)
        parts = ((self.label, self.events[: self.dated]), (self.undated_label, self.events[self.dated :]))
        return tuple(part for part in parts if part[1])


def period_of(date: FuzzyDate) -> tuple[str, str, str]:
    """(key, label, heading of its undated events) of the period an event with this date belongs to."""
    start = date.unit[0].year
    if date.precision == "century":
        label = f"{_ordinal(start // 100 + 1)} century"
        return label.replace(" ", "-"), label, f"{label}, year not given"
    if date.precision == "decade" or start < YEARS_FROM:
        decade = f"{start // 10 * 10}s"
        return decade, decade, f"{decade}, year not given"
    return str(start), str(start), f"{start}, date not given"


def undated_in_period(date: FuzzyDate) -> bool:
    """Known only to the period itself: a year-only date in a year, 194X in a decade, 18XX in a century."""
    return date.precision in ("century", "decade") or (date.precision == "year" and date.unit[0].year >= YEARS_FROM)


def group(events: list[EventItem] | tuple[EventItem, ...]) -> list[Period]:
    """Consecutive runs of (already sorted) events that share a period. An undated event followed by a
    dated one of the same period (never, in timeline order) starts a new run."""
    out: list[Period] = []
    run: list[EventItem] = []
    dated = 0
    current: tuple[str, str, str] | None = None
    for ev in events:
        p = period_of(ev.date)
        undated = undated_in_period(ev.date)
        if run and current and (p != current or (not undated and dated < len(run))):
            out.append(Period(current[0], current[1], tuple(run), current[2], dated))
            run, dated = [], 0
        current = p
        run.append(ev)
        dated += not undated
    if run and current:
        out.append(Period(current[0], current[1], tuple(run), current[2], dated))
    seen: dict[str, int] = {}
    unique = []
    for period in out:
        n = seen[period.key] = seen.get(period.key, 0) + 1
        unique.append(
            period
            if n == 1
            else Period(f"{period.key}-{n}", period.label, period.events, period.undated_label, period.dated)
        )
    return unique
