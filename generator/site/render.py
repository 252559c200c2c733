"""Render: the index -> page Markdown, through the Jinja templates in site_config/templates.

Contributor text only ever enters a template as a value (escaped by `md`),
never as template source.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from ..content.dates import MONTHS
from ..content.entities import Briefing, EventItem
from ..graph.index import Index, PairInfo
from ..graph.mentions import Entity, link_body
from ..graph.timeline import group
from .charts import network, year_chart
from .links import Linker, md, relative


@dataclass(frozen=True)
class Page:
    uri: str  # source path in the site, e.g. "countries/iran.md"
    markdown: str
    edit_path: str | None = None  # the content file a reader can edit, relative to the root


@dataclass(frozen=True)
class Settings:
    templates: Path
    profile_latest: int = 20  # briefings listed on a profile before the year archives
    timeline_latest: int = 60  # events on an entity timeline before the year archives
    timeline_page: int = 300  # events on the site timeline before it is split by period


def by_year(briefings: list[Briefing]) -> list[tuple[int, list[Briefing]]]:
    return [(year, list(items)) for year, items in groupby(briefings, key=lambda b: b.date.year)]


def by_month(briefings: list[Briefing]) -> list[tuple[str, list[Briefing]]]:
    return [(f"{MONTHS[month - 1]}", list(items))
            for month, items in groupby(briefings, key=lambda b: b.date.month)]


def environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md
    env.filters["yaml"] = lambda value: Markup(json.dumps(str(value), ensure_ascii=False))
    env.filters["url"] = lambda value: Markup(quote(str(value), safe=":/?#&=%+@;,~!*'$"))
    env.filters["body"] = Markup  # contributor Markdown: checked for HTML, sanitised after rendering
    env.filters["day"] = lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    env.globals["MONTHS"] = MONTHS
    env.globals["group"] = group
    env.globals["by_year"] = by_year
    env.globals["by_month"] = by_month
    # inline SVG pictures (generator/charts.py): built here from the index, never from contributor HTML
    env.globals["year_chart"] = lambda *args, **kw: Markup(year_chart(*args, **kw))
    env.globals["network_chart"] = lambda *args, **kw: Markup(network(*args, **kw))
    return env


class Renderer:
    def __init__(self, index: Index, settings: Settings) -> None:
        self.index = index
        self.corpus = index.corpus
        self.settings = settings
        self.env = environment(settings.templates)

    def page(self, uri: str, template: str, edit_path: str | None = None, **context: Any) -> Page:
        text = self.env.get_template(template).render(
            L=Linker(self.corpus, uri), here=uri, corpus=self.corpus, index=self.index,
            settings=self.settings, **context)
        return Page(uri, text, edit_path)

    def pages(self) -> Iterator[Page]:
        ix, corpus = self.index, self.corpus
        ranked = sorted(((cid, len(items)) for cid, items in ix.by_country.items()),
                        key=lambda pair: (-pair[1], pair[0]))
        yield self.page("index.md", "home.md.j2", countries_ranked=ranked)
        yield self.page("briefings/index.md", "briefings_index.md.j2", years=by_year(ix.newest))
        for year, items in by_year(ix.newest):
            yield self.page(f"briefings/{year}.md", "briefings_year.md.j2", year=year, items=items)
        for b in corpus.briefings:
            body = link_body(b.body, ix.mentions.get(b.slug, []), self.mention_targets(b.slug))
            yield self.page(f"briefings/{b.slug}.md", "briefing.md.j2", b.path, b=b, body=Markup(body),
                            related=ix.related.get(b.slug, []),
                            prev=ix.neighbours[b.slug][0], next=ix.neighbours[b.slug][1])
        yield self.page("countries/index.md", "countries_index.md.j2")
        for cid, country in corpus.countries.items():
            briefings = ix.by_country.get(cid, [])
            yield self.page(f"countries/{cid}.md", "country.md.j2", country.path, c=country,
                            briefings=briefings, events=self.events("country", cid),
                            pairs=ix.pairs_of.get(cid, []),
                            archived=self.overflows(briefings, self.events("country", cid)))
            yield from self.archives(f"countries/{cid}", country.name, briefings,
                                     self.events("country", cid))
        yield self.page("relations/index.md", "relations_index.md.j2")
        for info in ix.pairs.values():
            yield self.page(f"relations/{info.slug}.md", "relation.md.j2", info=info,
                            a=corpus.countries[info.pair[0]], b=corpus.countries[info.pair[1]],
                            archived=self.overflows(info.briefings, info.events))
            yield from self.archives(f"relations/{info.slug}", self.pair_name(info),
                                     info.briefings, info.events)
        yield self.page("people/index.md", "people_index.md.j2")
        for pid, person in corpus.people.items():
            yield self.page(f"people/{pid}.md", "person.md.j2", person.path, p=person,
                            briefings=ix.by_person.get(pid, []), events=self.events("person", pid),
                            quotes=ix.quotes_of.get(pid, []),
                            archived=self.overflows(ix.by_person.get(pid, []), self.events("person", pid)))
            yield from self.archives(f"people/{pid}", person.name, ix.by_person.get(pid, []),
                                     self.events("person", pid))
        yield self.page("organizations/index.md", "organizations_index.md.j2")
        for oid, org in corpus.organizations.items():
            yield self.page(f"organizations/{oid}.md", "organization.md.j2", org.path, o=org,
                            briefings=ix.by_org.get(oid, []),
                            events=self.events("organization", oid),
                            archived=self.overflows(ix.by_org.get(oid, []), self.events("organization", oid)))
            yield from self.archives(f"organizations/{oid}", org.name, ix.by_org.get(oid, []),
                                     self.events("organization", oid))
        yield self.page("topics/index.md", "topics_index.md.j2")
        for tid, topic in corpus.topics.items():
            yield self.page(f"topics/{tid}.md", "topic.md.j2", "site_config/topics.yml", t=topic,
                            briefings=ix.by_topic.get(tid, []), events=self.events("topic", tid),
                            archived=self.overflows(ix.by_topic.get(tid, []), self.events("topic", tid)))
            yield from self.archives(f"topics/{tid}", topic.label, ix.by_topic.get(tid, []),
                                     self.events("topic", tid))
        yield from self.timeline_pages()

    def mention_targets(self, slug: str) -> dict[Entity, str]:
        here = f"briefings/{slug}.md"
        folders = {"country": "countries", "person": "people", "organization": "organizations"}
        return {m.entity: relative(here, f"{folders[m.entity[0]]}/{m.entity[1]}.md")
                for m in self.index.mentions.get(slug, [])}

    def timeline_pages(self) -> Iterator[Page]:
        """The site timeline: one page while it is short; past that, a page per period (year,
        decade or century) and an overview with the latest events."""
        events = self.index.events
        if len(events) <= self.settings.timeline_page:
            yield self.page("timeline.md", "timeline.md.j2", events=events, periods=None)
            return
        periods = group(events)
        yield self.page("timeline.md", "timeline.md.j2", events=events, periods=periods)
        for period in periods:
            yield self.page(f"timeline/{period.key}.md", "timeline_period.md.j2", period=period)

    def events(self, kind: str, entity: str) -> list[EventItem]:
        return self.index.events_of.get((kind, entity), [])

    def pair_name(self, info: PairInfo) -> str:
        a, b = (self.corpus.countries[c] for c in info.pair)
        return f"{a.name} – {b.name}"

    def overflows(self, briefings: list[Briefing], events: list[EventItem]) -> bool:
        """Whether an entity's page lists only its latest briefings or events, and year pages the rest."""
        return len(briefings) > self.settings.profile_latest or len(events) > self.settings.timeline_latest

    def archives(self, base: str, name: str, briefings: list[Briefing],
                 events: list[EventItem]) -> Iterator[Page]:
        """Year pages for an entity whose briefings or events overflow its page."""
        if not self.overflows(briefings, events):
            return
        for year, items in by_year(briefings):
            slugs = {b.slug for b in items}
            evs = [e for e in events if e.briefing in slugs]
            yield self.page(f"{base}/{year}.md", "archive_year.md.j2", name=name, year=year,
                            items=items, events=evs, profile=f"{base}.md")


def render_site(index: Index, settings: Settings) -> list[Page]:
    return list(Renderer(index, settings).pages())
