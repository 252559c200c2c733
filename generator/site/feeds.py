"""Atom 1.0 feeds from the index: the whole site, each country and each pair of countries.

`build_feeds` is pure: the same index and settings give byte-identical XML.
No clock is read; a feed's <updated> is its newest entry's.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

from ..content.entities import Briefing
from ..graph.index import Index
from ..siteinfo import SiteInfo

ATOM = "http://www.w3.org/2005/Atom"
XML_NS = "http://www.w3.org/XML/1998/namespace"
ATOM_TYPE = "application/atom+xml"
ALL_FEED = "feeds/all.xml"
LIMIT = 50  # entries per feed, newest first
EPOCH = "1970-01-01T00:00:00Z"  # <updated> of a feed with no entries: fixed, never "now"

# Characters XML 1.0 does not allow, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def country_feed(cid: str) -> str:
    return f"feeds/countries/{cid}.xml"


def pair_feed(slug: str) -> str:
    return f"feeds/relations/{slug}.xml"


def timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def entry_id(site: SiteInfo, b: Briefing) -> str:
    """A tag: URI (RFC 4151): stable even if the page moves or the URL scheme changes."""
    return f"tag:{site.host},{b.date.isoformat()}:briefings/{b.slug}"


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, {k: _text(v) for k, v in attrs.items()})
    if text is not None:
        el.text = _text(text)
    return el


def _entry(feed: ET.Element, index: Index, site: SiteInfo, b: Briefing) -> None:
    entry = _sub(feed, "entry")
    _sub(entry, "id", entry_id(site, b))
    _sub(entry, "title", b.title, type="text")
    _sub(entry, "link", rel="alternate", type="text/html", href=site.page_url(f"briefings/{b.slug}.md"))
    for source in b.sources:
        _sub(entry, "link", rel="related", type="text/html", href=source.url, title=source.publisher)
    _sub(entry, "published", timestamp(b.date))
    _sub(entry, "updated", timestamp(b.updated or b.date))
    _sub(entry, "summary", b.dek, type="text")
    for tid in b.topics:
        topic = index.corpus.topics.get(tid)
        _sub(entry, "category", term=tid, label=topic.label if topic else tid,
             scheme=site.page_url("topics/index.md"))


def feed_xml(index: Index, site: SiteInfo, path: str, title: str, alternate: str,
             briefings: Iterable[Briefing]) -> str:
    """One Atom feed: `briefings` newest first (at most LIMIT), `alternate` the page it follows."""
    items = sorted(briefings, key=lambda b: b.sort_key, reverse=True)[:LIMIT]
    feed = ET.Element("feed", {"xmlns": ATOM, f"{{{XML_NS}}}lang": site.language})
    _sub(feed, "id", site.file_url(path))
    _sub(feed, "title", title, type="text")
    if site.description:
        _sub(feed, "subtitle", site.description, type="text")
    _sub(feed, "link", rel="self", type=ATOM_TYPE, href=site.file_url(path))
    _sub(feed, "link", rel="alternate", type="text/html", href=site.page_url(alternate))
    newest = max((b.updated or b.date for b in items), default=None)
    _sub(feed, "updated", timestamp(newest) if newest else EPOCH)
    author = _sub(feed, "author")
    _sub(author, "name", site.name)
    _sub(author, "uri", site.url)
    _sub(feed, "generator", "Briefing", uri=site.url)
    for b in items:
        _entry(feed, index, site, b)
    ET.indent(feed, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


@dataclass(frozen=True)
class FeedLink:
    """An autodiscovery link: a feed's path from the site root and its title."""

    path: str
    title: str


def feed_links(index: Index, site_name: str, uri: str) -> list[FeedLink]:
    """The feeds a page announces in its <head>: the site's, plus its country's or pair's."""
    links = [FeedLink(ALL_FEED, f"{site_name}: all briefings")]
    folder, _, name = uri.removesuffix(".md").partition("/")
    if folder == "countries" and name in index.by_country:
        country = index.corpus.countries[name]
        links.append(FeedLink(country_feed(name), f"{site_name}: {country.name}"))
    elif folder == "relations" and "/" not in name:
        a, _, b = name.partition("--")
        if (a, b) in index.pairs:
            links.append(FeedLink(pair_feed(name), f"{site_name}: {_pair_name(index, (a, b))}"))
    return links


def _pair_name(index: Index, pair: tuple[str, str]) -> str:
    a, b = (index.corpus.countries[c].name for c in pair)
    return f"{a} – {b}"


def build_feeds(index: Index, site: SiteInfo) -> dict[str, str]:
    """Every feed, as {path relative to the site root: XML text}.

    The site feed always exists (so every page's autodiscovery link resolves);
    a country or pair gets a feed once it has a briefing.
    """
    feeds = {ALL_FEED: feed_xml(index, site, ALL_FEED, f"{site.name}: all briefings", "index.md",
                                index.newest)}
    for cid, items in sorted(index.by_country.items()):
        name = index.corpus.countries[cid].name
        path = country_feed(cid)
        feeds[path] = feed_xml(index, site, path, f"{site.name}: {name}", f"countries/{cid}.md", items)
    for pair, info in index.pairs.items():
        path = pair_feed(info.slug)
        feeds[path] = feed_xml(index, site, path, f"{site.name}: {_pair_name(index, pair)}",
                               f"relations/{info.slug}.md", info.briefings)
    return feeds


def sitemap_stubs(feed_paths: list[str]) -> dict[str, str]:
    """Material reads every <link rel="alternate"> as a translation of the page and fetches
    "sitemap.xml" next to its href; an empty sitemap in each feed folder answers that request
    instead of a 404 (a failed request and a console error on every page)."""
    return {posixpath.join(folder, "sitemap.xml"): EMPTY_SITEMAP
            for folder in sorted({posixpath.dirname(path) for path in feed_paths})}


EMPTY_SITEMAP = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n')
