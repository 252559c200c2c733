"""Render: page views -> page HTML, through the Jinja templates in site_config/templates.

Each page is made from one view (generator/site/views.py); a template sees only that view (`v`) and
a few formatting filters, and writes HTML (autoescaped) after a front matter block. Contributor text
only ever enters a template as a value, never as template source; a contributor's Markdown body is
left to MkDocs (see Page).
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import Any

import jinja2
from markdown.extensions.toc import slugify as _slugify
from markupsafe import Markup, escape

from .. import urls
from ..content.dates import MONTHS
from ..content.entities import Briefing, Country, EventItem, Named, Topic
from ..graph.changes import TRACKER_UNIT, Changes, Unit, changes, tracker_month_unit
from ..graph.index import Index, PairInfo
from ..graph.stances import Month, neighbours
from ..graph.timeline import Period, group
from ..kinds import KindSpec, entity_kinds, spec
from ..siteinfo import SiteInfo
from ..urls import Subject
from .links import Linker, md
from .pack import pack_view
from .pagefind import CUT_FROM, CUT_TO
from .parallel import run_all
from .sanitize import clean
from .tracker import tracker_month_page, tracker_page
from .views import Limits, Views, by_year, has_pack, overflows

BODY = "<!--briefing:body-->"  # where a page's contributor Markdown goes, once converted
SLOT_END = f' markdown="1">\n{BODY}'  # how body_slot's element ends, before and after the sanitizer
_SLOT_TEXT = "\ue000briefing-body\ue000"  # BODY while the sanitizer runs: text it keeps as it is


def sanitized(html: str) -> tuple[str, bool]:
    """A generated page's HTML through the sanitizer (generator/site/sanitize.py), its body slot kept: the
    contributor's body, converted later, is sanitized on its own when it goes in. (html, False) where the
    slot cannot be kept with certainty: the whole page is then sanitized once its body is in."""
    if BODY not in html:
        return clean(html, page=True), True
    if html.count(BODY) != 1 or _SLOT_TEXT in html:
        return html, False
    out = clean(html.replace(BODY, _SLOT_TEXT), page=True)
    if out.count(_SLOT_TEXT) != 1:
        return html, False
    return out.replace(_SLOT_TEXT, BODY), True


def pack(html: str) -> bytes:
    """A page's HTML as a Page keeps it: UTF-8, zlib-compressed (fast, a tenth of the size)."""
    return zlib.compress(html.encode("utf-8", "surrogatepass"), 1)


def unpack(packed: bytes) -> str:
    """The HTML `pack` kept."""
    return zlib.decompress(packed).decode("utf-8", "surrogatepass")


