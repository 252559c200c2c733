"""The front-matter schema: one pydantic model per content kind.

These models describe what a contributor writes. Field descriptions are the
documentation: `briefing schema` turns them into JSON Schema and the format
page in the docs. Ids are plain text here; `validate` resolves them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from .dates import DateError, parse_date
from .text import forbidden_character, plain_text

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_URL = 2000


def _day(value: object) -> object:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not _ISO_DAY.match(value):
        raise ValueError("must be a day written YYYY-MM-DD, e.g. 2026-02-27")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{value}' is not a real day; check the month and day") from None


def _edtf(value: str) -> str:
    try:
        parse_date(value)
    except DateError as exc:
        raise ValueError(str(exc)) from None
    return value


def _url(value: str) -> str:
    if len(value) > MAX_URL:
        raise ValueError(f"is too long ({len(value)} characters, at most {MAX_URL}); use the article's "
                         f"address without tracking parameters")
    host = ""
    if re.match(r"https?://", value) and not any(c.isspace() for c in value):
        try:
            host = urlsplit(value).hostname or ""
        except ValueError:
            host = ""
    if "." not in host.strip("."):
        raise ValueError("must be a full http:// or https:// address, e.g. https://example.org/article")
    bad = forbidden_character(value)
    if bad is not None:
        raise ValueError(f"contains {bad[1]}; remove it")
    return value


def _qid(value: str) -> str:
    if not re.fullmatch(r"Q[1-9][0-9]*", value):
        raise ValueError("must be a Wikidata item id like Q12345")
    return value


Text = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(plain_text)]
ShortText = Annotated[str, Field(min_length=1, max_length=160), AfterValidator(plain_text)]
Day = Annotated[dt.date, BeforeValidator(_day), Field(json_schema_extra={"format": "date"})]
EDTF = Annotated[
    str,
    Field(max_length=40),
    AfterValidator(_edtf),
    Field(description="A Library of Congress EDTF date, levels 0-1: 2025-04-13, 2025-04, "
          "2025, 2025-21 (spring 2025), 194X (1940s), 18XX (19th century), "
          "2025-06-13/2025-06-24, 1905/1911, 2010/.., 2025-04~ (about)", examples=["2025-04"]),
]
Url = Annotated[str, AfterValidator(_url), Field(json_schema_extra={"format": "uri"})]
Ref = Annotated[str, Field(min_length=1, max_length=120, description="An id, code, name or alias")]
Stance = Literal["cooperative", "strained", "hostile", "mixed"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Source(_Strict):
    """An article the briefing summarises."""

    publisher: ShortText = Field(description="Who published it, e.g. 'Scoopico'.")
    url: Url = Field(description="Its address: http:// or https:// only.")
    published: Day = Field(description="Its publication day, YYYY-MM-DD.")
    title: ShortText | None = Field(None, description="Its headline, if it differs from ours.")
    author: ShortText | None = Field(None, description="Its author, if named.")


class Relation(_Strict):
    """How two countries stand with each other, as the article reports it."""

    countries: list[Ref] = Field(min_length=2, max_length=2, description="Exactly two countries.")
    stance: Stance = Field(description="cooperative, strained, hostile or mixed.")
    note: Text = Field(description="One line, in our words, on what the article says of the pair.")


class Event(_Strict):
    """A dated event the article reports, with the entities involved."""

    date: EDTF
    title: ShortText = Field(description="What happened, in a short line of our own words.")
    countries: list[Ref] = Field(default_factory=list, max_length=60, description="Countries involved; each must "
                                 "also be listed in the briefing's `countries`.")
    people: list[Ref] = Field(default_factory=list, max_length=80, description="People involved; each must also "
                              "be listed in the briefing's `people`.")
    organizations: list[Ref] = Field(default_factory=list, max_length=60, description="Organizations involved; "
                                     "each must also be listed in the briefing's `organizations`.")


class Quote(_Strict):
    """A short quote, attributed to a person the briefing lists."""

    person: Ref = Field(description="Who said it; must be listed in the briefing's `people`.")
    text: Annotated[str, Field(min_length=1, max_length=280), AfterValidator(plain_text)] = Field(
        description="The words quoted, without quotation marks; keep it short.")
    context: ShortText | None = Field(None, description="Where or when it was said.")


class BriefingMeta(_Strict):
    """A briefing: a short summary, in our own words, of one or more articles."""

    title: ShortText = Field(description="Our headline for the briefing.")
    date: Day = Field(description="Publication day of the briefing, normally that of its main "
                      "source, YYYY-MM-DD.")
    updated: Day | None = Field(None, description="Day of the last substantial change, if any.")
    dek: Text = Field(description="One sentence saying what the briefing is about.")
    sources: list[Source] = Field(min_length=1, max_length=20, description="The articles summarised.")
    countries: list[Ref] = Field(min_length=1, max_length=60, description="Every country the briefing is about "
                                 "or names: id, ISO code, name or alias.")
    people: list[Ref] = Field(default_factory=list, max_length=80, description="People named: id, name or alias "
                              "of a file in content/people/.")
    organizations: list[Ref] = Field(default_factory=list, max_length=60, description="Organizations named: id, "
                                     "name or alias of a file in content/organizations/.")
    topics: list[Ref] = Field(default_factory=list, max_length=20, description="Topics from "
                              "site_config/topics.yml.")
    relations: list[Relation] = Field(default_factory=list, max_length=40, description="Pairs of countries "
                                      "and how they stand.")
    events: list[Event] = Field(default_factory=list, max_length=100,
                                description="Dated events the article reports.")
    quotes: list[Quote] = Field(default_factory=list, max_length=20, description="Short attributed quotes.")


class CountryMeta(_Strict):
    """Curated facts for a country; every ISO 3166 country exists without such a file."""

    aliases: list[ShortText] = Field(default_factory=list, max_length=30, description="Other names readers use.")
    demonyms: list[ShortText] = Field(default_factory=list, max_length=10, description="Adjectives such as "
                                      "'Iranian' that link to the country in briefing text.")
    memberships: list[Ref] = Field(default_factory=list, max_length=60, description="Organizations it belongs to.")
    leaders: list[Ref] = Field(default_factory=list, max_length=20, description="Current leaders: people ids.")


class PersonMeta(_Strict):
    """A person named in briefings."""

    name: ShortText = Field(description="Full name as readers know it.")
    aliases: list[ShortText] = Field(default_factory=list, max_length=30, description="Other spellings and names.")
    description: Text = Field(description="Role, in a short line: 'Russian deputy foreign minister'.")
    country: Ref | None = Field(None, description="Country the person is mainly associated with.")
    wikidata: Annotated[str, AfterValidator(_qid)] | None = Field(None, description="Wikidata item id.")


class OrganizationMeta(_Strict):
    """An organization named in briefings."""

    name: ShortText = Field(description="Full name.")
    aliases: list[ShortText] = Field(default_factory=list, max_length=30, description="Acronyms and other names.")
    description: Text = Field(description="What it is, in a short line.")
    country: Ref | None = Field(None, description="Country it belongs to, if any.")
    wikidata: Annotated[str, AfterValidator(_qid)] | None = Field(None, description="Wikidata item id.")


SCHEMAS: dict[str, type[_Strict]] = {
    "briefing": BriefingMeta,
    "country": CountryMeta,
    "person": PersonMeta,
    "organization": OrganizationMeta,
}
