"""Index: the corpus as an entity graph -- who appears where, country pairs, events.

Everything here is computed once, in one pass over the briefings (O(n·k) for
n briefings with k entities each), before any page is rendered.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..content.entities import Briefing, Corpus, EventItem, RelationItem
from .mentions import Entity, Mention, find_mentions
from .related import related_briefings

Pair = tuple[str, str]


def pair_of(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


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
        return f"{self.pair[0]}--{self.pair[1]}"


@dataclass
class Index:
    corpus: Corpus
    briefing: dict[str, Briefing]
    newest: list[Briefing]
    events: list[EventItem]  # sorted by EDTF bounds
    by_country: dict[str, list[Briefing]]
    by_person: dict[str, list[Briefing]]
    by_org: dict[str, list[Briefing]]
    by_topic: dict[str, list[Briefing]]
    events_of: dict[tuple[str, str], list[EventItem]]  # (kind, id) -> events, sorted
    pairs: dict[Pair, PairInfo]
    pairs_of: dict[str, list[PairInfo]]
    people_with: dict[str, Counter[str]]  # country -> person -> briefings together
    orgs_with: dict[str, Counter[str]]
    quotes_of: dict[str, list[tuple[Briefing, int]]]  # person -> (briefing, quote index)
    neighbours: dict[str, tuple[Briefing | None, Briefing | None]]  # previous, next by date
    mentions: dict[str, list[Mention]]  # briefing -> first mentions in its body
    mentioned_in: dict[Entity, list[tuple[Briefing, str]]]  # entity -> (briefing, sentence), newest first
    related: dict[str, list[Briefing]]


def build_index(corpus: Corpus) -> Index:
    ordered = list(corpus.briefings)  # oldest first
    newest = ordered[::-1]
    by: dict[str, defaultdict[str, list[Briefing]]] = {
        k: defaultdict(list) for k in ("country", "person", "organization", "topic")}
    events_of: defaultdict[tuple[str, str], list[EventItem]] = defaultdict(list)
    pairs: dict[Pair, PairInfo] = {}
    people_with: defaultdict[str, Counter[str]] = defaultdict(Counter)
    orgs_with: defaultdict[str, Counter[str]] = defaultdict(Counter)
    quotes_of: defaultdict[str, list[tuple[Briefing, int]]] = defaultdict(list)
    events: list[EventItem] = []
    mentions: dict[str, list[Mention]] = {}
    mentioned_in: defaultdict[Entity, list[tuple[Briefing, str]]] = defaultdict(list)

    def pair(p: Pair) -> PairInfo:
        info = pairs.get(p)
        if info is None:
            info = pairs[p] = PairInfo(p)
        return info

    for b in newest:
        mentions[b.slug] = found = find_mentions(b, corpus)
        for mention in found:
            mentioned_in[mention.entity].append((b, mention.sentence))
        for kind, ids in (("country", b.countries), ("person", b.people),
                          ("organization", b.organizations), ("topic", b.topics)):
            for entity in ids:
                by[kind][entity].append(b)
        for c in b.countries:
            people_with[c].update(b.people)
            orgs_with[c].update(b.organizations)
        touched: set[Pair] = set()
        for rel in b.relations:
            touched.add(rel.pair)
        for ev in b.events:
            events.append(ev)
            for kind, ids in (("country", ev.countries), ("person", ev.people),
                              ("organization", ev.organizations)):
                for entity in ids:
                    events_of[(kind, entity)].append(ev)
            for t in b.topics:
                events_of[("topic", t)].append(ev)
            cs = sorted(set(ev.countries))
            for i, a in enumerate(cs):
                for c in cs[i + 1:]:
                    pair((a, c)).events.append(ev)
                    touched.add((a, c))
        for i, q in enumerate(b.quotes):
            quotes_of[q.person].append((b, i))
        for p in sorted(touched):
            info = pair(p)
            info.briefings.append(b)
            info.people.update(b.people)
    for b in ordered:
        for rel in b.relations:
            pairs[rel.pair].relations.append(rel)

    events.sort(key=lambda e: e.sort_key)
    for evs in events_of.values():
        evs.sort(key=lambda e: e.sort_key)
    for info in pairs.values():
        info.events.sort(key=lambda e: e.sort_key)
    pairs_of: defaultdict[str, list[PairInfo]] = defaultdict(list)
    for p, info in sorted(pairs.items()):
        pairs_of[p[0]].append(info)
        pairs_of[p[1]].append(info)
    for infos in pairs_of.values():
        infos.sort(key=lambda i: (-len(i.briefings), i.pair))
    neighbours = {
        b.slug: (ordered[i - 1] if i > 0 else None, ordered[i + 1] if i + 1 < len(ordered) else None)
        for i, b in enumerate(ordered)
    }
    return Index(
        corpus=corpus,
        briefing={b.slug: b for b in ordered},
        newest=newest,
        events=events,
        by_country=dict(by["country"]),
        by_person=dict(by["person"]),
        by_org=dict(by["organization"]),
        by_topic=dict(by["topic"]),
        events_of=dict(events_of),
        pairs=dict(sorted(pairs.items())),
        pairs_of=dict(pairs_of),
        people_with=dict(people_with),
        orgs_with=dict(orgs_with),
        quotes_of=dict(quotes_of),
        neighbours=neighbours,
        mentions=mentions,
        mentioned_in=dict(mentioned_in),
        related=related_briefings(ordered),
    )
