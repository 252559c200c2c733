"""The whole pipeline in one call, shared by the MkDocs plugin and `briefing generate`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .index import Index, build_index
from .problems import ContentError
from .project import Project, read_project
from .render import Page, Settings, render_site


@dataclass(frozen=True)
class BuildOptions:
    profile_latest: int = 20


@dataclass(frozen=True)
class Generated:
    """What one run of the pipeline produces: the entity graph and the pages made from it."""

    index: Index
    pages: list[Page]


def generate(project: Project, options: BuildOptions | None = None) -> Generated:
    """load -> validate -> index -> render. Raises ContentError if any content has problems."""
    options = options or BuildOptions()
    corpus, problems = read_project(project)
    if problems:
        raise ContentError(problems)
    settings = Settings(project.site_dir / "templates", profile_latest=options.profile_latest)
    index = build_index(corpus)
    return Generated(index, render_site(index, settings))


def generate_pages(project: Project, options: BuildOptions | None = None) -> list[Page]:
    return generate(project, options).pages


def write_pages(pages: list[Page], out: Path) -> list[Path]:
    """Write generated Markdown to a folder, for builders that run no MkDocs plugin."""
    written = []
    for page in pages:
        path = out / page.uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.markdown, encoding="utf-8")
        written.append(path)
    return written
