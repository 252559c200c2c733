"""What the search index knows of each page beyond its text: its kind, countries and topics (the
filters of the header search), and the other names a reader may type for what it shows.

`facets` is pure: from the entity graph and the subject a page shows to plain strings. The plugin puts
the result into `page.meta["briefing_search"]`; the theme (site_config/overrides/main.html) writes it
inside the article as Pagefind filter and metadata attributes, and the extra names as hidden indexed
text, so that "Persia" or "IRN" finds Iran's profile whatever its template shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypedDict

from ..content.entities import Country, Named
from ..graph.index import Index
from ..kinds import spec
from ..urls import Subject

PAGE = "Page"  # hand-written pages, and generated pages that show no one thing (home, indexes)
PAIR = "Relationship"


class Facets(TypedDict):
    kind: str  # "Briefing", "Country", "Person", "Organization", "Topic", "Relationship" or "Page"
    country: list[str]  # country names
    topic: list[str]  # topic labels
    terms: list[str]  # other names for what the page shows: aliases, ISO codes, demonyms


def kind_label(kind: str | None) -> str:
    """The kind a search result says it is, from the kinds table: "person" -> "Person"."""
    if kind is None:
        return PAGE
    if kind == "pair":
        return PAIR
    label = spec(kind).label
    return label[:1].upper() + label[1:]


def facets(index: Index, subject: Subject | None) -> Facets:
    """The search facets of a page showing `subject` (None: a page that shows no one thing)."""
    out = Facets(kind=kind_label(subject.kind if subject else None), country=[], topic=[], terms=[])
    if subject is None:
        return out
    corpus = index.corpus
    if subject.pair is not None:
        out["country"] = [corpus.name("country", c) for c in subject.pair if c in corpus.countries]
        return out
    if subject.kind == "briefing":
        b = index.briefing[subject.id]
        out["country"] = [corpus.name("country", c) for c in b.countries if c in corpus.countries]
        out["topic"] = [corpus.name("topic", t) for t in b.topics if t in corpus.topics]
        return out
    if subject.kind == "topic":
        out["topic"] = [corpus.name("topic", subject.id)]
        return out
    entity = corpus.entities(subject.kind).get(subject.id)
    if isinstance(entity, Country):
        out["country"] = [entity.name]
        names = [entity.official_name, *entity.aliases, entity.alpha2, entity.alpha3, *entity.demonyms]
        out["terms"] = _unique(n for n in names if n and n != entity.name)
    elif isinstance(entity, Named):
        if entity.country in corpus.countries:
            out["country"] = [corpus.name("country", entity.country)]
        out["terms"] = _unique(n for n in entity.aliases if n and n != entity.name)
    return out


def _unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))
