"""A Pagefind full-text index of the built site, for the header search and the Full-text search page.

Pagefind splits its index into small chunks that the browser fetches as a query needs them, so search
stays light with many thousands of briefings (Material's lunr search loaded its whole index up front).
Only the article of each page is indexed (the theme marks it with `data-pagefind-body`, and adds the
page's filters: kind, countries, topics); pages whose front matter says `search: {exclude: true}` (year
archives, the briefings of a year, timeline periods) carry no such mark and are left out. The index is
built with the site's language (`force_language`), so English words are stemmed: "treaties" finds "treaty".

Each text is indexed once, on the page where it is written. Profiles, pair pages, topics, the home page,
the indexes and the timeline list what briefings say (titles and deks, event lines, the sentences that
mention someone, quotes, stance notes, counts and charts): the templates mark those parts with the class
"unindexed" (UNINDEXED; the page sanitizer keeps classes, not data-pagefind-* attributes), and Pagefind is
told to skip them (EXCLUDE), with breadcrumbs, the links between parts and the labels of a page's facts;
the large ones are cut out of what Pagefind is given (CUT_FROM), which then need not parse them at all.
What a page holds of its own stays: a profile's name, other names, ISO codes, official name and
introduction, a person's or organization's description and text, a topic's description, a pair's title.
So an ordinary word finds the briefings that use it, not every list that repeats them, and a common word's
postings, the index chunks and the metadata a search downloads stay small. The theme writes the name of the
one thing a page shows once more at Pagefind's highest weight, so that its page comes first for it ("Iran",
"Andrei Rudenko") although the lists no longer repeat it.

A build feeds one Pagefind process the pages as MkDocs writes them (`Feed`, through `Service`) and verifies
the bundle it writes; where feeding fails, it indexes the whole folder instead (`build_pagefind`). The live
preview does not wait for Pagefind (`preview_pagefind`).
"""

from __future__ import annotations

import asyncio
import atexit
import base64
import contextlib
import functools
import gzip
import json
import logging
import os
import queue
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Coroutine, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

OUTPUT = "pagefind"
# Within the article: heading permalinks and the edit button are not content, nor what the templates mark
# "unindexed" (what a page repeats of the briefings, and navigation; see the module's docstring), nor the
# labels of a page's facts ("Published:", "Official name:"), words on every page of a kind.
UNINDEXED = "unindexed"
EXCLUDE = [
    ".headerlink",
    ".md-content__button",
    f".{UNINDEXED}",
    ".briefing-meta li > strong:first-child",
    ".profile-facts li > strong:first-child",
]

log = logging.getLogger("mkdocs.plugins.briefing")


async def _index(site_dir: Path, language: str, out: Path | None = None) -> int:
    from pagefind.index import IndexConfig, PagefindIndex

    output = str(out or site_dir / OUTPUT)
    config = IndexConfig(exclude_selectors=EXCLUDE, force_language=language, output_path=output)
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(str(site_dir))
    return int(result["page_count"])


class PagefindError(Exception):
    """The bundle Pagefind wrote cannot serve a search."""


ASSETS = re.compile(r"^(?:[^/]+\.(?:js|css)|wasm\.[^/]+\.pagefind)$")  # the same for every site indexed


@functools.cache
def reference_assets(language: str) -> dict[str, bytes]:
    """Pagefind's scripts, styles and WebAssembly as it writes them, from indexing a one-page site: the
    version most runs agree on (a write cut short is never the common one)."""
    seen: dict[tuple[tuple[str, bytes], ...], int] = {}
    for _ in range(5):
        with tempfile.TemporaryDirectory(prefix="briefing-pagefind-reference-") as folder:
            site = Path(folder)
            (site / "index.html").write_text(
                f'<html lang="{language}"><body><main data-pagefind-body><p>reference</p></main></body></html>',
                encoding="utf-8",
            )
            _run(_index(site, language))
            bundle = site / OUTPUT
            files = tuple(
                sorted(
                    (p.relative_to(bundle).as_posix(), p.read_bytes())
                    for p in bundle.rglob("*")
                    if p.is_file() and ASSETS.match(p.relative_to(bundle).as_posix())
                )
            )
        seen[files] = seen.get(files, 0) + 1
        if seen[files] >= 2:
            return dict(files)
    return dict(max(seen.items(), key=lambda item: item[1])[0])


