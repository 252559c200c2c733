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

from .. import urls
from ..content.entities import Briefing, Country, EventItem, Named, Refs, RelationItem, Topic
from ..graph.index import Index
from ..kinds import KindSpec, all_kinds, entity_kinds, event_kinds
from ..siteinfo import SiteInfo

FORMAT = "briefing-export"
VERSION = 2  # 2: a country's `flag` is the address of its flag image, no longer an emoji

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
        "url": site.page_url(urls.page("briefing", b.slug)),
        "source_path": b.path,
        "sources": [
            {
                "publisher": s.publisher,
                "url": s.url,
                "published": s.published.isoformat(),
                "title": s.title,
                "author": s.author,
            }
            for s in b.sources
        ],
        **_refs(entity_kinds(), b.refs, events=False),
        "quotes": [{"person": q.person, "text": q.text, "context": q.context} for q in b.quotes],
        "body": b.body,
    }


def event_url(site: SiteInfo, e: EventItem) -> str:
    return site.page_url(urls.page("briefing", e.briefing)) + f"#{e.anchor}"


def _event(site: SiteInfo, e: EventItem) -> Json:
    return {
        "id": f"{e.briefing}#{e.anchor}",
        "date_edtf": e.date.edtf,
        "label": e.date.label,
        "lower": _bound(e.date.lower),
        "upper": _bound(e.date.upper),
        "title": e.title,
        **_refs(event_kinds(), e.refs, events=True),
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
        "url": site.page_url(urls.pair_page(r.pair)),
    }


def _refs(rows: tuple[KindSpec, ...], refs: Refs, *, events: bool) -> Json:
    """A briefing's (or an event's) references, one list per kind, under the front matter's field names."""
    out: Json = {}
    for row in rows:
        field = row.in_events if events else row.listed
        assert field is not None
        out[field.name] = list(refs.get(row.kind, ()))
    return out


def entity_json(site: SiteInfo, kind: str, entity: Country | Named | Topic) -> Json:
    url = site.page_url(urls.page(kind, entity.id))
    if isinstance(entity, Country):
        c = entity
        return {
            "id": c.id,
            "name": c.name,
            "official_name": c.official_name,
            "alpha2": c.alpha2,
            "alpha3": c.alpha3,
            "flag": site.file_url(urls.flag(c.flag)) if c.flag else "",
            "aliases": list(c.aliases),
            "demonyms": list(c.demonyms),
            "memberships": list(c.memberships),
            "leaders": list(c.leaders),
            "intro": c.intro,
            "historical": (
                {"from": c.era.since, "to": c.era.until, "successors": [i for i, _ in c.era.successors]}
                if c.era
                else None
            ),
            "url": url,
        }
    if isinstance(entity, Named):
        return {
            "id": entity.id,
            "name": entity.name,
            "aliases": list(entity.aliases),
            "description": entity.description,
            "country": entity.country,
            "wikidata": entity.wikidata,
            "url": url,
        }
    return {"id": entity.id, "label": entity.label, "description": entity.description, "url": url}


def export_data(index: Index, site: SiteInfo) -> Json:
    """The whole export as one JSON-ready object: a section of `entities` per kind the table exports."""
    corpus = index.corpus
    entities = {
        row.export: [
            entity_json(site, row.kind, e) for e in sorted(corpus.entities(row.kind).values(), key=lambda e: e.id)
        ]
        for row in all_kinds()
        if row.export
    }
    return {
        "format": FORMAT,
        "version": VERSION,
        "site": {"name": site.name, "url": site.url},
        "briefings": [_briefing(site, b) for b in sorted(corpus.briefings, key=lambda b: b.sort_key)],
        "entities": entities,
        "events": [_event(site, e) for e in index.events],
        "relations": [_relation(site, r) for info in index.pairs.values() for r in info.relations],
    }


def csv_fields() -> list[str]:
    """The CSV's columns: the event's, with a list column per kind an event names."""
    names = [row.in_events.name for row in event_kinds() if row.in_events is not None]
    return ["date_edtf", "label", "lower", "upper", "title", *names, "briefing", "url"]


def export_json(index: Index, site: SiteInfo) -> str:
    """The JSON export, compact (indented, Python's JSON encoder cannot use its C half: at 10,000 briefings
    that took seconds of every build; browsers and `jq` show it indented anyway)."""
    return json.dumps(export_data(index, site), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


# What makes a spreadsheet read a cell as a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: str) -> str:
    """A CSV cell no spreadsheet evaluates: a leading formula character gets a "'" before it."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def timeline_csv(index: Index, site: SiteInfo) -> str:
    """Every event in date order; lists are ids joined with ';', open bounds are empty. Cells that a
    spreadsheet would evaluate are neutralised (see `cell`); the JSON export keeps every value exact."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=csv_fields())  # RFC 4180: CRLF line ends, quoted as needed
    writer.writeheader()
    for e in index.events:
        writer.writerow(
            {
                k: cell(v)
                for k, v in {
                    "date_edtf": e.date.edtf,
                    "label": e.date.label,
                    "lower": _bound(e.date.lower) or "",
                    "upper": _bound(e.date.upper) or "",
                    "title": e.title,
                    **{name: ";".join(ids) for name, ids in _refs(event_kinds(), e.refs, events=True).items()},
                    "briefing": e.briefing,
                    "url": event_url(site, e),
                }.items()
            }
        )
    return out.getvalue()


def build_export(index: Index, site: SiteInfo) -> dict[str, str]:
    """Both files, as {path relative to the site root: text}."""
    return {urls.EXPORT_JSON: export_json(index, site), urls.EXPORT_CSV: timeline_csv(index, site)}
