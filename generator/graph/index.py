"""Index: the corpus as an entity graph -- who appears where, country pairs, events.

Built by small collectors, each making one derived table in one pass over the briefings (O(n·k) for
n briefings with k entities each), before any page is rendered. `build_index` only calls them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..content.entities import Briefing, Corpus, EventItem, RelationItem, changed_briefings
from ..kinds import entity_kinds, event_kinds, named_kinds
from ..urls import Pair, pair_of, pair_slug
from .mentions import Entity, Mention, find_mentions
from .related import related_briefings
from .stances import Tracker, collect_stances

__all__ = ["Index", "PairInfo", "Pair", "build_index", "pair_of"]


@dataclass
class PairInfo:
    pair: Pair
    relations: list[RelationItem] = field(default_factory=list)  # oldest first
    events: list[EventItem] = field(default_factory=list)
    briefings: list[Briefing] = field(default_factory=list)  # newest first
    people: Counter[str] = field(default_factory=Counter)

    @property
    def latest(self) -> RelationItem | None:
        return self.relations[-1] if self.relations else None

    @property
    def count(self) -> int:
        return len(self.briefings)

    @property
    def slug(self) -> str:
        return pair_slug(self.pair)


@dataclass
class Index:
    corpus: Corpus
    briefing: dict[str, Briefing]
    newest: list[Briefing]
    events: list[EventItem]  # sorted by EDTF bounds
    by: dict[str, dict[str, list[Briefing]]]  # kind -> id -> briefings naming it, newest first
    events_of: dict[tuple[str, str], list[EventItem]]  # (kind, id) -> events, sorted
    pairs: dict[Pair, PairInfo]
    pairs_of: dict[str, list[PairInfo]]
    appears_with: dict[str, dict[str, Counter[str]]]  # named kind -> country -> entity -> briefings together
    quotes_of: dict[str, list[tuple[Briefing, int]]]  # person -> (briefing, quote index)
    neighbours: dict[str, tuple[Briefing | None, Briefing | None]]  # previous, next by date
    mentions: dict[str, list[Mention]]  # briefing -> first mentions in its body
    mentioned_in: dict[Entity, list[tuple[Briefing, str]]]  # entity -> (briefing, sentence), newest first
    related: dict[str, list[Briefing]]
    tracker: Tracker  # each pair's stance month by month, and each month's changes

    def briefings_of(self, kind: str, entity_id: str) -> list[Briefing]:
        return self.by.get(kind, {}).get(entity_id, [])

    def events_for(self, kind: str, entity_id: str) -> list[EventItem]:
        return self.events_of.get((kind, entity_id), [])

    @property
    def by_country(self) -> dict[str, list[Briefing]]:
        return self.by.get("country", {})


def same_entities(a: Corpus, b: Corpus) -> bool:
    """Whether two corpora have the same countries, named entities, topics and order of stances (their
    briefings aside)."""
    return a.countries == b.countries and a.named == b.named and a.topics == b.topics and a.stances == b.stances


def build_index(corpus: Corpus, previous: Index | None = None) -> Index:
    """The index of `corpus`. With `previous` (the preview's last index), what depends on one briefing
    and the entities alone (the mentions found in its body) is taken from it for each briefing that did
    not change, and only the related lists an edit can change are worked out again."""
    ordered = list(corpus.briefings)  # oldest first
    newest = ordered[::-1]
    since = (previous, changed_briefings(previous.corpus, corpus)) if previous is not None else None
    mentions, mentioned_in = collect_mentions(newest, corpus, since)
    pairs = collect_pairs(newest)
    return Index(
        corpus=corpus,
        briefing={b.slug: b for b in ordered},
        newest=newest,
        events=sorted((e for b in newest for e in b.events), key=lambda e: e.sort_key),
        by=collect_briefings_by_entity(newest),
        events_of=collect_events_by_entity(newest),
        pairs=pairs,
        pairs_of=collect_pairs_by_country(pairs),
        appears_with=collect_appears_with(newest),
        quotes_of=collect_quotes(newest),
        neighbours=collect_neighbours(ordered),
        mentions=mentions,
        mentioned_in=mentioned_in,
        related=related_briefings(ordered, (since[0].corpus.briefings, since[0].related, since[1]) if since else None),
        tracker=collect_stances({p: info.relations for p, info in pairs.items()}, corpus.stances),
    )


def collect_mentions(
    newest: list[Briefing], corpus: Corpus, since: tuple[Index, frozenset[str]] | None = None
) -> tuple[dict[str, list[Mention]], dict[Entity, list[tuple[Briefing, str]]]]:
    """The first mentions in each body, and each entity's. With `since` (the last index, and the briefings
    changed from it), an unchanged briefing's are the last index's while the entities are the same."""
    mentions: dict[str, list[Mention]] = {}
    mentioned_in: defaultdict[Entity, list[tuple[Briefing, str]]] = defaultdict(list)
    last, changed = since if since is not None and same_entities(since[0].corpus, corpus) else (None, frozenset())
    for b in newest:
        if last is not None and b.slug not in changed:
            mentions[b.slug] = found = last.mentions[b.slug]
        else:
            mentions[b.slug] = found = find_mentions(b, corpus)
        for mention in found:
            mentioned_in[mention.entity].append((b, mention.sentence))
    return mentions, dict(mentioned_in)


def collect_briefings_by_entity(newest: list[Briefing]) -> dict[str, dict[str, list[Briefing]]]:
    by: dict[str, defaultdict[str, list[Briefing]]] = {row.kind: defaultdict(list) for row in entity_kinds()}
    for b in newest:
        for kind, table in by.items():
            for entity in b.refs.get(kind, ()):
                table[entity].append(b)
    return {kind: dict(table) for kind, table in by.items()}


def collect_events_by_entity(newest: list[Briefing]) -> dict[tuple[str, str], list[EventItem]]:
    """Events per entity: those an event names, and for topics, every event of the briefings filed there."""
    events_of: defaultdict[tuple[str, str], list[EventItem]] = defaultdict(list)
    kinds = [row.kind for row in event_kinds()]
    for b in newest:
        for ev in b.events:
            for kind in kinds:
                for entity in ev.refs.get(kind, ()):
                    events_of[(kind, entity)].append(ev)
            for t in b.topics:
                events_of[("topic", t)].append(ev)
    for evs in events_of.values():
        evs.sort(key=lambda e: e.sort_key)
    return dict(events_of)


def collect_pairs(newest: list[Briefing]) -> dict[Pair, PairInfo]:
    """Every pair of countries a relation or a shared event links, sorted by pair."""
    pairs: dict[Pair, PairInfo] = {}
    for b in newest:
        touched = {rel.pair for rel in b.relations}
        for ev in b.events:
            cs = sorted(set(ev.countries))
            for i, a in enumerate(cs):
                for c in cs[i + 1 :]:
                    pairs.setdefault((a, c), PairInfo((a, c))).events.append(ev)
                    touched.add((a, c))
        for p in sorted(touched):
            info = pairs.setdefault(p, PairInfo(p))
            info.briefings.append(b)
            info.people.update(b.people)
    for b in reversed(newest):
        for rel in b.relations:
            pairs[rel.pair].relations.append(rel)
    for info in pairs.values():
        info.events.sort(key=lambda e: e.sort_key)
    return dict(sorted(pairs.items()))


def collect_pairs_by_country(pairs: dict[Pair, PairInfo]) -> dict[str, list[PairInfo]]:
    """Each country's pairs, most covered first."""
    pairs_of: defaultdict[str, list[PairInfo]] = defaultdict(list)
    for p, info in pairs.items():
        pairs_of[p[0]].append(info)
        pairs_of[p[1]].append(info)
    for infos in pairs_of.values():
        infos.sort(key=lambda i: (-len(i.briefings), i.pair))
    return dict(pairs_of)


def collect_appears_with(newest: list[Briefing]) -> dict[str, dict[str, Counter[str]]]:
    """For each named kind (people, organizations…): country -> entity -> briefings naming both."""
    out: dict[str, dict[str, Counter[str]]] = {}
    for row in named_kinds():
        table: defaultdict[str, Counter[str]] = defaultdict(Counter)
        for b in newest:
            for c in b.countries:
                table[c].update(b.refs.get(row.kind, ()))
        out[row.kind] = dict(table)
    return out


def collect_quotes(newest: list[Briefing]) -> dict[str, list[tuple[Briefing, int]]]:
    quotes_of: defaultdict[str, list[tuple[Briefing, int]]] = defaultdict(list)
    for b in newest:
        for i, q in enumerate(b.quotes):
            quotes_of[q.person].append((b, i))
    return dict(quotes_of)


def collect_neighbours(ordered: list[Briefing]) -> dict[str, tuple[Briefing | None, Briefing | None]]:
    return {
        b.slug: (ordered[i - 1] if i > 0 else None, ordered[i + 1] if i + 1 < len(ordered) else None)
        for i, b in enumerate(ordered)
    }