def build_pagefind(
    site_dir: Path, language: str = "en", attempts: int = 3, reference: dict[str, bytes] | None = None
) -> int:
    """Write the Pagefind bundle into `site_dir/pagefind/` (replacing any earlier one) and verify it;
    returns the number of pages it indexed. A bundle that fails verification is written once more,
    then PagefindError says what is wrong. `reference`: Pagefind's assets as `reference_assets` gives
    them, if known already (a cached build keeps them)."""
    out = site_dir / OUTPUT
    problem = ""
    with tempfile.TemporaryDirectory(prefix="briefing-pagefind-pages-") as folder:
        pages = Path(folder)
        searchable_copy(site_dir, pages)
        for _ in range(attempts):
            if out.exists():
                shutil.rmtree(out)  # no stale chunks from an earlier build
            _run(_index(pages, language, out))
            try:
                return verify(out, language, reference)
            except PagefindError as exc:
                problem = str(exc)
                # Info, not a warning: a recovered run must not fail a strict build (Pagefind now and then
                # leaves pagefind-entry.json empty); a bundle that stays broken fails it below.
                log.info("briefing: Pagefind wrote a broken bundle (%s); writing it again", problem)
    raise PagefindError(problem)


def searchable_copy(site_dir: Path, folder: Path) -> None:
    """The pages of `site_dir` marked for indexing, each as a build gives it to Pagefind (`searchable`), at
    the same paths under `folder`: indexing the folder then gives the bundle a build feeds (`Feed`)."""
    for path in site_dir.rglob("*.html"):
        rel = path.relative_to(site_dir)
        if rel.parts[0] == OUTPUT:
            continue
        html = path.read_bytes().decode("utf-8", "replace")
        if MARK in html:
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_text(searchable(html), encoding="utf-8")


MARK = "data-pagefind-body"  # the attribute the theme gives the article of a page to be indexed
PAGEFIND_ATTRIBUTE = "data-pagefind-"  # any of Pagefind's attributes: body, meta, filter, weight, ignore
# Empty elements the templates put just inside the large parts they mark "unindexed" (the lists of briefings,
# timelines, tables and maps a page repeats; a briefing's citation formats), as the page sanitizer writes
# them: the attribute is one only generated pages keep (sanitize._PAGE_ATTRS), so contributors' text cannot
# hold one. `searchable` cuts out what lies between them: half of what Pagefind was given, which it parsed
# only to leave it out.
CUT_FROM = '<span data-unindexed="from"></span>'
CUT_TO = '<span data-unindexed="to"></span>'


def searchable(html: str) -> str:
    """What Pagefind needs of a page: its root element (the language) and its article, where the theme puts
    the indexed body with its metadata and filters (the title is the article's first heading), less the
    unindexed parts marked to be cut (CUT_FROM). Pagefind reads nothing else of a page that has a marked body,
    and parsing the rest (the head, header, navigation, footer, scripts) was most of its work. A page with any
    of Pagefind's attributes outside its article is given whole; a marked part that holds one is kept."""
    start, end = html.find("<article"), html.rfind("</article>")
    body = html.find("<body")
    if start < 0 or end < start or not 0 <= body < start:
        return html
    end += len("</article>")
    if html.count(PAGEFIND_ATTRIBUTE, start, end) != html.count(PAGEFIND_ATTRIBUTE):
        return html
    head = html.find("<head", 0, body)
    return f"{html[: head if head >= 0 else body]}<body>{_cut(html, start, end)}</body></html>"


