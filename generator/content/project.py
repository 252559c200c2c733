"""Where a project's folders are, and the load -> validate steps run over them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .entities import Corpus
from .load import Memo, discover, kind_of, kind_of_found, load_paths
from .problems import Problem
from .siteconf import load_site_data
from .validate import Memo as validate_memo
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


def read_project(
    project: Project,
    extra: Iterable[Path] = (),
    *,
    other_briefings: bool = True,
    memo: Memo | None = None,
    checks: validate_memo | None = None,
) -> tuple[Corpus, list[Problem]]:
    """Load and validate all content (plus extra files checked as if they were in it).

    With other_briefings=False, the briefings among the content files are read only where they share
    a name with an extra file (a duplicate id): a briefing refers to countries, people, organizations
    and topics, never to another briefing, so the extra briefings' problems are the same, and checking
    one changed briefing does not read the thousand others.
    """
    site, problems = load_site_data(project.site_dir, project.root)
    extra = list(extra)
    paths = list(discover(project.content_dir)) if project.content_dir.is_dir() else []
    # Found under the content folder, a file's kind is its folder's (no path resolved: a preview rebuild
    # lists thousands); a symbolic link among them is refused when it is loaded.
    briefing_files = {p.stem for p in paths if kind_of_found(p, project.content_dir) == "briefing"}
    briefing_files |= {p.stem for p in extra if kind_of(p, project.content_dir) == "briefing"}
    if not other_briefings:
        wanted = {p.stem for p in extra}
        paths = [p for p in paths if p.stem in wanted or kind_of(p, project.content_dir) != "briefing"]
    if extra:  # resolved only when there are extra files (a preview's rebuild reads thousands of paths)
        known = {p.resolve() for p in paths}
        paths += [p for p in extra if p.resolve() not in known]
    loaded = load_paths(paths, project.content_dir, project.root, memo)
    corpus, found = validate(loaded.documents, site, project.root, briefing_files, checks)
    return corpus, sorted([*problems, *loaded.problems, *found])
