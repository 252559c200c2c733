"""Group events into periods (year, decade, century) for timelines."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.dates import _ordinal
from ..content.entities import EventItem


@dataclass(frozen=True)
class Period:
    key: str  # used in anchors: "2025", "1940s", "19th-century"
    label: str
    events: tuple[EventItem, ...]


def period_of(event: EventItem) -> tuple[str, str]:
    d = event.date
    start = d.lower.year
    if d.upper is None or d.lower.year <= 1:
        year = d.upper.year if d.upper and d.lower.year <= 1 else start
        return str(year), str(year)
    span = d.upper.year - start
    if span >= 50 or (start < 1800 and span >= 10):
        century = start // 100 + 1
        label = f"{_ordinal(century)} century"
        return label.replace(" ", "-"), label
    if span >= 9 or start < 1900:
        decade = start // 10 * 10
        return f"{decade}s", f"{decade}s"
    return str(start), str(start)


def group(events: list[EventItem] | tuple[EventItem, ...]) -> list[Period]:
    """Consecutive runs of (already sorted) events that share a period."""
    out: list[Period] = []
    run: list[EventItem] = []
    current: tuple[str, str] | None = None
    for ev in events:
        p = period_of(ev)
        if p != current and run and current:
            out.append(Period(current[0], current[1], tuple(run)))
            run = []
        current = p
        run.append(ev)
    if run and current:
        out.append(Period(current[0], current[1], tuple(run)))
    seen: dict[str, int] = {}
    unique = []
    for period in out:
        n = seen[period.key] = seen.get(period.key, 0) + 1
        unique.append(period if n == 1 else Period(f"{period.key}-{n}", period.label, period.events))
    return unique
