"""`briefing new`: start a content file from a template in site_config/new/."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jinja2

from ..kinds import spec
from .countries import country_spellings, iso_countries, slugify
from .project import Project
from .resolve import Resolver, UnknownRef
from .siteconf import load_site_data


class NewFileError(Exception):
    pass


def target_path(project: Project, kind: str, title: str, today: dt.date) -> tuple[Path, str]:
    """The file to write and the display name to put in it."""
    if kind == "country":
        site, _ = load_site_data(project.site_dir, project.root)
        resolver = Resolver()
        current = iso_countries(site.country_overrides)
        countries = {c.id: c.name for c in current}
        countries.update((s.id, s.name) for s in site.historical)
        for cid, spellings in country_spellings(current, site.historical):
            resolver.add("country", cid, *spellings)
        try:
            cid = resolver.resolve("country", title)
        except UnknownRef as exc:
            raise NewFileError(str(exc)) from None
        return project.content_dir / spec("country").folder / f"{cid}.md", countries[cid]
    slug = slugify(title)[:80].strip("-")
    if not slug:
        raise NewFileError(f"cannot make a file name from '{title}'; use letters or digits")
    if kind == "briefing":
        slug = f"{today.isoformat()}-{slug}"
    return project.content_dir / spec(kind).folder / f"{slug}.md", title


def new_file(project: Project, kind: str, title: str, today: dt.date | None = None) -> Path:
    today = today or dt.date.today()
    if not title.strip():
        raise NewFileError("give a title or name")
    path, name = target_path(project, kind, title.strip(), today)
    if path.exists():
        raise NewFileError(f"{path} already exists; edit it, or choose another title")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(project.site_dir / "new"),
        autoescape=False,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)
    try:
        rel = path.relative_to(project.root).as_posix()
    except ValueError:
        rel = path.as_posix()
    text = env.get_template(f"{kind}.md").render(title=name, today=today.isoformat(), path=rel)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)
    return path
