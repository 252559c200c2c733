"""Validate: raw documents -> a typed, resolved Corpus, with every problem collected."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from urllib.parse import unquote

from pydantic import BaseModel, ValidationError

from . import body as body_scan
from .countries import IsoCountry, iso_countries
from .dates import parse_date
from .entities import (
    Briefing,
    Corpus,
    Country,
    EventItem,
    Organization,
    Person,
    QuoteItem,
    RelationItem,
    Topic,
)
from .load import KINDS, Loc, RawDocument
from .messages import problems_from
from .models import SCHEMAS, BriefingMeta, CountryMeta, OrganizationMeta, PersonMeta
from .problems import Problem
from .resolve import Resolver, UnknownRef
from .siteconf import SiteData
from .text import forbidden_character, reserved, why

M = TypeVar("M", bound=BaseModel)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A paragraph Python-Markdown converts in well under a second, whatever its characters (its link
# parser looks ahead from every '[' to the end of the paragraph: the cost is their product).
MAX_PARAGRAPH = 4000
MAX_BRACKETS = 60
MAX_BODY_BRACKETS = 200  # and in the whole summary: the conversion costs about 0.25 us per '[' x character


@dataclass(frozen=True)
class _BodyLink:
    """A relative link in a body, resolved once every page the site will have is known."""

    doc: RawDocument
    line: int  # of the body, 0-based
    col: int
    dest: str


@dataclass
class _State:
    root: Path
    problems: list[Problem] = field(default_factory=list)
    resolver: Resolver = field(default_factory=Resolver)
    links: list[_BodyLink] = field(default_factory=list)


def validate(documents: Iterable[RawDocument], site: SiteData, root: Path,
             briefing_files: Iterable[str] | None = None) -> tuple[Corpus, list[Problem]]:
    """The corpus and every problem. briefing_files: the names (stems) of all briefing files, when only
    some of them are among the documents (a body may link to any briefing)."""
    documents = list(documents)
    state = _State(root.resolve())  # resolved once; _rel compares each file's resolved path to it
    by_kind: dict[str, list[RawDocument]] = {k: [] for k in SCHEMAS}
    seen: dict[tuple[str, str], RawDocument] = {}
    for doc in documents:
        if not SLUG.match(doc.slug):
            state.problems.append(doc.problem((), f"file name '{doc.slug}.md' must be a lowercase "
                                  f"slug such as 'andrei-rudenko.md' (letters, digits, hyphens)"))
            continue
        why_not = reserved(doc.slug)
        if why_not:
            state.problems.append(doc.problem((), f"file name '{doc.slug}.md' cannot be used: {why_not}; "
                                              f"rename the file"))
            continue
        first = seen.setdefault((doc.kind, doc.slug), doc)
        if first is not doc:
            state.problems.append(doc.problem((), f"duplicate {doc.kind} id '{doc.slug}': "
                                  f"{first.display} has the same file name; rename one"))
            continue
        by_kind[doc.kind].append(doc)

    iso = iso_countries(site.country_overrides)
    iso_by_id = {c.id: c for c in iso}
    for c in iso:
        state.resolver.add("country", c.id, c.alpha2, c.alpha3, c.name, c.iso_name, *c.aliases)
    topics = {t.id: Topic(t.id, t.label, t.description) for t in site.topics}
    for t in topics.values():
        state.resolver.add("topic", t.id, t.label)

    country_meta = _parse_all(state, by_kind["country"], CountryMeta)
    people_meta = _parse_all(state, by_kind["person"], PersonMeta)
    org_meta = _parse_all(state, by_kind["organization"], OrganizationMeta)

    for doc, cmeta in country_meta:
        if doc.slug not in iso_by_id:
            try:
                found = state.resolver.resolve("country", doc.slug)
                hint = f"name the file '{found}.md'"
            except UnknownRef as exc:
                near = str(exc).split("; ", 1)[-1]
                hint = near if near.startswith("did you mean") else ("name the file after one, e.g. "
                                                                      "'iran.md' (`briefing new country NAME`)")
            state.problems.append(doc.problem((), f"'{doc.slug}' is not a country id; {hint}"))
            continue
        _register(state, doc, "country", _named(cmeta.aliases, "aliases"))
    for doc, pmeta in people_meta:
        _register(state, doc, "person", [(pmeta.name, ("name",)), *_named(pmeta.aliases, "aliases")])
    for doc, ometa in org_meta:
        _register(state, doc, "organization",
                  [(ometa.name, ("name",)), *_named(ometa.aliases, "aliases")])

    for doc, _meta in [*people_meta, *org_meta]:
        _check_body(state, doc, required=False)
    people = {
        doc.slug: Person(doc.slug, m.name, tuple(m.aliases), m.description,
                         _one(state, doc, "country", m.country, ("country",)), m.wikidata,
                         doc.body, _rel(state, doc))
        for doc, m in people_meta
    }
    orgs = {
        doc.slug: Organization(doc.slug, m.name, tuple(m.aliases), m.description,
                               _one(state, doc, "country", m.country, ("country",)), m.wikidata,
                               doc.body, _rel(state, doc))
        for doc, m in org_meta
    }
    curated: dict[str, Country] = {}
    for doc, cmeta in country_meta:
        base = iso_by_id.get(doc.slug)
        if base is None:
            continue
        curated[doc.slug] = _country(base, cmeta.aliases, cmeta.demonyms,
                                     _many(state, doc, "organization", cmeta.memberships, ("memberships",)),
                                     _many(state, doc, "person", cmeta.leaders, ("leaders",)),
                                     doc.body.strip(), _rel(state, doc))
        _check_body(state, doc, required=False)

    briefings = []
    invalid: list[tuple[RawDocument, set[str]]] = []
    for doc, bmeta in _parse_all(state, by_kind["briefing"], BriefingMeta, invalid):
        briefing = _briefing(state, doc, bmeta)
        if briefing is not None:
            briefings.append(briefing)
    for doc, bad_fields in invalid:
        _check_refs_of_invalid(state, doc, bad_fields)
    briefings.sort(key=lambda b: b.sort_key)

    named = set(curated)
    for b in briefings:
        named.update(b.countries)
    named.update(p.country for p in people.values() if p.country)
    named.update(o.country for o in orgs.values() if o.country)
    countries = {cid: curated.get(cid) or _country(iso_by_id[cid]) for cid in sorted(named)}
    corpus = Corpus(tuple(briefings), countries, dict(sorted(people.items())),
                    dict(sorted(orgs.items())), topics)
    slugs = set(briefing_files) if briefing_files is not None else {d.slug for d in by_kind["briefing"]}
    _check_links(state, corpus, slugs, {b.slug: b for b in briefings}, root / "docs")
    return corpus, state.problems


def _country(base: IsoCountry, aliases: Iterable[str] = (), demonyms: Iterable[str] = (),
             memberships: tuple[str, ...] = (), leaders: tuple[str, ...] = (), intro: str = "",
             path: str | None = None) -> Country:
    return Country(base.id, base.name, base.official_name, base.alpha2, base.alpha3, base.flag,
                   tuple(dict.fromkeys((*base.aliases, *aliases))), tuple(demonyms), memberships,
                   leaders, intro, path)


def _rel(state: _State, doc: RawDocument) -> str:
    try:
        return doc.path.resolve().relative_to(state.root).as_posix()
    except ValueError:
        return doc.display


def _parse_all(state: _State, docs: list[RawDocument], model: type[M],
               failed: list[tuple[RawDocument, set[str]]] | None = None) -> list[tuple[RawDocument, M]]:
    out = []
    for doc in docs:
        try:
            out.append((doc, model.model_validate(doc.meta)))
        except ValidationError as exc:
            errors = exc.errors()
            state.problems.extend(problems_from(doc, model, errors))
            if failed is not None:
                failed.append((doc, {str(e["loc"][0]) for e in errors if e["loc"]}))
    return out


_REF_FIELDS = (("countries", "country"), ("people", "person"), ("organizations", "organization"),
               ("topics", "topic"))


def _check_refs_of_invalid(state: _State, doc: RawDocument, bad_fields: set[str]) -> None:
    """A briefing whose schema failed still gets its reference lists and body checked, so one
    run reports every problem, not only the first kind."""
    for field_name, kind in _REF_FIELDS:
        value = doc.meta.get(field_name)
        if field_name in bad_fields or not isinstance(value, list):
            continue
        if all(isinstance(v, str) and v for v in value):
            _many(state, doc, kind, value, (field_name,))
    _check_body(state, doc, required=True)


def _register(state: _State, doc: RawDocument, kind: str, names: list[tuple[str, Loc]]) -> None:
    for spelling, other in state.resolver.add(kind, doc.slug, *(n for n, _ in names)):
        loc = next((where for name, where in names if name == spelling), ())
        state.problems.append(doc.problem(loc, f"'{spelling}' already names {kind} '{other}'; "
                                          f"each name may belong to one {kind} only"))


def _named(values: list[str], field_name: str) -> list[tuple[str, Loc]]:
    return [(v, (field_name, i)) for i, v in enumerate(values)]


def _one(state: _State, doc: RawDocument, kind: str, text: str | None, loc: Loc) -> str | None:
    if text is None:
        return None
    try:
        return state.resolver.resolve(kind, text)
    except UnknownRef as exc:
        state.problems.append(doc.problem(loc, str(exc)))
        return None


def _many(state: _State, doc: RawDocument, kind: str, texts: list[str], loc: Loc) -> tuple[str, ...]:
    ids: dict[str, int] = {}
    for i, text in enumerate(texts):
        found = _one(state, doc, kind, text, (*loc, i))
        if found is None:
            continue
        if found in ids:
            state.problems.append(doc.problem((*loc, i), f"'{text}' is listed twice (same {kind} "
                                              f"as item {ids[found] + 1}); remove one"))
            continue
        ids[found] = i
    return tuple(ids)


def _briefing(state: _State, doc: RawDocument, m: BriefingMeta) -> Briefing | None:
    before = len(state.problems)
    countries = _many(state, doc, "country", m.countries, ("countries",))
    people = _many(state, doc, "person", m.people, ("people",))
    orgs = _many(state, doc, "organization", m.organizations, ("organizations",))
    topics = _many(state, doc, "topic", m.topics, ("topics",))
    listed = {"country": set(countries), "person": set(people), "organization": set(orgs)}
    fields = {"country": "countries", "person": "people", "organization": "organizations"}

    def member(kind: str, text: str, loc: Loc) -> str | None:
        found = _one(state, doc, kind, text, loc)
        if found is not None and found not in listed[kind]:
            state.problems.append(doc.problem(loc, f"'{text}' is not in the briefing's "
                                              f"`{fields[kind]}`; add it there"))
            return None
        return found

    relations = []
    for i, rel in enumerate(m.relations):
        a = member("country", rel.countries[0], ("relations", i, "countries", 0))
        b = member("country", rel.countries[1], ("relations", i, "countries", 1))
        if a and b and a == b:
            state.problems.append(doc.problem(("relations", i, "countries", 1),
                                              f"a relation needs two different countries; "
                                              f"both are '{a}'"))
        elif a and b:
            pair = (a, b) if a < b else (b, a)
            relations.append(RelationItem(doc.slug, pair, rel.stance, rel.note, m.date))
    events = []
    for i, ev in enumerate(m.events):
        ids = {}
        for kind, values in (("country", ev.countries), ("person", ev.people),
                             ("organization", ev.organizations)):
            found = [member(kind, t, ("events", i, fields[kind], j)) for j, t in enumerate(values)]
            ids[kind] = tuple(dict.fromkeys(f for f in found if f))
        if not (ev.countries or ev.people or ev.organizations):
            state.problems.append(doc.problem(("events", i), "an event needs at least one of "
                                              "`countries`, `people` or `organizations`"))
        events.append(EventItem(doc.slug, i, parse_date(ev.date), ev.title, ids["country"],
                                ids["person"], ids["organization"], topics))
    quotes = []
    for i, q in enumerate(m.quotes):
        who = member("person", q.person, ("quotes", i, "person"))
        if who:
            quotes.append(QuoteItem(doc.slug, who, q.text, q.context))
    if m.updated is not None and m.updated < m.date:
        state.problems.append(doc.problem(("updated",), "is before `date`; it must be the same "
                                          "day or later"))
    _check_body(state, doc, required=True)
    if len(state.problems) > before:
        return None
    return Briefing(doc.slug, _rel(state, doc), m.title, m.date, m.updated, m.dek, tuple(m.sources),
                    countries, people, orgs, topics, tuple(relations), tuple(events), tuple(quotes),
                    doc.body.strip())


def _check_body(state: _State, doc: RawDocument, *, required: bool) -> None:
    """The Markdown below the front matter: no raw HTML, images, control characters or level-1
    headings; links only to http(s)/mailto or to pages the site has (checked in _check_links); each
    paragraph small enough to convert quickly. One pass per line (generator/body.py)."""
    if required and not doc.body.strip():
        state.problems.append(_body_problem(doc, 0, 0, "the summary is empty; write it below the "
                                            "front matter, in your own words"))
        return
    paragraph: tuple[int, int, int] | None = None  # first line, characters, '[' count
    in_body = 0  # '[' so far in the whole summary
    for n, line in body_scan.prose_lines(doc.body):
        in_body += line.count("[")
        if in_body > MAX_BODY_BRACKETS >= in_body - line.count("["):
            state.problems.append(_body_problem(doc, n, 0, f"the summary has more than {MAX_BODY_BRACKETS} '[' "
                                                f"(each link takes one) by this line; use fewer links"))
        if line.strip():
            first, size, brackets = paragraph or (n, 0, 0)
            paragraph = (first, size + len(line) + 1, brackets + line.count("["))
        else:
            _check_paragraph(state, doc, paragraph)
            paragraph = None
        bad = forbidden_character(line)
        if bad is not None:
            state.problems.append(_body_problem(doc, n, bad[0], f"contains {bad[1]}{why(bad[1])}; remove it"))
        code = body_scan.code_spans(line)
        html = body_scan.markup(line, code)
        if html >= 0:
            state.problems.append(_body_problem(doc, n, html, "raw HTML is not allowed in the summary; "
                                                "use Markdown"))
        for at in body_scan.images(line, code):
            state.problems.append(_body_problem(doc, n, at, "images are not allowed in the summary (the site "
                                                "loads nothing from other hosts); link to the page that shows "
                                                "the picture instead, or write \\![ for the characters"))
        for link in body_scan.links(line, code):
            _check_link(state, doc, n, link)
        if re.match(r"^#\s", line):
            state.problems.append(_body_problem(doc, n, 0, "a level-1 heading is not allowed; the "
                                                "page title comes from `title`, start at '##'"))
    _check_paragraph(state, doc, paragraph)


def _check_paragraph(state: _State, doc: RawDocument, paragraph: tuple[int, int, int] | None) -> None:
    if paragraph is None:
        return
    first, size, brackets = paragraph
    if size > MAX_PARAGRAPH:
        state.problems.append(_body_problem(doc, first, 0, f"this paragraph is too long ({size} characters, "
                                            f"at most {MAX_PARAGRAPH}); split it with a blank line"))
    elif brackets > MAX_BRACKETS:
        state.problems.append(_body_problem(doc, first, 0, f"this paragraph has {brackets} '[' (at most "
                                            f"{MAX_BRACKETS}: each link takes one); split it or use fewer"))


def _check_link(state: _State, doc: RawDocument, n: int, link: body_scan.Link) -> None:
    url = link.dest
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", url)
    if scheme:
        if scheme[1].lower() not in ("http", "https", "mailto"):
            state.problems.append(_body_problem(doc, n, link.dest_start, f"link to '{scheme[1]}:' is not "
                                                f"allowed; use an http:// or https:// address"))
    elif url.startswith("/"):
        state.problems.append(_body_problem(doc, n, link.dest_start, f"link to '{url}' starts with '/'; "
                                            f"write a full https:// address, or a relative link such as "
                                            f"'../countries/iran.md'"))
    else:
        state.links.append(_BodyLink(doc, n, link.dest_start, url))


INDEX_PAGES = {"index.md", "briefings/index.md", "countries/index.md", "relations/index.md", "people/index.md",
               "organizations/index.md", "topics/index.md", "timeline.md"}
_FOLDER = {kind: folder for folder, kind in KINDS.items()}


def _check_links(state: _State, corpus: Corpus, briefing_slugs: set[str], briefings: dict[str, Briefing],
                 docs: Path) -> None:
    """Each relative link in a body must reach a page the site will have (else the strict build fails):
    another briefing, the index pages, a docs page, or an entity page the linking file itself names (or
    that has a file of its own); a '#' only within the same page, to one of its own anchors."""
    from markdown.extensions.toc import slugify

    curated = {c.id for c in corpus.countries.values() if c.path}
    everywhere = {f"briefings/{s}.md" for s in briefing_slugs} | INDEX_PAGES
    everywhere |= {f"people/{p}.md" for p in corpus.people} | {f"organizations/{o}.md" for o in corpus.organizations}
    everywhere |= {f"topics/{t}.md" for t in corpus.topics} | {f"countries/{c}.md" for c in curated}
    for link in state.links:
        doc = link.doc
        here = f"{_FOLDER[doc.kind]}/{doc.slug}.md"
        path, _, fragment = link.dest.partition("#")
        b = briefings.get(doc.slug) if doc.kind == "briefing" else None
        if not path:
            # headings of plain words only: markup would change the id the table of contents makes
            anchors = {slugify(m[2].strip(" #"), "-") for m in re.finditer(r"(?m)^(#{2,6})[ \t]+(.*)$", doc.body)
                       if not re.search(r"[\[\]()*_`<>&\\{}]", m[2])}
            anchors |= {e.anchor for e in b.events} if b else set()
            if fragment not in anchors:
                state.problems.append(_body_problem(doc, link.line, link.col, f"link to '#{fragment}': this page "
                                                    f"has no such heading or event; check the spelling"))
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(here), unquote(path)))
        own: set[str] = set()
        if b is not None:
            own = {f"countries/{c}.md" for c in b.countries}
            own |= {f"relations/{r.pair[0]}--{r.pair[1]}.md" for r in b.relations}
            own |= {f"relations/{x}--{y}.md" for e in b.events for x in e.countries for y in e.countries if x < y}
        else:
            entity = corpus.people.get(doc.slug) if doc.kind == "person" else (
                corpus.organizations.get(doc.slug) if doc.kind == "organization" else None)
            if entity is not None and entity.country:
                own = {f"countries/{entity.country}.md"}
        if fragment:
            problem = "a link to another page may not carry '#...'; link to the page itself"
        elif target in everywhere or target in own or (target.endswith(".md") and (docs / target).is_file()):
            continue
        else:
            problem = ("the site has no such page; link to another briefing ('../briefings/FILE.md'), to a "
                       "country, person, organization or topic this file names, or use a full https:// address")
        state.problems.append(_body_problem(doc, link.line, link.col, f"link to '{link.dest}': {problem}"))


def _body_problem(doc: RawDocument, line: int, col: int, message: str) -> Problem:
    return Problem(doc.display, doc.body_line + line, col + 1, "body", message)