@dataclass(frozen=True, init=False)
class Page:
    """A generated page: its front matter, its HTML, and the contributor Markdown it holds (if any).

    Only `body` is Markdown: MkDocs converts it (links checked and resolved as in any page) and the
    plugin puts the result where the HTML has BODY. Everything else was made as HTML from the page's
    view, so no generated list, table or timeline goes through Python-Markdown.

    The HTML is kept compressed (`packed`; `html` gives it back): a build holds every page of the site
    from the generator's run until MkDocs has written them, 1.2 GB of text at 10,000 briefings.
    """

    uri: str  # source path in the site, e.g. "countries/iran.md"
    front: str  # the front matter: YAML, between the '---' lines
    packed: bytes  # the HTML, UTF-8, zlib-compressed
    body: str = ""
    edit_path: str | None = None  # the content file a reader can edit, relative to the root
    subject: Subject | None = None  # the entity or pair the page shows, if it shows one
    cleaned: bool = False  # the HTML has been through the sanitizer already, all but the body (`sanitized`)

    def __init__(
        self,
        uri: str,
        front: str,
        html: str,
        body: str = "",
        edit_path: str | None = None,
        subject: Subject | None = None,
        cleaned: bool = False,
    ) -> None:
        self._set(uri, front, pack(html), body, edit_path, subject, cleaned)

    @classmethod
    def from_packed(
        cls,
        uri: str,
        front: str,
        packed: bytes,
        body: str = "",
        edit_path: str | None = None,
        subject: Subject | None = None,
        cleaned: bool = False,
    ) -> Page:
        """A page from HTML compressed already (`pack`): the preview makes many pages again from cached HTML."""
        page = cls.__new__(cls)
        page._set(uri, front, packed, body, edit_path, subject, cleaned)
        return page

    def _set(
        self,
        uri: str,
        front: str,
        packed: bytes,
        body: str,
        edit_path: str | None,
        subject: Subject | None,
        cleaned: bool,
    ) -> None:
        for name, value in (("uri", uri), ("front", front), ("packed", packed), ("body", body)):
            object.__setattr__(self, name, value)
        object.__setattr__(self, "edit_path", edit_path)
        object.__setattr__(self, "subject", subject)
        object.__setattr__(self, "cleaned", cleaned)

    @property
    def html(self) -> str:
        return unpack(self.packed)

    def emptied(self) -> Page:
        """The same page without its HTML and body (what the plugin keeps once MkDocs has them)."""
        return Page(self.uri, self.front, "", "", self.edit_path, self.subject, self.cleaned)

    @cached_property
    def digest(self) -> str:
        """What the page publishes, in 32 hex digits: the same in every process (a warm build compares it
        with the last build's), worked out once per page (the preview reuses unchanged pages)."""
        h = hashlib.blake2b(digest_size=16)
        for part in (self.front, self.body, self.edit_path or "", "cleaned" if self.cleaned else ""):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\0")
        h.update(self.packed)  # the same HTML compresses to the same bytes with the same zlib
        return h.hexdigest()

    @property
    def source(self) -> str:
        """What MkDocs reads for the page: the front matter and the contributor Markdown."""
        return f"---\n{self.front}---\n\n{self.body}\n"

    def markdown(self, extra: dict[str, Any] | None = None) -> str:
        """The whole page as one Markdown file, for builders that run no plugin (`briefing generate`):
        the HTML as raw blocks, the body inside an element Python-Markdown converts (md_in_html), and
        `extra` front matter (what the plugin would have given the theme)."""
        html = self.html.replace(BODY, f"\n{self.body}\n") if self.body else self.html
        return f"---\n{self.front}{front_matter(extra or {})}---\n\n{html}"

    def with_body(self, body_html: str) -> str:
        """The page's HTML with its converted body in place (and without the slot's `markdown` attribute,
        which only a builder that converts the page's Markdown itself needs)."""
        html = self.html
        if SLOT_END in html:
            return html.replace(SLOT_END, f">\n{body_html}", 1)
        return html.replace(BODY, body_html)


@dataclass(frozen=True)
class Settings:
    templates: Path
    limits: Limits = field(default_factory=Limits)
    use_directory_urls: bool = True
    assets_base: str | None = None  # images addressed from the site's root (urls.asset_href): generate --out
    site: SiteInfo | None = None  # absolute URLs for citations (None: the site has no site_url)
    site_name: str = "Briefing"


def front_matter(fields: dict[str, Any]) -> str:
    """YAML lines for front matter: each value as JSON, which YAML reads as written."""
    return "".join(f"{key}: {json.dumps(value, ensure_ascii=False, sort_keys=True)}\n" for key, value in fields.items())


def plural(n: int, word: str, words: str | None = None) -> str:
    """'1 briefing', '2 briefings'; `words` for an irregular plural."""
    return f"{n} {word}" if n == 1 else f"{n} {words or word + 's'}"


def body_slot(css_class: str) -> Markup:
    """The element that will hold the page's converted body (`markdown` lets a plain Markdown build
    convert it in place; the sanitiser drops the attribute from the published page)."""
    return Markup(f'<div class="{escape(css_class)}" markdown="1">\n{BODY}\n</div>')


def slug(text: object) -> str:
    """A heading's id, as Python-Markdown's toc extension makes it."""
    return _slugify(str(text), "-")


def environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md  # for the Markdown templates (format.md.j2)
    env.filters["yaml"] = lambda value: Markup(json.dumps(str(value), ensure_ascii=False))
    env.filters["day"] = lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    env.filters["plural"] = plural
    env.filters["slug"] = slug
    env.globals["body_slot"] = body_slot
    env.globals["cut_from"], env.globals["cut_to"] = Markup(CUT_FROM), Markup(CUT_TO)  # pagefind.searchable
    return env


def split_front(text: str) -> tuple[str, str]:
    """A rendered template -> (front matter, HTML)."""
    if not text.startswith("---\n"):
        raise ValueError("a page template must start with a front matter block ('---' lines)")
    end = text.index("\n---\n", 3)
    return text[4 : end + 1], text[end + 5 :]


Units = dict[Unit, list[Page]]  # the pages each unit made


