"""The one table of entity kinds: what each kind is, where its files live and what the site makes of it.

Every module that treats kinds alike reads `KINDS` (through `spec`, `entity_kinds`, `listed_kinds`…)
instead of keeping a table of its own. Adding a kind -- places, say -- is a row here plus its page
template; the front-matter model of a briefing gains the kind's list field from the row.

The table is read at call time, never copied at import, so a test can add a throwaway kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from pydantic import BaseModel

from .content import models

Kind = Literal["briefing", "country", "person", "organization", "topic"]
Source = Literal["files", "iso", "site_config"]


@dataclass(frozen=True)
class RefField:
    """A list of references to one kind, in a briefing or one of its events."""

    name: str  # the front-matter field: "people"
    max_length: int
    description: str
    min_length: int = 0
    examples: tuple[str, ...] = ()  # ids an editor shows as an example value


@dataclass(frozen=True)
class KindSpec:
    """One row of the table."""

    kind: str  # a Kind; plain str so that a test can add one
    folder: str  # content/<folder>/, the pages' folder <folder>/, the export section
    label: str  # "person": in messages and on pages
    heading: str  # "People": the label of a briefing's list and of the index page
    source: Source  # where the entities come from: content files, ISO 3166, site_config/*.yml
    schema: type[BaseModel] | None  # the front matter of a file in content/<folder>/
    template: str | None  # the page of one entity
    index_template: str | None  # the page listing them all
    index_description: str = ""
    listed: RefField | None = None  # the briefing field that names them
    in_events: RefField | None = None  # the event field that names them
    mentions: bool = False  # a briefing's first mention of one becomes a link to its page
    feed: bool = False  # an Atom feed per entity (once it has a briefing)
    export: str | None = None  # its section of data/briefings.json
    jsonld: str | None = None  # its schema.org type
    weight: float = 0.0  # how much sharing one makes two briefings related
    describe: str = "What it is"  # the profile's label for `description` (named kinds)
    hint: str = ""  # what to do about a reference that names no such entity
    id_rule: str = "a lowercase slug of the name, such as `andrei-rudenko.md`"  # how a file is named


KINDS: tuple[KindSpec, ...] = (
    KindSpec(
        kind="briefing",
        folder="briefings",
        label="briefing",
        heading="Briefings",
        source="files",
        schema=None,
        template="briefing.html.j2",
        index_template="briefings_index.html.j2",
        id_rule="the day of the briefing, then a slug of its title, such as `2026-02-27-iran-rethinks-its-bet.md`",
    ),
    KindSpec(
        kind="country",
        folder="countries",
        label="country",
        heading="Countries",
        source="iso",
        schema=models.CountryMeta,
        template="country.html.j2",
        index_template="countries_index.html.j2",
        index_description="Every country named in a briefing, A to Z, with the number of briefings.",
        # Historical states (the Soviet Union, the Ottoman Empire: ISO 3166-3 and site_config/historical.yml)
        # are countries of this row, not a kind of their own: an event of 1945 names the state that existed
        # then, in the same `countries` field, and every page, feed and pair treats them alike. Their Country
        # carries an `era` (when it existed, who followed it) instead of a flag and ISO 3166-1 codes.
        listed=RefField(
            "countries",
            60,
            "Countries the briefing is about or names: id, ISO code, name or alias; a historical state such "
            "as 'soviet-union' too. Those named in its events and relations need not be listed again; at least "
            "one country in all.",
            min_length=1,
            examples=("iran", "russia"),
        ),
        in_events=RefField(
            "countries",
            60,
            "Countries involved; part of the briefing's `countries` without being listed there.",
            examples=("iran", "russia"),
        ),
        mentions=True,
        feed=True,
        export="countries",
        jsonld="Country",
        weight=1.0,
        hint="use an ISO code (IR, IRN), a name or an id such as 'iran'",
        id_rule="the id of an ISO 3166-1 country: its short English name as a slug, such as `iran.md`, or the id "
        "site_config/countries.yml gives it; or the id of a historical state, such as `soviet-union.md`",
    ),
    KindSpec(
        kind="person",
        folder="people",
        label="person",
        heading="People",
        source="files",
        schema=models.PersonMeta,
        template="person.html.j2",
        index_template="named_index.html.j2",
        index_description="Everyone named in a briefing.",
        listed=RefField(
            "people",
            80,
            "People named: id, name or alias of a file in content/people/. Those named in its events and "
            "quotes need not be listed again.",
            examples=("andrei-rudenko",),
        ),
        in_events=RefField(
            "people",
            80,
            "People involved; part of the briefing's `people` without being listed there.",
            examples=("andrei-rudenko",),
        ),
        mentions=True,
        export="people",
        jsonld="Person",
        weight=3.0,
        describe="Role",
        hint='add the person with `briefing new person "Full Name"`, or use an existing id',
    ),
    KindSpec(
        kind="organization",
        folder="organizations",
        label="organization",
        heading="Organizations",
        source="files",
        id_rule="a lowercase slug of the name, such as `state-duma.md`",
        schema=models.OrganizationMeta,
        template="organization.html.j2",
        index_template="named_index.html.j2",
        index_description="Every organization named in a briefing.",
        listed=RefField(
            "organizations",
            60,
            "Organizations named: id, name or alias of a file in content/organizations/. Those named in its "
            "events need not be listed again.",
            examples=("state-duma",),
        ),
        in_events=RefField(
            "organizations",
            60,
            "Organizations involved; part of the briefing's `organizations` without being listed there.",
            examples=("state-duma",),
        ),
        mentions=True,
        export="organizations",
        jsonld="Organization",
        weight=2.0,
        hint='add it with `briefing new organization "Name"`, or use an existing id',
    ),
    KindSpec(
        kind="topic",
        folder="topics",
        label="topic",
        heading="Topics",
        source="site_config",
        schema=None,
        template="topic.html.j2",
        index_template="topics_index.html.j2",
        index_description="The topics briefings are filed under.",
        listed=RefField("topics", 20, "Topics from site_config/topics.yml.", examples=("diplomacy",)),
        export="topics",
        weight=0.5,
        hint="use a topic from site_config/topics.yml, or add one there",
        id_rule="an id in site_config/topics.yml",
    ),
)


def all_kinds() -> tuple[KindSpec, ...]:
    """The table, read now (never bind KINDS at import: a test may add a row)."""
    return KINDS


def spec(kind: str) -> KindSpec:
    found = _current().by_kind.get(kind)
    if found is None:
        raise KeyError(f"no such kind: {kind!r}")
    return found


def entity_kinds() -> tuple[KindSpec, ...]:
    """Every kind a briefing can name (all but briefings), in the table's order."""
    return _current().entity


