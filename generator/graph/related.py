"""Related briefings, scored through an inverted index from entity to briefings.

Weights come from the kinds table (generator/kinds.py): a shared person counts most, then an
organization, a country and a topic. A mild recency factor favours briefings
close in time. For each entity only the WINDOW briefings nearest in date are
visited, so the cost is O(n·k·WINDOW) for n briefings with k entities each:
linear in n, never O(n²), even when one country is in every briefing.
"""

from __future__ import annotations

import bisect
import heapq
from collections import defaultdict
from collections.abc import Sequence

from ..content.entities import Briefing
from ..kinds import KindSpec, entity_kinds

WINDOW = 30  # postings visited per entity, nearest in date
HALF_LIFE_DAYS = 365.0  # recency: 1.0 the same day, 0.75 a year apart, towards 0.5 far apart
MAX_RELATED = 5


Previous = tuple[Sequence[Briefing], dict[str, list[Briefing]], frozenset[str]]  # briefings, lists, changed slugs


def related_briefings(briefings: Sequence[Briefing], previous: Previous | None = None) -> dict[str, list[Briefing]]:
    """Up to MAX_RELATED related briefings for each briefing (briefings oldest first).

    With `previous` (the last build's briefings and related lists, and which briefings changed since:
    kept by the preview and the cached build), only the
    briefings near a changed one in some entity's postings are scored again (`_rescored`); every other
    briefing's candidates are the same as before, and so is its list."""
    ordered = list(briefings)
    rows = sorted(entity_kinds(), key=lambda row: -row.weight)  # most weighty kind first
    days = [b.date.toordinal() for b in ordered]
    postings = _postings(ordered, rows)
    out: dict[str, list[Briefing]] = {}
    todo: list[int] | range = range(len(ordered))
    if previous is not None:
        old, last, changed = previous
        redo = _rescored(list(old), ordered, rows, postings, changed)
        by_slug = {b.slug: b for b in ordered}
        for b in ordered:
            if b.slug not in redo and b.slug in last:
                out[b.slug] = [by_slug[x.slug] for x in last[b.slug]]
        todo = [i for i, b in enumerate(ordered) if b.slug not in out]
    half = WINDOW // 2
    for i in todo:
        b = ordered[i]
        scores: dict[int, float] = {}
        for weight, kind, ids in _entities(b, rows):
            for entity in ids:
                post = postings[(kind, entity)]
                at = bisect.bisect_left(post, i)
                for j in post[max(0, at - half) : at + half + 1]:
                    scores[j] = scores.get(j, 0.0) + weight
        scores.pop(i, None)
        today = days[i]

        def rank(item: tuple[int, float], today: int = today) -> tuple[float, int, str]:
            j, score = item
            recency = 0.5 + 0.5 / (1.0 + abs(days[j] - today) / HALF_LIFE_DAYS)
            return (score * recency, days[j], ordered[j].slug)

        best = heapq.nlargest(MAX_RELATED, scores.items(), key=rank)
        out[b.slug] = [ordered[j] for j, _ in best]
    return {b.slug: out[b.slug] for b in ordered}


def _postings(ordered: list[Briefing], rows: list[KindSpec]) -> defaultdict[tuple[str, str], list[int]]:
    """(kind, id) -> the positions of the briefings naming it, ascending (briefings are in date order)."""
    postings: defaultdict[tuple[str, str], list[int]] = defaultdict(list)
    for i, b in enumerate(ordered):
        for _, kind, ids in _entities(b, rows):
            for entity in ids:
                postings[(kind, entity)].append(i)
    return postings


def _rescored(
    old: list[Briefing],
    new: list[Briefing],
    rows: list[KindSpec],
    postings: defaultdict[tuple[str, str], list[int]],
    changed: frozenset[str],
) -> set[str]:
    """The briefings whose candidates may differ between `old` and `new`: the changed ones, and those
    within a window of a changed one (in its old or new version) in the postings of an entity it names.
    Being in each other's window is symmetric, and an edit farther away leaves a window's members alone."""
    before, after = {b.slug: b for b in old}, {b.slug: b for b in new}
    redo = set(changed)
    reach = WINDOW // 2 + 1
    for seq, post, by in ((old, _postings(old, rows), before), (new, postings, after)):
        position = {b.slug: i for i, b in enumerate(seq)}
        for slug in changed:
            b = by.get(slug)
            if b is None:
                continue
            for _, kind, ids in _entities(b, rows):
                for entity in ids:
                    p = post[(kind, entity)]
                    at = bisect.bisect_left(p, position[slug])
                    redo.update(seq[j].slug for j in p[max(0, at - reach) : at + reach + 1])
    return redo


def _entities(b: Briefing, rows: list[KindSpec]) -> list[tuple[float, str, tuple[str, ...]]]:
    """(weight, kind, ids) for each of `rows` (the kinds, most weighty first) the briefing names."""
    return [(row.weight, row.kind, b.refs.get(row.kind, ())) for row in rows]
