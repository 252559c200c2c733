"""Related briefings, scored through an inverted index from entity to briefings.

Weights (the one place they are set): a shared person counts most, then an
organization, a country and a topic. A mild recency factor favours briefings
close in time. For each entity only the WINDOW briefings nearest in date are
visited, so the cost is O(n·k·WINDOW) for n briefings with k entities each:
linear in n, never O(n²), even when one country is in every briefing.
"""

from __future__ import annotations

import bisect
from collections import defaultdict

from .entities import Briefing

WEIGHTS = {"person": 3.0, "organization": 2.0, "country": 1.0, "topic": 0.5}
WINDOW = 60  # postings visited per entity, nearest in date
HALF_LIFE_DAYS = 365.0  # recency: 1.0 the same day, 0.75 a year apart, towards 0.5 far apart
MAX_RELATED = 5


def _recency(days: int) -> float:
    return 0.5 + 0.5 / (1.0 + abs(days) / HALF_LIFE_DAYS)


def related_briefings(briefings: tuple[Briefing, ...] | list[Briefing]) -> dict[str, list[Briefing]]:
    """Up to MAX_RELATED related briefings for each briefing (briefings oldest first)."""
    ordered = list(briefings)
    postings: defaultdict[tuple[str, str], list[int]] = defaultdict(list)
    for i, b in enumerate(ordered):
        for kind, ids in _entities(b):
            for entity in ids:
                postings[(kind, entity)].append(i)  # ascending: briefings are in date order
    out: dict[str, list[Briefing]] = {}
    for i, b in enumerate(ordered):
        scores: defaultdict[int, float] = defaultdict(float)
        for kind, ids in _entities(b):
            for entity in ids:
                post = postings[(kind, entity)]
                at = bisect.bisect_left(post, i)
                lo, hi = max(0, at - WINDOW // 2), min(len(post), at + WINDOW // 2 + 1)
                for j in post[lo:hi]:
                    if j != i:
                        scores[j] += WEIGHTS[kind]
        ranked = sorted(
            scores.items(),
            key=lambda item: (-item[1] * _recency((ordered[item[0]].date - b.date).days),
                              -ordered[item[0]].date.toordinal(), ordered[item[0]].slug))
        out[b.slug] = [ordered[j] for j, _ in ranked[:MAX_RELATED]]
    return out


def _entities(b: Briefing) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return (("person", b.people), ("organization", b.organizations), ("country", b.countries),
            ("topic", b.topics))
