"""Views of the stance tracker (generator/graph/stances.py): a pair page's month-by-month strip, the
Tracker page (the latest month with a change, and a link to every month's page) and each month's page.

Like generator/site/views.py: what a page shows, decided here, handed to its template as small frozen
objects with finished links. The words for each kind of change are only here.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from .. import urls
from ..content.dates import MONTHS
from ..graph.index import Index
from ..graph.stances import CHANGED, DETERIORATED, IMPROVED, MOVES, NEW, UNCHANGED, Month, StanceChange
from .links import Linker
from .maps import tracker_map

# What each kind of change shows: its arrow (hidden from screen readers) and its words (read by all).
ARROWS = {IMPROVED: "↑", DETERIORATED: "↓", UNCHANGED: "→", CHANGED: "↕", NEW: "•"}
WORDS = {
    IMPROVED: "improved",
    DETERIORATED: "deteriorated",
    UNCHANGED: "unchanged",
    CHANGED: "changed",
    NEW: "first stance",
}


def month_label(month: Month) -> str:
    """'February 2026'."""
    return f"{MONTHS[month[1] - 1]} {month[0]}"


def month_iso(month: Month) -> str:
    """'2026-02', for a <time datetime>."""
    return f"{month[0]:04d}-{month[1]:02d}"


def summary(changes: tuple[StanceChange, ...]) -> str:
    """'3 relations deteriorated, 1 improved': the kinds of change in the tracker's order, each counted."""
    counts = [(kind, sum(c.change == kind for c in changes)) for kind in MOVES]
    parts = [f"{n} {WORDS[kind]}" for kind, n in counts if n]
    if not parts:
        return "no relation changed"
    first = parts[0].split(" ", 1)
    parts[0] = f"{first[0]} {'relation' if first[0] == '1' else 'relations'} {first[1]}"
    return ", ".join(parts)


@dataclass(frozen=True)
class Step:
    """One month on a pair's strip, or one change on a tracker page."""

    month: str  # 'February 2026'
    iso: str  # '2026-02'
    stance: str
    before: str | None
    change: str  # new, unchanged, improved, deteriorated, changed
    arrow: str
    words: str
    briefing: Markup  # the briefing behind it
    pair: Markup | None = None  # on tracker pages


@dataclass(frozen=True)
class PairStances:
    """A pair page's tracker section: the current stance, since when, and its months (newest last)."""

    stance: str
    since: str  # 'February 2026'
    since_iso: str
    since_briefing: Markup
    steps: tuple[Step, ...]
    total: int  # months with entries (the strip shows the latest `stance_months`)
    tracker: str  # the Tracker page's href


@dataclass(frozen=True)
class MonthView:
    label: str
    iso: str
    summary: str
    changes: tuple[Step, ...]
    map: Markup = Markup("")  # the countries of the changes, by stance (maps.tracker_map)


@dataclass(frozen=True)
class TrackerView:
    latest: MonthView | None
    months: tuple[tuple[str, str, str], ...]  # label, href, summary: every month with a change, newest first
    feed: str  # the tracker feed's href
    pairs: int  # pairs with a stance
    relations: str  # the relationships index's href
    order: tuple[str, ...]  # the stances, from the worst to the best


@dataclass(frozen=True)
class TrackerMonthView:
    month: MonthView
    tracker: str  # the Tracker page's href
    previous: tuple[str, str] | None  # (label, href) of the month with changes before
    next: tuple[str, str] | None
    feed: str


def _briefing(L: Linker, index: Index, slug: str) -> Markup:
    return L.briefing(slug, index.briefing[slug].title)


def pair_stances(L: Linker, index: Index, pair: urls.Pair, limit: int) -> PairStances | None:
    history = index.tracker.histories.get(pair)
    if history is None:
        return None
    shown = history.months[-limit:]
    steps = tuple(
        Step(
            month_label(m.month),
            month_iso(m.month),
            m.stance,
            m.before,
            m.change,
            ARROWS[m.change],
            WORDS[m.change],
            _briefing(L, index, m.briefing),
        )
        for m in shown
    )
    since = (history.since.year, history.since.month)
    return PairStances(
        history.stance,
        month_label(since),
        month_iso(since),
        _briefing(L, index, history.since_briefing),
        steps,
        len(history.months),
        L.to(urls.TRACKER),
    )


def _month(L: Linker, index: Index, month: Month, with_map: bool = False) -> MonthView:
    changes = index.tracker.months[month]
    steps = tuple(
        Step(
            month_label(month),
            month_iso(month),
            c.after,
            c.before,
            c.change,
            ARROWS[c.change],
            WORDS[c.change],
            _briefing(L, index, c.briefing),
            L.pair(*c.pair),
        )
        for c in changes
    )
    if not with_map:  # the Tracker page's month only: the month pages are many
        return MonthView(month_label(month), month_iso(month), summary(changes), steps)
    names = index.corpus.countries
    moves = [
        (cid, c.after, f"{names[c.pair[0]].name} – {names[c.pair[1]].name} {WORDS[c.change]} to {c.after}")
        for c in changes
        for cid in c.pair
        if c.pair[0] in names and c.pair[1] in names
    ]
    drawn = Markup(tracker_map(index, month_label(month), moves, index.corpus.stances, L))
    return MonthView(month_label(month), month_iso(month), summary(changes), steps, drawn)


def tracker_page(L: Linker, index: Index) -> TrackerView:
    tracker = index.tracker
    latest = tracker.latest
    months = tuple(
        (month_label(m), L.to(urls.tracker_month(m)), summary(changes))
        for m, changes in reversed(tracker.months.items())
    )
    return TrackerView(
        _month(L, index, latest, with_map=True) if latest is not None else None,
        months,
        L.file(urls.TRACKER_FEED),
        len(tracker.histories),
        L.to(urls.pairs_index()),
        index.corpus.stances,
    )


def tracker_month_page(
    L: Linker, index: Index, month: Month, around: tuple[Month | None, Month | None]
) -> TrackerMonthView:
    before, after = around
    return TrackerMonthView(
        _month(L, index, month),
        L.to(urls.TRACKER),
        (month_label(before), L.to(urls.tracker_month(before))) if before else None,
        (month_label(after), L.to(urls.tracker_month(after))) if after else None,
        L.file(urls.TRACKER_FEED),
    )
