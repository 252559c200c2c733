"""The front-matter schema: one pydantic model per content kind.

These models describe what a contributor writes. Field descriptions are the
documentation: `briefing schema` turns them into JSON Schema and the format
page in the docs. Ids are plain text here; `validate` resolves them.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from dataclasses import dataclass
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, create_model

from .dates import HELP, DateError, parse_date, suggest_day, suggest_edtf
from .text import forbidden_character, plain_text

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_URL = 2000


class Suggested(ValueError):
    """A value error whose fix is known: write `suggestion` instead of the value (an Edit of `kind`)."""

    def __init__(self, message: str, value: str, suggestion: str, kind: str = "date") -> None:
        super().__init__(message)
        self.value = value
        self.suggestion = suggestion
        self.kind = kind


def _day(value: object) -> object:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not _ISO_DAY.match(value):
        near = suggest_day(value) if isinstance(value, str) else None
        if isinstance(value, str) and near is not None:
            raise Suggested(f"'{value}' is not written YYYY-MM-DD; did you mean '{near}'?", value, near)
        raise ValueError("must be a day written YYYY-MM-DD, e.g. 2026-02-27")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{value}' is not a real day; check the month and day") from None


def _year_as_text(value: object) -> object:
    """A year written without quotes (YAML reads `2025` as a number): the same year, in quotes."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 9999:
        written = f"{value:04d}"
        raise Suggested(
            f"{value} is read as a number; write the year in quotes: did you mean '\"{written}\"'?",
            str(value),
            f'"{written}"',
        )
    return value


def _edtf(value: str) -> str:
    try:
        parse_date(value)
    except DateError as exc:
        near = suggest_edtf(value)
        if near is not None:
            message = str(exc).replace(f"; {HELP}", "")
            raise Suggested(f"{message}; did you mean '{near}'?", value, near) from None
        raise ValueError(str(exc)) from None
    return value


def _url(value: str) -> str:
    if len(value) > MAX_URL:
        raise ValueError(
            f"is too long ({len(value)} characters, at most {MAX_URL}); use the article's "
            f"address without tracking parameters"
        )
    host = ""
    if re.match(r"https?://", value) and not any(c.isspace() for c in value):
        try:
            host = urlsplit(value).hostname or ""
        except ValueError:
            host = ""
    if "." not in host.strip("."):
        bare = value.strip()
        if re.fullmatch(r"(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/\S*)?", bare):
            raise ValueError(f"must be a full address that starts with https://; did you mean 'https://{bare}'?")
        raise ValueError("must be a full address that starts with https:// (or http://): the article's address")
    bad = forbidden_character(value)
    if bad is not None:
        raise ValueError(f"contains {bad[1]}; remove it")
    return value


def _qid_number(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        raise ValueError(f"must be a Wikidata item id, which starts with Q; write 'Q{value}'")
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
    BeforeValidator(_year_as_text),
    Field(max_length=40),
    AfterValidator(_edtf),
    Field(
        description="A Library of Congress EDTF date, levels 0-1: 2025-04-13, 2025-04, "
        "2025, 2025-21 (spring 2025), 194X (1940s), 18XX (19th century), "
        "2025-06-13/2025-06-24, 1905/1911, 2010/.., 2025-04~ (about)",
        examples=["2025-04"],
    ),
]
Url = Annotated[str, AfterValidator(_url), Field(json_schema_extra={"format": "uri"})]
Ref = Annotated[str, Field(min_length=1, max_length=120, description="An id, code, name or alias")]
Stance = Literal["cooperative", "strained", "hostile", "mixed"]
STANCES: tuple[str, ...] = typing.get_args(Stance)  # their order, worst to best, is site_config/stances.yml's


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Source(_Strict):
    """An article the briefing summarises."""

    publisher: ShortText = Field(description="Who published it, e.g. 'Scoopico'.", examples=["Scoopico"])
    url: Url = Field(
        description="Its address: http:// or https:// only.", examples=["https://example.org/2026/02/iran-russia"]
    )
    published: Day = Field(description="Its publication day, YYYY-MM-DD.", examples=["2026-02-27"])
    title: ShortText | None = Field(
        None,
        description="Its headline, if it differs from ours.",
        examples=["Iran-Russia Relationship Strained After U.S. Threats"],
    )
    author: ShortText | None = Field(None, description="Its author, if named.", examples=["Jane Roe"])


class Relation(_Strict):
    """How two countries stand with each other, as the article reports it."""

    countries: list[Ref] = Field(
        min_length=2, max_length=2, description="Exactly two countries.", examples=[["iran", "russia"]]
    )
    stance: Stance = Field(description="cooperative, strained, hostile or mixed.", examples=["strained"])
    note: Text = Field(
        description="One line, in our words, on what the article says of the pair.",
        examples=["Tehran doubts how far Moscow will stand by it under US pressure."],
    )


class Quote(_Strict):
    """A short quote, attributed to a person."""

    person: Ref = Field(
        description="Who said it; part of the briefing's `people` without being listed there.",
        examples=["donald-trump"],
    )
    text: Annotated[str, Field(min_length=1, max_length=280), AfterValidator(plain_text)] = Field(
        description="The words quoted, without quotation marks; keep it short.", examples=["bombing"]
    )
    context: ShortText | None = Field(
        None, description="Where or when it was said.", examples=["Spring 2025, on what could follow if talks failed"]
    )


