"""changes.json: for "new since your last visit", the newest briefing date of each profile and pair page.

A small build-time file, one entry per page that lists briefings: its URL path from the site root
and the day of its newest briefing, e.g. {"pages": {"countries/iran/": "2026-02-27", ...}}. A reader's
browser can compare it with what it remembers (docs/javascripts/last-visit.js keeps, per page, the
time of the last visit in localStorage; the page's own list carries each briefing's day, so the script
itself needs no download). One pass over the index: linear in the briefings' references.
"""

from __future__ import annotations

import json

from .. import urls
from ..graph.index import Index
from ..kinds import entity_kinds


def newest_by_page(index: Index, use_directory_urls: bool = True) -> dict[str, str]:
    """URL path of each profile and pair page with briefings -> the ISO day of its newest briefing."""
    pages: dict[str, str] = {}
    for row in entity_kinds():
        for entity_id, briefings in index.by.get(row.kind, {}).items():
            if briefings:
                newest = max(b.date for b in briefings)
                pages[urls.page_path(urls.page(row.kind, entity_id), use_directory_urls)] = newest.isoformat()
    for info in index.pairs.values():
        if info.briefings:
            newest = max(b.date for b in info.briefings)
            pages[urls.page_path(urls.pair_page(info.pair), use_directory_urls)] = newest.isoformat()
    return pages


def changes_json(index: Index, use_directory_urls: bool = True) -> str:
    pages = newest_by_page(index, use_directory_urls)
    return json.dumps({"version": 1, "pages": dict(sorted(pages.items()))}, separators=(",", ":"), ensure_ascii=False)
