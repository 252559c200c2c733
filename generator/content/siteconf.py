"""Site-level data from site_config/: the topic vocabulary, country id overrides, historical states and the
order of stances."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from .load import MAX_FILE_BYTES, Loc, Pos, YamlProblem, read_yaml
from .placeholders import Placeholders, template_placeholders
from .problems import Problem, display_path
from .text import not_reserved, plain_text

if TYPE_CHECKING:
    from .countries import HistoricalState

T = TypeVar("T", bound=BaseModel)


Label = Annotated[str, Field(min_length=1, max_length=80), AfterValidator(plain_text)]
Description = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(plain_text)]
Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=60), AfterValidator(not_reserved)]


class TopicEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    id: Id
    label: Label
    description: Description


class CountryOverride(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    id: Id
    name: Label
    aliases: list[Label] = Field(default_factory=list, max_length=30)


class HistoricalEntry(BaseModel):
    """A state that no longer exists, in site_config/historical.yml: one ISO 3166-3 never coded (it
    ended first), or an ISO 3166-3 entry completed (`iso`: its four-letter code)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    id: Id = Field(description="Its id, and its page's name: a lowercase slug such as 'soviet-union'.")
    name: Label = Field(description="Its short English name, as readers know it: 'Soviet Union'.")
    official_name: Label | None = Field(default=None, description="Its official name, if it differs.")
    iso: str | None = Field(
        default=None,
        pattern=r"^[A-Z]{4}$",
        description="The ISO 3166-3 code of the state this entry completes, such as 'SUHH'; none for a state "
        "that ended before ISO codes.",
    )
    from_: int | None = Field(
        default=None, alias="from", ge=1, le=2100, description="The first year it existed, if known: 1922."
    )
    to: int = Field(ge=1, le=2100, description="The last year it existed: 1991.")
    successors: list[Label] = Field(
        default_factory=list,
        max_length=40,
        description="The countries that followed it: ids, names or codes, of current or historical states.",
    )
    aliases: list[Label] = Field(
        default_factory=list, max_length=30, description="Other names a briefing may use for it: 'USSR'."
    )


@dataclass(frozen=True)
class SiteData:
    topics: tuple[TopicEntry, ...]
    country_overrides: dict[str, CountryOverride]
    historical: tuple[HistoricalState, ...] = ()  # successors resolved to country ids
    # kind -> the placeholder text of its `briefing new` template (site_config/new/), an error if left in a file
    placeholders: Mapping[str, Placeholders] = field(default_factory=dict)
    stances: tuple[str, ...] = ()  # every stance, from the worst to the best (site_config/stances.yml)


def load_site_data(site_dir: Path, root: Path | None = None) -> tuple[SiteData, list[Problem]]:
    """The topic vocabulary and the country overrides. Each entry is checked on its own: a bad one is
    reported at its line and left out, the others still count (so one typo in a label does not make
    every briefing's topics unknown)."""
    problems: list[Problem] = []
    topics_file, countries_file = site_dir / "topics.yml", site_dir / "countries.yml"
    topics: list[TopicEntry] = []
    raw, values = _read(topics_file, list, problems, root)
    seen: dict[str, int] = {}
    for i, item in enumerate(raw):
        topic = _entry(TopicEntry, item, (i,), values, topics_file, problems, root)
        if topic is None:
            continue
        if topic.id in seen:
            line, col = values.get((i, "id"), (1, 1))
            problems.append(
                Problem(
                    display_path(topics_file, root),
                    line,
                    col,
                    f"{i}.id",
                    f"topic '{topic.id}' is declared twice (also entry {seen[topic.id] + 1})",
                )
            )
            continue
        seen[topic.id] = i
        topics.append(topic)
    overrides: dict[str, CountryOverride] = {}
    raw_overrides, values = _read(countries_file, dict, problems, root)
    for code, item in raw_overrides.items():
        override = _entry(CountryOverride, item, (code,), values, countries_file, problems, root)
        if override is not None:
            overrides[code] = override
    for code, other in _clashing_ids(overrides):
        line, col = values.get((code, "id"), (1, 1))
        problems.append(
            Problem(
                display_path(countries_file, root),
                line,
                col,
                f"{code}.id",
                f"'{overrides[code].id}' is already the id of {other}; each country needs its own id",
            )
        )
        del overrides[code]
    historical = _historical(site_dir / "historical.yml", overrides, problems, root)
    stances = _stances(site_dir / "stances.yml", problems, root)
    placeholders = template_placeholders(site_dir / "new")
    return SiteData(tuple(topics), overrides, historical, placeholders, stances), problems


