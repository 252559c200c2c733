"""MkDocs' pages on both cores: a build hands every other page to a forked copy of itself, which converts,
renders and writes them while this process does the rest.

MkDocs converts a site's pages one after the other, then renders and writes them one after the other,
in one process: most of a cold build at 10,000 briefings, with the machine's other core left idle while
pages are converted. A copy forked once the site's files and navigation are known shares every page's
data as it is; it makes its pages (`prepare`, then `write` for each), and says, for each page it has
written, that it has, with what this process needs to know of it (`write`'s result: any JSON value),
through a pipe. A reader thread here takes these notices as they come (`on_page`), so that, for
instance, the search index is fed while both processes write.

What the copy cannot change here, it must not need to: it writes only its pages' files, and sends back
what is logged meanwhile (a warning still fails a strict build, from here). A page the copy could not
write (it failed, or went silent for PATIENCE seconds, and is stopped) is made here once this process's
own pages are: `finish` gives those pages, so the result is the same in every case, only slower. Where
this process cannot be forked (no os.fork, or threads already running: a forked copy of a thread
holding a lock could wait forever), `start` returns None and this process makes every page itself.
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import os
import signal
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from .parallel import can_fork

P = TypeVar("P")

MIN_PAGES = 64  # below this, forking costs more than it saves
PATIENCE = 300.0  # seconds without a word from the copy before it is given up


class _Forward(logging.Handler):
    """In the copy: what is logged while a page is made, kept until it is written (a page that fails is made
    again here, and logs its own messages then)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[list[object]] = []

    def emit(self, record: logging.LogRecord) -> None:
        with contextlib.suppress(Exception):
            self.records.append(["log", record.name, record.levelno, record.getMessage()])


class Share(Generic[P]):
    """The pages a forked copy writes (`theirs`), and what it has said about them so far."""

    def __init__(self, pid: int, read_fd: int, theirs: list[P], on_page: Callable[[P, Any], None]) -> None:
        self.pid, self.theirs, self.on_page = pid, theirs, on_page
        self.done: set[int] = set()  # positions in `theirs` the copy has written
        self.logs: list[tuple[str, int, str]] = []  # (logger, level, message) logged in the copy
        self.heard = time.monotonic()  # when the copy last said anything
        self.status: int | None = None
        self._pipe = os.fdopen(read_fd, "rb")
        self._reader = threading.Thread(target=self._read, name="briefing-share", daemon=True)

    def listen(self) -> None:
        """Take the copy's notices from now on (until then they wait in the pipe): the caller first readies
        what `on_page` needs, and may start threads of its own, the copy being made. The copy's patience
        counts from here: until then, it converts as many pages as this process does meanwhile."""
        if self._reader.ident is None:  # not started yet
            self.heard = time.monotonic()
            self._reader.start()

    @classmethod
    def start(
        cls,
        pages: Sequence[P],
        write: Callable[[P], Any],
        on_page: Callable[[P, Any], None],
        prepare: Callable[[list[P]], None] = lambda pages: None,
    ) -> Share[P] | None:
        """Fork a copy that makes every other page of `pages` (the second, fourth…): `prepare(its pages)`
        once, then `write(page)` for each, whose result (JSON) `on_page(page, result)` is given here, from a
        thread, once `listen` is called. None where no copy is made."""
        if len(pages) < MIN_PAGES or not can_fork():
            return None
        theirs = list(pages[1::2])
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the copy: never returns
            os.close(read_fd)
            _copy(theirs, write, prepare, write_fd)
        os.close(write_fd)
        return cls(pid, read_fd, theirs, on_page)

    def _read(self) -> None:
        with contextlib.suppress(Exception):
            for line in self._pipe:
                self.heard = time.monotonic()
                message = json.loads(line)
                if message[0] == "page":
                    self.done.add(message[1])
                    with contextlib.suppress(Exception):  # one page's notice never stops the others'
                        self.on_page(self.theirs[message[1]], message[2])
                elif message[0] == "log":
                    self.logs.append((str(message[1]), int(message[2]), str(message[3])))

    def finish(self, patience: float = PATIENCE) -> list[P]:
        """Wait for the copy (stopped if silent for `patience` seconds), log here what it logged, and give the
        pages it did not write, in their order, for this process to write."""
        self.listen()
        while self._reader.is_alive():
            self._reader.join(1.0)
            if self._reader.is_alive() and time.monotonic() - self.heard > patience:
                self.stop()
        self._pipe.close()
        self._wait()
        for name, level, message in self.logs:
            logging.getLogger(name).log(level, "%s", message)
        self.logs = []
        return [page for i, page in enumerate(self.theirs) if i not in self.done]

    def stop(self) -> None:
        """Stop the copy now (a build that failed here, or a copy gone silent)."""
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        self._wait()

    def _wait(self) -> None:
        if self.status is None:
            with contextlib.suppress(ChildProcessError):
                _, self.status = os.waitpid(self.pid, 0)


def _copy(pages: list[P], write: Callable[[P], Any], prepare: Callable[[list[P]], None], write_fd: int) -> None:
    code = 1
    try:
        # A collection would touch, and so copy, every object shared with the parent: they are left out of
        # it, and only what the copy makes is collected.
        gc.freeze()
        forward = _Forward()
        logging.getLogger().handlers = [forward]
        mkdocs = logging.getLogger("mkdocs")
        mkdocs.handlers = [forward] if not mkdocs.propagate else []
        with os.fdopen(write_fd, "w", encoding="utf-8") as out:
            prepare(pages)
            for i, page in enumerate(pages):
                result = write(page)
                for record in forward.records:
                    out.write(json.dumps(record) + "\n")
                forward.records = []
                out.write(json.dumps(["page", i, result]) + "\n")
                out.flush()
        code = 0
    except BaseException:  # noqa: S110  # the parent writes the pages not reported
        pass
    finally:
        os._exit(code)