@dataclass(frozen=True)
class RefList:
    """A list field of references to one kind of entity (the kinds table in generator/kinds.py makes them)."""

    name: str
    min_length: int
    max_length: int
    description: str
    examples: tuple[str, ...] = ()  # ids an editor shows as an example value

    def field(self) -> tuple[Any, Any]:
        # Never required here: an entity named in an event, relation or quote is part of the briefing
        # without being listed again, so `min_length` is checked on the merged list (validate.py).
        return (
            list[Ref],
            Field(
                default_factory=list,
                max_length=self.max_length,
                description=self.description,
                examples=[list(self.examples)],
            ),
        )


def event_model(refs: list[RefList]) -> type[_Strict]:
    """A dated event the article reports, with a list field for each kind of entity involved."""
    fields: dict[str, Any] = {
        "date": (EDTF, ...),
        "title": (
            ShortText,
            Field(
                description="What happened, in a short line of our own words.",
                examples=["Russia ratifies its strategic treaty with Iran"],
            ),
        ),
        **{r.name: r.field() for r in refs},
    }
    model: type[_Strict] = create_model(
        "Event", __base__=_Strict, __doc__="A dated event the article reports, with the entities involved.", **fields
    )
    return model


def briefing_model(refs: list[RefList], event: type[BaseModel]) -> type[_Strict]:
    """A briefing: a short summary, in our own words, of one or more articles."""
    fields: dict[str, Any] = {
        "title": (
            ShortText,
            Field(description="Our headline for the briefing.", examples=["Iran rethinks its bet on Russia"]),
        ),
        "date": (
            Day,
            Field(
                description="Publication day of the briefing, normally that of its main source, YYYY-MM-DD.",
                examples=["2026-02-27"],
            ),
        ),
        "updated": (
            Day | None,
            Field(None, description="Day of the last substantial change, if any.", examples=["2026-03-02"]),
        ),
        "dek": (
            Text,
            Field(
                description="One sentence saying what the briefing is about.",
                examples=["US pressure has shown Tehran how far Moscow's support goes."],
            ),
        ),
        "sources": (
            list[Source],
            Field(
                min_length=1,
                max_length=20,
                description="The articles summarised.",
                examples=[[{"publisher": "Scoopico", "url": "https://example.org/article", "published": "2026-02-27"}]],
            ),
        ),
        **{r.name: r.field() for r in refs},
        "relations": (
            list[Relation],
            Field(
                default_factory=list,
                max_length=40,
                description="Pairs of countries and how they stand.",
                examples=[[{"countries": ["iran", "russia"], "stance": "strained", "note": "Trust is thin."}]],
            ),
        ),
        "events": (
            list[event],  # type: ignore[valid-type]
            Field(
                default_factory=list,
                max_length=100,
                description="Dated events the article reports.",
                examples=[[{"date": "2025-04", "title": "The Duma hears the treaty is no defence pact"}]],
            ),
        ),
        "quotes": (
            list[Quote],
            Field(
                default_factory=list,
                max_length=20,
                description="Short attributed quotes.",
                examples=[[{"person": "donald-trump", "text": "bombing"}]],
            ),
        ),
    }
    model: type[_Strict] = create_model("BriefingMeta", __base__=_Strict, __doc__=briefing_model.__doc__, **fields)
    return model


class CountryMeta(_Strict):
    """Curated facts for a country; every ISO 3166 country exists without such a file."""

    aliases: list[ShortText] = Field(
        default_factory=list, max_length=30, description="Other names readers use.", examples=[["Persia"]]
    )
    demonyms: list[ShortText] = Field(
        default_factory=list,
        max_length=10,
        description="Adjectives and nouns such as 'Iranian' that link to the country in briefing text and count "
        "as mentions of it. List only words that mean this one country: 'American' also means of the Americas, "
        "so the United States lists none.",
        examples=[["Iranian"]],
    )
    memberships: list[Ref] = Field(
        default_factory=list, max_length=60, description="Organizations it belongs to.", examples=[["united-nations"]]
    )
    leaders: list[Ref] = Field(
        default_factory=list, max_length=20, description="Current leaders: people ids.", examples=[["ali-khamenei"]]
    )


class NamedMeta(_Strict):
    """An entity with a name of its own, named in briefings: what person and organization files share."""

    name: ShortText = Field(description="Full name, as readers know it.", examples=["Andrei Rudenko"])
    aliases: list[ShortText] = Field(
        default_factory=list,
        max_length=30,
        description="Other names, spellings and acronyms readers may use.",
        examples=[["Andrey Rudenko"]],
    )
    description: Text = Field(
        description="What it is, or the person's role, in a short line: 'Russian deputy foreign minister'.",
        examples=["Russian deputy foreign minister"],
    )
    country: Ref | None = Field(
        None, description="Country it is mainly associated with: id, ISO code or name.", examples=["russia"]
    )
    wikidata: Annotated[str, BeforeValidator(_qid_number), AfterValidator(_qid)] | None = Field(
        None, description="Wikidata item id.", examples=["Q4355426"]
    )


class PersonMeta(NamedMeta):
    """A person named in briefings."""


class OrganizationMeta(NamedMeta):
    """An organization named in briefings."""