def named_kinds() -> tuple[KindSpec, ...]:
    """The kinds whose entities are files with a name, aliases and a description (people, organizations…)."""
    return _current().named


def event_kinds() -> tuple[KindSpec, ...]:
    return _current().event


@dataclass(frozen=True)
class _Rows:
    """The table's rows by what they are used for: worked out once per table, not at every call (these
    are asked for once per event and per link on every page)."""

    by_kind: dict[str, KindSpec]
    entity: tuple[KindSpec, ...]
    named: tuple[KindSpec, ...]
    event: tuple[KindSpec, ...]


_LAST: list[tuple[tuple[KindSpec, ...], _Rows]] = []  # the table last asked about, and its rows


def _current() -> _Rows:
    """The rows of the table as it is now, found by the table's identity: hashing the table (what a cache by
    value does) took 20 us a call, and these are asked for hundreds of thousands of times a build."""
    kinds = KINDS
    if not _LAST or _LAST[0][0] is not kinds:
        _LAST[:] = [(kinds, _rows(kinds))]
    return _LAST[0][1]


@cache
def _rows(kinds: tuple[KindSpec, ...]) -> _Rows:
    return _Rows(
        {row.kind: row for row in kinds},
        tuple(row for row in kinds if row.listed is not None),
        tuple(row for row in kinds if row.source == "files" and row.kind != "briefing"),
        tuple(row for row in kinds if row.in_events is not None),
    )


def by_folder() -> dict[str, str]:
    """content/<folder>/ -> kind, for every kind whose entities are (or may be curated in) files."""
    return {row.folder: row.kind for row in KINDS if row.source in ("files", "iso")}


def file_schemas() -> dict[str, type[BaseModel]]:
    """The front-matter model of each kind of content file, the briefing's first."""
    out: dict[str, type[BaseModel]] = {"briefing": briefing_model()}
    out.update({row.kind: row.schema for row in KINDS if row.schema is not None})
    return out


def briefing_model() -> type[BaseModel]:
    """The briefing's front-matter model, with a list field for each kind a briefing names."""
    return _briefing_model(KINDS)


def event_model() -> type[BaseModel]:
    return _event_model(KINDS)


@cache
def _event_model(kinds: tuple[KindSpec, ...]) -> type[BaseModel]:
    return models.event_model([_ref(row.in_events) for row in kinds if row.in_events is not None])


@cache
def _briefing_model(kinds: tuple[KindSpec, ...]) -> type[BaseModel]:
    return models.briefing_model([_ref(row.listed) for row in kinds if row.listed is not None], _event_model(kinds))


def _ref(field: RefField) -> models.RefList:
    return models.RefList(field.name, field.min_length, field.max_length, field.description, field.examples)
