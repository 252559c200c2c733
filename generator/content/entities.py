"""Typed, resolved content: what `validate` produces and `index` consumes.

Every reference here is a canonical id; every date is parsed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from ..urls import event_anchor
from .dates import FuzzyDate
from .models import Source

Refs = Mapping[str, tuple[str, ...]]  # kind -> entity ids


@dataclass(frozen=True)
class Era:
    """When a historical state existed, and the countries that followed it."""

    since: int | None  # first year, if known
    until: int  # last year
    successors: tuple[tuple[str, str], ...]  # (id, name) of each country that followed it
    iso_code: str = ""  # its ISO 3166-3 code, if any

    @property
    def span(self) -> str:
        """'1922–1991', or 'until 1977' when the first year is not known."""
        return f"{self.since}–{self.until}" if self.since is not None else f"until {self.until}"


@dataclass(frozen=True)
class Country:
    id: str
    name: str
    official_name: str
    alpha2: str
    alpha3: str
    flag: str  # its flag image's code (generator/flags.py, urls.flag): "ir"; "" for none, as a historical state
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...] = ()
    memberships: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    intro: str = ""
    path: str | None = None  # the curated file, relative to the project root
    era: Era | None = None  # a historical state: when it existed (it has no flag and no ISO 3166-1 codes)


@dataclass(frozen=True)
class Named:
    """An entity of a kind whose files are in content/<folder>/: a person, an organization..."""

    kind: str
    id: str
    name: str
    aliases: tuple[str, ...]
    description: str
    country: str | None
    wikidata: str | None
    body: str
    path: str


Person = Named
Organization = Named


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    description: str
    path: str = "site_config/topics.yml"  # where it is declared (its edit link)


class _Refs:
    """Shorthands for the references of the kinds the pipeline itself knows (the kinds table may add more)."""

    refs: Refs

    @property
    def countries(self) -> tuple[str, ...]:
        return self.refs.get("country", ())

    @property
    def people(self) -> tuple[str, ...]:
        return self.refs.get("person", ())

    @property
    def organizations(self) -> tuple[str, ...]:
        return self.refs.get("organization", ())


@dataclass(frozen=True)
class EventItem(_Refs):
    briefing: str
    index: int
    date: FuzzyDate
    title: str
    refs: Refs  # kind -> ids of the entities involved, in the table's order of kinds
    topics: tuple[str, ...] = ()  # the briefing's topics, for filtering timelines

    @property
    def anchor(self) -> str:
        return event_anchor(self.index)

    @property
    def sort_key(self) -> tuple[dt.date, int, dt.date, int, str, str, int]:
        return (*self.date.sort_key, self.briefing, self.index)


@dataclass(frozen=True)
class RelationItem:
    briefing: str
    pair: tuple[str, str]  # sorted ids
    stance: str
    note: str
    date: dt.date


@dataclass(frozen=True)
class QuoteItem:
    briefing: str
    person: str
    text: str
    context: str | None


@dataclass(frozen=True)
class Briefing(_Refs):
    slug: str
    path: str  # relative to the project root
    title: str
    date: dt.date
    updated: dt.date | None
    dek: str
    sources: tuple[Source, ...]
    refs: Refs  # kind -> ids the briefing names (country, person, organization, topic...)
    relations: tuple[RelationItem, ...]
    events: tuple[EventItem, ...]
    quotes: tuple[QuoteItem, ...]
    body: str

    @property
    def topics(self) -> tuple[str, ...]:
        return self.refs.get("topic", ())

    @property
    def sort_key(self) -> tuple[dt.date, str]:
        return (self.date, self.slug)


@dataclass(frozen=True)
class Corpus:
    """All valid content. Briefings are in date order, oldest first."""

    briefings: tuple[Briefing, ...]
    countries: dict[str, Country]  # every country named anywhere, or curated
    named: dict[str, dict[str, Named]]  # kind -> id -> entity, for each kind whose entities are files
    topics: dict[str, Topic]
    stances: tuple[str, ...] = ()  # every stance, from the worst to the best (site_config/stances.yml)

    @property
    def people(self) -> dict[str, Named]:
        return self.named.get("person", {})

    @property
    def organizations(self) -> dict[str, Named]:
        return self.named.get("organization", {})

    def entities(self, kind: str) -> Mapping[str, Country | Named | Topic]:
        if kind == "country":
            return self.countries
        if kind == "topic":
            return self.topics
        return self.named.get(kind, {})

    def name(self, kind: str, entity_id: str) -> str:
        """The name readers see: a country's or person's name, a topic's label."""
        entity = self.entities(kind)[entity_id]
        return entity.label if isinstance(entity, Topic) else entity.name


def changed_briefings(old: Corpus, new: Corpus) -> frozenset[str]:
    """The slugs of the briefings added, removed or edited from `old` to `new` (the preview's and the
    cached build's incremental steps all start from this)."""
    before, after = {b.slug: b for b in old.briefings}, {b.slug: b for b in new.briefings}
    return frozenset(s for s in before.keys() | after.keys() if before.get(s) != after.get(s))
