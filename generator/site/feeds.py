"""Atom 1.0 feeds from the index: the whole site, each entity of a kind with feeds (countries), each pair,
and the stance tracker's changes.

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

from .. import urls
from ..content.entities import Briefing
from ..graph.changes import Changes
from ..graph.index import Index, PairInfo
from ..graph.stances import StanceChange
from ..kinds import all_kinds
from ..siteinfo import SiteInfo
from ..urls import Subject

ATOM = "http://www.w3.org/2005/Atom"
XML_NS = "http://www.w3.org/XML/1998/namespace"
ATOM_TYPE = "application/atom+xml"
LIMIT = 50  # entries per feed, newest first
EPOCH = "1970-01-01T00:00:00Z"  # <updated> of a feed with no entries: fixed, never "now"

# Characters XML 1.0 does not allow, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def entry_id(site: SiteInfo, b: Briefing) -> str:
    """A tag: URI (RFC 4151): stable even if the page moves or the URL scheme changes."""
    return f"tag:{site.host},{b.date.isoformat()}:{urls.page('briefing', b.slug).removesuffix('.md')}"


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
    _sub(entry, "link", rel="alternate", type="text/html", href=site.page_url(urls.page("briefing", b.slug)))
    for source in b.sources:
        _sub(entry, "link", rel="related", type="text/html", href=source.url, title=source.publisher)
    _sub(entry, "published", timestamp(b.date))
    _sub(entry, "updated", timestamp(b.updated or b.date))
    _sub(entry, "summary", b.dek, type="text")
    for tid in b.topics:
        topic = index.corpus.topics.get(tid)
        _sub(
            entry,
            "category",
            term=tid,
            label=topic.label if topic else tid,
            scheme=site.page_url(urls.index_page("topic")),
        )


def feed_xml(index: Index, site: SiteInfo, path: str, title: str, alternate: str, briefings: Iterable[Briefing]) -> str:
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


def feed_links(index: Index, site_name: str, subject: Subject | None, uri: str = "") -> list[FeedLink]:
    """The feeds a page announces in its <head>: the site's, plus its entity's or pair's if it has one, or
    the tracker's on the tracker's pages (`uri`: the page's source path)."""
    links = [FeedLink(urls.ALL_FEED, f"{site_name}: all briefings")]
    if uri.startswith(urls.TRACKER.removesuffix("index.md")):
        links.append(FeedLink(urls.TRACKER_FEED, f"{site_name}: {TRACKER_TITLE}"))
    if subject is None:
        return links
    if subject.pair is not None and subject.pair in index.pairs:
        a, b = (index.corpus.countries[c].name for c in subject.pair)
        links.append(FeedLink(urls.pair_feed(subject.pair), f"{site_name}: {urls.pair_name(a, b)}"))
    elif subject.kind in _feed_kinds() and index.briefings_of(subject.kind, subject.id):
        name = index.corpus.name(subject.kind, subject.id)
        links.append(FeedLink(urls.feed(subject.kind, subject.id), f"{site_name}: {name}"))
    return links


def _feed_kinds() -> list[str]:
    return [row.kind for row in all_kinds() if row.feed]


def build_feeds(index: Index, site: SiteInfo, reuse: tuple[Changes, dict[str, str]] | None = None) -> dict[str, str]:
    """Every feed, as {path relative to the site root: XML text}.

    The site feed always exists (so every page's autodiscovery link resolves); an entity of a kind with
    feeds (countries), or a pair of countries, gets a feed once it has a briefing. With `reuse` (what
    changed since the last build, and its feeds), an entity's or pair's feed the changes do not touch is
    the last build's (it lists only briefings that name it: none of them changed).
    """
    changes, before = reuse if reuse is not None else (None, {})

    def kept(unit: tuple[str, str], path: str) -> str | None:
        return before.get(path) if changes is not None and not changes.touches(unit) else None

    feeds = {
        urls.ALL_FEED: feed_xml(index, site, urls.ALL_FEED, f"{site.name}: all briefings", urls.HOME, index.newest),
        urls.TRACKER_FEED: tracker_feed(index, site),
    }
    for kind in _feed_kinds():
        for eid, items in sorted(index.by.get(kind, {}).items()):
            path = urls.feed(kind, eid)
            feeds[path] = kept((kind, eid), path) or feed_xml(
                index, site, path, f"{site.name}: {index.corpus.name(kind, eid)}", urls.page(kind, eid), items
            )
    for pair, info in index.pairs.items():
        path = urls.pair_feed(pair)
        feeds[path] = kept(("pair", info.slug), path) or _pair_feed(index, site, path, info)
    return feeds


TRACKER_TITLE = "stance tracker"


def tracker_feed(index: Index, site: SiteInfo) -> str:
    """The tracker's feed: an entry per change of stance, the latest months first (at most LIMIT), each
    dated by the briefing behind it and linking to its month's page. Made again on every build: it reads
    only the latest changes."""
    from .tracker import WORDS, month_label

    changes: list[StanceChange] = []
    for month in reversed(index.tracker.months):
        changes += index.tracker.months[month]
        if len(changes) >= LIMIT:
            break
    items = sorted(changes, key=lambda c: (c.date, c.briefing, c.pair), reverse=True)[:LIMIT]
    feed = ET.Element("feed", {"xmlns": ATOM, f"{{{XML_NS}}}lang": site.language})
    _sub(feed, "id", site.file_url(urls.TRACKER_FEED))
    _sub(feed, "title", f"{site.name}: {TRACKER_TITLE}", type="text")
    _sub(feed, "subtitle", "Relations between countries that deteriorated or improved, month by month.", type="text")
    _sub(feed, "link", rel="self", type=ATOM_TYPE, href=site.file_url(urls.TRACKER_FEED))
    _sub(feed, "link", rel="alternate", type="text/html", href=site.page_url(urls.TRACKER))
    _sub(feed, "updated", timestamp(items[0].date) if items else EPOCH)
    author = _sub(feed, "author")
    _sub(author, "name", site.name)
    _sub(author, "uri", site.url)
    _sub(feed, "generator", "Briefing", uri=site.url)
    for c in items:
        a, b = (index.corpus.countries[x].name for x in c.pair)
        pair, when, briefing = urls.pair_name(a, b), month_label(c.month), index.briefing[c.briefing]
        page = urls.tracker_month(c.month)
        entry = _sub(feed, "entry")
        _sub(entry, "id", f"tag:{site.host},{c.date.isoformat()}:{page.removesuffix('.md')}/{urls.pair_slug(c.pair)}")
        _sub(entry, "title", f"{pair}: {WORDS[c.change]}, {c.before} to {c.after} ({when})", type="text")
        _sub(entry, "link", rel="alternate", type="text/html", href=site.page_url(page))
        _sub(entry, "link", rel="related", type="text/html", href=site.page_url(urls.pair_page(c.pair)), title=pair)
        _sub(entry, "link", rel="via", type="text/html", href=site.page_url(urls.page("briefing", c.briefing)))
        _sub(entry, "published", timestamp(c.date))
        _sub(entry, "updated", timestamp(c.date))
        summary = f"In {when} the stance between {a} and {b} went from {c.before} to {c.after}: {briefing.title}."
        _sub(entry, "summary", summary, type="text")
    ET.indent(feed, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _pair_feed(index: Index, site: SiteInfo, path: str, info: PairInfo) -> str:
    a, b = (index.corpus.countries[c].name for c in info.pair)
    return feed_xml(
        index, site, path, f"{site.name}: {urls.pair_name(a, b)}", urls.pair_page(info.pair), info.briefings
    )


def sitemap_stubs(feed_paths: list[str]) -> dict[str, str]:
    """Material reads every <link rel="alternate"> as a translation of the page and fetches
    "sitemap.xml" next to its href; an empty sitemap in each feed folder answers that request
    instead of a 404 (a failed request and a console error on every page)."""
    return {
        posixpath.join(folder, "sitemap.xml"): EMPTY_SITEMAP
        for folder in sorted({posixpath.dirname(path) for path in feed_paths})
    }


EMPTY_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
)
