"""Validate: raw documents -> a typed, resolved Corpus, with every problem collected.

One small function per kind of file (countries, named entities such as people and organizations,
briefings); the kinds table (generator/kinds.py) says which kinds there are and what a briefing's
fields name. Body rules are in `_check_body`, links between pages in `_check_links`.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from pydantic import BaseModel, TypeAdapter, ValidationError

from .. import kinds, urls
from . import body as body_scan
from . import placeholders, unlisted
from .countries import HistoricalState, IsoCountry, country_spellings, historical_hint, iso_countries
from .dates import parse_date
from .entities import Briefing, Corpus, Country, Era, EventItem, Named, QuoteItem, RelationItem, Topic
from .load import Loc, RawDocument
from .messages import field_description, problems_from
from .models import CountryMeta, Day, NamedMeta, Quote, Relation
from .problems import Edit, Problem
from .resolve import Resolver, UnknownRef, norm
from .siteconf import SiteData
from .text import forbidden_character, reserved, why

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A paragraph Python-Markdown converts in well under a second, whatever its characters (its link
# parser looks ahead from every '[' to the end of the paragraph: the cost is their product).
MAX_PARAGRAPH = 4000
MAX_BRACKETS = 60
MAX_BODY_BRACKETS = 200  # and in the whole summary: the conversion costs about 0.25 us per '[' x character

Parsed = list[tuple[RawDocument, Any]]  # each document with its front matter as the kind's model


@dataclass(frozen=True)
class _BodyLink:
    """A relative link in a body, resolved once every page the site will have is known."""

    doc: RawDocument
    line: int  # of the body, 0-based
    col: int
    dest: str


Memo = dict[tuple[str, int, Any], tuple[RawDocument, Any]]  # what a document gave, by the document itself


def drop_models(memo: Memo) -> None:
    """The parsed front-matter models out of `memo`: a build's state leaves them out (they cannot be pickled,
    and the next build parses again; generator/site/warm.py), and nothing asks for them once the content is
    read (at 10,000 briefings, half a million small objects)."""
    for key in [key for key in memo if key[0] == "model"]:
        del memo[key]


@dataclass
class _State:
    root: Path
    problems: list[Problem] = field(default_factory=list)
    resolver: Resolver = field(default_factory=Resolver)
    links: list[_BodyLink] = field(default_factory=list)
    memo: Memo | None = None  # kept by the preview: documents read again only when their file changed
    used: Memo = field(default_factory=dict)
    spellings: str | None = None  # a digest of the resolver's tables, once every entity is in them
    historical: dict[str, HistoricalState] = field(default_factory=dict)
    placeholders: Mapping[str, placeholders.Placeholders] = field(default_factory=dict)
    everyone: unlisted.SiteNames | None = None  # every spelling of every entity, for names a briefing does not list

    def remembered(self, what: str, doc: RawDocument, extra: Any, work: Any) -> Any:
        """`work()` for this document, or what it gave last time for the same document object."""
        key = (what, id(doc), extra)
        if self.memo is not None:
            found = self.memo.get(key)
            if found is not None and found[0] is doc:
                self.used[key] = found
                return found[1]
        result = work()
        self.used[key] = (doc, result)
        return result

    def add(self, doc: RawDocument, loc: Loc, message: str) -> None:
        self.problems.append(doc.problem(loc, message))


def validate(
    documents: Iterable[RawDocument],
    site: SiteData,
    root: Path,
    briefing_files: Iterable[str] | None = None,
    memo: Memo | None = None,
) -> tuple[Corpus, list[Problem]]:
    """The corpus and every problem. briefing_files: the names (stems) of all briefing files, when only
    some of them are among the documents (a body may link to any briefing)."""
    state = _State(root.resolve(), memo=memo, placeholders=site.placeholders)  # root resolved once
    by_kind = _by_kind(state, documents)
    current = iso_countries(site.country_overrides)
    # Every country a reference may name: ISO 3166-1, then the historical states (siteconf.py).
    iso: Countries = {c.id: c for c in current}
    iso.update((s.id, s) for s in site.historical)
    state.historical = {s.id: s for s in site.historical}
    for cid, spellings in country_spellings(current, site.historical):
        state.resolver.add("country", cid, *spellings)
    topics = {t.id: Topic(t.id, t.label, t.description) for t in site.topics}
    for t in topics.values():
        state.resolver.add("topic", t.id, t.label)
        state.resolver.describe("topic", t.id, t.label, t.description)

    country_meta = _countries_meta(state, by_kind["country"], iso)
    named_meta = {row.kind: _named_meta(state, row, by_kind[row.kind]) for row in kinds.named_kinds()}
    named = {kind: _named(state, kind, parsed) for kind, parsed in named_meta.items()}
    curated = _curated(state, country_meta, iso)
    state.everyone = unlisted.SiteNames.of(
        [
            *(("country", curated.get(c.id) or _country(c)) for c in iso.values()),
            *((kind, e) for kind, entities in named.items() for e in entities.values()),
        ]
    )
    briefings = _briefings(state, by_kind["briefing"])
    countries = _countries(iso, curated, briefings, named)
    named_by_id = {k: dict(sorted(v.items())) for k, v in named.items()}
    corpus = Corpus(tuple(briefings), countries, named_by_id, topics, site.stances)
    slugs = set(briefing_files) if briefing_files is not None else {d.slug for d in by_kind["briefing"]}
    _check_links(state, corpus, slugs, {b.slug: b for b in briefings}, root / "docs")
    if memo is not None:  # keep what this run used, for the next
        memo.clear()
        memo.update(state.used)
    return corpus, state.problems


def _by_kind(state: _State, documents: Iterable[RawDocument]) -> dict[str, list[RawDocument]]:
    """The documents of each kind whose file names can be ids: a slug, not reserved, not taken twice."""
    by_kind: dict[str, list[RawDocument]] = {k: [] for k in kinds.file_schemas()}
    seen: dict[tuple[str, str], RawDocument] = {}
    for doc in documents:
        if not SLUG.match(doc.slug):
            state.add(doc, (), f"file name '{doc.slug}.md' must be {_rename(doc)}")
            continue
        why_not = reserved(doc.slug)
        if why_not:
            state.add(doc, (), f"file name '{doc.slug}.md' cannot be used: {why_not}; rename the file")
            continue
        first = seen.setdefault((doc.kind, doc.slug), doc)
        if first is not doc:
            state.add(
                doc, (), f"duplicate {doc.kind} id '{doc.slug}': {first.display} has the same file name; rename one"
            )
            continue
        by_kind[doc.kind].append(doc)
    return by_kind


def _rename(doc: RawDocument) -> str:
    """What a file name must be, and the command that renames the file, where its slug is plain."""
    rule = "a lowercase slug such as 'andrei-rudenko.md' (letters, digits, hyphens)"
    slug = "-".join(re.findall(r"[a-z0-9]+", doc.slug.lower()))
    if not SLUG.match(slug) or reserved(slug):
        return rule
    new = posixpath.join(posixpath.dirname(doc.display), f"{slug}.md")
    return f"{rule}; rename it: `git mv {doc.display} {new}`"


Countries = dict[str, IsoCountry | HistoricalState]  # every country by id, current and historical


def _countries_meta(state: _State, docs: list[RawDocument], iso: Countries) -> Parsed:
    """The curated country files named after a country, their aliases registered."""
    out = []
    for doc, meta in _parse_all(state, docs, CountryMeta):
        if doc.slug not in iso:
            state.add(doc, (), f"'{doc.slug}' is not a country id; {_country_file_hint(state, doc.slug)}")
            continue
        _register(state, doc, "country", _spellings(meta.aliases, "aliases"))
        out.append((doc, meta))
    return out


def _country_file_hint(state: _State, slug: str) -> str:
    try:
        return f"name the file '{state.resolver.resolve('country', slug)}.md'"
    except UnknownRef as exc:
        if exc.fix is not None:
            return f"name the file '{exc.fix}.md'"
        near = str(exc).split("; ", 1)[-1]
        if near.startswith("did you mean"):
            return near
        return "name the file after one, e.g. 'iran.md' (`briefing new country NAME`)"


def _named_meta(state: _State, row: kinds.KindSpec, docs: list[RawDocument]) -> Parsed:
    """The files of a named kind (people, organizations…), their names and aliases registered."""
    assert row.schema is not None
    parsed = _parse_all(state, docs, row.schema)
    for doc, meta in parsed:
        _register(state, doc, row.kind, [(meta.name, ("name",)), *_spellings(meta.aliases, "aliases")])
    return parsed


def _named(state: _State, kind: str, parsed: Parsed) -> dict[str, Named]:
    out = {}
    for doc, meta in parsed:
        m: NamedMeta = meta
        _check_body(state, doc, required=False)
        out[doc.slug] = Named(
            kind,
            doc.slug,
            m.name,
            tuple(m.aliases),
            m.description,
            _one(state, doc, "country", m.country, ("country",)),
            m.wikidata,
            doc.body,
            _rel(state, doc),
        )
    return out


def _curated(state: _State, parsed: Parsed, iso: Countries) -> dict[str, Country]:
    curated: dict[str, Country] = {}
    for doc, meta in parsed:
        m: CountryMeta = meta
        curated[doc.slug] = _country(
            iso[doc.slug],
            m.aliases,
            m.demonyms,
            _many(state, doc, "organization", m.memberships, ("memberships",)),
            _many(state, doc, "person", m.leaders, ("leaders",)),
            doc.body.strip(),
            _rel(state, doc),
            iso,
        )
        _check_body(state, doc, required=False)
    return curated


def _briefings(state: _State, docs: list[RawDocument]) -> list[Briefing]:
    briefings = []
    invalid: list[tuple[RawDocument, set[str]]] = []
    for doc, meta in _parse_all(state, docs, kinds.briefing_model(), invalid):
        briefing = _briefing(state, doc, meta)
        if briefing is not None:
            briefings.append(briefing)
    for doc, _ in invalid:  # every other problem of a briefing whose schema failed: one run reports them all
        _briefing(state, doc, _Partial.of(doc))
    return sorted(briefings, key=lambda b: b.sort_key)


def _countries(
    iso: Countries,
    curated: dict[str, Country],
    briefings: list[Briefing],
    named: dict[str, dict[str, Named]],
) -> dict[str, Country]:
    """Every country that has a page: curated, or named by a briefing or an entity."""
    ids = set(curated)
    for b in briefings:
        ids.update(b.countries)
    ids.update(e.country for entities in named.values() for e in entities.values() if e.country)
    return {cid: curated.get(cid) or _country(iso[cid], names=iso) for cid in sorted(ids)}


def _country(
    base: IsoCountry | HistoricalState,
    aliases: Iterable[str] = (),
    demonyms: Iterable[str] = (),
    memberships: tuple[str, ...] = (),
    leaders: tuple[str, ...] = (),
    intro: str = "",
    path: str | None = None,
    names: Countries | None = None,
) -> Country:
    era = None
    codes = ("", "", "")  # a historical state has no ISO 3166-1 codes and no flag
    if isinstance(base, HistoricalState):  # when it existed, and who followed
        known = names or {}
        successors = tuple((s, known[s].name) for s in base.successors if s in known)
        era = Era(base.since, base.until, successors, base.iso_code)
    else:
        codes = (base.alpha2, base.alpha3, base.flag)
    return Country(
        base.id,
        base.name,
        base.official_name,
        *codes,
        tuple(dict.fromkeys((*base.aliases, *aliases))),
        tuple(demonyms),
        memberships,
        leaders,
        intro,
        path,
        era,
    )


def _rel(state: _State, doc: RawDocument) -> str:
    """The file's path relative to the project root: what load_paths, given the same root, already
    worked out from the resolved path (resolving each file again cost a third of a preview's rebuild)."""
    return doc.display


def _parse_all(
    state: _State,
    docs: list[RawDocument],
    model: type[BaseModel],
    failed: list[tuple[RawDocument, set[str]]] | None = None,
) -> Parsed:
    out: Parsed = []
    for doc in docs:
        _check_placeholders(state, doc)
        parsed, problems, bad = state.remembered("model", doc, model, lambda doc=doc: _parse(doc, model))
        if parsed is not None:
            out.append((doc, parsed))
            continue
        state.problems.extend(problems)
        if failed is not None:
            failed.append((doc, bad))
    return out


def _parse(doc: RawDocument, model: type[BaseModel]) -> tuple[Any, list[Problem], set[str]]:
    """A document's front matter as the model, or the problems and the fields that failed."""
    try:
        return model.model_validate(doc.meta), [], set()
    except ValidationError as exc:
        errors = exc.errors()
        known = _known(doc)
        return None, problems_from(doc, model, errors, known), {str(e["loc"][0]) for e in errors if e["loc"]}


def _known(doc: RawDocument) -> dict[Loc, tuple[str, str]]:
    """What a file says of its own front matter: a briefing's file name starts with its day."""
    match = _FILE_DATE.match(doc.slug) if doc.kind == "briefing" else None
    if match is None:
        return {}
    try:
        day = dt.date.fromisoformat(match["day"]).isoformat()
    except ValueError:
        return {}
    return {("date",): (day, "the file name's day")}


def _check_placeholders(state: _State, doc: RawDocument) -> None:
    """Text left from the `briefing new` template, and example addresses: a file started, not finished."""
    mine = state.placeholders.get(doc.kind)

    def work() -> list[Problem]:
        model = kinds.file_schemas().get(doc.kind)

        def describe(loc: Loc) -> str | None:
            return field_description(model, loc) if model is not None else None

        found = [
            doc.problem(loc, message)
            for loc, message in placeholders.in_front_matter(doc, state.placeholders, describe)
        ]
        found += [_body_problem(doc, n, 0, m) for n, m in placeholders.in_body(doc, state.placeholders)]
        return found

    state.problems.extend(state.remembered("placeholders", doc, mine, work))


def _register(state: _State, doc: RawDocument, kind: str, names: list[tuple[str, Loc]]) -> None:
    for spelling, other in state.resolver.add(kind, doc.slug, *(n for n, _ in names)):
        loc = next((where for name, where in names if name == spelling), ())
        state.add(doc, loc, f"'{spelling}' already names {kind} '{other}'; each name may belong to one {kind} only")


def _spellings(values: list[str], field_name: str) -> list[tuple[str, Loc]]:
    return [(v, (field_name, i)) for i, v in enumerate(values)]


def _one(state: _State, doc: RawDocument, kind: str, text: str | None, loc: Loc) -> str | None:
    if text is None:
        return None
    try:
        return state.resolver.resolve(kind, text)
    except UnknownRef as exc:
        state.problems.append(_unknown(state, doc, kind, exc, [(loc, text)]))
        return None


def _unknown(state: _State, doc: RawDocument, kind: str, exc: UnknownRef, places: list[tuple[Loc, str]]) -> Problem:
    """One problem for an unknown reference written at one or more places: at the first, naming the
    lines of the others; with the edits that write the id it spells (exc.fix), where there is one. For a
    country close to a historical state's name, the state and its years ("did you mean the historical
    state 'soviet-union' (1922–1991)?")."""
    places = sorted(places, key=lambda p: doc.pos(p[0]))
    (loc, text), *others = places
    message = str(exc)
    if kind == "country" and exc.fix is None and (exc.near is None or exc.near in state.historical):
        hint = historical_hint(text, tuple(state.historical.values()))
        if hint:
            message = f"unknown country '{text}'; {hint}"
    lines = sorted({doc.pos(where)[0] for where, _ in others} - {doc.pos(loc)[0]})
    if lines:
        message += f" (also written on line{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines))})"
    fixes: tuple[Edit, ...] = ()
    if exc.fix is not None:
        edits = [doc.edit(where, text, exc.fix, "alias") for where, text in places]
        fixes = tuple(e for e in edits if e is not None) if all(edits) else ()
    return doc.problem(loc, message, fixes=fixes)


Resolve = Callable[[str, str, Loc], "str | None"]


def _many(
    state: _State, doc: RawDocument, kind: str, texts: list[Any], loc: Loc, one: Resolve | None = None
) -> tuple[str, ...]:
    """The ids of a list of references (an item that is not text was reported by the schema)."""
    ids: dict[str, int] = {}
    for i, text in enumerate(texts):
        if not isinstance(text, str) or not text:
            continue
        found = one(kind, text, (*loc, i)) if one else _one(state, doc, kind, text, (*loc, i))
        if found is None:
            continue
        if found in ids:
            state.add(doc, (*loc, i), f"'{text}' is listed twice (same {kind} as item {ids[found] + 1}); remove one")
            continue
        ids[found] = i
    return tuple(ids)


@dataclass
class _Named:
    """Resolves a briefing's references. An entity named in a relation, event or quote is part of the
    briefing (write-once): `extra` keeps where each was first written, to append it after the listed
    ones in the order of the file. An unknown text is reported once (`report`), however often written."""

    state: _State
    doc: RawDocument
    extra: dict[str, dict[str, Loc]] = field(default_factory=dict)
    unknown: dict[tuple[str, str], tuple[UnknownRef, list[tuple[Loc, str]]]] = field(default_factory=dict)

    def one(self, kind: str, text: str, loc: Loc) -> str | None:
        try:
            return self.state.resolver.resolve(kind, text)
        except UnknownRef as exc:
            self.unknown.setdefault((kind, norm(text)), (exc, []))[1].append((loc, text))
            return None

    def member(self, kind: str, text: str, loc: Loc) -> str | None:
        found = self.one(kind, text, loc)
        if found is not None:
            self.extra.setdefault(kind, {}).setdefault(found, loc)
        return found

    def merged(self, kind: str, listed: tuple[str, ...]) -> tuple[str, ...]:
        """The listed ids in their order, then the others in the order they are first written."""
        firsts = sorted(self.extra.get(kind, {}).items(), key=lambda item: self.doc.pos(item[1]))
        return tuple(dict.fromkeys((*listed, *(i for i, _ in firsts))))

    def report(self) -> None:
        for (kind, _), (exc, places) in self.unknown.items():
            self.state.problems.append(_unknown(self.state, self.doc, kind, exc, places))


@dataclass(frozen=True)
class _Partial:
    """What can be read of a briefing whose schema failed: the references of the fields and items that
    are well formed, so that their problems are reported in the same run (None: an item left out)."""

    date: dt.date | None
    updated: dt.date | None
    relations: list[Any]
    events: list[Any]
    quotes: list[Any]
    lists: dict[str, list[Any]]

    def __getattr__(self, name: str) -> Any:
        lists = self.__dict__.get("lists", {})
        if name in lists:
            return lists[name]
        raise AttributeError(name)

    @classmethod
    def of(cls, doc: RawDocument) -> _Partial:
        meta = doc.meta
        lists = {}
        for row in kinds.entity_kinds():
            assert row.listed is not None
            value = meta.get(row.listed.name)
            lists[row.listed.name] = value if isinstance(value, list) else []
        return cls(
            _valid(_DAY, meta.get("date")),
            _valid(_DAY, meta.get("updated")),
            _items(meta.get("relations"), Relation),
            _items(meta.get("events"), kinds.event_model()),
            _items(meta.get("quotes"), Quote),
            lists,
        )


_DAY: TypeAdapter[dt.date] = TypeAdapter(Day)


def _valid(adapter: TypeAdapter[Any], value: Any) -> Any:
    try:
        return adapter.validate_python(value) if value is not None else None
    except ValidationError:
        return None


def _items(value: Any, model: type[BaseModel]) -> list[Any]:
    if not isinstance(value, list):
        return []
    out: list[Any] = []
    for item in value:
        try:
            out.append(model.model_validate(item))
        except ValidationError:
            out.append(None)
    return out


def _briefing(state: _State, doc: RawDocument, m: Any) -> Briefing | None:
    """The briefing and its problems; from the last run where the document and every entity's spellings
    (all a briefing's references can resolve to) are the same."""
    if state.memo is None:
        return _briefing_checked(state, doc, m)
    if state.spellings is None:
        state.spellings = state.resolver.fingerprint() + (state.everyone.digest if state.everyone else "")

    def work() -> tuple[Briefing | None, list[Problem], list[_BodyLink]]:
        alone = _State(state.root, resolver=state.resolver, memo=state.memo, used=state.used, everyone=state.everyone)
        alone.placeholders = state.placeholders
        alone.historical = state.historical
        return _briefing_checked(alone, doc, m), alone.problems, alone.links

    briefing, problems, links = state.remembered("briefing", doc, state.spellings, work)
    state.problems.extend(problems)
    state.links.extend(links)
    return briefing  # type: ignore[no-any-return]


def _briefing_checked(state: _State, doc: RawDocument, m: Any) -> Briefing | None:
    """The briefing, or None when it has a problem; m is its front matter, or the _Partial of a briefing
    whose schema failed (then only its problems count)."""
    before = len(state.problems)
    named = _Named(state, doc)
    listed: dict[str, tuple[str, ...]] = {}
    for row in kinds.entity_kinds():
        assert row.listed is not None
        listed[row.kind] = _many(state, doc, row.kind, getattr(m, row.listed.name), (row.listed.name,), named.one)
    relations = _relations(named, m)
    events = [_event(named, i, ev, listed.get("topic", ())) for i, ev in enumerate(m.events) if ev is not None]
    quotes = []
    for i, q in enumerate(m.quotes):
        who = named.member("person", q.person, ("quotes", i, "person")) if q is not None else None
        if who:
            quotes.append(QuoteItem(doc.slug, who, q.text, q.context))
    named.report()
    refs = {kind: named.merged(kind, ids) for kind, ids in listed.items()}
    if not isinstance(m, _Partial):
        _check_counts(state, doc, named, refs)
    if m.date is not None and m.updated is not None and m.updated < m.date:
        state.add(
            doc,
            ("updated",),
            f"is before `date` ({m.date.isoformat()}); write that day or a later one "
            f"(`updated: {m.date.isoformat()}`), or remove the line",
        )
    if m.date is not None:
        _check_file_date(state, doc, m.date)
    _check_body(state, doc, required=True)
    if len(state.problems) > before or isinstance(m, _Partial):
        return None  # and no warnings yet: with a part left out, names would seem unlisted (one mistake, one message)
    if state.everyone is not None:
        state.problems += unlisted.check(doc, m, refs, state.everyone, state.resolver)
    return Briefing(
        doc.slug,
        _rel(state, doc),
        m.title,
        m.date,
        m.updated,
        m.dek,
        tuple(m.sources),
        refs,
        tuple(relations),
        tuple(events),
        tuple(quotes),
        doc.body.strip(),
    )


def _check_counts(state: _State, doc: RawDocument, named: _Named, refs: dict[str, tuple[str, ...]]) -> None:
    """A kind a briefing must name (a country) is named somewhere: listed, or in an event or relation."""
    for row in kinds.entity_kinds():
        assert row.listed is not None
        at_least = row.listed.min_length
        if len(refs[row.kind]) >= at_least or any(kind == row.kind for kind, _ in named.unknown):
            continue
        where = [f"`{row.listed.name}`", *(["an event"] if row.in_events is not None else [])]
        where += ["a relation"] if row.kind == "country" else []
        state.add(
            doc,
            (row.listed.name,) if row.listed.name in doc.meta else (),
            f"a briefing names at least {at_least} {row.label}; add one to {', '.join(where[:-1])} or {where[-1]}"
            if len(where) > 1
            else f"a briefing names at least {at_least} {row.label}; add one to {where[0]}",
        )


_FILE_DATE = re.compile(r"^(?P<day>\d{4}-\d{2}-\d{2})-(?P<rest>.+)$")


def _check_file_date(state: _State, doc: RawDocument, day: dt.date) -> None:
    """A briefing's file name starts with its day, and the page's address is made from the file name
    (urls.page): the two must agree, or the site would publish the briefing under another day."""
    match = _FILE_DATE.match(doc.slug)
    if match is None or match["day"] == day.isoformat():
        return
    old = doc.display
    new = posixpath.join(posixpath.dirname(old), f"{day.isoformat()}-{match['rest']}.md")
    state.add(
        doc,
        ("date",),
        f"is {day.isoformat()} but the file name says {match['day']}; if `date` is right, rename the file: "
        f"`git mv {old} {new}`; if the file name is right, write `date: {match['day']}`",
    )


def _relations(named: _Named, m: Any) -> list[RelationItem]:
    out = []
    for i, rel in enumerate(m.relations):
        if rel is None:
            continue
        a = named.member("country", rel.countries[0], ("relations", i, "countries", 0))
        b = named.member("country", rel.countries[1], ("relations", i, "countries", 1))
        for j, cid in enumerate((a, b)):
            old = named.state.historical.get(cid or "")
            if old is not None:
                named.state.add(
                    named.doc,
                    ("relations", i, "countries", j),
                    f"'{rel.countries[j]}' is the historical state '{old.id}' ({old.span}); a relation says how "
                    f"two countries stand now: put what the article says of the past in an event",
                )
                a = b = None
        if a and b and a == b:
            named.state.add(
                named.doc,
                ("relations", i, "countries", 1),
                f"a relation needs two different countries; both are '{a}'",
            )
        elif a and b and m.date is not None:
            out.append(RelationItem(named.doc.slug, urls.pair_of(a, b), rel.stance, rel.note, m.date))
    return out


def _event(named: _Named, i: int, ev: Any, topics: tuple[str, ...]) -> EventItem:
    ids: dict[str, tuple[str, ...]] = {}
    for row in kinds.event_kinds():
        assert row.in_events is not None
        name = row.in_events.name
        found = [named.member(row.kind, t, ("events", i, name, j)) for j, t in enumerate(getattr(ev, name))]
        ids[row.kind] = tuple(dict.fromkeys(f for f in found if f))
    names = [f"`{row.in_events.name}`" for row in kinds.event_kinds() if row.in_events is not None]
    if not any(getattr(ev, name.strip("`")) for name in names):
        either = f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else names[0]
        named.state.add(named.doc, ("events", i), f"an event needs at least one of {either}")
    return EventItem(named.doc.slug, i, parse_date(ev.date), ev.title, ids, topics)


def _check_body(state: _State, doc: RawDocument, *, required: bool) -> None:
    """The body's problems and links, from the last run when the document did not change."""
    problems, links = state.remembered("body", doc, required, lambda: _body_findings(state.root, doc, required))
    state.problems.extend(problems)
    state.links.extend(links)


def _body_findings(root: Path, doc: RawDocument, required: bool) -> tuple[list[Problem], list[_BodyLink]]:
    found = _State(root)
    _scan_body(found, doc, required=required)
    return found.problems, found.links


def _scan_body(state: _State, doc: RawDocument, *, required: bool) -> None:
    """The Markdown below the front matter: no raw HTML, images, control characters or level-1
    headings; links only to http(s)/mailto or to pages the site has (checked in _check_links); each
    paragraph small enough to convert quickly. One pass per line (generator/body.py)."""
    if required and not doc.body.strip():
        state.problems.append(
            _body_problem(doc, 0, 0, "the summary is empty; write it below the front matter, in your own words")
        )
        return
    paragraph: tuple[int, int, int] | None = None  # first line, characters, '[' count
    in_body = 0  # '[' so far in the whole summary
    for n, line in body_scan.prose_lines(doc.body):
        in_body += line.count("[")
        if in_body > MAX_BODY_BRACKETS >= in_body - line.count("["):
            state.problems.append(
                _body_problem(
                    doc,
                    n,
                    0,
                    f"the summary has more than {MAX_BODY_BRACKETS} '[' "
                    f"(each link takes one) by this line; use fewer links",
                )
            )
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
            state.problems.append(_body_problem(doc, n, html, "raw HTML is not allowed in the summary; use Markdown"))
        for at in body_scan.images(line, code):
            state.problems.append(
                _body_problem(
                    doc,
                    n,
                    at,
                    "images are not allowed in the summary (the site "
                    "loads nothing from other hosts); link to the page that shows "
                    "the picture instead, or write \\![ for the characters",
                )
            )
        for link in body_scan.links(line, code):
            _check_link(state, doc, n, link)
        if re.match(r"^#\s", line):
            state.problems.append(
                _body_problem(
                    doc, n, 0, "a level-1 heading is not allowed; the page title comes from `title`, start at '##'"
                )
            )
    _check_paragraph(state, doc, paragraph)


def _check_paragraph(state: _State, doc: RawDocument, paragraph: tuple[int, int, int] | None) -> None:
    if paragraph is None:
        return
    first, size, brackets = paragraph
    if size > MAX_PARAGRAPH:
        state.problems.append(
            _body_problem(
                doc,
                first,
                0,
                f"this paragraph is too long ({size} characters, at most {MAX_PARAGRAPH}); split it with a blank line",
            )
        )
    elif brackets > MAX_BRACKETS:
        state.problems.append(
            _body_problem(
                doc,
                first,
                0,
                f"this paragraph has {brackets} '[' (at most "
                f"{MAX_BRACKETS}: each link takes one); split it or use fewer",
            )
        )


def _check_link(state: _State, doc: RawDocument, n: int, link: body_scan.Link) -> None:
    url = link.dest
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", url)
    if scheme:
        if scheme[1].lower() not in ("http", "https", "mailto"):
            state.problems.append(
                _body_problem(
                    doc,
                    n,
                    link.dest_start,
                    f"link to '{scheme[1]}:' is not allowed; use an http:// or https:// address",
                )
            )
    elif url.startswith("/"):
        state.problems.append(
            _body_problem(
                doc,
                n,
                link.dest_start,
                f"link to '{url}' starts with '/'; "
                f"write a full https:// address, or a relative link such as "
                f"'../countries/iran.md'",
            )
        )
    else:
        state.links.append(_BodyLink(doc, n, link.dest_start, url))


def _check_links(
    state: _State, corpus: Corpus, briefing_slugs: set[str], briefings: dict[str, Briefing], docs: Path
) -> None:
    """Each relative link in a body must reach a page the site will have (else the strict build fails):
    another briefing, the index pages, a docs page, or an entity page the linking file itself names (or
    that has a file of its own); a '#' only within the same page, to one of its own anchors."""
    everywhere = _pages_everywhere(corpus, briefing_slugs)
    for link in state.links:
        doc = link.doc
        here = urls.page(doc.kind, doc.slug)
        path, _, fragment = link.dest.partition("#")
        b = briefings.get(doc.slug) if doc.kind == "briefing" else None
        if not path:
            if fragment not in _anchors(doc, b):
                state.problems.append(
                    _body_problem(
                        doc,
                        link.line,
                        link.col,
                        f"link to '#{fragment}': this page has no such heading or event; check the spelling",
                    )
                )
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(here), unquote(path)))
        if fragment:
            problem = "a link to another page may not carry '#...'; link to the page itself"
        elif (
            target in everywhere
            or target in _own_pages(corpus, doc, b)
            or (target.endswith(".md") and (docs / target).is_file())
        ):
            continue
        else:
            problem = (
                "the site has no such page; link to another briefing ('../briefings/FILE.md'), to a "
                "country, person, organization or topic this file names, or use a full https:// address"
            )
        state.problems.append(_body_problem(doc, link.line, link.col, f"link to '{link.dest}': {problem}"))


