"""Page views: what each page shows, decided in Python, handed to its template as one small typed object.

A view says what to list, in what order, how many, with counts, labels and finished links (Markup).
Templates only lay views out: none of them sees the index or the corpus. Every limit is in `Limits`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from markupsafe import Markup, escape

from .. import urls
from ..content.dates import MONTHS
from ..content.entities import Briefing, Country, EventItem, Named, QuoteItem, RelationItem, Topic
from ..graph.index import Index, PairInfo
from ..graph.mentions import link_body
from ..graph.timeline import group
from ..kinds import KindSpec, entity_kinds, event_kinds, spec
from ..siteinfo import SiteInfo
from .charts import network, year_chart
from .cite import Citation, citation
from .links import Linker
from .maps import coverage_map, locator_map, pair_map
from .tracker import PairStances, pair_stances


@dataclass(frozen=True)
class Limits:
    """How many of each list a page shows; the one place these numbers are set."""

    profile_latest: int = 20  # briefings listed on a profile before the year archives
    timeline_latest: int = 60  # events on an entity timeline before the year archives
    timeline_page: int = 300  # events on the site timeline before it is split by period
    timeline_overview: int = 100  # latest events on the split site timeline
    home_briefings: int = 10
    home_countries: int = 12
    home_events: int = 10
    mentioned: int = 20  # "Mentioned in" sentences on a profile
    appears_with: int = 20  # people (or organizations) beside a country
    stance_notes: int = 30  # stance notes on a pair page
    stance_months: int = 36  # months on a pair page's stance strip (the latest)
    pair_people: int = 30
    pairs_listed: int = 300  # pairs on the relationships index
    part_events: int = 250  # events on one part of a period or year page; longer ones are split in parts
    part_briefings: int = 250  # briefings on one part of a year page
    pack_briefings: int = 2  # a pair gets a briefing pack once this many briefings cover it (one: its page prints)
    pack_full: int = 12  # the latest briefings a pack gives in full; the older ones it lists, with links


# --- the pieces pages share ---------------------------------------------------------------------


@dataclass(frozen=True)
class BriefingItem:
    date: dt.date
    link: Markup
    dek: str


@dataclass(frozen=True)
class EventLine:
    id: str  # the element id: "<briefing>-event-N" on lists, "event-N" on the briefing's own page
    countries: str  # space-separated ids, for the timeline filter
    topics: str
    iso: str
    label: str
    title: str
    links: tuple[Markup, ...]  # the entities involved
    source: str | None  # the briefing's event, or None on the briefing's own page


@dataclass(frozen=True)
class PeriodView:
    key: str
    label: str
    sections: tuple[tuple[str, str, tuple[EventLine, ...]], ...]  # (heading, anchor, events): dated, then undated


@dataclass(frozen=True)
class TimelineView:
    level: int  # of the period headings
    periods: tuple[PeriodView, ...]
    shown: int
    total: int
    rest: str  # what lists the events left out


@dataclass(frozen=True)
class YearLink:
    year: int
    href: str
    count: int


@dataclass(frozen=True)
class BriefingList:
    """Briefings by year, newest first; when archived, only the latest, and links to the year pages."""

    years: tuple[tuple[int, tuple[BriefingItem, ...]], ...]
    total: int
    archives: tuple[YearLink, ...] = ()


@dataclass(frozen=True)
class Mentioned:
    items: tuple[tuple[Markup, dt.date, str], ...]  # briefing link, its date, the sentence
    total: int
    name: str


@dataclass(frozen=True)
class QuoteView:
    text: str
    person: Markup
    context: str | None
    briefing: Markup | None = None
    date: dt.date | None = None


@dataclass(frozen=True)
class Counted:
    link: Markup
    count: int
    note: str = ""  # a description shown beside it


@dataclass(frozen=True)
class StanceRow:
    """A pair as a row: the other country (on a profile), the pair, its coverage and latest stance."""

    pair: Markup
    count: int
    stance: str | None
    date: dt.date | None
    other: Markup | None = None


@dataclass(frozen=True)
class EntityList:
    heading: str
    links: tuple[Markup, ...]


# --- the pages ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class HomeLinks:
    briefings: str
    countries: str
    relations: str
    timeline: str


@dataclass(frozen=True)
class HomeView:
    latest: tuple[BriefingItem, ...]
    countries: tuple[Counted, ...]
    events: tuple[EventLine, ...]
    links: HomeLinks
    map: Markup = Markup("")  # countries by coverage, with a table of the same data


@dataclass(frozen=True)
class BriefingsIndexView:
    total: int
    years: tuple[YearLink, ...]


@dataclass(frozen=True)
class BriefingsYearView:
    year: int
    months: tuple[tuple[str, tuple[BriefingItem, ...]], ...]
    all_years: str
    parts: Parts


@dataclass(frozen=True)
class SourceView:
    publisher: str
    title: str | None
    url: str
    author: str | None
    published: dt.date


@dataclass(frozen=True)
class NeighbourView:
    title: str
    href: str


@dataclass(frozen=True)
class BriefingView:
    title: str
    dek: str
    date: dt.date
    updated: dt.date | None
    sources: tuple[SourceView, ...]
    lists: tuple[EntityList, ...]
    body: str  # the summary, Markdown (MkDocs converts it), its first mentions linked
    events: TimelineView | None
    relations: tuple[tuple[Markup, str, str], ...]  # pair, stance, note
    quotes: tuple[QuoteView, ...]
    related: tuple[BriefingItem, ...]
    prev: NeighbourView | None
    next: NeighbourView | None
    crumbs: tuple[tuple[str, str], ...]  # (label, href)
    cite: Citation | None = None  # "Cite this briefing"


@dataclass(frozen=True)
class Profile:
    """What every profile has: a timeline, who mentions it, and its briefings."""

    crumbs: str  # the index page's href
    timeline: TimelineView | None
    mentioned: Mentioned | None  # None: the page has no such section (topics, pairs)
    briefings: BriefingList
    coverage: int  # briefings
    events: int


@dataclass(frozen=True)
class CountryView:
    profile: Profile
    name: str
    flag: Markup  # its flag image for the heading, "" for none (Linker.flag)
    official_name: str
    alpha2: str
    alpha3: str
    aliases: tuple[str, ...]
    memberships: tuple[Markup, ...]
    leaders: tuple[Counted, ...]  # count unused: note is the role
    latest: dt.date | None
    body: str  # the curated intro, Markdown
    network: Markup
    pairs: tuple[StanceRow, ...]
    appears_with: tuple[EntityList, ...]  # people, organizations: "Name (n)" links
    chart: Markup
    existed: str = ""  # a historical state: "1922–1991"; empty for a country that exists
    successors: tuple[Markup, ...] = ()  # links where the successor has a page, its name otherwise
    iso_code: str = ""  # a historical state's ISO 3166-3 code
    predecessors: tuple[Markup, ...] = ()  # the historical states with a page that it followed
    locator: Markup = Markup("")  # the country on a map of its region; empty where the map has no shape


@dataclass(frozen=True)
class NamedView:
    profile: Profile
    kind: KindSpec
    name: str
    description: str
    country: Markup | None
    aliases: tuple[str, ...]
    wikidata: str | None
    body: str  # Markdown
    quotes: tuple[QuoteView, ...]


@dataclass(frozen=True)
class TopicView:
    profile: Profile
    label: str
    description: str


@dataclass(frozen=True)
class PairView:
    profile: Profile
    title: str
    a: Country
    b: Country
    a_link: Markup
    b_link: Markup
    stance: str | None
    as_of: dt.date | None
    notes: tuple[tuple[dt.date, str, str, Markup], ...]  # date, stance, note, briefing
    notes_total: int
    chart: Markup
    people: tuple[Counted, ...]
    a_flag: Markup = Markup("")  # the flag images for the heading, "" for none (Linker.flag)
    b_flag: Markup = Markup("")
    map: Markup = Markup("")  # both countries on a map, in the latest stance's colour
    stances: PairStances | None = None  # the tracker's strip (generator/site/tracker.py)
    pack: str = ""  # the href of the pair's printable briefing pack


@dataclass(frozen=True)
class IndexRow:
    link: Markup
    description: str
    country: Markup | None
    count: int


@dataclass(frozen=True)
class IndexView:
    """An index of one kind: people, organizations, topics."""

    kind: KindSpec
    rows: tuple[IndexRow, ...]


@dataclass(frozen=True)
class CountriesIndexView:
    network: Markup
    letters: tuple[tuple[str, tuple[Counted, ...]], ...]
    map: Markup = Markup("")


@dataclass(frozen=True)
class RelationsIndexView:
    total: int
    rows: tuple[StanceRow, ...]


@dataclass(frozen=True)
class TimelinePageView:
    total: int
    chart: Markup
    timeline: TimelineView
    periods: tuple[tuple[str, str, int], ...] | None  # label, href, events


@dataclass(frozen=True)
class Parts:
    """Where a page split in parts is: its number, and a link to each part (None for this one)."""

    number: int
    links: tuple[tuple[int, str | None], ...]


@dataclass(frozen=True)
class PeriodPageView:
    label: str
    timeline: TimelineView
    crumbs: str
    parts: Parts


@dataclass(frozen=True)
class ArchiveView:
    name: str
    year: int
    profile: str
    timeline: TimelineView | None
    items: tuple[BriefingItem, ...]
    parts: Parts


# --- making them --------------------------------------------------------------------------------


def by_year(briefings: list[Briefing]) -> list[tuple[int, list[Briefing]]]:
    return [(year, list(items)) for year, items in groupby(briefings, key=lambda b: b.date.year)]


def overflows(limits: Limits, briefings: list[Briefing], events: list[EventItem]) -> bool:
    """Whether an entity's page lists only its latest briefings or events, and year pages the rest."""
    return len(briefings) > limits.profile_latest or len(events) > limits.timeline_latest


