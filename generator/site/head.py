"""What a page's <head> announces beyond the theme's own: feed links, social meta tags and JSON-LD.

The plugin puts it in `page.meta["briefing_head"]` for each page it builds; `briefing generate`
writes the same into each generated page's front matter, so a builder without the plugin (plain
MkDocs, Zensical) gets the same head from the theme override (site_config/overrides/main.html).
"""

from __future__ import annotations

from typing import Any

from ..graph.index import Index
from ..siteinfo import SiteInfo
from ..urls import Subject
from .feeds import feed_links
from .jsonld import script_json, social_meta, structured_data

EMPTY: dict[str, Any] = {"feeds": [], "meta": [], "jsonld": None}


def head_data(index: Index, site: SiteInfo, subject: Subject | None, uri: str) -> dict[str, Any]:
    """Feed paths (from the site root) with titles, meta tags and the escaped JSON-LD of one page."""
    data = structured_data(index, site, subject)
    return {
        "feeds": [{"path": f.path, "title": f.title} for f in feed_links(index, site.name, subject, uri)],
        "meta": [{"attr": a, "key": k, "content": v} for a, k, v in social_meta(index, site, subject, uri)],
        "jsonld": script_json(data) if data else None,
    }
