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

from ..content.entities import Briefing
from ..kinds import KindSpec, entity_kinds

WINDOW = 30  # postings visited per entity, nearest in date
HALF_LIFE_DAYS = 365.0  # recency: 1.0 the same day, 0.75 a year apart, towards 0.5 far apart
MAX_RELATED = 5


def related_briefings(briefings: tuple[Briefing, ...] | list[Briefing]) -> dict[str, list[Briefing]]:
    """Up to MAX_RELATED related briefings for each briefing (briefings oldest first)."""
    ordered = list(briefings)
    rows = sorted(entity_kinds(), key=lambda row: -row.weight)  # most weighty kind first
    days = [b.date.toordinal() for b in ordered]
    postings: defaultdict[tuple[str, str], list[int]] = defaultdict(list)
    for i, b in enumerate(ordered):
        for _, kind, ids in _entities(b, rows):
            for entity in ids:
                postings[(kind, entity)].append(i)  # ascending: briefings are in date order
    half = WINDOW // 2
    out: dict[str, list[Briefing]] = {}
    for i, b in enumerate(ordered):
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
    return out


def _entities(b: Briefing, rows: list[KindSpec]) -> list[tuple[float, str, tuple[str, ...]]]:
    """(weight, kind, ids) for each of `rows` (the kinds, most weighty first) the briefing names."""
    return [(row.weight, row.kind, b.refs.get(row.kind, ())) for row in rows]