def _cut(html: str, start: int, end: int) -> str:
    """html[start:end] without what lies from each CUT_FROM to the CUT_TO after it (both included). In parts
    marked within one another, the cut ends at the first CUT_TO: what is left of the outer part is still
    inside an element Pagefind is told to skip (EXCLUDE)."""
    kept, at = [], start
    while (cut := html.find(CUT_FROM, at, end)) >= 0:
        until = html.find(CUT_TO, cut, end)
        if until < 0:
            break
        until += len(CUT_TO)
        if html.find(PAGEFIND_ATTRIBUTE, cut, until) >= 0:  # not expected: kept, for Pagefind to read
            kept.append(html[at:until])
        else:
            kept.append(html[at:cut])
        at = until
    kept.append(html[at:end])
    return "".join(kept)


class ServiceError(Exception):
    """Pagefind's indexing service failed, stopped, or did not answer in time."""


# Pagefind's Linux binary allocates with jemalloc (since 1.5.2), which keeps the memory freed for seconds
# before giving it back. Writing the bundle frees and allocates a lot in a few seconds: at 10,000 briefings
# its peak was 1.63 GB by default and 1.26-1.34 GB when freed memory is given back at once, for the same
# bundle and 1-2 more CPU-seconds (`_RJEM_MALLOC_CONF`: the variable of its jemalloc's prefixed build).
JEMALLOC = ("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")


def service_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """The environment Pagefind runs in: this one, with jemalloc told to give freed memory back at once
    unless the variable is set already (then it is left as it is)."""
    name, value = JEMALLOC
    return {**environ, name: environ.get(name, value)}


