"""The MkDocs plugin: translates MkDocs events into calls of the pipeline functions.

It reads and checks content in `on_files`, adds the rendered pages and the flag images they show
there with `File.generated` (in memory: nothing is written into a watched folder), sets
edit links, sanitises page HTML and tells `mkdocs serve` what to watch.
`on_page_context` gives each page its head data (feed links, JSON-LD, Open
Graph) in `page.meta["briefing_head"]`, which the theme's `extrahead` block
writes; `on_post_build` writes the Atom feeds and the data export into the
built site (never into a watched folder).

Under `mkdocs serve` (`briefing serve`), content problems do not stop the
server: they are printed, every page shows them (generator/preview.py) until
they are fixed, and the Content Security Policy also allows the live-reload
script that the server injects. A build (`mkdocs build`) fails on any problem
and never relaxes the policy.
"""

from __future__ import annotations

import contextlib
import html
import logging
import os
import threading
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkPage
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import TemplateContext

from .build import Generated, Memory, build_epoch, flag_files, generate, static_files, write_files
from .content.problems import ContentError, Problem
from .content.project import Project
from .site.csp import add_csp
from .site.guard import Scans, unsafe_markup
from .site.head import EMPTY as EMPTY_HEAD
from .site.head import head_data
from .site.memory import HeldContent, freeze_generated, settle_memory, thaw
from .site.navcache import cache_navigation
from .site.pagefind import MARK, Feed, build_pagefind, preview_pagefind, verify
from .site.parallel import build_workers
from .site.preview import nav_pages, problems_html, problems_page, report
from .site.rebuild import GeneratedFile, Rebuilds
from .site.render import Page
from .site.sanitize import clean
from .site.search import facets
from .site.share import MIN_PAGES, SharedPages
from .site.toc import anchor_ids, toc_tokens
from .site.views import Limits
from .site.warm import Warm
from .siteinfo import SiteConfigError, SiteInfo, site_info, site_language

log = logging.getLogger("mkdocs.plugins.briefing")

# A lean build's generated page whose table of contents is read from its HTML right before the theme renders
# it (BriefingPlugin._release_content), not while MkDocs holds every page's content; and the table of
# contents of a page once written. Both empty; compared by identity.
TOC_LATER = get_toc([])
TOC_DROPPED = get_toc([])


class BriefingConfig(base.Config):  # type: ignore[no-untyped-call]
    content_dir = c.Type(str, default="content")
    site_config_dir = c.Type(str, default="site_config")
    edit_url_base = c.Optional(c.Type(str))
    profile_latest = c.Type(int, default=Limits().profile_latest)
    pagefind = c.Type(bool, default=True)  # a Pagefind index for the Full-text search page


def _every_page_modified(files: Files) -> None:
    """A dirty rebuild writes every page again (a rebuild after a change of theme, or with broken content)."""
    for file in files.documentation_pages():
        file.is_modified = lambda: True  # type: ignore[method-assign]


def _without_markdown(page: MkPage) -> None:
    """A generated page with no contributor Markdown (most of them: profiles, pairs, indexes) is given
    what MkDocs' Page.render gives for an empty source, without making a Markdown converter for it
    (about 1 ms a page, 25 s at 10,000 briefings). Should the page hold Markdown after all by the time it
    is rendered (another plugin's doing), MkDocs renders it."""

    def render(config: MkDocsConfig, files: Files) -> None:
        if page.markdown is None or page.markdown.strip():
            MkPage.render(page, config, files)
            return
        page.content, page.toc, page.present_anchor_ids, page.links_to_anchors = "", get_toc([]), set(), {}
        page._title_from_render = None

    page.render = render  # type: ignore[method-assign]


def _only_plugin(config: MkDocsConfig) -> bool:
    """No MkDocs plugin but this one: no other plugin's events to run, nor anything another could read later."""
    return set(config.plugins) == {"briefing"}


