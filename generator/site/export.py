"""The data export: data/briefings.json (everything) and data/timeline.csv (the events).

Pure and deterministic: sorted keys, a fixed order for every list, no clock.
The JSON's shape is described by site_config/schemas/export.schema.json and
documented on the site's Data page (docs/data.md).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from ..content.entities import Briefing, EventItem, RelationItem
from ..graph.index import Index
from ..siteinfo import SiteInfo

JSON_PATH = "data/briefings.json"
CSV_PATH = "data/timeline.csv"
FORMAT = "briefing-export"
VERSION = 1
CSV_FIELDS = ["date_edtf", "label", "lower", "upper", "title", "countries", "people", "organizations",
              "briefing", "url"]

Json = dict[str, Any]


def _bound(day: dt.date | None) -> str | None:
    """An ISO day, or None for an open end ("since 2010", "until 1900")."""
    return None if day is None or day == dt.date.min else day.isoformat()


def _briefing(site: SiteInfo, b: Briefing) -> Json:
    return {
        "slug": b.slug,
        "title": b.title,
        "date": b.date.isoformat(),
        "updated": b.updated.isoformat() if b.updated else None,
        "dek": b.dek,
        "url": site.page_url(f"briefings/{b.slug}.md"),
        "source_path": b.path,
        "sources": [{"publisher": s.publisher, "url": s.url, "published": s.published.isoformat(),
                     "title": s.title, "author": s.author} for s in b.sources],
        "countries": list(b.countries),
        "people": list(b.people),
        "organizations": list(b.organizations),
        "topics": list(b.topics),
        "quotes": [{"person": q.person, "text": q.text, "context": q.context} for q in b.quotes],
        "body": b.body,
    }


def event_url(site: SiteInfo, e: EventItem) -> str:
    return f"{site.page_url(f'briefings/{e.briefing}.md')}#{e.anchor}"


def _event(site: SiteInfo, e: EventItem) -> Json:
    return {
        "id": f"{e.briefing}#{e.anchor}",
        "date_edtf": e.date.edtf,
        "label": e.date.label,
        "lower": _bound(e.date.lower),
        "upper": _bound(e.date.upper),
        "title": e.title,
        "countries": list(e.countries),
        "people": list(e.people),
        "organizations": list(e.organizations),
        "briefing": e.briefing,
        "url": event_url(site, e),
    }


def _relation(site: SiteInfo, r: RelationItem) -> Json:
    return {
        "countries": list(r.pair),
        "stance": r.stance,
        "note": r.note,
        "date": r.date.isoformat(),
        "briefing": r.briefing,
        "url": site.page_url(f"relations/{r.pair[0]}--{r.pair[1]}.md"),
    }


def export_data(index: Index, site: SiteInfo) -> Json:
    """The whole export as one JSON-ready object."""
    corpus = index.corpus
    countries = [{
        "id": c.id, "name": c.name, "official_name": c.official_name, "alpha2": c.alpha2, "alpha3": c.alpha3,
        "flag": c.flag, "aliases": list(c.aliases), "demonyms": list(c.demonyms),
        "memberships": list(c.memberships), "leaders": list(c.leaders), "intro": c.intro,
        "url": site.page_url(f"countries/{c.id}.md"),
    } for c in sorted(corpus.countries.values(), key=lambda c: c.id)]
    people = [{
        "id": p.id, "name": p.name, "aliases": list(p.aliases), "description": p.description,
        "country": p.country, "wikidata": p.wikidata, "url": site.page_url(f"people/{p.id}.md"),
    } for p in sorted(corpus.people.values(), key=lambda p: p.id)]
    organizations = [{
        "id": o.id, "name": o.name, "aliases": list(o.aliases), "description": o.description,
        "country": o.country, "wikidata": o.wikidata, "url": site.page_url(f"organizations/{o.id}.md"),
    } for o in sorted(corpus.organizations.values(), key=lambda o: o.id)]
    topics = [{
        "id": t.id, "label": t.label, "description": t.description, "url": site.page_url(f"topics/{t.id}.md"),
    } for t in sorted(corpus.topics.values(), key=lambda t: t.id)]
    return {
        "format": FORMAT,
        "version": VERSION,
        "site": {"name": site.name, "url": site.url},
        "briefings": [_briefing(site, b) for b in sorted(corpus.briefings, key=lambda b: b.sort_key)],
        "entities": {"countries": countries, "people": people, "organizations": organizations,
                     "topics": topics},
        "events": [_event(site, e) for e in index.events],
        "relations": [_relation(site, r) for info in index.pairs.values() for r in info.relations],
    }


def export_json(index: Index, site: SiteInfo) -> str:
    return json.dumps(export_data(index, site), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# What makes a spreadsheet read a cell as a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: str) -> str:
    """A CSV cell no spreadsheet evaluates: a leading formula character gets a "'" before it."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def timeline_csv(index: Index, site: SiteInfo) -> str:
    """Every event in date order; lists are ids joined with ';', open bounds are empty. Cells that a
    spreadsheet would evaluate are neutralised (see `cell`); the JSON export keeps every value exact."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)  # RFC 4180: CRLF line ends, quoted as needed
    writer.writeheader()
    for e in index.events:
        writer.writerow({k: cell(v) for k, v in {
            "date_edtf": e.date.edtf,
            "label": e.date.label,
            "lower": _bound(e.date.lower) or "",
            "upper": _bound(e.date.upper) or "",
            "title": e.title,
            "countries": ";".join(e.countries),
            "people": ";".join(e.people),
            "organizations": ";".join(e.organizations),
            "briefing": e.briefing,
            "url": event_url(site, e),
        }.items()})
    return out.getvalue()


def build_export(index: Index, site: SiteInfo) -> dict[str, str]:
    """Both files, as {path relative to the site root: text}."""
    return {JSON_PATH: export_json(index, site), CSV_PATH: timeline_csv(index, site)}
