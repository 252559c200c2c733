"""What an edit changed: which pages of the site can show something different after it.

The live preview keeps the last build's index and pages; after an edit it compares the new index with
the old one and makes again only the pages that can differ (generator/site/render.py reuses the rest).
A page can differ when it shows a briefing that changed, was added or removed:

- the briefing's own page, its neighbours' (their previous/next links) and every briefing whose
  related list changed or lists it;
- the page of every entity it names or mentions, in its old and its new version, with their year
  pages; the country pairs it belongs to; and, where the number of briefings naming a country
  changed, that country's counterparts in the pair graph (a country's network sizes each counterpart
  by that number);
- the briefings pages of its year (old and new date) and the timeline periods whose events changed;
- the briefing pack of every pair it belongs to (unit ("pack", slug)), which holds it in full.

The stance tracker is a unit for its page (the latest month, a map, every month's summary), made again
whenever a changed briefing, in its old or new version, has a relation, and a unit per month page. A
month's page shows that month's changes of stance, the briefings behind them and links to the months
before and after it: it is made again when its changes (generator/graph/stances.py `StanceChange`, each
compared field by field) differ from the old index's, when its neighbouring months differ (a month
gained or lost one), or when it names a changed briefing. A month that has no change any more has no
page.

Pages that list everything (home, the indexes, the timeline overview) are always made again. A change
to anything that is not a briefing (a country, person, organization or topic file, site data) may show
on any page: then `changes` returns None and every page is made again.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from ..content.entities import Briefing, changed_briefings
from .index import Index, same_entities
from .stances import Month, neighbours
from .timeline import group

Unit = Hashable  # what makes one or more pages: ("briefing", slug), (kind, id), (kind, id, year), ("year", 2025)...
TRACKER_UNIT: Unit = ("tracker", "index")  # the Tracker page
TRACKER_MONTH = "tracker-month"  # a month's page of the tracker: the unit (TRACKER_MONTH, "2026-02")


def tracker_month_unit(month: Month) -> Unit:
    """The unit of a month's tracker page: ("tracker-month", "2026-02")."""
    return (TRACKER_MONTH, _month_key(month))


def _month_key(month: Month) -> str:
    return f"{month[0]:04d}-{month[1]:02d}"


@dataclass(frozen=True)
class Changes:
    """The units whose pages must be made again; every other unit's pages are the same as before."""

    briefings: frozenset[str]
    subjects: frozenset[tuple[str, str]]  # (kind, id) of entities; ("pair", slug) of country pairs
    years: frozenset[int]  # briefings pages of these years
    periods: frozenset[str]  # timeline period pages, by key
    tracker: bool = True  # the Tracker page: whether a changed briefing has a relation
    months: frozenset[str] | None = None  # the tracker's month pages, by "2026-02"; None: every one

    def touches(self, unit: Unit) -> bool:
        if unit == TRACKER_UNIT:
            return self.tracker
        if isinstance(unit, tuple) and len(unit) == 2 and unit[0] == TRACKER_MONTH:
            return self.months is None or unit[1] in self.months
        if isinstance(unit, tuple) and len(unit) == 3:  # (kind, id, year): an entity's or pair's year pages
            return unit[:2] in self.subjects and unit[2] in self.years
        if not isinstance(unit, tuple) or len(unit) != 2:
            return True
        kind, key = unit
        if kind == "briefing":
            return key in self.briefings
        if kind == "year":
            return key in self.years
        if kind == "period":
            return key in self.periods
        if kind == "pack":  # a pair's briefing pack shows what its pair page shows, and the briefings in full
            return ("pair", key) in self.subjects
        return unit in self.subjects


def changes(old: Index | None, new: Index) -> Changes | None:
    """What differs between the site of `old` and that of `new`; None if any page may differ."""
    if old is None:
        return None
    if not same_entities(old.corpus, new.corpus):
        return None
    changed = changed_briefings(old.corpus, new.corpus)
    versions = [v for s in changed for v in (old.briefing.get(s), new.briefing.get(s)) if v is not None]
    tracker = any(v.relations for v in versions)  # the tracker is made of relation entries only
    return Changes(
        frozenset(_briefings(old, new, changed)),
        frozenset(_subjects(old, new, changed, versions)),
        frozenset(v.date.year for v in versions),
        frozenset(_periods(old, new, changed)),
        tracker,
        frozenset(_months(old, new, changed) if tracker else ()),
    )


def _briefings(old: Index, new: Index, changed: frozenset[str]) -> set[str]:
    out = set(changed)
    for ix in (old, new):
        for slug in changed:
            out.update(x.slug for x in ix.neighbours.get(slug, (None, None)) if x is not None)
    for slug in new.briefing:
        now = new.related.get(slug, [])
        if _slugs(now) != _slugs(old.related.get(slug, [])) or any(x.slug in changed for x in now):
            out.add(slug)
    return out


def _slugs(briefings: Iterable[Briefing]) -> list[str]:
    return [b.slug for b in briefings]


def _subjects(old: Index, new: Index, changed: frozenset[str], versions: list[Briefing]) -> set[tuple[str, str]]:
    out = {(kind, i) for v in versions for kind, ids in v.refs.items() for i in ids}
    for ix in (old, new):
        for slug in changed:
            out.update(m.entity for m in ix.mentions.get(slug, []))
    # a country's network sizes each counterpart by its briefings: where that number changed, the
    # networks of its counterparts change
    recounted = {
        i for kind, i in out if kind == "country" and len(old.by_country.get(i, ())) != len(new.by_country.get(i, ()))
    }
    for ix in (old, new):
        for info in ix.pairs.values():
            if (
                any(x.slug in changed for x in info.briefings)
                or any(r.briefing in changed for r in info.relations)
                or any(e.briefing in changed for e in info.events)
            ):
                out.add(("pair", info.slug))
        for cid in recounted:
            for info in ix.pairs_of.get(cid, []):
                out.update(("country", c) for c in info.pair)
    return out


def _periods(old: Index, new: Index, changed: frozenset[str]) -> set[str]:
    before = {p.key: [(e.briefing, e.index) for e in p.events] for p in group(old.events)}
    out = set()
    for period in group(new.events):
        events = [(e.briefing, e.index) for e in period.events]
        if before.get(period.key) != events or any(e.briefing in changed for e in period.events):
            out.add(period.key)
    return out


def _months(old: Index, new: Index, changed: frozenset[str]) -> set[str]:
    """The tracker's month pages that can differ: O(c) for c changes of stance across the site."""
    before, after = old.tracker.months, new.tracker.months
    was, now = neighbours(before), neighbours(after)
    return {
        _month_key(month)
        for month, items in after.items()
        if before.get(month) != items or was.get(month) != now[month] or any(c.briefing in changed for c in items)
    }
