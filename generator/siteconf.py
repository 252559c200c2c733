"""Site-level data from site_config/: the topic vocabulary and country id overrides."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, RootModel, ValidationError

from .load import MAX_FILE_BYTES, Loc, Pos, YamlProblem, read_yaml
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


class _Topics(RootModel[list[TopicEntry]]):
    pass


class _Overrides(RootModel[dict[str, CountryOverride]]):
    pass


@dataclass(frozen=True)
class SiteData:
    topics: tuple[TopicEntry, ...]
    country_overrides: dict[str, CountryOverride]


def load_site_data(site_dir: Path, root: Path | None = None) -> tuple[SiteData, list[Problem]]:
    problems: list[Problem] = []
    topics = _read(site_dir / "topics.yml", _Topics, [], problems, root)
    overrides = _read(site_dir / "countries.yml", _Overrides, {}, problems, root)
    seen: set[str] = set()
    for topic in topics.root:
        if topic.id in seen:
            problems.append(Problem(display_path(site_dir / "topics.yml", root), 1, 1, "",
                                    f"topic '{topic.id}' is declared twice"))
        seen.add(topic.id)
    return SiteData(tuple(topics.root), dict(overrides.root)), problems


def _read(path: Path, model: type[T], empty: object, problems: list[Problem],
          root: Path | None) -> T:
    """A site data file, read with the same YAML rules as content (no duplicate keys, anchors or tags),
    each problem at its line and column."""
    shown = display_path(path, root)
    if path.is_symlink():  # said without reading the target
        problems.append(Problem(shown, 1, 1, "", "is a symbolic link; site data files must be regular files"))
        return model.model_validate(empty)
    values: dict[Loc, Pos] = {}
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        if len(text) > MAX_FILE_BYTES:
            raise YamlProblem(1, 1, f"file is too large ({len(text):,} characters, at most {MAX_FILE_BYTES:,})")
        data, values, _ = read_yaml(text) if text.strip() else (None, {}, {})
        return model.model_validate(empty if data is None else data)
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(shown, 1, 1, "", f"cannot read: {exc}".splitlines()[0]))
    except YamlProblem as bad:
        problems.append(Problem(shown, bad.line, bad.col, "", bad.message))
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            line, col = next((values[loc[:cut]] for cut in range(len(loc), -1, -1) if loc[:cut] in values), (1, 1))
            message = str(err["msg"]).removeprefix("Value error, ")
            problems.append(Problem(shown, line, col, ".".join(str(p) for p in loc), message))
    return model.model_validate(empty)
