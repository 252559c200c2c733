"""The stance tracker: each pair's stance month by month, and the changes of each month across the site.

One collector, one pass over each pair's relation entries. Entries are taken in the order of their
briefings' dates, then slugs (two briefings of one day), then their order in the briefing. For each
month with entries, the pair's stance at the month's end is compared with its stance at the end of the
last month before it that had entries: lower in the order of stances (site_config/stances.yml, worst
first) is "deteriorated", higher "improved", the same "unchanged"; a pair's first month is "new". With
no order of stances (a broken stances.yml, which the build refuses), a different stance is "changed".

The current stance holds "since" the first entry of the latest run of entries with that stance: a
stance that changed and came back within one month is as old as its return.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

from ..content.entities import RelationItem
from ..urls import Pair

Month = tuple[int, int]  # (year, month)

NEW, UNCHANGED, IMPROVED, DETERIORATED, CHANGED = "new", "unchanged", "improved", "deteriorated", "changed"
MOVES = (DETERIORATED, IMPROVED, CHANGED)  # the changes the tracker lists, in the order it lists them


@dataclass(frozen=True)
class StanceMonth:
    """One month of a pair's history: the stance it ended with, against the stance known before."""

    month: Month
    stance: str
    before: str | None  # the stance at the end of the last month with entries; None for the first month
    change: str  # NEW, UNCHANGED, IMPROVED, DETERIORATED or CHANGED
    briefing: str  # the briefing behind the month's stance: the month's first entry that gave it
    date: dt.date  # that briefing's date


@dataclass(frozen=True)
class StanceHistory:
    pair: Pair
    months: tuple[StanceMonth, ...]  # oldest first; at least one
    since: dt.date  # when the current stance began
    since_briefing: str  # the briefing that said it first

    @property
    def stance(self) -> str:
        return self.months[-1].stance


@dataclass(frozen=True)
class StanceChange:
    """A pair whose stance moved in a month: a month of its history that the tracker lists."""

    pair: Pair
    month: Month
    before: str
    after: str
    change: str  # DETERIORATED, IMPROVED or CHANGED
    briefing: str
    date: dt.date


@dataclass(frozen=True)
class Tracker:
    histories: dict[Pair, StanceHistory]  # every pair with a relation entry, sorted by pair
    months: dict[Month, tuple[StanceChange, ...]]  # each month with a change, oldest first

    @property
    def latest(self) -> Month | None:
        """The latest month with a change."""
        return next(reversed(self.months), None)


def neighbours(months: Iterable[Month]) -> dict[Month, tuple[Month | None, Month | None]]:
    """Each of `months` (oldest first) with the month before it and the month after it, as a month's
    tracker page links to them."""
    ordered = list(months)
    return {
        m: (ordered[i - 1] if i > 0 else None, ordered[i + 1] if i + 1 < len(ordered) else None)
        for i, m in enumerate(ordered)
    }


def direction(before: str | None, after: str, order: tuple[str, ...]) -> str:
    """How `after` stands against `before` in the order of stances (worst first)."""
    if before is None:
        return NEW
    if before == after:
        return UNCHANGED
    if before not in order or after not in order:
        return CHANGED
    return IMPROVED if order.index(after) > order.index(before) else DETERIORATED


def month_of(day: dt.date) -> Month:
    return (day.year, day.month)


def stance_history(pair: Pair, relations: Iterable[RelationItem], order: tuple[str, ...]) -> StanceHistory | None:
    """A pair's history from its relation entries (any order; None if there are none)."""
    entries = sorted(relations, key=lambda r: (r.date, r.briefing))  # stable: a briefing's own order stays
    if not entries:
        return None
    months: list[StanceMonth] = []
    before: str | None = None
    for month, group in groupby(entries, key=lambda r: month_of(r.date)):
        items = list(group)
        stance = items[-1].stance
        first = len(items) - 1
        while first > 0 and items[first - 1].stance == stance:
            first -= 1
        change = direction(before, stance, order)
        months.append(StanceMonth(month, stance, before, change, items[first].briefing, items[first].date))
        before = stance
    start = len(entries) - 1
    while start > 0 and entries[start - 1].stance == entries[-1].stance:
        start -= 1
    return StanceHistory(pair, tuple(months), entries[start].date, entries[start].briefing)


def collect_stances(relations: dict[Pair, list[RelationItem]], order: tuple[str, ...]) -> Tracker:
    """Every pair's history, and each month's changes across the site: O(r·log r) for r relation entries."""
    histories: dict[Pair, StanceHistory] = {}
    changes: dict[Month, list[StanceChange]] = {}
    for pair in sorted(relations):
        history = stance_history(pair, relations[pair], order)
        if history is None:
            continue
        histories[pair] = history
        for m in history.months:
            if m.change in MOVES and m.before is not None:
                changes.setdefault(m.month, []).append(
                    StanceChange(pair, m.month, m.before, m.stance, m.change, m.briefing, m.date)
                )
    months = {
        month: tuple(sorted(items, key=lambda c: (MOVES.index(c.change), c.pair)))
        for month, items in sorted(changes.items())
    }
    return Tracker(histories, months)
