"""Structured data for a page's <head>: schema.org JSON-LD, Open Graph and Twitter card meta.

Pure functions of the index and a page's source path. The theme writes the
results into the head, where no HTML sanitiser runs: `script_json` escapes
"<", ">" and "&" so contributor text can never close the script element, and
the template escapes every meta value.
"""

from __future__ import annotations

import json
from typing import Any

from .. import urls
from ..content.entities import Briefing, Country, Named, Topic
from ..graph.index import Index
from ..kinds import named_kinds, spec
from ..siteinfo import SiteInfo
from ..urls import Subject
from .feeds import timestamp

CONTEXT = "https://schema.org"
WIKIDATA = "https://www.wikidata.org/entity/"

Json = dict[str, Any]
MetaTag = tuple[str, str, str]  # (attribute, key, content): ("property", "og:title", "...")

_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(data: Json) -> str:
    """JSON for inside <script type="application/ld+json">: no character that HTML could read as markup."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_SCRIPT_SAFE)


def wikidata_uri(qid: str | None) -> str | None:
    return f"{WIKIDATA}{qid}" if qid else None


def _compact(node: Json) -> Json:
    return {k: v for k, v in node.items() if v not in (None, "", [])}


def entity_node(site: SiteInfo, kind: str, entity: Country | Named | Topic) -> Json:
    """An entity as a schema.org node of its kind's type (the kinds table): a country by its ISO 3166-1
    codes, a person or organization with its Wikidata item."""
    url = site.page_url(urls.page(kind, entity.id))
    if isinstance(entity, Country):
        ids = [
            {"@type": "PropertyValue", "propertyID": prop, "value": value}
            for prop, value in (("ISO 3166-1 alpha-2", entity.alpha2), ("ISO 3166-1 alpha-3", entity.alpha3))
            if value
        ]
        return _compact({"@type": spec(kind).jsonld, "name": entity.name, "identifier": ids, "url": url})
    if isinstance(entity, Named):
        return _compact(
            {
                "@type": spec(kind).jsonld,
                "name": entity.name,
                "description": entity.description,
                "sameAs": wikidata_uri(entity.wikidata),
                "url": url,
            }
        )
    return _compact({"@type": spec(kind).jsonld, "name": entity.label, "url": url})


def briefing_data(index: Index, site: SiteInfo, b: Briefing) -> Json:
    corpus = index.corpus
    named = [row for row in named_kinds() if row.jsonld]
    return _compact(
        {
            "@context": CONTEXT,
            "@type": "NewsArticle",
            "headline": b.title,
            "description": b.dek,
            "datePublished": b.date.isoformat(),
            "dateModified": (b.updated or b.date).isoformat(),
            "inLanguage": site.language,
            "url": site.page_url(urls.page("briefing", b.slug)),
            "isBasedOn": [s.url for s in b.sources],
            "about": [entity_node(site, "country", corpus.countries[c]) for c in b.countries],
            "mentions": [
                entity_node(site, row.kind, corpus.named[row.kind][i])
                for row in named
                for i in b.refs.get(row.kind, ())
            ],
            "keywords": [corpus.topics[t].label for t in b.topics if t in corpus.topics],
            "publisher": {"@type": "Organization", "name": site.name, "url": site.url},
        }
    )


def structured_data(index: Index, site: SiteInfo, subject: Subject | None) -> Json | None:
    """The JSON-LD object for a page that shows `subject`, or None if the page describes no one thing."""
    if subject is None or subject.pair is not None:
        return None
    corpus = index.corpus
    if subject.kind == "briefing":
        return briefing_data(index, site, index.briefing[subject.id])
    if not spec(subject.kind).jsonld:
        return None
    entity = corpus.entities(subject.kind)[subject.id]
    node = entity_node(site, subject.kind, entity)
    if isinstance(entity, Country) and entity.official_name and entity.official_name != entity.name:
        node["alternateName"] = entity.official_name
    if isinstance(entity, Named) and node["@type"] == "Person" and entity.country in corpus.countries:
        node["nationality"] = entity_node(site, "country", corpus.countries[entity.country])
    return {"@context": CONTEXT, **node}


def social_meta(index: Index, site: SiteInfo, subject: Subject | None, uri: str) -> list[MetaTag]:
    """Open Graph and Twitter card tags for briefings and entity profiles; none for other pages."""
    if subject is None or subject.pair is not None or (subject.kind != "briefing" and not spec(subject.kind).jsonld):
        return []
    corpus = index.corpus
    og_type = "website"
    extra: list[MetaTag] = []
    if subject.kind == "briefing":
        b = index.briefing[subject.id]
        title, description, og_type = b.title, b.dek, "article"
        extra = [
            ("property", "article:published_time", timestamp(b.date)),
            ("property", "article:modified_time", timestamp(b.updated or b.date)),
        ]
        extra += [("property", "article:tag", corpus.topics[t].label) for t in b.topics if t in corpus.topics]
    else:
        entity = corpus.entities(subject.kind)[subject.id]
        title = corpus.name(subject.kind, subject.id)
        if isinstance(entity, Named):
            description = entity.description
            og_type = "profile" if spec(subject.kind).jsonld == "Person" else og_type
        else:
            description = f"Briefings, relationships and timeline of {title}"
    return [
        ("property", "og:type", og_type),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:url", site.page_url(uri)),
        ("property", "og:site_name", site.name),
        *extra,
        ("name", "twitter:card", "summary"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", description),
    ]