def _stances(path: Path, problems: list[Problem], root: Path | None) -> tuple[str, ...]:
    """The order of stances, from the worst to the best: each stance a relation may take, once. A wrong
    entry is reported at its line, a stance left out at the file's first line. With any problem there is
    no order (the build stops anyway): a tracker that ranked some stances only, or one stance twice,
    would call changes wrongly."""
    from .models import STANCES

    raw, values = _read(path, list, problems, root, "a list of stances, from the worst to the best ('- hostile')")
    at = _Located(display_path(path, root), values, problems)
    order: list[str] = []
    for i, item in enumerate(raw):
        if not isinstance(item, str):
            at.add((i,), f"must be a stance written as a word, one of {_words(STANCES)}")
        elif item not in STANCES:
            at.add((i,), f"'{item}' is not a stance; the stances are {_words(STANCES)}")
        elif item in order:
            at.add((i,), f"'{item}' is listed twice (also entry {order.index(item) + 1}); keep one")
        else:
            order.append(item)
    missing = [s for s in STANCES if s not in order]
    if missing:
        at.add((), f"does not list {_words(missing)}; list every stance once, from the worst to the best")
    return () if missing or len(order) < len(raw) else tuple(order)


def _words(items: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c' (each quoted)."""
    quoted = [f"'{x}'" for x in items]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"


@dataclass
class _Located:
    """Problems at the positions of one site data file's values."""

    shown: str
    values: dict[Loc, Pos]
    problems: list[Problem]

    def add(self, loc: Loc, message: str) -> None:
        line, col = next(
            (self.values[loc[:cut]] for cut in range(len(loc), -1, -1) if loc[:cut] in self.values), (1, 1)
        )
        self.problems.append(Problem(self.shown, line, col, ".".join(str(p) for p in loc), message))


def _historical(
    path: Path, overrides: dict[str, CountryOverride], problems: list[Problem], root: Path | None
) -> tuple[HistoricalState, ...]:
    """The historical states: ISO 3166-3 and site_config/historical.yml. A bad entry is reported at its
    line and left out; a successor that names no country is reported and dropped."""
    from .countries import country_spellings, historical_states, iso_countries
    from .resolve import Resolver

    raw, values = _read(path, list, problems, root, "a list of historical states ('- id: ...')")
    at = _Located(display_path(path, root), values, problems)
    current = iso_countries(overrides)
    where: dict[str, int] = {}  # id -> the entry's index in the file
    entries = _historical_entries(raw, path, root, at, {c.id for c in current}, where)
    states = historical_states(entries, overrides)
    resolver = Resolver()
    for cid, spellings in country_spellings(current, ()):
        resolver.add("country", cid, *spellings)
    for state in states:
        i = where.get(state.id, -1)
        for spelling, other in resolver.add("country", state.id, *_own_spellings(state)):
            if i >= 0:
                loc = (i, "aliases", state.aliases.index(spelling)) if spelling in state.aliases else (i, "name")
                at.add(loc, f"'{spelling}' already names country '{other}'; each name may belong to one country only")
        resolver.add("country", state.id, *state.codes, state.iso_name)  # ISO's spellings: a current country's first
    return tuple(
        replace(state, successors=_successors(resolver, state, where[state.id], at)) if state.id in where else state
        for state in states
    )


def _historical_entries(
    raw: list[Any], path: Path, root: Path | None, at: _Located, current: set[str], where: dict[str, int]
) -> list[HistoricalEntry]:
    """The valid entries of site_config/historical.yml; `where` gets each one's index in the file."""
    from .countries import iso_historical

    iso = iso_historical()
    entries: list[HistoricalEntry] = []
    codes: dict[str, str] = {}
    for i, item in enumerate(raw):
        entry = _entry(HistoricalEntry, item, (i,), at.values, path, at.problems, root, _HISTORICAL_MESSAGES)
        if entry is None:
            continue
        if entry.id in current:
            at.add((i, "id"), f"'{entry.id}' is the id of a current country; give the historical state its own id")
        elif entry.id in where:
            at.add((i, "id"), f"historical state '{entry.id}' is declared twice (also entry {where[entry.id] + 1})")
        elif entry.iso and entry.iso not in iso:
            at.add((i, "iso"), f"'{entry.iso}' is not an ISO 3166-3 code; use one such as 'SUHH', or leave `iso` out")
        elif entry.iso and entry.iso in codes:
            at.add((i, "iso"), f"'{entry.iso}' is already completed by '{codes[entry.iso]}'; keep one entry")
        elif entry.from_ is not None and entry.from_ > entry.to:
            at.add((i, "to"), f"is before `from` ({entry.from_}); write the first year in `from`, the last in `to`")
        else:
            where[entry.id] = i
            if entry.iso:
                codes[entry.iso] = entry.id
            entries.append(entry)
    return entries


def _successors(resolver: Any, state: HistoricalState, i: int, at: _Located) -> tuple[str, ...]:
    """A curated state's successors as country ids; each one that names no other country is reported."""
    from .resolve import UnknownRef

    found: dict[str, None] = {}
    for j, text in enumerate(state.successors):
        try:
            cid = resolver.resolve("country", text)
        except UnknownRef as exc:
            at.add((i, "successors", j), str(exc))
            continue
        if cid == state.id:
            at.add((i, "successors", j), f"'{text}' is the state itself; list the countries that followed it")
            continue
        found[cid] = None
    return tuple(found)


_HISTORICAL_MESSAGES = {
    "model_type": "must be a mapping such as '- {id: soviet-union, name: Soviet Union, from: 1922, to: 1991}'",
    "int_type": "must be a year written as a number, such as 1991 (no quotes)",
    "int_parsing": "must be a year written as a number, such as 1991 (no quotes)",
}


def _own_spellings(state: HistoricalState) -> tuple[str, ...]:
    """The spellings a curated entry gives (a clash with them is the contributor's to fix)."""
    return (state.name, *([state.official_name] if state.official_name != state.name else []), *state.aliases)


def _clashing_ids(overrides: dict[str, CountryOverride]) -> list[tuple[str, str]]:
    """(code, the country it clashes with) for each override whose id another country has."""
    from .countries import iso_countries

    owners: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for c in iso_countries(overrides):
        owners.setdefault(c.id, []).append(c.alpha2)
        names[c.alpha2] = f"{c.name} ({c.alpha2})"
    out = []
    for codes in owners.values():
        if len(codes) > 1:
            order = list(overrides)  # the file's order: the first to take an id keeps it
            keep = next((c for c in codes if c not in overrides), None) or min(codes, key=order.index)
            out += [(code, names[keep]) for code in codes if code != keep and code in overrides]
    return out


def _entry(
    model: type[T],
    item: object,
    loc: Loc,
    values: dict[Loc, Pos],
    path: Path,
    problems: list[Problem],
    root: Path | None,
    messages: dict[str, str] | None = None,
) -> T | None:
    """The entry as the model, or None with its problems; `messages`: better words for pydantic's
    error types."""
    try:
        return model.model_validate(item)
    except ValidationError as exc:
        for err in exc.errors():
            where = (*loc, *err["loc"])
            line, col = next(
                (values[where[:cut]] for cut in range(len(where), -1, -1) if where[:cut] in values), (1, 1)
            )
            message = (messages or {}).get(err["type"]) or str(err["msg"]).removeprefix("Value error, ")
            problems.append(Problem(display_path(path, root), line, col, ".".join(str(p) for p in where), message))
        return None


def _read(
    path: Path, shape: type, problems: list[Problem], root: Path | None, what: str = ""
) -> tuple[Any, dict[Loc, Pos]]:
    """A site data file as plain data of the given shape (list or dict) with the position of each value,
    read with the same YAML rules as content (no duplicate keys, anchors or tags); empty on a problem."""
    shown = display_path(path, root)
    if path.is_symlink():  # said without reading the target
        problems.append(Problem(shown, 1, 1, "", "is a symbolic link; site data files must be regular files"))
        return shape(), {}
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        if len(text) > MAX_FILE_BYTES:
            raise YamlProblem(1, 1, f"file is too large ({len(text):,} characters, at most {MAX_FILE_BYTES:,})")
        data, values, _ = read_yaml(text) if text.strip() else (None, {}, {})
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(shown, 1, 1, "", f"cannot read: {exc}".splitlines()[0]))
        return shape(), {}
    except YamlProblem as bad:
        problems.append(Problem(shown, bad.line, bad.col, "", bad.message))
        return shape(), {}
    if data is None:
        return shape(), values
    if not isinstance(data, shape):
        what = what or ("a list of topics ('- id: ...')" if shape is list else "a mapping of ISO codes ('IR: {...}')")
        problems.append(Problem(shown, 1, 1, "", f"must be {what}"))
        return shape(), {}
    return data, values