def _pages_everywhere(corpus: Corpus, briefing_slugs: set[str]) -> set[str]:
    """The pages any body may link to: briefings, index pages, named entities, topics, curated countries."""
    pages = {urls.page("briefing", s) for s in briefing_slugs}
    pages |= urls.index_pages([row.kind for row in kinds.all_kinds() if row.index_template])
    for kind, entities in corpus.named.items():
        pages |= {urls.page(kind, i) for i in entities}
    pages |= {urls.page("topic", t) for t in corpus.topics}
    pages |= {urls.page("country", c.id) for c in corpus.countries.values() if c.path}
    return pages


def _anchors(doc: RawDocument, b: Briefing | None) -> set[str]:
    """The anchors a body may link to on its own page: headings of plain words only (markup would
    change the id the table of contents makes), and a briefing's events."""
    from markdown.extensions.toc import slugify

    anchors = {
        slugify(m[2].strip(" #"), "-")
        for m in re.finditer(r"(?m)^(#{2,6})[ \t]+(.*)$", doc.body)
        if not re.search(r"[\[\]()*_`<>&\\{}]", m[2])
    }
    return anchors | ({e.anchor for e in b.events} if b else set())


def _own_pages(corpus: Corpus, doc: RawDocument, b: Briefing | None) -> set[str]:
    """Pages a file may link to because it names their subject: a briefing's countries and pairs, an
    entity's country."""
    if b is not None:
        own = {urls.page("country", c) for c in b.countries}
        own |= {urls.pair_page(r.pair) for r in b.relations}
        own |= {urls.pair_page((x, y)) for e in b.events for x in e.countries for y in e.countries if x < y}
        return own
    entity = corpus.named.get(doc.kind, {}).get(doc.slug)
    return {urls.page("country", entity.country)} if entity is not None and entity.country else set()


def _body_problem(doc: RawDocument, line: int, col: int, message: str) -> Problem:
    return Problem(doc.display, doc.body_line + line, col + 1, "body", message)