class Views:
    """Makes the view of each page of one site; `L` links from the page being made."""

    def __init__(self, index: Index, limits: Limits, site: SiteInfo | None = None, site_name: str = "Briefing") -> None:
        self.index = index
        self.corpus = index.corpus
        self.limits = limits
        self.site = site
        self.site_name = site_name
        self._events: dict[tuple[int, str, int, bool], EventLine] = {}
        self._predecessors: dict[str, list[str]] | None = None

    def predecessors(self, cid: str) -> list[str]:
        """The historical states with a page that the country followed, A to Z by id (one pass, once)."""
        if self._predecessors is None:
            found: dict[str, list[str]] = {}
            for old in self.corpus.countries.values():
                for sid, _ in old.era.successors if old.era else ():
                    found.setdefault(sid, []).append(old.id)
            self._predecessors = found
        return self._predecessors.get(cid, [])

    # pieces

    def item(self, L: Linker, b: Briefing) -> BriefingItem:
        return BriefingItem(b.date, L.briefing(b.slug, b.title), b.dek)

    def items(self, L: Linker, briefings: list[Briefing]) -> tuple[BriefingItem, ...]:
        return tuple(self.item(L, b) for b in briefings)

    def event(self, L: Linker, e: EventItem, source: bool = True) -> EventLine:
        """An event as a timeline line; made once per Linker (an event is on many pages of one folder)."""
        key = (id(L), e.briefing, e.index, source)
        line = self._events.get(key)
        if line is None:
            line = self._events[key] = self._event(L, e, source)
        return line

    def _event(self, L: Linker, e: EventItem, source: bool) -> EventLine:
        # no flags on event lines: a timeline names the same countries line after line
        links = tuple(L.entity(row.kind, i, flag=False) for row in event_kinds() for i in e.refs.get(row.kind, ()))
        return EventLine(
            f"{e.briefing}-{e.anchor}" if source else e.anchor,
            " ".join(e.countries),
            " ".join(e.topics),
            e.date.iso,
            e.date.label,
            e.title,
            links,
            L.to(urls.event_page(e.briefing, e.index)) if source else None,
        )

    def timeline(
        self,
        L: Linker,
        events: list[EventItem] | tuple[EventItem, ...],
        level: int = 3,
        limit: int | None = None,
        rest: str = "the year pages below",
        source: bool = True,
    ) -> TimelineView:
        """Events (in `EventItem.sort_key` order) by period, each period's undated events last under
        their own heading (`graph/timeline.py`); with `limit`, the latest only."""
        shown = events if limit is None or len(events) <= limit else events[-limit:]
        periods = tuple(
            PeriodView(
                p.key,
                p.label,
                tuple(
                    (
                        heading,
                        f"period-{p.key}" if n == 0 else f"period-{p.key}-undated",
                        tuple(self.event(L, e, source) for e in evs),
                    )
                    for n, (heading, evs) in enumerate(p.sections)
                ),
            )
            for p in group(shown)
        )
        return TimelineView(level, periods, len(shown), len(events), rest)

    def briefing_list(self, L: Linker, briefings: list[Briefing], base: str, archived: bool) -> BriefingList:
        shown = briefings[: self.limits.profile_latest] if archived else briefings
        years = tuple((year, self.items(L, items)) for year, items in by_year(shown))
        archives = (
            tuple(YearLink(year, L.to(urls.archive_page(base, year)), len(items)) for year, items in by_year(briefings))
            if archived
            else ()
        )
        return BriefingList(years, len(briefings), archives)

    def mentioned(self, L: Linker, entity: tuple[str, str], name: str) -> Mentioned:
        items = self.index.mentioned_in.get(entity, [])
        shown = tuple((L.briefing(b.slug, b.title), b.date, sentence) for b, sentence in items[: self.limits.mentioned])
        return Mentioned(shown, len(items), name)

    def quote(self, L: Linker, q: QuoteItem, b: Briefing | None = None) -> QuoteView:
        if b is None:
            return QuoteView(q.text, L.person(q.person), q.context)
        return QuoteView(q.text, L.person(q.person), q.context, L.briefing(b.slug, b.title), b.date)

    def profile(
        self,
        L: Linker,
        kind: str,
        entity_id: str,
        briefings: list[Briefing],
        events: list[EventItem],
        name: str,
        mentions: bool = True,
    ) -> Profile:
        page = urls.page(kind, entity_id) if kind != "pair" else L.here
        archived = overflows(self.limits, briefings, events)
        timeline = self.timeline(L, events, limit=self.limits.timeline_latest) if events else None
        return Profile(
            L.to(urls.index_page(kind) if kind != "pair" else urls.pairs_index()),
            timeline,
            self.mentioned(L, (kind, entity_id), name) if mentions else None,
            self.briefing_list(L, briefings, page, archived),
            len(briefings),
            len(events),
        )

    # pages

    def home(self, L: Linker) -> HomeView:
        ix, lim = self.index, self.limits
        ranked = sorted(((cid, len(items)) for cid, items in ix.by_country.items()), key=lambda p: (-p[1], p[0]))
        return HomeView(
            self.items(L, ix.newest[: lim.home_briefings]),
            # without flags: the map above shows them, and the home page stays light to load
            tuple(Counted(L.country(cid, flag=False), n) for cid, n in ranked[: lim.home_countries]),
            tuple(self.event(L, e) for e in reversed(ix.events[-lim.home_events :])),
            HomeLinks(
                L.to(urls.index_page("briefing")),
                L.to(urls.index_page("country")),
                L.to(urls.pairs_index()),
                L.to(urls.TIMELINE),
            ),
            Markup(coverage_map(ix, L, home=True)),
        )

    def briefings_index(self, L: Linker) -> BriefingsIndexView:
        years = tuple(YearLink(y, L.to(urls.briefings_year(y)), len(items)) for y, items in by_year(self.index.newest))
        return BriefingsIndexView(len(self.index.newest), years)

    def briefings_year(self, L: Linker, year: int, items: list[Briefing], parts: Parts) -> BriefingsYearView:
        months = tuple(
            (MONTHS[month - 1], self.items(L, list(group)))
            for month, group in groupby(items, key=lambda b: b.date.month)
        )
        return BriefingsYearView(year, months, L.to(urls.index_page("briefing")), parts)

    def briefing(self, L: Linker, b: Briefing) -> BriefingView:
        ix = self.index
        targets = {m.entity: L.source(urls.page(*m.entity)) for m in ix.mentions.get(b.slug, [])}
        body = link_body(b.body, ix.mentions.get(b.slug, []), targets)
        lists = tuple(
            EntityList(row.heading, tuple(L.entity(row.kind, i) for i in b.refs.get(row.kind, ())))
            for row in entity_kinds()
        )
        prev, nxt = ix.neighbours[b.slug]
        crumbs = (
            ("Briefings", L.to(urls.index_page("briefing"))),
            (str(b.date.year), L.to(urls.briefings_year(b.date.year))),
        )
        return BriefingView(
            b.title,
            b.dek,
            b.date,
            b.updated,
            tuple(SourceView(s.publisher, s.title, s.url, s.author, s.published) for s in b.sources),
            lists,
            body,
            self.timeline(L, sorted(b.events, key=_sort_key), source=False) if b.events else None,
            tuple((L.pair(*r.pair), r.stance, r.note) for r in b.relations),
            tuple(self.quote(L, q) for q in b.quotes),
            self.items(L, ix.related.get(b.slug, [])),
            _neighbour(L, prev),
            _neighbour(L, nxt),
            crumbs,
            self.citation(b),
        )

    def citation(self, b: Briefing) -> Citation:
        url = self.site.page_url(urls.page("briefing", b.slug)) if self.site else None
        return citation(b, self.site_name, url)

    def country(self, L: Linker, c: Country) -> CountryView:
        ix, corpus = self.index, self.corpus
        briefings, events = ix.briefings_of("country", c.id), ix.events_for("country", c.id)
        pairs = tuple(
            _stance_row(L, info, other=info.pair[1] if info.pair[0] == c.id else info.pair[0])
            for info in ix.pairs_of.get(c.id, [])
        )
        with_ = tuple(
            EntityList(
                row.heading,
                tuple(
                    Markup(f"{L.entity(row.kind, i)} ({n})")
                    for i, n in ix.appears_with[row.kind].get(c.id, Counter()).most_common(self.limits.appears_with)
                ),
            )
            for row in entity_kinds()
            if row.kind in ix.appears_with
        )
        return CountryView(
            self.profile(L, "country", c.id, briefings, events, c.name),
            c.name,
            L.flag(c.id),
            c.official_name,
            c.alpha2,
            c.alpha3,
            c.aliases,
            tuple(L.org(o) for o in c.memberships),
            tuple(Counted(L.person(p), 0, corpus.people[p].description) for p in c.leaders),
            briefings[0].date if briefings else None,
            c.intro,
            Markup(network(ix, c.id, L, table=False)) if pairs else Markup(""),
            pairs,
            tuple(w for w in with_ if w.links),
            Markup(year_chart(events, briefings, subject=c.name)),
            c.era.span if c.era else "",
            tuple(
                L.country(sid) if sid in corpus.countries else Markup(escape(name))
                for sid, name in (c.era.successors if c.era else ())
            ),
            c.era.iso_code if c.era else "",
            tuple(L.country(p) for p in self.predecessors(c.id)),
            Markup(locator_map(c)),
        )

    def named(self, L: Linker, e: Named) -> NamedView:
        ix = self.index
        briefings, events = ix.briefings_of(e.kind, e.id), ix.events_for(e.kind, e.id)
        quotes = (
            tuple(self.quote(L, b.quotes[i], b) for b, i in ix.quotes_of.get(e.id, [])) if e.kind == "person" else ()
        )
        return NamedView(
            self.profile(L, e.kind, e.id, briefings, events, e.name),
            spec(e.kind),
            e.name,
            e.description,
            L.country(e.country) if e.country else None,
            e.aliases,
            e.wikidata,
            e.body.strip(),
            quotes,
        )

    def topic(self, L: Linker, t: Topic) -> TopicView:
        ix = self.index
        briefings, events = ix.briefings_of("topic", t.id), ix.events_for("topic", t.id)
        return TopicView(
            self.profile(L, "topic", t.id, briefings, events, t.label, mentions=False), t.label, t.description
        )

    def pair(self, L: Linker, info: PairInfo) -> PairView:
        corpus, lim = self.corpus, self.limits
        a, b = (corpus.countries[c] for c in info.pair)
        title = urls.pair_name(a.name, b.name)
        latest = info.latest
        notes = tuple(
            (r.date, r.stance, r.note, L.briefing(r.briefing, self.index.briefing[r.briefing].title))
            for r in list(reversed(info.relations))[: lim.stance_notes]
        )
        people = tuple(
            Counted(L.person(pid), n, corpus.people[pid].description)
            for pid, n in info.people.most_common(lim.pair_people)
        )
        return PairView(
            self.profile(L, "pair", info.slug, info.briefings, info.events, title, mentions=False),
            title,
            a,
            b,
            L.country(a.id),
            L.country(b.id),
            latest.stance if latest else None,
            latest.date if latest else None,
            notes,
            len(info.relations),
            Markup(year_chart(info.events, info.briefings, subject=title)),
            people,
            L.flag(a.id),
            L.flag(b.id),
            Markup(pair_map(a, b, latest.stance if latest else None, L)),
            pair_stances(L, self.index, info.pair, lim.stance_months),
            L.to(urls.pack_page(info.pair)) if has_pack(lim, info) else "",
        )

    def entity(self, L: Linker, kind: str, entity: Country | Named | Topic) -> CountryView | NamedView | TopicView:
        """The view of an entity's page, by what kind of entity it is."""
        if isinstance(entity, Country):
            return self.country(L, entity)
        if isinstance(entity, Topic):
            return self.topic(L, entity)
        return self.named(L, entity)

    def kind_index(self, L: Linker, kind: str) -> CountriesIndexView | IndexView:
        """The view of the page listing every entity of a kind."""
        if kind == "country":
            return self.countries_index(L)
        if kind == "topic":
            return self.topics_index(L)
        return self.named_index(L, kind)

    def named_index(self, L: Linker, kind: str) -> IndexView:
        ix = self.index
        entities = sorted(self.corpus.named.get(kind, {}).values(), key=lambda e: e.name.lower())
        rows = tuple(
            IndexRow(
                L.entity(kind, e.id),
                e.description,
                L.country(e.country, flag=False) if e.country else None,  # a flag a row: the index's weight
                len(ix.briefings_of(kind, e.id)),
            )
            for e in entities
        )
        return IndexView(spec(kind), rows)

    def topics_index(self, L: Linker) -> IndexView:
        rows = tuple(
            IndexRow(L.topic(t.id), t.description, None, len(self.index.briefings_of("topic", t.id)))
            for t in self.corpus.topics.values()
        )
        return IndexView(spec("topic"), rows)

    def countries_index(self, L: Linker) -> CountriesIndexView:
        def initial(c: Country) -> str:
            return c.name[0].lower()

        groups = [list(items) for _, items in groupby(sorted(self.corpus.countries.values(), key=initial), initial)]
        letters = tuple(
            (
                items[0].name[0],
                tuple(Counted(L.country(c.id), len(self.index.briefings_of("country", c.id))) for c in items),
            )
            for items in groups
        )
        return CountriesIndexView(Markup(network(self.index, None, L)), letters, Markup(coverage_map(self.index, L)))

    def relations_index(self, L: Linker) -> RelationsIndexView:
        ranked = sorted(self.index.pairs.values(), key=lambda i: i.count, reverse=True)
        return RelationsIndexView(len(ranked), tuple(_stance_row(L, i) for i in ranked[: self.limits.pairs_listed]))

    def timeline_page(self, L: Linker, split: bool) -> TimelinePageView:
        events = self.index.events
        chart = Markup(year_chart(events, self.corpus.briefings))
        if not split:
            return TimelinePageView(len(events), chart, self.timeline(L, events, level=2), None)
        periods = tuple((p.label, L.to(urls.timeline_period(p.key)), len(p.events)) for p in group(events))
        latest = self.timeline(L, events, limit=self.limits.timeline_overview, rest="the period pages above")
        return TimelinePageView(len(events), chart, latest, periods)

    def period(self, L: Linker, label: str, events: tuple[EventItem, ...], parts: Parts) -> PeriodPageView:
        return PeriodPageView(label, self.timeline(L, events, level=2), L.to(urls.TIMELINE), parts)

    def archive(
        self,
        L: Linker,
        name: str,
        year: int,
        items: list[Briefing],
        events: list[EventItem],
        profile: str,
        parts: Parts,
    ) -> ArchiveView:
        return ArchiveView(
            name, year, L.to(profile), self.timeline(L, events) if events else None, self.items(L, items), parts
        )

    def parts(self, L: Linker, first: str, count: int, number: int) -> Parts:
        links = tuple((n, None if n == number else L.to(urls.part_page(first, n))) for n in range(1, count + 1))
        return Parts(number, links)


def has_pack(limits: Limits, info: PairInfo) -> bool:
    """Whether the pair has a briefing pack: not for a pair one briefing covers, whose page prints as well."""
    return len(info.briefings) >= limits.pack_briefings


def _sort_key(e: EventItem) -> Any:
    return e.sort_key


def _neighbour(L: Linker, b: Briefing | None) -> NeighbourView | None:
    return NeighbourView(b.title, L.to(urls.page("briefing", b.slug))) if b else None


def _stance_row(L: Linker, info: PairInfo, other: str | None = None) -> StanceRow:
    last: RelationItem | None = info.latest
    return StanceRow(
        L.pair(*info.pair),
        len(info.briefings),
        last.stance if last else None,
        last.date if last else None,
        L.country(other) if other else None,
    )
