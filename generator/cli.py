"""The `briefing` command. It calls the same functions as the MkDocs plugin."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import signal
import sys
from pathlib import Path

import click

from .build import write_tree
from .content.entities import Corpus
from .content.fix import Skipped, apply_explained, unified_diff
from .content.load import YamlProblem, kind_of, parse
from .content.newfile import NewFileError, new_file
from .content.problems import ContentError, Edit, Problem, display_path
from .content.project import Project, read_project
from .content.schema import generated_files, stale_files, write_files
from .kinds import by_folder
from .siteinfo import SiteConfigError, load_site_info

KIND_CHOICES = click.Choice(sorted(by_folder().values()))


@click.group()
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="The project folder (holding content/ and site_config/).",
)
@click.pass_context
def main(ctx: click.Context, root: Path) -> None:
    """Briefing: write, check and build a briefing site."""
    ctx.obj = Project.at(root)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "github"]),
    default="text",
    show_default=True,
    help="github: print GitHub Actions annotations.",
)
@click.option(
    "--fix",
    is_flag=True,
    help="Apply the safe fixes (an alias or variant becomes the id, a date becomes EDTF, a name the summary "
    "uses is added to its list) to the front matter, print each change as a diff, then check again.",
)
@click.pass_obj
def check(project: Project, paths: tuple[Path, ...], fmt: str, fix: bool) -> None:
    """Validate content files and every cross-reference between them.

    With PATHs (files or folders), report only their problems; files outside
    content/ are checked as if they were added to it, by their folder's name.
    When every PATH is a briefing, the other briefings are not read (the
    pre-commit hook checks one changed file in well under a second).
    Warnings (a name the summary uses that the front matter does not list)
    are printed but do not fail the check or the build.
    """
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise click.UsageError(f"{path} does not exist")
        files.extend(sorted(path.rglob("*.md")) if path.is_dir() else [path])
    corpus, problems = _checked(project, paths, files)
    # A fix can bring the next to light (a briefing's names are compared with its summary once it has no
    # error): fix and check again, a few rounds at most, while something changes.
    for _ in range(FIX_ROUNDS if fix else 0):
        if not any(p.fixes for p in problems) or not _fix(project, problems):
            break
        corpus, problems = _checked(project, paths, files)
    for problem in problems:
        click.echo(problem.github() if fmt == "github" else problem.text())
    errors = [p for p in problems if p.severity == "error"]
    warned = len(problems) - len(errors)
    warnings = f", {warned} warning(s)" if warned else ""
    if errors:
        n_files = len({p.path for p in problems})
        click.echo(f"{len(errors)} error(s){warnings} in {n_files} file(s)", err=True)
        sys.exit(1)
    if paths:
        click.echo(f"ok: {len(files)} file(s){warnings}", err=True)
        return
    click.echo(
        f"ok: {len(corpus.briefings)} briefings, {len(corpus.countries)} countries, "
        f"{len(corpus.people)} people, {len(corpus.organizations)} organizations{warnings}",
        err=True,
    )


def _checked(project: Project, paths: tuple[Path, ...], files: list[Path]) -> tuple[Corpus, list[Problem]]:
    only_briefings = bool(files) and all(kind_of(f, project.content_dir) == "briefing" for f in files)
    corpus, problems = read_project(project, files, other_briefings=not only_briefings)
    if paths:
        wanted = {display_path(f, project.root) for f in files}
        site = display_path(project.site_dir, project.root)
        problems = [p for p in problems if p.path in wanted or p.path.startswith(site)]
    return corpus, problems


FIX_ROUNDS = 3


def _fix(project: Project, problems: list[Problem]) -> bool:
    """Apply every problem's fixes, file by file; print each file's change as a unified diff, and each
    fix left out (stale, overlapping, outside the front matter) on stderr. Whether a file changed."""
    changed = False
    by_path: dict[str, list[Edit]] = {}
    for problem in problems:
        if problem.fixes:
            by_path.setdefault(problem.path, []).extend(problem.fixes)
    for shown, edits in sorted(by_path.items()):
        path = project.root / shown if (project.root / shown).is_file() else Path(shown)
        try:
            before, after, skipped = _fix_file(path, project.content_dir, shown, edits)
        except _NotFixed as exc:
            click.echo(f"{shown}: not fixed: {exc}", err=True)
            continue
        for s in skipped:
            click.echo(f"{shown}:{s.edit.line}:{s.edit.column}: not fixed: {s.reason}", err=True)
        if after != before:
            changed = True
            click.echo(unified_diff(shown, before, after), nl=False)
    return changed


class _NotFixed(Exception):
    """A file `check --fix` leaves as it is, and why."""


def _fix_file(path: Path, content_dir: Path, shown: str, edits: list[Edit]) -> tuple[str, str, list[Skipped]]:
    """The file's text before and after its edits (with the edits left out), written in place of the
    file (a new file renamed over it: never half written) when they changed it. Line endings are kept."""
    if path.is_symlink() or not path.is_file():
        raise _NotFixed("not a regular file")
    try:
        text = path.read_bytes().decode("utf-8")
        doc = parse(text.encode("utf-8"), path=path, display=shown, kind=kind_of(path, content_dir) or "briefing")
    except (OSError, UnicodeDecodeError, YamlProblem) as exc:
        raise _NotFixed(f"cannot read it ({exc})") from None
    crlf = "\r\n" in text
    before = text.replace("\r\n", "\n")
    after, skipped = apply_explained(before, edits, doc.body_line)
    if after != before:
        temporary = path.with_name(f".{path.name}.fix")
        try:
            temporary.write_bytes((after.replace("\n", "\r\n") if crlf else after).encode("utf-8"))
            shutil.copymode(path, temporary)
            os.replace(temporary, path)
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            raise _NotFixed(f"cannot write it ({exc.strerror})") from None
    return before, after, skipped


@main.command()
@click.argument("kind", type=KIND_CHOICES)
@click.argument("title")
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="A briefing's day, YYYY-MM-DD (its file name starts with it); today by default.",
)
@click.option("--source", help="A briefing's source: the article's http(s) address.")
@click.option("--publisher", help="A briefing's source: who published it.")
@click.pass_obj
def new(
    project: Project, kind: str, title: str, day: dt.datetime | None, source: str | None, publisher: str | None
) -> None:
    """Start a new content file of KIND (briefing, person, organization, country).

    For example: briefing new briefing "Iran rethinks its bet on Russia" --date 2026-02-27
    --source https://... --publisher Scoopico
    """
    if day is not None and kind != "briefing":
        raise click.UsageError("--date is for a briefing only")
    try:
        path = new_file(project, kind, title, day.date() if day else None, source=source, publisher=publisher)
    except NewFileError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(path.relative_to(project.root) if path.is_relative_to(project.root) else path)


@main.command()
@click.option("--check", "only_check", is_flag=True, help="Exit 1 if the committed files are stale.")
@click.pass_obj
def schema(project: Project, only_check: bool) -> None:
    """Write the JSON Schema of each content kind into site_config/schemas/ and the front-matter
    reference into docs/format.md, both made from the models `briefing check` uses."""
    try:
        _, docs = load_site_info(project.root / "mkdocs.yml")
    except SiteConfigError as exc:
        raise click.ClickException(str(exc)) from None
    files = generated_files(project.site_dir / "schemas", project.site_dir / "templates", docs)
    if only_check:
        stale = stale_files(files)
        if stale:
            shown = ", ".join(display_path(p, project.root) for p in stale)
            click.echo(f"stale: {shown}; run `briefing schema`", err=True)
            sys.exit(1)
        return
    for path in write_files(files):
        click.echo(display_path(path, project.root))


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write the generated Markdown pages into.",
)
@click.pass_obj
def generate(project: Project, out: Path) -> None:
    """Write a complete docs folder to OUT: the hand-written docs, the generated pages (the ones
    the plugin makes in memory), the feeds and the data export. Point another MkDocs-compatible
    builder's docs_dir at OUT and leave out the briefing plugin."""
    try:  # as `mkdocs build` reads it: !ENV tags, INHERIT, validation and all
        site, docs = load_site_info(project.root / "mkdocs.yml")
    except SiteConfigError as exc:
        raise click.ClickException(f"{exc}; nothing written") from None
    try:
        count = write_tree(project, out, docs, site)
    except ContentError as exc:
        for problem in exc.problems:
            click.echo(problem.text())
        raise click.ClickException(f"{len(exc.problems)} error(s); nothing written") from None
    if site is None:
        click.echo("no site_url in mkdocs.yml, so no feeds or data export", err=True)
    click.echo(f"wrote {count} generated pages, the docs{' and feeds' if site else ''} to {out}", err=True)


