"""Typed, resolved content: what `validate` produces and `index` consumes.

Every reference here is a canonical id; every date is parsed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .dates import FuzzyDate
from .models import Source


@dataclass(frozen=True)
class Country:
    id: str
    name: str
    official_name: str
    alpha2: str
    alpha3: str
    flag: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...] = ()
    memberships: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    intro: str = ""
    path: str | None = None  # the curated file, relative to the project root


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...]
    description: str
    country: str | None
    wikidata: str | None
    body: str
    path: str


@dataclass(frozen=True)
class Organization:
    id: str
    name: str
    aliases: tuple[str, ...]
    description: str
    country: str | None
    wikidata: str | None
    body: str
    path: str


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    description: str


@dataclass(frozen=True)
class EventItem:
    briefing: str
    index: int
    date: FuzzyDate
    title: str
    countries: tuple[str, ...]
    people: tuple[str, ...]
    organizations: tuple[str, ...]
    topics: tuple[str, ...] = ()  # the briefing's topics, for filtering timelines

    @property
    def anchor(self) -> str:
        return f"event-{self.index + 1}"

    @property
    def sort_key(self) -> tuple[dt.date, dt.date, str, str, int]:
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
class Briefing:
    slug: str
    path: str  # relative to the project root
    title: str
    date: dt.date
    updated: dt.date | None
    dek: str
    sources: tuple[Source, ...]
    countries: tuple[str, ...]
    people: tuple[str, ...]
    organizations: tuple[str, ...]
    topics: tuple[str, ...]
    relations: tuple[RelationItem, ...]
    events: tuple[EventItem, ...]
    quotes: tuple[QuoteItem, ...]
    body: str

    @property
    def sort_key(self) -> tuple[dt.date, str]:
        return (self.date, self.slug)


@dataclass(frozen=True)
class Corpus:
    """All valid content. Briefings are in date order, oldest first."""

    briefings: tuple[Briefing, ...]
    countries: dict[str, Country]  # every country named anywhere, or curated
    people: dict[str, Person]
    organizations: dict[str, Organization]
    topics: dict[str, Topic]
