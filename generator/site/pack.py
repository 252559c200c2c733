"""The briefing pack of a country pair: one printable page with every briefing of the pair in full.

Each briefing keeps its title, date, dek, sources and summary; the summaries are Markdown (MkDocs
converts them as on the briefing pages), moved from the briefing's folder to the pack's: every relative
link is rewritten to lead where it led from the briefing page, and headings go one level down, under
the briefing's title.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass

from .. import urls
from ..content import body as body_scan
from ..content.entities import Briefing
from ..graph.index import PairInfo
from ..graph.mentions import link_body
from .links import Linker
from .views import SourceView, TimelineView, Views

_HEADING = re.compile(r"^( {0,3})(#{1,5})(?=[ \t]|$)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class PackBriefing:
    anchor: str
    title: str
    date: dt.date
    updated: dt.date | None
    dek: str
    sources: tuple[SourceView, ...]
    href: str  # the briefing's own page
    body: str  # Markdown, for this page


@dataclass(frozen=True)
class PackView:
    title: str  # the pair's name
    pair: str  # href of the pair page
    crumbs: str  # href of the relationships index
    timeline: TimelineView | None
    briefings: tuple[PackBriefing, ...]  # the latest `Limits.pack_full`, oldest first
    earlier: tuple[tuple[dt.date, str, str], ...]  # the others, newest first: date, title, href


def pack_view(views: Views, L: Linker, info: PairInfo) -> PackView:
    corpus = views.corpus
    title = urls.pair_name(*(corpus.countries[c].name for c in info.pair))
    # The pair keeps them newest first. The latest in full, so a pack's page (and its cost) stays bounded
    # however many briefings cover the pair; the others by title and link.
    full = views.limits.pack_full
    items = tuple(_item(views, L, b) for b in reversed(info.briefings[:full]))
    earlier = tuple((b.date, b.title, L.to(urls.page("briefing", b.slug))) for b in info.briefings[full:])
    timeline = views.timeline(L, info.events, level=3) if info.events else None
    return PackView(title, L.to(urls.pair_page(info.pair)), L.to(urls.pairs_index()), timeline, items, earlier)


def _item(views: Views, L: Linker, b: Briefing) -> PackBriefing:
    origin = urls.page("briefing", b.slug)
    mentions = views.index.mentions.get(b.slug, [])
    # the body as the briefing page has it (first mentions linked from the briefing's folder), then moved
    linked = link_body(b.body, mentions, {m.entity: urls.relative(origin, urls.page(*m.entity)) for m in mentions})
    return PackBriefing(
        b.slug,
        b.title,
        b.date,
        b.updated,
        b.dek,
        tuple(SourceView(s.publisher, s.title, s.url, s.author, s.published) for s in b.sources),
        L.to(origin),
        moved(linked, origin, L.here),
    )


def moved(markdown: str, origin: str, here: str) -> str:
    """Markdown written for page `origin`, for page `here`: relative links lead to the same pages (a link
    to '#anchor' to that anchor of `origin`), and headings are one level lower (h6 stays h6)."""
    lines = markdown.split("\n")
    for n, line in body_scan.prose_lines(markdown):
        found = [link for link in body_scan.links(line) if _relative(link.dest)]
        for link in sorted(found, key=lambda x: -x.dest_start):
            end = link.dest_start + len(link.dest)
            line = line[: link.dest_start] + _moved_link(link.dest, origin, here) + line[end:]
        lines[n] = _HEADING.sub(r"\1\2#", line, count=1)
    return "\n".join(lines)


def _relative(dest: str) -> bool:
    return bool(dest) and not dest.startswith("/") and not _SCHEME.match(dest)


def _moved_link(dest: str, origin: str, here: str) -> str:
    path, hash_, fragment = dest.partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(origin), path)) if path else origin
    return urls.relative(here, target) + (hash_ + fragment if hash_ else "")
