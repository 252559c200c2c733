"""Structured data for a page's <head>: schema.org JSON-LD, Open Graph and Twitter card meta.

Pure functions of the index and a page's source path. The theme writes the
results into the head, where no HTML sanitiser runs: `script_json` escapes
"<", ">" and "&" so contributor text can never close the script element, and
the template escapes every meta value.
"""

from __future__ import annotations

import json
from typing import Any

from ..content.entities import Briefing, Country, Organization, Person
from ..graph.index import Index
from ..siteinfo import SiteInfo
from .feeds import timestamp

CONTEXT = "https://schema.org"
WIKIDATA = "https://www.wikidata.org/entity/"

Json = dict[str, Any]
MetaTag = tuple[str, str, str]  # (attribute, key, content): ("property", "og:title", "...")

_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(data: Json) -> str:
    """JSON for inside <script type="application/ld+json">: no character that HTML could read as markup."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_SCRIPT_SAFE)


def wikidata_uri(qid: str | None) -> str | None:
    return f"{WIKIDATA}{qid}" if qid else None


def _compact(node: Json) -> Json:
    return {k: v for k, v in node.items() if v not in (None, "", [])}


def country_node(site: SiteInfo, c: Country) -> Json:
    """A country as a schema.org Country (a Place), identified by its ISO 3166-1 codes."""
    ids = [{"@type": "PropertyValue", "propertyID": prop, "value": value}
           for prop, value in (("ISO 3166-1 alpha-2", c.alpha2), ("ISO 3166-1 alpha-3", c.alpha3)) if value]
    return _compact({"@type": "Country", "name": c.name, "identifier": ids,
                     "url": site.page_url(f"countries/{c.id}.md")})


def person_node(site: SiteInfo, p: Person) -> Json:
    return _compact({"@type": "Person", "name": p.name, "description": p.description,
                     "sameAs": wikidata_uri(p.wikidata), "url": site.page_url(f"people/{p.id}.md")})


def org_node(site: SiteInfo, o: Organization) -> Json:
    return _compact({"@type": "Organization", "name": o.name, "description": o.description,
                     "sameAs": wikidata_uri(o.wikidata), "url": site.page_url(f"organizations/{o.id}.md")})


def briefing_data(index: Index, site: SiteInfo, b: Briefing) -> Json:
    corpus = index.corpus
    return _compact({
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": b.title,
        "description": b.dek,
        "datePublished": b.date.isoformat(),
        "dateModified": (b.updated or b.date).isoformat(),
        "inLanguage": site.language,
        "url": site.page_url(f"briefings/{b.slug}.md"),
        "isBasedOn": [s.url for s in b.sources],
        "about": [country_node(site, corpus.countries[c]) for c in b.countries],
        "mentions": [*(person_node(site, corpus.people[p]) for p in b.people),
                     *(org_node(site, corpus.organizations[o]) for o in b.organizations)],
        "keywords": [corpus.topics[t].label for t in b.topics if t in corpus.topics],
        "publisher": {"@type": "Organization", "name": site.name, "url": site.url},
    })


def _entity(uri: str) -> tuple[str, str]:
    """('countries', 'iran') for 'countries/iran.md'; ('', '') for any other kind of page."""
    parts = uri.removesuffix(".md").split("/")
    return (parts[0], parts[1]) if len(parts) == 2 and uri.endswith(".md") else ("", "")


def structured_data(index: Index, site: SiteInfo, uri: str) -> Json | None:
    """The JSON-LD object for the page built from `uri`, or None if the page describes no one thing."""
    folder, name = _entity(uri)
    corpus = index.corpus
    node: Json
    if folder == "briefings" and name in index.briefing:
        return briefing_data(index, site, index.briefing[name])
    if folder == "countries" and name in corpus.countries:
        c = corpus.countries[name]
        node = country_node(site, c)
        if c.official_name and c.official_name != c.name:
            node["alternateName"] = c.official_name
    elif folder == "people" and name in corpus.people:
        p = corpus.people[name]
        node = person_node(site, p)
        if p.country and p.country in corpus.countries:
            node["nationality"] = country_node(site, corpus.countries[p.country])
    elif folder == "organizations" and name in corpus.organizations:
        node = org_node(site, corpus.organizations[name])
    else:
        return None
    return {"@context": CONTEXT, **node}


def social_meta(index: Index, site: SiteInfo, uri: str) -> list[MetaTag]:
    """Open Graph and Twitter card tags for briefings and entity profiles; none for other pages."""
    folder, name = _entity(uri)
    corpus = index.corpus
    og_type = "website"
    extra: list[MetaTag] = []
    if folder == "briefings" and name in index.briefing:
        b = index.briefing[name]
        title, description, og_type = b.title, b.dek, "article"
        extra = [("property", "article:published_time", timestamp(b.date)),
                 ("property", "article:modified_time", timestamp(b.updated or b.date))]
        extra += [("property", "article:tag", corpus.topics[t].label) for t in b.topics if t in corpus.topics]
    elif folder == "countries" and name in corpus.countries:
        title = corpus.countries[name].name
        description = f"Briefings, relationships and timeline of {title}"
    elif folder == "people" and name in corpus.people:
        title, description, og_type = corpus.people[name].name, corpus.people[name].description, "profile"
    elif folder == "organizations" and name in corpus.organizations:
        title, description = corpus.organizations[name].name, corpus.organizations[name].description
    else:
        return []
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
