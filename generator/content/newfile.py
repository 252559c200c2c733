"""`briefing new`: start a content file from a template in site_config/new/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..kinds import spec
from .countries import country_spellings, iso_countries, slugify
from .models import _url
from .placeholders import render
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


def new_file(
    project: Project,
    kind: str,
    title: str,
    today: dt.date | None = None,
    *,
    source: str | None = None,
    publisher: str | None = None,
) -> Path:
    """Write a new file of kind from its template. today: the briefing's day (its file name starts with
    it), today's by default; source and publisher: its first source's address and publisher."""
    today = today or dt.date.today()
    if not title.strip():
        raise NewFileError("give a title or name")
    if kind != "briefing" and (source or publisher):
        raise NewFileError("--source and --publisher are for a briefing only")
    if source is not None:
        try:
            _url(source)
        except ValueError as exc:
            raise NewFileError(f"--source {exc}") from None
    if publisher is not None and not publisher.strip():
        raise NewFileError("--publisher must not be empty")
    path, name = target_path(project, kind, title.strip(), today)
    if path.exists():
        raise NewFileError(f"{path} already exists; edit it, or choose another title")
    try:
        rel = path.relative_to(project.root).as_posix()
    except ValueError:
        rel = path.as_posix()
    text = render(
        project.site_dir / "new",
        kind,
        title=name,
        date=today.isoformat(),
        path=rel,
        source=source,
        publisher=publisher.strip() if publisher else None,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)
    return path
