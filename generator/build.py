"""The whole pipeline in one call, shared by the MkDocs plugin and `briefing generate`."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from . import flags, urls
from .content.entities import Corpus
from .content.load import Memo, pack_positions
from .content.problems import ContentError
from .content.project import Project, read_project
from .content.validate import Memo as CheckMemo
from .content.validate import drop_models
from .graph.index import Index, build_index
from .site.csp import policy
from .site.export import build_export
from .site.feeds import build_feeds, sitemap_stubs
from .site.head import EMPTY as EMPTY_HEAD
from .site.head import head_data
from .site.memory import freeze_generated
from .site.parallel import build_workers
from .site.render import Last, Page, Settings, front_matter, render_site
from .site.search import facets
from .site.views import Limits
from .site.visits import changes_json
from .siteinfo import SiteInfo
from .urls import Subject


@dataclass(frozen=True)
class Generated:
    """What one run of the pipeline produces: the entity graph and the pages made from it."""

    index: Index
    pages: list[Page]


@dataclass
class Memory:
    """What one process (the preview) keeps between builds: the files it read (by time and size) and the
    pages it rendered (by view). Safe to drop at any time; a build without it reads and renders all.

    `renders` (the rendered pages by template and view) is for the preview, which keeps it in memory; a
    `briefing build` leaves it None: it would hold every view of the site until the build ends, and
    hashing each view to look it up cost more than the few pages it found again."""

    files: Memo = field(default_factory=dict)
    renders: dict[Any, tuple[str, bytes, bool]] | None = None
    checks: CheckMemo = field(default_factory=dict)  # front matter and body checks of unchanged files
    last: Last = field(default_factory=Last)  # the last build's pages, reused where nothing they show changed


def generate(
    project: Project,
    limits: Limits | None = None,
    use_directory_urls: bool = True,
    memory: Memory | None = None,
    assets_base: str | None = None,
    site: SiteInfo | None = None,
    site_name: str | None = None,
    workers: int = 1,
    freeze: bool = False,
    compact: bool = False,
) -> Generated:
    """load -> validate -> index -> render. Raises ContentError if any content has problems. `workers`:
    how many cores may make the pages (generator/site/parallel.py). `freeze`: the corpus and the index,
    which a build keeps to its end, are moved out of the garbage collector's reach before the pages are
    made (gc.freeze; the caller unfreezes them), so that collections do not walk them again and again.
    `compact`: the documents `memory` keeps for the next build keep where their values are only packed,
    from before the pages are made (content.load.Positions; a build that passed never asks), and the
    front-matter models it parsed are dropped (the next build's state leaves them out)."""
    corpus, problems = read_project(
        project, memo=memory.files if memory else None, checks=memory.checks if memory else None
    )
    errors = [p for p in problems if p.severity == "error"]  # warnings are `briefing check`'s to print
    if errors:
        raise ContentError(errors)
    if compact and memory is not None:
        pack_positions(memory.files)
        drop_models(memory.checks)
    name = site_name or (site.name if site else "Briefing")
    settings = Settings(project.site_dir / "templates", limits or Limits(), use_directory_urls, assets_base, site, name)
    index = build_index(corpus, memory.last.index if memory else None)
    if freeze:
        freeze_generated()
    if memory is None:
        return Generated(index, render_site(index, settings, workers=workers))
    return Generated(index, render_site(index, settings, memory.renders, memory.last, workers))


def build_epoch(root: Path, corpus: Corpus) -> int:
    """The time a build is dated from, in seconds since 1970: the project's last commit, or where git
    cannot tell, the newest day of its content. Never the clock, so two builds of the same commit agree."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, timeout=30
        )
        if result.returncode == 0 and result.stdout.strip().isdigit():
            return int(result.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    days = [d for b in corpus.briefings for d in (b.date, b.updated) if d is not None]
    newest = max(days, default=dt.date(1970, 1, 1))
    return int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp())


def write_files(files: dict[str, str], out: Path, same_as: Path | None = None) -> list[Path]:
    """Write each file (a path relative to `out`: its text). With `same_as` (the published site, where `out`
    is a new folder that will replace it), a file whose bytes are those of the file at its path there is
    hard-linked from it instead: writing is what costs (the 2,274 feeds of 1,000 briefings took 1.3 s to
    write, 0.04 s to link), and a warm build's feeds are mostly the last build's."""
    written = []
    folders: set[Path] = set()
    for rel, text in files.items():
        path = out / rel
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        data = text.encode("utf-8")
        if same_as is None or not _linked_if_same(same_as / rel, data, path):
            path.write_bytes(data)
        written.append(path)
    return written


def _linked_if_same(published: Path, data: bytes, path: Path) -> bool:
    try:
        if published.stat().st_size != len(data) or published.read_bytes() != data:
            return False
        os.link(published, path)
    except OSError:
        return False
    return True


def flag_files(generated: Generated) -> dict[str, bytes]:
    """The flag images the pages show, by address: those of the countries the content names (a
    historical state has none). Published as they are, beside the pages."""
    return flags.published(c.flag for c in generated.index.corpus.countries.values())


def static_files(generated: Generated, site: SiteInfo | None, last: Last | None = None) -> dict[str, str]:
    """The feeds and the data export: files a build publishes beside the pages. With `last` (the memory of
    the build that made `generated`), the feeds of entities and pairs the edit did not touch are the last
    build's, and `last` keeps this build's for the next."""
    if site is None:
        return {}
    reuse = None
    if last is not None and last.changes is not None and last.feeds_site == site:
        reuse = (last.changes, last.feeds)
    feeds = build_feeds(generated.index, site, reuse)
    if last is not None:
        last.feeds, last.feeds_site = feeds, site
    changes = {urls.CHANGES_JSON: changes_json(generated.index, site.use_directory_urls)}
    return {**feeds, **sitemap_stubs(list(feeds)), **build_export(generated.index, site), **changes}


def write_tree(project: Project, out: Path, docs_dir: Path | None, site: SiteInfo | None) -> int:
    """A complete docs folder for builders that run no MkDocs plugin (Zensical, MkDocs 2): the
    hand-written docs, the generated pages, the feeds and the data export. What the plugin would give
    the theme (the head's feed links, meta tags and JSON-LD; the Content Security Policy) goes into
    each page's front matter, where the theme override reads it."""
    # Images by their address from the site's root, where the site's address is known (urls.asset_href).
    base = urlsplit(site.url).path or "/" if site and site.url else None
    generated = generate(
        project,
        use_directory_urls=site.use_directory_urls if site else True,
        assets_base=base,
        site=site,
        workers=build_workers(),
    )
    if docs_dir is not None and docs_dir.is_dir():
        shutil.copytree(docs_dir, out, dirs_exist_ok=True)
        extra = _extra(generated, site, None, "")  # a hand-written page shows no one thing: the same for all
        for path in sorted(out.rglob("*.md")):
            path.write_text(with_front_matter(path.read_text(encoding="utf-8"), extra), encoding="utf-8")
    pages = {p.uri: p.markdown(_extra(generated, site, p.subject, p.uri)) for p in generated.pages}
    write_files(pages, out)
    write_files(static_files(generated, site), out)
    for rel, data in flag_files(generated).items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    return len(generated.pages)


def _extra(generated: Generated, site: SiteInfo | None, subject: Subject | None, uri: str) -> dict[str, Any]:
    head = head_data(generated.index, site, subject, uri) if site else EMPTY_HEAD
    return {"briefing_head": head, "briefing_csp": policy(), "briefing_search": facets(generated.index, subject)}


def with_front_matter(text: str, extra: dict[str, Any]) -> str:
    """A hand-written page with `extra` added to its front matter (or given one)."""
    lines = front_matter(extra)
    if text.startswith("---\n") and "\n---\n" in text[3:]:
        return f"---\n{lines}{text[4:]}"
    return f"---\n{lines}---\n\n{text}"
