"""Where a project's folders are, and the load -> validate steps run over them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .entities import Corpus
from .load import discover, load_paths
from .problems import Problem
from .siteconf import load_site_data
from .validate import validate


@dataclass(frozen=True)
class Project:
    root: Path
    content_dir: Path
    site_dir: Path

    @classmethod
    def at(cls, root: Path, content: str = "content", site_config: str = "site_config") -> Project:
        root = root.resolve()
        return cls(root, root / content, root / site_config)


def read_project(project: Project, extra: Iterable[Path] = ()) -> tuple[Corpus, list[Problem]]:
    """Load and validate all content (plus extra files checked as if they were in it)."""
    site, problems = load_site_data(project.site_dir, project.root)
    paths = list(discover(project.content_dir)) if project.content_dir.is_dir() else []
    known = {p.resolve() for p in paths}
    paths += [p for p in extra if p.resolve() not in known]
    loaded = load_paths(paths, project.content_dir, project.root)
    corpus, found = validate(loaded.documents, site, project.root)
    return corpus, sorted([*problems, *loaded.problems, *found])