class Renderer:
    """Makes every page of the site from `index`. With `previous` (the last build's pages by unit) and
    `changes` (generator/graph/changes.py), a unit the changes do not touch gives its previous pages
    instead of being made again; `units` holds this run's pages by unit, for the next."""

    def __init__(
        self,
        index: Index,
        settings: Settings,
        cache: dict[Any, tuple[str, bytes, bool]] | None = None,
        previous: Units | None = None,
        changes: Changes | None = None,
        env: jinja2.Environment | None = None,
    ) -> None:
        self.index = index
        self.corpus = index.corpus
        self.settings = settings
        self.limits = settings.limits
        self.views = Views(index, settings.limits, settings.site, settings.site_name)
        self.env = env or environment(settings.templates)
        self.cache = cache
        self.linkers: dict[tuple[str, bool], Linker] = {}
        self.previous = previous if changes is not None else None
        self.changes = changes
        self.units: Units = {}
        self.planned: list[tuple[Unit, Callable[[], Iterator[Page]]]] | None = None  # units left to make_all
        self.sequence: list[Page | int] = []  # the pages, and the places of the planned units, in order

    def unit(self, key: Unit, make: Callable[[], Iterator[Page]]) -> Iterator[Page]:
        """The pages of one unit: made by `make`, or the previous build's where nothing they show changed."""
        if self.previous is not None and self.changes is not None and not self.changes.touches(key):
            pages = self.previous.get(key)
            if pages is not None:
                self.units[key] = pages
                yield from pages
                return
        if self.planned is not None:  # made later, maybe on the other core (make_all)
            self.planned.append((key, make))
            self.sequence.append(len(self.planned) - 1)
            return
        pages = self.units[key] = list(make())
        yield from pages

    def make_all(self, workers: int = 1) -> list[Page]:
        """Every page, in order; the units to make are made on `workers` cores (generator/site/parallel.py),
        the pages outside units (the home page, the indexes) here, as they come."""
        if workers < 2:
            return list(self.pages())
        self.planned, self.sequence = [], []
        for page in self.pages():  # unit() puts its place in the sequence before the next page comes
            self.sequence.append(page)
        planned, sequence = self.planned, self.sequence
        self.planned, self.sequence = None, []
        made = run_all([partial(_listed, make) for _, make in planned], workers)
        out: list[Page] = []
        for item in sequence:
            if isinstance(item, Page):
                out.append(item)
            else:
                key = planned[item][0]
                self.units[key] = made[item]
                out.extend(made[item])
        return out

    def page(
        self, uri: str, template: str, view: Any, edit_path: str | None = None, subject: Subject | None = None
    ) -> Page:
        front, packed, cleaned = self.render(template, view)
        return Page.from_packed(uri, front, packed, getattr(view, "body", "") or "", edit_path, subject, cleaned)

    def render(self, template: str, view: Any) -> tuple[str, bytes, bool]:
        """A page's front matter, its HTML sanitized and compressed (`pack`), and whether it could be
        sanitized (`sanitized`); from the cache when the same view was rendered before."""
        if self.cache is None:
            return self.made(template, view)
        key = (template, view)
        try:
            return self.cache[key]
        except KeyError:
            done = self.cache[key] = self.made(template, view)
            return done
        except TypeError:  # a view that holds something unhashable: rendered every time
            return self.made(template, view)

    def made(self, template: str, view: Any) -> tuple[str, bytes, bool]:
        front, html = split_front(self.env.get_template(template).render(v=view))
        html, cleaned = sanitized(html)
        return front, pack(html), cleaned

    def pages(self) -> Iterator[Page]:
        yield from self.home_and_briefings()
        yield from self.entities("country")
        yield from self.pairs()
        for row in entity_kinds():
            if row.kind != "country":
                yield from self.entities(row.kind)
        yield from self.timeline_pages()
        yield from self.tracker_pages()

    def home_and_briefings(self) -> Iterator[Page]:
        views, row = self.views, spec("briefing")
        yield self.page(urls.HOME, "home.html.j2", views.home(self.L(urls.HOME)))
        here = urls.index_page("briefing")
        yield self.page(here, row.index_template or "", views.briefings_index(self.L(here)))
        size = self.limits.part_briefings
        for year, items in by_year(self.index.newest):
            yield from self.unit(("year", year), partial(self.year_pages, year, items, size))
        for b in self.corpus.briefings:
            yield from self.unit(("briefing", b.slug), partial(self.briefing, b))

    def year_pages(self, year: int, items: list[Briefing], size: int) -> Iterator[Page]:
        first = urls.briefings_year(year)
        chunks = [items[i : i + size] for i in range(0, len(items), size)]
        for n, chunk in enumerate(chunks, 1):
            here = urls.part_page(first, n)
            L = self.L(here)
            view = self.views.briefings_year(L, year, chunk, self.views.parts(L, first, len(chunks), n))
            yield self.page(here, "briefings_year.html.j2", view)

    def briefing(self, b: Briefing) -> Iterator[Page]:
        here = urls.page("briefing", b.slug)
        view = self.views.briefing(self.L(here), b)
        yield self.page(here, spec("briefing").template or "", view, b.path, Subject("briefing", b.slug))

    def entities(self, kind: str) -> Iterator[Page]:
        """The index of a kind, then each entity's page and, when it overflows, its year pages."""
        row = spec(kind)
        here = urls.index_page(kind)
        yield self.page(here, row.index_template or "", self.views.kind_index(self.L(here), kind))
        for eid, entity in self.corpus.entities(kind).items():
            yield from self.unit((kind, eid), partial(self.entity, row, eid, entity))
            yield from self.archives(
                (kind, eid),
                urls.page(kind, eid),
                self.corpus.name(kind, eid),
                self.index.briefings_of(kind, eid),
                self.index.events_for(kind, eid),
            )

    def entity(self, row: KindSpec, eid: str, entity: Country | Named | Topic) -> Iterator[Page]:
        here = urls.page(row.kind, eid)
        view = self.views.entity(self.L(here), row.kind, entity)
        yield self.page(here, row.template or "", view, entity.path, Subject(row.kind, eid))

    def pairs(self) -> Iterator[Page]:
        here = urls.pairs_index()
        yield self.page(here, "relations_index.html.j2", self.views.relations_index(self.L(here)))
        for info in self.index.pairs.values():
            yield from self.unit(("pair", info.slug), partial(self.pair, info))
            if has_pack(self.limits, info):
                yield from self.unit(("pack", info.slug), partial(self.pack, info))
            name = urls.pair_name(*(self.corpus.countries[c].name for c in info.pair))
            yield from self.archives(("pair", info.slug), urls.pair_page(info.pair), name, info.briefings, info.events)

    def pair(self, info: PairInfo) -> Iterator[Page]:
        here = urls.pair_page(info.pair)
        view = self.views.pair(self.L(here), info)
        yield self.page(here, "relation.html.j2", view, subject=Subject("pair", info.slug, info.pair))

    def pack(self, info: PairInfo) -> Iterator[Page]:
        """The pair's briefing pack: its HTML from pack.html.j2, its Markdown body (every briefing's head
        and summary) from pack_body.md.j2."""
        here = urls.pack_page(info.pair)
        view = pack_view(self.views, self.L(here), info)
        front, packed, cleaned = self.render("pack.html.j2", view)
        body = self.env.get_template("pack_body.md.j2").render(v=view)
        yield Page.from_packed(here, front, packed, body, cleaned=cleaned)

    def L(self, here: str) -> Linker:
        """The links from page `here`. Pages in the same folder link alike (a link to a page's own
        address may read '../iran/' rather than './', the same page), so they share one Linker and the
        links it has made."""
        folder, _, name = here.rpartition("/")
        key = (folder, name == "index.md")
        linker = self.linkers.get(key)
        if linker is None:
            base = f"{folder}/" if folder else ""
            linker = self.linkers[key] = Linker(
                self.corpus,
                base + ("index.md" if key[1] else "_.md"),
                self.settings.use_directory_urls,
                self.settings.assets_base,
            )
        return linker

    def timeline_pages(self) -> Iterator[Page]:
        """The site timeline: one page while it is short; past that, a page per period (year,
        decade or century) and an overview with the latest events."""
        split = len(self.index.events) > self.limits.timeline_page
        yield self.page(urls.TIMELINE, "timeline.html.j2", self.views.timeline_page(self.L(urls.TIMELINE), split))
        if not split:
            return
        for period in group(self.index.events):
            yield from self.unit(("period", period.key), partial(self.period, period))

    def tracker_pages(self) -> Iterator[Page]:
        """The stance tracker: its page, a unit made again whenever a relation changed, and a page per month
        with a change, a unit each: made again when what it shows changed (generator/graph/changes.py)."""
        yield from self.unit(TRACKER_UNIT, self.tracker)
        for month, around in neighbours(self.index.tracker.months).items():
            yield from self.unit(tracker_month_unit(month), partial(self.tracker_month, month, around))

    def tracker(self) -> Iterator[Page]:
        yield self.page(urls.TRACKER, "tracker.html.j2", tracker_page(self.L(urls.TRACKER), self.index))

    def tracker_month(self, month: Month, around: tuple[Month | None, Month | None]) -> Iterator[Page]:
        here = urls.tracker_month(month)
        view = tracker_month_page(self.L(here), self.index, month, around)
        yield self.page(here, "tracker_month.html.j2", view)

    def period(self, period: Period) -> Iterator[Page]:
        size = self.limits.part_events
        first = urls.timeline_period(period.key)
        chunks = [period.events[i : i + size] for i in range(0, len(period.events), size)]
        for n, events in enumerate(chunks, 1):
            here = urls.part_page(first, n)
            L = self.L(here)
            view = self.views.period(L, period.label, events, self.views.parts(L, first, len(chunks), n))
            yield self.page(here, "timeline_period.html.j2", view)

    def archives(
        self,
        unit: tuple[str, str],
        profile: str,
        name: str,
        briefings: list[Briefing],
        events: list[EventItem],
    ) -> Iterator[Page]:
        """Year pages for an entity (or pair) whose briefings or events overflow its page: a unit per
        year, (kind, id, year), as a year's pages show only the briefings of that year and their events."""
        if not overflows(self.limits, briefings, events):
            return
        year_of = {b.slug: b.date.year for b in briefings}
        events_in: dict[int, list[EventItem]] = {}
        for e in events:
            if e.briefing in year_of:
                events_in.setdefault(year_of[e.briefing], []).append(e)
        for year, items in by_year(briefings):
            make = partial(self.archive_year, profile, name, year, items, events_in.get(year, []))
            yield from self.unit((*unit, year), make)

    def archive_year(
        self, profile: str, name: str, year: int, items: list[Briefing], events: list[EventItem]
    ) -> Iterator[Page]:
        first = urls.archive_page(profile, year)
        count = max(-(-len(items) // self.limits.part_briefings), -(-len(events) // self.limits.part_events), 1)
        for n in range(1, count + 1):
            part_items = items[(n - 1) * self.limits.part_briefings : n * self.limits.part_briefings]
            part_events = events[(n - 1) * self.limits.part_events : n * self.limits.part_events]
            here = urls.part_page(first, n)
            L = self.L(here)
            parts = self.views.parts(L, first, count, n)
            view = self.views.archive(L, name, year, part_items, part_events, profile, parts)
            yield self.page(here, "archive_year.html.j2", view)


@dataclass
class Last:
    """The last good build of one process (the preview): its settings, index and pages by unit. The next
    build compares its index with this one and makes again only the pages that can differ."""

    settings: Settings | None = None
    index: Index | None = None
    units: Units = field(default_factory=dict)
    env: jinja2.Environment | None = None  # its templates, compiled once (cleared when one changes)
    changes: Changes | None = None  # what changed since the build before (None: anything may have)
    feeds: dict[str, str] = field(default_factory=dict)  # its feeds, by path (generator/site/feeds.py)
    feeds_site: SiteInfo | None = None  # the site they were made for

    def clear(self) -> None:
        self.settings, self.index, self.units, self.env = None, None, {}, None
        self.changes, self.feeds, self.feeds_site = None, {}, None


def _listed(make: Callable[[], Iterator[Page]]) -> list[Page]:
    return list(make())


def render_site(
    index: Index,
    settings: Settings,
    cache: dict[Any, tuple[str, bytes, bool]] | None = None,
    last: Last | None = None,
    workers: int = 1,
) -> list[Page]:
    """Every page of the site. With `last`, pages whose content cannot have changed since that build are
    taken from it (see generator/graph/changes.py), and `last` becomes this build. `workers`: how many
    cores may make pages (generator/site/parallel.py)."""
    if last is None:
        return Renderer(index, settings, cache).make_all(workers)
    same = last.settings == settings
    found = changes(last.index, index) if same else None
    renderer = Renderer(index, settings, cache, last.units, found, last.env if same else None)
    pages = renderer.make_all(workers)
    last.settings, last.index, last.units, last.env = settings, index, renderer.units, renderer.env
    last.changes = found
    return pages