class SharedPages:
    """A build's pages made by a forked copy (Share), in MkDocs' terms: forked once the files and the
    navigation are known (on_nav), before MkDocs converts any page, the copy converts every other page the
    navigation does not list, renders and writes it; MkDocs here skips those pages (a dirty build asks each
    page's file whether it is modified: theirs answer no).

    The pages the navigation lists are converted here, and in the copy too, as the navigation shows their
    titles. Anchors: MkDocs checks each link to an anchor once every page is converted, and a page the copy
    made was never converted here; the copy sends each page's anchors and links to anchors, and `finish`
    checks the links from and to those pages, as MkDocs would have, with the same messages."""

    def __init__(self, config: Any, files: Any, docs: list[Any], nav: Any, share: Share[Any]) -> None:
        self.config, self.files, self.docs, self.nav, self.share = config, files, docs, nav, share
        # each page the copy made: its anchors, and its links to anchors ({target page: {anchor: link}})
        self.anchors: dict[str, tuple[list[str], dict[str, dict[str, str]]]] = {}
        self.env: Any = None  # the template environment, once MkDocs has made it (on_env)

    @classmethod
    def start(
        cls,
        config: Any,
        files: Any,
        nav: Any,
        *,
        in_copy: Callable[[], None],
        marked: Callable[[], bool],
        on_page: Callable[[Any, bool], None],
    ) -> SharedPages | None:
        """Fork the copy (None where none is made). In the copy, `in_copy()` is called first, and `marked()`
        after each page says whether it is to be indexed for search; here, `on_page(file, marked)` is
        called, from a thread, for each page the copy has written, once `listen` is."""
        from mkdocs.structure.files import InclusionLevel

        listed = {page.file.src_uri for page in nav.pages}
        docs = files.documentation_pages(inclusion=InclusionLevel.is_included)
        todo = [f for f in docs if f.src_uri not in listed and f.is_modified()]
        made: SharedPages | None = None
        copy_env: Any = None  # the copy's template environment, made as MkDocs makes it

        def prepare(theirs: list[Any]) -> None:
            nonlocal copy_env
            in_copy()
            logging.disable(logging.CRITICAL)  # the listed pages are converted here too, and log there
            try:
                _convert([f for f in docs if f.src_uri in listed and f.is_modified()], config, files)
            finally:
                logging.disable(logging.NOTSET)
            _convert(theirs, config, files)
            copy_env = config.plugins.on_env(config.theme.get_env(), config=config, files=files)

        def write(file: Any) -> list[Any]:
            from mkdocs.commands.build import _build_page

            page = file.page
            _build_page(page, config, docs, nav, copy_env)
            links = {to.src_uri: dict(found) for to, found in (page.links_to_anchors or {}).items()}
            return [marked(), sorted(page.present_anchor_ids or ()), links]

        def notice(file: Any, result: Any) -> None:
            assert made is not None
            marked_page, ids, links = result
            made.anchors[file.src_uri] = (ids, links)
            on_page(file, bool(marked_page))

        share = Share.start(todo, write, notice, prepare)
        if share is None:
            return None
        made = cls(config, files, docs, nav, share)
        for file in share.theirs:
            file.is_modified = _not_here  # MkDocs neither converts nor writes it here
        return made

    def listen(self, env: Any) -> None:
        """MkDocs has converted this process's pages and made the template environment: the copy's notices
        are taken from now on."""
        self.env = env
        self.share.listen()

    def stop(self) -> None:
        self.share.stop()

    def finish(self, level: int) -> list[Any]:
        """Wait for the copy; make here the pages it did not; check the links to anchors from and to its
        pages (logged at `level`, MkDocs' validation.links.anchors). Returns the pages made here."""
        from mkdocs.commands.build import _build_page

        left = self.share.finish()
        docs = self.docs
        _convert(left, self.config, self.files)
        for file in left:
            _build_page(file.page, self.config, docs, self.nav, self.env)
        here = {f.src_uri for f in left}  # converted here: MkDocs' own page objects hold their anchors
        theirs = {f.src_uri for f in self.share.theirs}
        for file in self.share.theirs:
            if file.src_uri in here:
                continue
            ids, links = self.anchors.get(file.src_uri, ([], {}))
            file.page.present_anchor_ids = set(ids)
            targets = {uri: self.files.get_file_from_path(uri) for uri in links}
            file.page.links_to_anchors = {targets[uri]: found for uri, found in links.items() if targets[uri]}
        for file in docs:
            page = file.page
            if page is None or not page.links_to_anchors:
                continue
            if file.src_uri in theirs:  # every link from it: MkDocs checked none
                page.validate_anchor_links(files=self.files, log_level=level)
                continue
            kept = page.links_to_anchors  # only its links to the copy's pages: MkDocs checked the others
            page.links_to_anchors = {to: found for to, found in kept.items() if to.src_uri in theirs}
            try:
                page.validate_anchor_links(files=self.files, log_level=level)
            finally:
                page.links_to_anchors = kept
        return left


def _not_here() -> bool:
    return False


def _convert(files: list[Any], config: Any, all_files: Any) -> None:
    """MkDocs' conversion of each file's page (made as MkDocs makes a page the navigation does not list)."""
    from mkdocs.commands.build import _populate_page
    from mkdocs.structure.pages import Page

    for file in files:
        if file.page is None:
            Page(None, file, config)
        _populate_page(file.page, config, all_files)