@main.command()
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
    help="Where the site goes (relative to the project folder).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Build every page from scratch, and keep nothing for the next build.",
)
@click.pass_obj
def build(project: Project, site_dir: Path, no_cache: bool) -> None:
    """Build the site strictly and put it in SITE_DIR only if the build passed.

    The build writes into a new folder beside SITE_DIR; a failed or interrupted
    build leaves the previous site exactly as it was. It keeps what it made in a
    cache folder outside the project ($BRIEFING_CACHE_DIR, else ~/.cache/briefing),
    so the next build renders again only the pages that changed.
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from .plugin import BriefingPlugin
    from .site import warm as cache
    from .site.publish import discard, put_in_place, work_folder

    site = site_dir if site_dir.is_absolute() else project.root / site_dir
    folder = cache.cache_folder(site)
    work = work_folder(site)
    _mkdocs_console()
    warm: cache.Warm | None = None
    try:
        try:
            config = load_config(str(project.root / "mkdocs.yml"), site_dir=str(work / "site"), strict=True)
            plugin = config.plugins.get("briefing")
            if isinstance(plugin, BriefingPlugin):
                if not no_cache:
                    theme = [Path(config.docs_dir), project.site_dir / "templates"]
                    theme += [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
                    key = cache.state_key(project.root / "mkdocs.yml", theme)
                    warm = cache.Warm.start(key, site, folder)
                plugin.warm = warm  # MkDocs keeps one plugin object across the builds of a process
            # Dirty: MkDocs asks each page whether to write it (into the new, empty work folder, every page
            # is new), so a warm build skips the pages linked from the last site, and a build the pages a
            # forked copy of it writes (generator/site/share.py).
            config.plugins.on_startup(command="build", dirty=True)
            try:
                mkdocs_build(config, dirty=True)
            finally:
                config.plugins.on_shutdown()
        except click.ClickException as exc:  # MkDocs' Abort and configuration errors: it has said what failed
            raise click.ClickException(
                f"{exc.format_message()}; {display_path(site, project.root)}/ is unchanged"
            ) from None
        cache.forget(folder)  # the site changes now: the state describes the previous one until saved again
        put_in_place(work / "site", site)
        why = cache.keep(folder, warm) if warm is not None else None
        if why:
            click.echo(f"briefing: the build cache could not be kept ({why}); the next build starts afresh", err=True)
        discard(work)  # the previous site is in it
    finally:
        shutil.rmtree(work, ignore_errors=True)  # a failed build's (a passed one's is gone already)
        if warm is not None:  # a failed build's state, written before it failed
            cache.discard_pending(warm)
    reused = f" ({warm.linked} of {len(warm.digests)} generated pages unchanged)" if warm and warm.saved else ""
    click.echo(f"built: {display_path(site, project.root)}/{reused}", err=True)
    if _LEAVE_AT_ONCE:
        _leave(0)


_LEAVE_AT_ONCE = False  # set by `run`, the `briefing` command (not by a caller of `main` in its own process)


def run() -> None:
    """The `briefing` command: `main`, where a build leaves as soon as its site is published (`_leave`)."""
    global _LEAVE_AT_ONCE
    _LEAVE_AT_ONCE = True
    main()


def _leave(code: int) -> None:
    """End the process without taking the interpreter apart: freeing a large build's objects one by one took
    a tenth of its time (10 s at 10,000 briefings), and nothing is left to do: the site is published, the
    state kept, the files closed. What is buffered is written out first."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _mkdocs_console() -> None:
    """What `mkdocs` prints (its console handler), so a build's and a preview's messages show as MkDocs'."""
    from mkdocs.__main__ import ColorFormatter

    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(ColorFormatter())
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    # Dirty builds (the preview's rebuilds, a build from the cache) write again only the pages that changed
    # (the plugin marks them); MkDocs' notice that a dirty build may leave stale links is not for them, and
    # would abort a strict build.
    logging.getLogger("mkdocs.commands.build").addFilter(_NoDirtyNotice())


class _NoDirtyNotice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build is being performed" not in record.getMessage()


@main.command()
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True)
@click.pass_obj
def serve(project: Project, dev_addr: str) -> None:
    """Preview the site; rebuilds when content/ or site_config/ changes.

    It prints the address to open. While content has problems it prints each one
    (path:line:column: error: ...), keeps serving, shows them on every page, and
    recovers by itself when the files are fixed.
    """
    from mkdocs.commands.serve import serve as mkdocs_serve

    _mkdocs_console()
    # Stopped by SIGTERM (a process manager, a test) as by Ctrl-C: MkDocs then removes the temporary folder
    # it serves the site from (a 10,000-briefing site's is 1.5 GB); the default SIGTERM leaves it behind.
    signal.signal(signal.SIGTERM, _interrupt)
    mkdocs_serve(str(project.root / "mkdocs.yml"), dev_addr=dev_addr, livereload=True, build_type="dirty")