class Service:
    """Pagefind's indexing service (`pagefind --service`, the process behind its Python and Node APIs),
    spoken to directly: each request is a base64-encoded JSON message followed by a comma on its standard
    input, each answer the same on its standard output, matched by message id. The `pagefind` package's
    client reads one answer per tenth of a second, which is 25 minutes for 15,000 pages given one by one;
    here a thread reads them as they come. Pagefind's own log goes to a temporary file."""

    PATIENCE = 300.0  # seconds without any answer before the service is given up

    def __init__(self, config: dict[str, Any]) -> None:
        from pagefind.service import get_executable

        executable = get_executable()
        if executable is None:
            raise ServiceError("the pagefind binary is not installed")
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed with the service)
        self.process = subprocess.Popen(
            [str(executable), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            env=service_environment(os.environ),
        )
        self.lock = threading.Condition()
        self.next_id = 0
        self.answers: dict[int, dict[str, Any]] = {}  # answers someone waits for, by message id
        self.awaited: set[int] = set()
        self.unanswered = 0  # requests sent and not yet answered
        self.error = ""  # the first error Pagefind answered, or why the service stopped
        self.closed = False
        self.reader = threading.Thread(target=self._read, name="briefing-pagefind-answers", daemon=True)
        self.reader.start()
        self.index_id = self.call({"type": "NewIndex", "config": config})["index_id"]

    def send(self, payload: dict[str, Any], *, awaited: bool = False) -> int:
        """Write one request (blocking while Pagefind's input is full); returns its message id."""
        with self.lock:
            if self.error:
                raise ServiceError(self.error)
            self.next_id += 1
            message_id = self.next_id
            self.unanswered += 1
            if awaited:
                self.awaited.add(message_id)
        message = base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode())
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(message + b",")
            self.process.stdin.flush()
        except OSError as exc:
            self._stop(f"Pagefind stopped reading: {exc}")
            raise ServiceError(self.error) from None
        return message_id

    def call(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Send a request and wait for its answer."""
        return self.answer(self.send(payload, awaited=True))

    def answer(self, message_id: int) -> dict[str, Any]:
        """Wait for the answer to a request sent with `awaited`."""
        with self.lock:
            self._wait(lambda: message_id in self.answers)
            return self.answers.pop(message_id)

    def drain(self) -> None:
        """Wait until every request sent has been answered."""
        with self.lock:
            self._wait(lambda: self.unanswered == 0)

    def _wait(self, done: Callable[[], bool]) -> None:
        seen = -1
        while not done():
            if self.error:
                raise ServiceError(self.error)
            if seen == self.unanswered:  # a whole wait without an answer
                self.error = f"Pagefind answered nothing for {self.PATIENCE:.0f} s"
                raise ServiceError(self.error)
            seen = self.unanswered
            self.lock.wait(self.PATIENCE)

    def _read(self) -> None:
        assert self.process.stdout is not None
        output, pending = self.process.stdout.fileno(), b""
        try:
            while chunk := os.read(output, 1 << 16):
                *messages, pending = (pending + chunk).split(b",")
                for message in messages:
                    self._answer(json.loads(base64.b64decode(message)))
        except Exception as exc:  # output that is not Pagefind's protocol
            self._stop(f"Pagefind's answer cannot be read: {exc}")
            return
        self._stop("Pagefind stopped" + self._log_tail())

    def _answer(self, answer: dict[str, Any]) -> None:
        payload = answer.get("payload") or {}
        message_id = answer.get("message_id")
        with self.lock:
            self.unanswered -= 1
            if payload.get("type") == "Error":
                self.error = self.error or f"Pagefind: {payload.get('message')}"
            elif message_id in self.awaited:
                self.awaited.discard(message_id)
                self.answers[message_id] = payload
            self.lock.notify_all()

    def _stop(self, why: str) -> None:
        with self.lock:
            self.error = self.error or why
            self.lock.notify_all()

    def _log_tail(self) -> str:
        with contextlib.suppress(OSError):
            self.log.seek(0)
            text = self.log.read()[-500:].decode("utf-8", "replace").strip()
            return f": {text}" if text else ""
        return ""

    def close(self, kill: bool = False) -> None:
        """Stop the process: once it has written what it was asked to, by closing its input; `kill` when a
        build gives up on it, whatever it is doing (a write blocked on a full pipe then fails)."""
        if self.closed:
            return
        self.closed = True
        if kill:
            self.process.kill()
        with contextlib.suppress(OSError):
            assert self.process.stdin is not None
            self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.reader.join(timeout=30)
        self.log.close()


class Feed:
    """Pagefind fed while MkDocs writes the pages, instead of once every page is written: Pagefind then
    indexes on the other core while the build renders, and is given only the pages to be indexed (under half
    of the site's files at 10,000 briefings), and of each only what it reads (`searchable`), where a
    whole-folder run read and parsed every file at the end.

    `add` gives a page's HTML as it is published, `add_file` a page already in the site folder (a warm
    build's unchanged pages, linked from the last site: it is read here, and left out if it has no mark),
    each with its path in the site folder, from which Pagefind makes its address as it does for a folder's
    files; `skip` says a page will not come. A thread of the feed's own cuts the pages and writes them to
    Pagefind, so the build goes on while Pagefind reads; the pages waiting for it are at most QUEUE, then
    the build waits. Any failure makes `finish` return None (`failed` says why): the caller then indexes
    the whole folder (build_pagefind).

    Pagefind numbers pages in the order it is given them, and the numbers are in its index files. `expect`
    gives the order of the site's pages: each page is then sent in its turn, held until the pages before
    it have come or been skipped, so a warm build (which gives the unchanged pages first) writes the same
    index as a cold one (which gives them as MkDocs writes them, in that order)."""

    QUEUE = 512
    DONE = None

    def __init__(self, site_dir: Path, language: str) -> None:
        self.site_dir, self.language = site_dir, language
        self.failed = ""
        self.indexed: list[str] = []  # the pages given to Pagefind (marked), by path
        self.pages: queue.Queue[tuple[str, str | Path | None] | list[str] | None] = queue.Queue(self.QUEUE)
        self.service: Service | None = None
        self.turns: dict[str, int] = {}  # page -> its turn, for the pages not come yet (see `expect`)
        self.held: dict[int, tuple[str, str | Path | None]] = {}  # pages come before their turn
        self.turn = 0  # the turn of the next page to send
        self.writing: int | None = None  # the request that writes the bundle, once sent (`write`)
        self.thread = threading.Thread(target=self._feed, name="briefing-pagefind", daemon=True)
        self.thread.start()

    @property
    def sent(self) -> int:
        """How many pages Pagefind has been given."""
        return len(self.indexed)

    def expect(self, paths: list[str]) -> None:
        """The order to send pages in: every page of the site, indexed or not, before any of them is given."""
        if not self.failed:
            self.pages.put(list(paths))

    def add(self, path: str, html: str) -> None:
        """Index the page published at `path` (relative to the site folder, '/'-separated) from its HTML."""
        self._put(path, html)

    def add_file(self, path: str, file: Path) -> None:
        """Index the page at `path` from the file `file`, if it is marked for indexing."""
        self._put(path, file)

    def skip(self, path: str) -> None:
        """The page at `path` is not to be indexed (only its turn is given up)."""
        self._put(path, None)

    def give_up(self, why: str) -> None:
        """Stop feeding: `finish` will return None, and the caller index the whole folder."""
        self.failed = self.failed or why

    def _put(self, path: str, page: str | Path | None) -> None:
        if self.failed:
            return
        if path.startswith("/") or "\\" in path or ".." in path.split("/"):
            self.give_up(f"a page's path is not inside the site folder: {path!r}")
            return
        try:
            self.pages.put((path, page), timeout=Service.PATIENCE)
        except queue.Full:
            self.give_up(f"Pagefind took no page for {Service.PATIENCE:.0f} s")

    def _feed(self) -> None:
        try:
            config = {"exclude_selectors": EXCLUDE, "force_language": self.language}
            self.service = Service(config)
            while (item := self.pages.get()) is not self.DONE:
                if self.failed:
                    continue  # keep taking pages, so the build never waits on a feed that gave up
                if isinstance(item, list):
                    self.turns = {path: turn for turn, path in enumerate(item)}
                    self.held, self.turn = {}, 0
                    continue
                turn = self.turns.pop(item[0], None)
                if turn is None:  # no order given, or a page outside it: at once
                    self._send(*item)
                    continue
                self.held[turn] = item
                while self.turn in self.held:
                    self._send(*self.held.pop(self.turn))
                    self.turn += 1
            for turn in sorted(self.held):  # after a page that never came (one MkDocs did not write)
                self._send(*self.held.pop(turn))
        except Exception as exc:
            self.give_up(f"{type(exc).__name__}: {exc}")
            while self.pages.get() is not self.DONE:  # the build may still give pages: take them
                pass
        if self.failed and self.service is not None:  # given up: the process goes now
            self.service.close(kill=True)

    def _send(self, path: str, page: str | Path | None) -> None:
        if page is None or self.failed or self.service is None:
            return
        html = page if isinstance(page, str) else page.read_bytes().decode("utf-8")
        if MARK in html:
            service = self.service
            message = {"type": "AddFile", "index_id": service.index_id, "file_path": path, "url": None}
            service.send({**message, "file_contents": searchable(html)})
            self.indexed.append(path)

    SETTLE = 5.0  # seconds a written bundle may take to verify before it is written again

    def write(self) -> None:
        """Send the last pages and ask Pagefind to write its bundle, without waiting: the build writes its
        other files meanwhile, and `finish` waits. Pagefind answers requests one after the other, so the
        bundle holds every page sent before."""
        if self.writing is not None:
            return
        try:
            if self.thread.is_alive():
                self.pages.put(self.DONE)
                self.thread.join()
            if self.failed or self.service is None:
                return
            shutil.rmtree(self.site_dir / OUTPUT, ignore_errors=True)  # Pagefind leaves a file it finds in place
            self.writing = self.service.send(self._write_request(), awaited=True)
        except Exception as exc:
            self.give_up(f"{type(exc).__name__}: {exc}")

    def _write_request(self) -> dict[str, Any]:
        assert self.service is not None
        return {"type": "WriteFiles", "index_id": self.service.index_id, "output_path": str(self.site_dir / OUTPUT)}

    def finish(self, check: Callable[[Path], int]) -> int | None:
        """Wait for Pagefind to index every page given, write its bundle and stop it: what `check` (which
        raises PagefindError for a broken bundle) says of the bundle, or None when it could not be made this
        way (`failed` says why).

        Pagefind 1.5 answers that it has written the bundle while the last files may still be on their way
        to the disk (fixed upstream after 1.5.2: Pagefind pull request #1272), and a process stopped then
        leaves one cut short. So the process is kept until the bundle checks whole, for up to SETTLE
        seconds; a bundle still broken then is written once more, from the index Pagefind holds."""
        try:
            self.write()
            if self.failed or self.service is None or self.writing is None:
                return None
            self.service.answer(self.writing)
            out, problem = self.site_dir / OUTPUT, ""
            for attempt in range(2):
                if attempt:
                    shutil.rmtree(out, ignore_errors=True)
                    self.service.call(self._write_request())
                deadline = time.monotonic() + self.SETTLE
                while True:
                    try:
                        return check(out)
                    except PagefindError as exc:
                        problem = str(exc)
                    if time.monotonic() > deadline:
                        break
                    time.sleep(0.2)
            self.give_up(f"the bundle stays broken: {problem}")
            return None
        except Exception as exc:
            self.give_up(f"{type(exc).__name__}: {exc}")
            return None
        finally:
            self.close()

    def close(self) -> None:
        """Stop the indexing process (without writing anything, unless `finish` did) and the thread."""
        finished = not self.thread.is_alive() and not self.failed
        if self.thread.is_alive():
            self.give_up("closed before the end of the build")
            with contextlib.suppress(queue.Full):
                self.pages.put(self.DONE, timeout=10)
        service, self.service = self.service, None
        if service is not None:
            service.close(kill=not finished)
        self.thread.join(timeout=30)


def _run(coroutine: Coroutine[Any, Any, int]) -> int:
    """Run the indexing to the end, also where this thread already runs an event loop (MkDocs called
    from async code, or next to Playwright's sync API): then in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def verify(out: Path, language: str | None = None, reference: dict[str, bytes] | None = None) -> int:
    """Check a written bundle as the search page will load it: no empty file, an entry file naming each
    language's metadata and WebAssembly, metadata that decompresses to Pagefind's format, every compressed
    file whole, and (given the language) Pagefind's scripts, styles and WebAssembly byte for byte as
    Pagefind writes them for any site (Pagefind 1.5 now and then leaves one cut short, such as pagefind.js
    at 40,960 of 45,555 bytes: search is then broken). Returns the number of pages indexed."""
    empty = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.stat().st_size == 0)
    if empty:
        raise PagefindError(f"{len(empty)} empty file(s), e.g. {empty[0]}")
    if language is not None:
        _same_assets(out, reference if reference is not None else reference_assets(language))
    for name in ("pagefind.js", "pagefind-ui.js", "pagefind-worker.js"):
        if not (out / name).is_file():
            raise PagefindError(f"{name} is missing")
    try:
        entry = json.loads((out / "pagefind-entry.json").read_text(encoding="utf-8"))
        languages = entry["languages"]
        pages = 0
        for info in languages.values():
            meta = gzip.decompress((out / f"pagefind.{info['hash']}.pf_meta").read_bytes())
            if not meta.startswith(b"pagefind_dcd"):
                raise PagefindError(f"pagefind.{info['hash']}.pf_meta is not a Pagefind index")
            wasm = info["wasm"] or "unknown"  # a language without a stemmer has none of its own
            if not (out / f"wasm.{wasm}.pagefind").is_file():
                raise PagefindError(f"wasm.{wasm}.pagefind is missing")
            pages += int(info["page_count"])
    except (OSError, ValueError, KeyError, TypeError, EOFError, gzip.BadGzipFile) as exc:
        raise PagefindError(f"the index cannot be read: {exc}") from None
    if not languages:
        raise PagefindError("the index has no language")
    _whole(out)
    return pages


def _same_assets(out: Path, reference: dict[str, bytes]) -> None:
    for name, data in reference.items():
        if not (out / name).is_file():
            raise PagefindError(f"{name} is missing")
        found = (out / name).read_bytes()
        if found != data:
            raise PagefindError(f"{name} is not as Pagefind writes it ({len(found):,} of {len(data):,} bytes)")


def _whole(out: Path) -> None:
    """Every compressed file of the index (metadata, word chunks, fragments, filters) decompresses whole."""
    for path in out.rglob("*.pf_*"):
        try:
            with gzip.open(path) as f:
                while f.read(1 << 20):
                    pass
        except (OSError, EOFError) as exc:
            raise PagefindError(f"{path.relative_to(out).as_posix()} is cut short or damaged: {exc}") from None


# --- the live preview -------------------------------------------------------------------------------

Indexer = Callable[[Path, Path, str], object]  # (site folder, output folder, language): writes a bundle


def _index_into(site_dir: Path, out: Path, language: str) -> object:
    return _run(_index(site_dir, language, out))


def _build_mark(site_dir: Path) -> tuple[int, int] | None:
    """Which build the folder holds: MkDocs writes sitemap.xml anew at the end of each build (and a clean
    build deletes it first), so a different mark means another build has started since."""
    try:
        st = (site_dir / "sitemap.xml").stat()
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns)


def _link(source: Path, target: Path) -> None:
    """A hard link where the file system allows (fast at any size), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _files(bundle: Path) -> set[str]:
    return {p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file()}


ENTRY = "pagefind-entry.json"  # names the language's metadata file; every chunk's name is a hash of it
# The files Pagefind writes in an order of its own that changes from run to run (upstream: Pagefind issue
# #638; its fragments, the bulk, are stable since 1.3): the one exception to byte-for-byte reproducible builds.
UNSTABLE = re.compile(rf"^{OUTPUT}/(?:filter/[^/]+\.pf_filter|pagefind\.[^/]+\.pf_meta|{re.escape(ENTRY)})$")


def _publish(bundle: Path, site_dir: Path, keep: set[str]) -> None:
    """Put `bundle` at site_dir/pagefind/ without breaking a search under way. Where the folder has an
    index, the new files go in beside the old ones and the entry file is replaced last, in one rename:
    a page that loaded the old index still finds its own chunks (their names are hashes of their
    content), a page that loads now gets the new one. Files of neither this bundle nor `keep` (the one
    published before it) are removed. Where the folder has none, the bundle goes in whole, in one rename.
    """
    target = site_dir / OUTPUT
    new = _files(bundle)
    if not (target / ENTRY).is_file():
        staging = site_dir / f"{OUTPUT}.new"
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(bundle, staging, copy_function=lambda a, b: _link(Path(a), Path(b)))
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
        return
    for name in sorted(new - {ENTRY}):
        source, dest = bundle / name, target / name
        if dest.is_file() and dest.stat().st_size == source.stat().st_size:
            continue  # a hashed name: the same content (the scripts and WebAssembly only change with Pagefind)
        dest.parent.mkdir(parents=True, exist_ok=True)
        fresh = dest.with_name(f".{dest.name}.new")
        fresh.unlink(missing_ok=True)
        _link(source, fresh)
        os.replace(fresh, dest)
    fresh = target / f".{ENTRY}.new"
    fresh.unlink(missing_ok=True)
    _link(bundle / ENTRY, fresh)
    os.replace(fresh, target / ENTRY)
    for name in _files(target) - new - keep:
        (target / name).unlink(missing_ok=True)


def _yield_cpu() -> None:
    """Lower this thread's priority, and so that of the Pagefind process it starts (a child inherits the
    nice value of the thread that starts it): the preview's next rebuild, at normal priority, is then not
    slowed by an indexing still under way (on two cores it was, by a second at 1,000 briefings)."""
    with contextlib.suppress(AttributeError, OSError):  # Linux: each thread has a nice value of its own
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 15)


class PreviewIndex:
    """Pagefind for `briefing serve`, where each rebuild must not wait for it.

    After a build, `schedule` puts the last verified index back into the served folder at once if the
    build emptied it (the page searches the previous pages meanwhile) and starts a timer. When the
    rebuilds have paused for `delay` seconds, the site is indexed in a background thread into a folder
    of its own, verified, kept as the last good index, and published into the served folder (see
    `_publish`: a search under way is not broken). A build that comes meanwhile supersedes the pending
    run: its timer replaces the old one, and a run overtaken by another build (one that has emptied the
    folder, or rewritten its sitemap.xml: a dirty rebuild does so at its end) is dropped instead of
    published; that build's own run follows.
    """

    def __init__(self, delay: float = 1.0, indexer: Indexer = _index_into) -> None:
        self.delay = delay
        self.indexer = indexer
        self.lock = threading.Lock()  # the timer, the generation and the folders
        self.running = threading.Lock()  # one indexing at a time
        self.timer: threading.Timer | None = None
        self.generation = 0
        self.kept: Path | None = None  # the last verified bundle, outside the served folder
        self.runs = 0  # indexings started (for tests)
        self.published = 0  # bundles swapped in

    def schedule(self, site_dir: Path, language: str) -> None:
        with self.lock:
            self.generation += 1
            if self.timer is not None:
                self.timer.cancel()
            if self.kept is not None and not (site_dir / OUTPUT / ENTRY).exists():
                _publish(self.kept, site_dir, set())
            args = (site_dir, language, self.generation, _build_mark(site_dir))
            self.timer = threading.Timer(self.delay, self.run, args=args)
            self.timer.daemon = True
            self.timer.start()

    def current(self, generation: int, site_dir: Path, mark: tuple[int, int] | None) -> bool:
        """Still the newest build, and its folder not yet being rewritten by another."""
        return generation == self.generation and mark is not None and _build_mark(site_dir) == mark

    def run(self, site_dir: Path, language: str, generation: int, mark: tuple[int, int] | None) -> None:
        with self.running:
            if not self.current(generation, site_dir, mark):
                return
            self.runs += 1
            _yield_cpu()
            work = Path(tempfile.mkdtemp(prefix="briefing-pagefind-"))
            try:
                self.indexer(site_dir, work / OUTPUT, language)
                count = verify(work / OUTPUT, language)
                with self.lock:
                    if not self.current(generation, site_dir, mark):
                        return
                    previous = _files(self.kept) if self.kept is not None else set()
                    self.keep(work / OUTPUT)
                    assert self.kept is not None
                    _publish(self.kept, site_dir, previous)
                    self.published += 1
                log.info("briefing: the search index is up to date (%d pages)", count)
            except Exception as exc:  # the preview keeps serving; the next rebuild tries again
                log.warning("briefing: Pagefind could not index the preview (%s); search uses the last index", exc)
            finally:
                shutil.rmtree(work, ignore_errors=True)

    def keep(self, bundle: Path) -> None:
        if self.kept is None:
            folder = tempfile.mkdtemp(prefix="briefing-pagefind-kept-")
            atexit.register(shutil.rmtree, folder, ignore_errors=True)
            self.kept = Path(folder) / OUTPUT
        shutil.rmtree(self.kept, ignore_errors=True)
        shutil.move(str(bundle), str(self.kept))

    def wait(self, timeout: float = 60.0) -> None:
        """Until the pending run, if any, has finished (for tests and for a clean exit)."""
        with self.lock:
            timer = self.timer
        if timer is not None:
            timer.join(timeout)
        if self.running.acquire(timeout=timeout):
            self.running.release()


_PREVIEWS: dict[Path, PreviewIndex] = {}


def preview_pagefind(site_dir: Path, language: str = "en") -> PreviewIndex:
    """Schedule the index of the preview served from `site_dir` (see PreviewIndex); returns at once."""
    preview = _PREVIEWS.setdefault(site_dir.resolve(), PreviewIndex())
    preview.schedule(site_dir, language)
    return preview
