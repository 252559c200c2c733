"""Site-level data from site_config/: the topic vocabulary and country id overrides."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, RootModel, ValidationError

from .problems import Problem, display_path

T = TypeVar("T", bound=BaseModel)


class TopicEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    label: str = Field(min_length=1)
    description: str = Field(min_length=1)


class CountryOverride(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)


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
    shown = display_path(path, root)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else empty
        return model.model_validate(empty if data is None else data)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        problems.append(Problem(shown, 1, 1, "", f"cannot read: {exc}".splitlines()[0]))
    except ValidationError as exc:
        for err in exc.errors():
            loc = ".".join(str(p) for p in err["loc"])
            problems.append(Problem(shown, 1, 1, loc, err["msg"]))
    return model.model_validate(empty)
