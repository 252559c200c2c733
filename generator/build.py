"""The whole pipeline in one call, shared by the MkDocs plugin and `briefing generate`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .index import build_index
from .problems import ContentError
from .project import Project, read_project
from .render import Page, Settings, render_site


@dataclass(frozen=True)
class BuildOptions:
    profile_latest: int = 20


def generate_pages(project: Project, options: BuildOptions | None = None) -> list[Page]:
    """load -> validate -> index -> render. Raises ContentError if any content has problems."""
    options = options or BuildOptions()
    corpus, problems = read_project(project)
    if problems:
        raise ContentError(problems)
    settings = Settings(project.site_dir / "templates", profile_latest=options.profile_latest)
    return render_site(build_index(corpus), settings)


def write_pages(pages: list[Page], out: Path) -> list[Path]:
    """Write generated Markdown to a folder, for builders that run no MkDocs plugin."""
    written = []
    for page in pages:
        path = out / page.uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.markdown, encoding="utf-8")
        written.append(path)
    return written