def _refuse(where: str, found: list[str]) -> None:
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise PluginError(
            f"briefing: {where} would publish {found[0]}{more}; the site allows no inline "
            f"script, event handler, script URL, refresh or <base>. Remove it from the "
            f"template, docs page or content it comes from."
        )


class BriefingPlugin(BasePlugin[BriefingConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.project: Project | None = None
        self.pages: dict[str, Page] = {}  # the generated pages, by source path
        self.site: SiteInfo | None = None  # this build's, from mkdocs.yml (None without a site_url)
        self.generated: Generated | None = None
        self.serving = False  # under `mkdocs serve`: report problems instead of failing
        self.problems: list[Problem] = []  # while serving broken content
        self.last_pages: list[str] = []  # the generated pages of the last good build
        self.epoch_set = False  # this build set SOURCE_DATE_EPOCH, and unsets it at the end
        self.rebuilds = Rebuilds()  # the preview's memory between rebuilds
        self.scans: Scans | None = None  # a build's pages, scanned on the other core
        self.frozen = False  # a build's generated site is out of the garbage collector's reach (gc.freeze)
        self.nav: Navigation | None = None
        self.feed: Feed | None = None  # a build's pages, indexed by Pagefind as they are written
        self.settle: threading.Timer | None = None  # the preview's next gc.freeze (settle_later)
        self.settled = False  # the preview's first build has been settled
        self.held: HeldContent | None = None  # the page the theme is rendering: its content, compressed
        self.warm: Warm | None = None  # set by `briefing build`: the last build's state (generator/site/warm.py)
        self.dirty = False  # MkDocs writes only the pages whose files say they are modified
        self.workers = 1  # processes this build writes its pages with
        # a warm build's pages linked from the last site, for the feed: (output file, published file or None
        # if Pagefind was not given it last time)
        self.linked: list[tuple[str, Path | None]] = []
        self.shared: SharedPages | None = None  # the pages a forked copy makes (generator/site/share.py)
        self.in_copy = False  # this process is that copy
        self.marked = False  # the last page written is marked for search
        # a build with no other plugin: what only the theme reads of a generated page (its table of contents,
        # head data, search facets) is made right before the page is rendered and dropped once it is written
        self.lean = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance across serve's rebuilds (MkDocs >= 1.4).
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        self.project = Project.at(root, self.config.content_dir, self.config.site_config_dir)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Read and check all content before MkDocs cleans the output folder: a content error then
        stops the build with the previous site still in place."""
        assert self.project is not None
        limits = Limits(profile_latest=self.config.profile_latest)
        self.pages = {}
        self.site = self.site_info(config)
        self.lean = not self.serving and _only_plugin(config)
        memory = None
        if self.serving:  # the preview reads and renders again only what changed
            if self.settle is not None:  # not while this build runs
                self.settle.cancel()
            self.rebuilds.start(
                [Path(config.config_file_path), self.project.site_dir / "overrides", Path(config.docs_dir)]
            )
            self.rebuilds.render_cache.check(self.project.site_dir / "templates")
            cache = self.rebuilds.render_cache
            memory = Memory(self.rebuilds.files, cache.pages, self.rebuilds.checks, cache.last)
        elif self.warm is not None:
            memory = self.warm.memory
        try:
            # A build makes and writes its pages on every core (two here); the preview, a process with
            # threads that makes few pages again, on this one.
            self.workers = 1 if self.serving else build_workers()
        except ValueError as exc:  # BRIEFING_WORKERS
            raise PluginError(f"briefing: {exc}") from None
        try:
            self.frozen = not self.serving  # from the index on (generate's `freeze`)
            self.generated = generate(
                self.project,
                limits,
                config.use_directory_urls,
                memory,
                site=self.site,
                site_name=config.site_name,
                workers=self.workers,
                freeze=not self.serving,
                compact=not self.serving,
            )
        except ContentError as exc:
            self.thaw()
            if not self.serving:
                raise PluginError(f"{exc}\nRun `briefing check` for details.") from None
            self.generated = None
            self.rebuilds.broke()
            report(exc.problems)
            self.problems = exc.problems
            return
        if self.problems:
            print("briefing: the content problems are fixed", flush=True)
        self.problems = []
        self.last_pages = [page.uri for page in self.generated.pages]
        if not self.serving:
            self.scans = Scans()
            freeze_generated()  # the pages too, now that they are made
        if not self.serving and "SOURCE_DATE_EPOCH" not in os.environ:
            # MkDocs dates sitemap.xml (and its gzip header) from this: a build of the same commit and
            # content is then the same, byte for byte. Unset again when the build ends.
            os.environ["SOURCE_DATE_EPOCH"] = str(build_epoch(self.project.root, self.generated.index.corpus))
            self.epoch_set = True

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.generated is None:
            if self.problems:  # every page shows them: hand-written ones are written again too
                _every_page_modified(files)
            return self.broken_preview(self.problems, files, config) if self.problems else files
        made = self.add_generated(files, config)
        if self.serving and self.rebuilds.everything:  # hand-written pages too, whatever their times say
            _every_page_modified(files)
        self.linked = []
        if self.warm is not None:
            self.link_unchanged(config, files, made)
        if not self.may_share(config, files):  # Pagefind starts on the linked pages at once
            self.start_feed(config, files)
        return files

    def add_generated(self, files: Files, config: MkDocsConfig) -> list[tuple[Page, GeneratedFile]]:
        """The generated pages and the flag images they show, added to `files` in memory; each page with its file."""
        assert self.generated is not None
        # A generated page the nav does not name is "not in nav" on purpose: MkDocs then neither matches it
        # against the exclude patterns (a tenth of a preview's rebuild at 10,000 briefings) nor lists it.
        in_nav = set(nav_pages(config.nav)) if config.nav else None
        uris = files.src_uris
        made: list[tuple[Page, GeneratedFile]] = []
        for page in self.generated.pages:
            if page.uri in uris:
                raise PluginError(f"docs/{page.uri} clashes with a generated page; rename it")
            listed = in_nav is None or page.uri in in_nav
            inclusion = InclusionLevel.INCLUDED if listed else InclusionLevel.NOT_IN_NAV
            file = GeneratedFile.of(config, page, inclusion)
            if self.serving:
                file.modified = self.rebuilds.modified(page, file.abs_dest_path)
            files.append(file)
            self.pages[page.uri] = page
            made.append((page, file))
        for uri, data in flag_files(self.generated).items():  # the flag images the pages show, in memory too
            if uri in uris:
                raise PluginError(f"docs/{uri} clashes with a generated file; rename it")
            files.append(File.generated(config, uri, content=data))
        return made

    def link_unchanged(self, config: MkDocsConfig, files: Files, made: list[tuple[Page, GeneratedFile]]) -> None:
        """`briefing build`: the generated pages that are the same as last time are linked from the published
        site, and MkDocs leaves them alone (generator/site/warm.py). Where few pages changed (no forked copy
        will share the work), Pagefind starts at once and is given each such page as soon as it is found,
        and the links are made on a thread meanwhile."""
        warm = self.warm
        assert warm is not None
        indexed = self.config.pagefind
        few = warm.saved is not None and warm.changed([page for page, _ in made]) < MIN_PAGES
        if few:
            warm.link_later()
            if indexed:
                self.start_feed(config, files)
        for page, file in made:
            published = warm.unchanged(page, file.dest_uri, Path(file.abs_dest_path))
            file.modified = published is None
            if published is None or not indexed:
                continue
            # indexed from the published file (the same bytes), if it was indexed last time
            given = published if warm.indexed_before(file.dest_uri) else None
            if self.feed is not None and given is not None:
                self.feed.add_file(file.dest_uri, given)
            elif self.feed is not None:
                self.feed.skip(file.dest_uri)
            else:
                self.linked.append((file.dest_uri, given))
        warm.start_links()

    def open_feed(self, config: MkDocsConfig) -> None:
        """A build gives its pages to Pagefind as it writes them (the preview indexes in the background)."""
        self.close_feed()
        if not self.serving and self.config.pagefind:
            self.feed = Feed(Path(config.site_dir), site_language(config))

    def order_feed(self, files: Files, linked: list[tuple[str, Path | None]]) -> None:
        """Pagefind numbers pages as they come: they go to it in the order MkDocs writes them, except that the
        generated pages come before the hand-written ones (in a warm build, the pages linked from the last
        site then go to Pagefind at once), and the pages linked from the last site in their turn."""
        if self.feed is not None:
            pages = files.documentation_pages()
            generated = [f.dest_uri for f in pages if isinstance(f, GeneratedFile)]
            self.feed.expect(generated + [f.dest_uri for f in pages if not isinstance(f, GeneratedFile)])
            for dest_uri, path in linked:
                if path is not None:
                    self.feed.add_file(dest_uri, path)
                else:
                    self.feed.skip(dest_uri)

    @event_priority(-100)  # after every other plugin's: the copy forked here must see the final navigation
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        if self.generated is not None:
            self.share_pages(config, files, nav)
        return nav

    @event_priority(-100)  # after every other plugin's
    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        if self.serving:
            env.bytecode_cache = self.rebuilds.bytecode
        if self.nav is not None:  # the navigation, rendered once for the pages it shows the same way
            cache_navigation(env, self.nav)
        if self.generated is not None and not self.in_copy:
            self.start_feed(config, files)  # threads start here, after the copy is forked (share_pages)
            if self.shared is not None:
                self.shared.listen(env)
        return env

    def may_share(self, config: MkDocsConfig, files: Files) -> bool:
        """Whether this build may make pages in a forked copy of itself (generator/site/share.py), which MkDocs
        then skips here: only a dirty build (`briefing build` always is, into an empty folder) asks pages
        whether to make them. Only with no other plugin: another's page events would run in the copy, and
        whatever they keep would be lost. Only with pages enough to make (not a warm build's few)."""
        if self.workers < 2 or not self.dirty or not _only_plugin(config) or self.feed is not None:
            return False
        return sum(1 for f in files.documentation_pages() if f.is_modified()) >= MIN_PAGES

    def start_feed(self, config: MkDocsConfig, files: Files) -> None:
        """Pagefind, given the pages linked from the last site at once, and the others as they are written."""
        if self.feed is None:
            self.open_feed(config)
            self.order_feed(files, self.linked)

    def share_pages(self, config: MkDocsConfig, files: Files, nav: Navigation) -> None:
        """Every other page made in a forked copy of this build, where it may be (`may_share`)."""
        if not self.may_share(config, files):
            return
        self.shared = SharedPages.start(
            config, files, nav, in_copy=self.enter_copy, marked=lambda: self.marked, on_page=self.made_there
        )

    def enter_copy(self) -> None:
        """In the copy that makes pages: the build that forked it scans them and feeds them to the search index."""
        self.in_copy, self.scans, self.feed, self.shared = True, None, None, None

    def made_there(self, file: File, marked: bool) -> None:
        """A page the copy has written: scanned, and given to the search index from its file (from a thread);
        this process's copy of its HTML is dropped, as MkDocs would once converting it here."""
        generated = self.pages.get(file.src_uri)
        if generated is not None:
            self.pages[file.src_uri] = generated.emptied()
        if self.scans is not None:
            self.scans.submit(file.src_uri, file.abs_dest_path)
        if self.feed is not None and marked:
            self.feed.add_file(file.dest_uri, Path(file.abs_dest_path))
        elif self.feed is not None:
            self.feed.skip(file.dest_uri)

    def finish_share(self, config: MkDocsConfig) -> None:
        """Wait for the copy; the pages it did not make are made here; links to anchors are checked."""
        shared, self.shared = self.shared, None
        if shared is not None:
            left = shared.finish(config.validation.links.anchors)
            log.debug(
                "briefing: a forked copy made %d pages (%d of them made here)", len(shared.share.theirs), len(left)
            )

    def broken_preview(self, problems: list[Problem], files: Files, config: MkDocsConfig) -> Files:
        """Serve's site while content is broken: every page the last good build had (and every page the
        nav names) shows the problems, so no page the reader is on disappears."""
        text = problems_page(problems)
        for uri in sorted({*self.last_pages, *nav_pages(config.nav)}):
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, content=text))
        return files

    def on_page_markdown(self, markdown: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        if self.problems:
            return problems_html(self.problems)  # hand-written pages too: the reader sees them anywhere
        # The theme writes the title (into <title>, the header, the nav, search results) and the
        # description (into an attribute) without escaping them, so every page hands them over escaped,
        # hand-written pages' included: a quote in a dek cannot end the attribute.
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = html.escape(page.meta[key], quote=True)
        uri = page.file.src_uri
        if uri in self.pages:
            path = self.pages[uri].edit_path
            base_url = self.config.edit_url_base
            page.edit_url = f"{base_url.rstrip('/')}/{path}" if (path and base_url) else None
            if not self.pages[uri].body:
                _without_markdown(page)
        return markdown

    def _page_content(self, html: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            return html
        # The contributor's body, converted by MkDocs, in its place: sanitized on its own where the rest of
        # the page was when it was made (render.sanitized, on both cores), else with the whole page.
        full = generated.with_body(clean(html) if generated.cleaned else html)
        # MkDocs keeps every page's content until it has written them all: drop our copy of the HTML now.
        self.pages[generated.uri] = generated.emptied()
        page.present_anchor_ids = (page.present_anchor_ids or set()) | anchor_ids(full)
        if self.lean and generated.cleaned:
            # The theme alone reads the table of contents, for this page: it is read from the same HTML
            # right before the page is rendered (_release_content), not kept for every page meanwhile
            # (a tenth of a build's Python objects).
            page.toc = TOC_LATER
            return full
        page.toc = get_toc(toc_tokens(full))
        return full if generated.cleaned else clean(full)

    @event_priority(-100)  # after every other plugin's
    def _hold_content(self, html: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        return HeldContent(html)  # type: ignore[return-value]  # read as text again in _release_content

    on_page_content = CombinedEvent(_page_content, _hold_content)

    @event_priority(100)  # before every other plugin's, right before the theme renders the page
    def _release_content(
        self, context: TemplateContext, /, *, page: MkPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if isinstance(page.content, HeldContent):
            self.held = page.content
            page.content = str(page.content)
        if page.toc is TOC_LATER and page.content is not None:
            page.toc = get_toc(toc_tokens(page.content))
        return context

    @event_priority(-100)  # once every plugin has seen the page: only the compressed copy stays
    def _hold_again(self, output: str, *, page: MkPage, config: MkDocsConfig) -> str:
        held, self.held = self.held, None
        if self.lean and page.file.src_uri in self.pages:
            # Written: nothing reads this page's content, table of contents or head data again (no other
            # plugin). MkDocs would keep them until the build ends, at its peak (Pagefind writing).
            page.content, page.toc = None, TOC_DROPPED
            for key in ("briefing_head", "briefing_search"):
                page.meta.pop(key, None)
        elif held is not None:
            page.content = held  # type: ignore[assignment]
        return output

    def site_info(self, config: MkDocsConfig) -> SiteInfo | None:
        """The same SiteInfo `briefing generate` makes from the same mkdocs.yml."""
        try:
            return site_info(config)
        except SiteConfigError as exc:
            raise PluginError(f"briefing: {exc}") from None

    def _page_context(
        self, context: TemplateContext, /, *, page: MkPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Head data for the theme: feed paths (from the site root), meta tags and escaped JSON-LD."""
        if self.problems:  # the broken preview publishes no feed: announce none
            page.meta["briefing_head"] = EMPTY_HEAD
            return context
        if self.generated is None:
            return context
        shown = self.pages.get(page.file.src_uri)
        subject = shown.subject if shown else None
        # the header search's filters and other names (generator/site/search.py)
        page.meta["briefing_search"] = facets(self.generated.index, subject)
        if self.site is not None:
            page.meta["briefing_head"] = head_data(self.generated.index, self.site, subject, page.file.src_uri)
        return context

    def close_feed(self) -> None:
        feed, self.feed = self.feed, None
        if feed is not None:
            feed.close()

    def on_build_error(self, *, error: Exception) -> None:
        if self.warm is not None:  # nothing goes on writing into the work folder, which is removed
            with contextlib.suppress(OSError):
                self.warm.wait_links()
        if self.shared is not None:
            self.shared.stop()
            self.shared = None
        self.close_feed()
        self.unset_epoch()
        self.thaw()
        if self.scans is not None:
            self.scans.close()
            self.scans = None

    def thaw(self) -> None:
        if self.frozen:
            thaw()
            self.frozen = False

    def unset_epoch(self) -> None:
        if self.epoch_set:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
            self.epoch_set = False

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Index the built pages with Pagefind, then write the feeds and the data export into the site."""
        try:
            self.post_build(config)
        finally:
            self.close_feed()
            self.unset_epoch()
            self.thaw()
            if self.serving and not self.settled:  # the first build: before the server answers
                settle_memory()
                self.settled = True
            elif self.serving:
                self.settle_later()

    def settle_later(self, delay: float = 2.0) -> None:
        """Once a preview build is served and the rebuilds pause, collect what it left and move every object
        still alive out of the collector's reach (gc.freeze): otherwise the next rebuild pays for a full
        collection of the preview's memory (several seconds at 10,000 briefings) before the reader sees
        their edit. The first build settles at once, before the server answers; a build cancels a settle
        still to come, and schedules its own. Each settle first gives the frozen objects back to the
        collector, so what the last build dropped is freed."""
        if self.settle is not None:
            self.settle.cancel()
        self.settle = threading.Timer(delay, settle_memory)
        self.settle.daemon = True
        self.settle.start()

    def refuse_scanned(self) -> None:
        """Wait for the last page scans; pages that must not be published are taken out of the site (they
        were written meanwhile) and the build fails, naming the first."""
        if self.scans is None:
            return
        findings, self.scans = self.scans.findings(), None
        for _where, path, _found in findings:
            Path(path).unlink(missing_ok=True)
        for where, _path, found in findings[:1]:
            _refuse(where, found)

    def post_build(self, config: MkDocsConfig) -> None:
        self.finish_share(config)
        if self.generated is None:
            self.refuse_scanned()
            return
        if self.serving:  # a dirty rebuild: take away the pages that are gone
            for path in self.rebuilds.finish(self.pages):
                Path(path).unlink(missing_ok=True)
        if self.config.pagefind and self.serving:
            # The preview does not wait for Pagefind: the last index is put back at once and a new one is
            # written in the background, once the rebuilds pause (a newer build supersedes a pending run).
            preview_pagefind(Path(config.site_dir), site_language(config))
        elif self.feed is not None:  # Pagefind writes its bundle while the feeds and the export are written
            self.feed.write()
        self.write_static(config)
        # The scans of the last pages are waited for only now, while Pagefind writes: a page that must not be
        # published still fails the build (which then publishes nothing), after the feeds are written.
        self.refuse_scanned()
        self.wait_links()
        if self.config.pagefind and not self.serving:
            try:
                language = site_language(config)
                reference = self.warm.pagefind_assets(language) if self.warm else None  # kept in the state
                self.prepare_state(config)
                count = self.finish_feed(Path(config.site_dir), language, reference)
                if count is None:
                    count = build_pagefind(Path(config.site_dir), language, reference=reference)
            except Exception as exc:
                raise PluginError(f"briefing: Pagefind could not index the site: {exc}") from exc
            log.debug("briefing: Pagefind indexed %d pages", count)
        else:
            self.prepare_state(config)

    def wait_links(self) -> None:
        """A warm build's pages linked from the last site on a thread (generator/site/warm.py) are all there."""
        if self.warm is not None:
            try:
                self.warm.wait_links()
            except OSError as exc:
                raise PluginError(f"briefing: an unchanged page could not be taken from the last site: {exc}") from None

    def prepare_state(self, config: MkDocsConfig) -> None:
        """`briefing build`'s state, written while Pagefind writes; kept once the site is published. The pages
        linked from the last site are in place by then (`wait_links`): their sizes and times go into it."""
        if self.warm is not None:
            feed = self.feed  # it has been given every page (Feed.write)
            self.warm.indexed = frozenset(feed.indexed) if feed is not None and not feed.failed else None
            self.warm.prepare(Path(config.site_dir))

    def write_static(self, config: MkDocsConfig) -> None:
        """The Atom feeds and the data export, into the site."""
        site, generated = self.site, self.generated
        assert generated is not None
        if site is None:
            log.info("briefing: no site_url in mkdocs.yml, so no feeds or data export")
            return
        if self.serving:  # the preview shows the page first; feeds and the export follow in a moment
            out = Path(config.site_dir)
            threading.Thread(target=lambda: write_files(static_files(generated, site), out), daemon=True).start()
            return
        # A cached build (`briefing build`) keeps the feeds of entities and pairs the edit did not touch, and
        # links them from the published site.
        last = self.warm.memory.last if self.warm else None
        published = self.warm.site if self.warm is not None and self.warm.saved is not None else None
        write_files(static_files(generated, site, last), Path(config.site_dir), same_as=published)

    def _post_page(self, output: str, *, page: MkPage, config: MkDocsConfig) -> str:
        output = self.finish(output, page.file.src_uri, page.file.abs_dest_path)
        self.marked = MARK in output
        if self.feed is not None and self.marked:
            self.feed.add(page.file.dest_uri, output)
        elif self.feed is not None:  # its turn in Pagefind's order is given up
            self.feed.skip(page.file.dest_uri)
        return output

    def finish_feed(self, site_dir: Path, language: str, reference: dict[str, bytes] | None) -> int | None:
        """The Pagefind bundle fed during the build, finished and verified: the number of pages it holds,
        or None if the whole folder must be indexed instead."""
        feed, self.feed = self.feed, None
        if feed is None:
            return None
        count = feed.finish(lambda out: verify(out, language, reference))
        if count is None:
            log.info("briefing: Pagefind indexes the whole site instead (%s)", feed.failed)
        return count

    on_page_context = CombinedEvent(_release_content, _page_context)
    on_post_page = CombinedEvent(_post_page, _hold_again)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if not template_name.endswith(".html"):
            return output_content
        if self.problems and template_name == "404.html":  # a page that broke before it was ever built
            output_content = output_content.replace("<h1>404 - Not found</h1>", problems_html(self.problems), 1)
        return self.finish(output_content, template_name)

    def finish(self, output: str, where: str, path: str | None = None) -> str:
        """The page as published: refused if anything in it could run script or redirect the reader,
        then given the site's Content Security Policy. A build scans its pages on the other core (`path`:
        the file the page is written to) and fails in on_post_build; the preview scans each at once."""
        if path is not None and self.scans is not None:
            self.scans.submit(where, path)
        elif path is not None and self.in_copy:
            pass  # the process that forked this copy scans its pages (SharedPages)
        else:
            _refuse(where, unsafe_markup(output))
        return add_csp(output, live_reload=self.serving)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        assert self.project is not None
        for folder in (self.project.content_dir, self.project.site_dir):
            if folder.is_dir():
                server.watch(str(folder))
        url = getattr(server, "url", None)
        if url:
            print(f"briefing: the preview is at {url} (it rebuilds when content/ or site_config/ changes)", flush=True)
        return server
