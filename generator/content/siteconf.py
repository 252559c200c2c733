"""Site-level data from site_config/: the topic vocabulary and country id overrides."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from .load import MAX_FILE_BYTES, Loc, Pos, YamlProblem, read_yaml
from .placeholders import Placeholders, template_placeholders
from .problems import Problem, display_path
from .text import not_reserved, plain_text

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


@dataclass(frozen=True)
class SiteData:
    topics: tuple[TopicEntry, ...]
    country_overrides: dict[str, CountryOverride]
    # kind -> the placeholder text of its `briefing new` template (site_config/new/), an error if left in a file
    placeholders: Mapping[str, Placeholders] = field(default_factory=dict)


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
    return SiteData(tuple(topics), overrides, template_placeholders(site_dir / "new")), problems


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
) -> T | None:
    try:
        return model.model_validate(item)
    except ValidationError as exc:
        for err in exc.errors():
            where = (*loc, *err["loc"])
            line, col = next(
                (values[where[:cut]] for cut in range(len(where), -1, -1) if where[:cut] in values), (1, 1)
            )
            message = str(err["msg"]).removeprefix("Value error, ")
            problems.append(Problem(display_path(path, root), line, col, ".".join(str(p) for p in where), message))
        return None


def _read(path: Path, shape: type, problems: list[Problem], root: Path | None) -> tuple[Any, dict[Loc, Pos]]:
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
        what = "a list of topics ('- id: ...')" if shape is list else "a mapping of ISO codes ('IR: {...}')"
        problems.append(Problem(shown, 1, 1, "", f"must be {what}"))
        return shape(), {}
    return data, values
