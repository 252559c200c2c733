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
told to skip them (EXCLUDE), with breadcrumbs, the links between parts and the labels of a page's facts.
What a page holds of its own stays: a profile's name, other names, ISO codes, official name and
introduction, a person's or organization's description and text, a topic's description, a pair's title.
So an ordinary word finds the briefings that use it, not every list that repeats them, and a common word's
postings, the index chunks and the metadata a search downloads stay small. The theme writes the name of the
one thing a page shows once more at Pagefind's highest weight, so that its page comes first for it ("Iran",
"Andrei Rudenko") although the lists no longer repeat it.

A build runs Pagefind once, after the pages are written, and verifies what it wrote (`build_pagefind`).
The live preview does not wait for it (`preview_pagefind`).
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import functools
import gzip
import json
import logging
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Coroutine
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
    for _ in range(attempts):
        if out.exists():
            shutil.rmtree(out)  # no stale chunks from an earlier build
        _run(_index(site_dir, language))
        try:
            return verify(out, language, reference)
        except PagefindError as exc:
            problem = str(exc)
            # Info, not a warning: a recovered run must not fail a strict build (Pagefind now and then
            # leaves pagefind-entry.json empty); a bundle that stays broken fails it below.
            log.info("briefing: Pagefind wrote a broken bundle (%s); writing it again", problem)
    raise PagefindError(problem)


MARK = "data-pagefind-body"  # the attribute the theme gives the article of a page to be indexed
GLOB_SAFE = re.compile(r"^[A-Za-z0-9._/-]+$")  # a path written into a Pagefind glob as it is


class Feed:
    """Pagefind fed while MkDocs writes the pages, instead of once every page is written: Pagefind then
    indexes on the other core while the build renders, and reads only the pages to be indexed (half of
    the site's files at 10,000 briefings), where a whole-folder run read and parsed them all at the end.

    `add` names a page (its path in the site folder) that is about to be written; pages go to Pagefind by
    name in batches, each as one glob of their paths, when the next page comes (the last batch in
    `finish`, once every page is written). Pagefind reads them from disk, so it indexes what was
    published. A page whose path cannot be written into a glob as it is, or any failure of the indexing
    process, makes `finish` return False: the caller then indexes the whole folder (build_pagefind)."""

    BATCH = 256

    def __init__(self, site_dir: Path, language: str) -> None:
        self.site_dir, self.language = site_dir, language
        self.batch: list[str] = []
        self.sent: list[Any] = []  # concurrent.futures.Future of each batch
        self.failed = ""
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="briefing-pagefind", daemon=True)
        self.thread.start()
        self.written = False
        self.opened = asyncio.run_coroutine_threadsafe(self._open(), self.loop)

    async def _open(self) -> Any:
        from pagefind.index import IndexConfig, PagefindIndex

        output = str(self.site_dir / OUTPUT)
        config = IndexConfig(exclude_selectors=EXCLUDE, force_language=self.language, output_path=output)
        index = PagefindIndex(config=config)
        await index.__aenter__()
        return index

    def add(self, path: str) -> None:
        """Index the page about to be written at `path` (relative to the site folder, '/'-separated)."""
        if self.failed:
            return
        if not GLOB_SAFE.match(path) or "//" in path or path.startswith("/"):
            self.failed = f"a page's path cannot be a Pagefind glob: {path!r}"
            return
        if len(self.batch) >= self.BATCH:
            self.send()
        self.batch.append(path)

    def send(self) -> None:
        batch, self.batch = self.batch, []
        if batch and not self.failed:
            pattern = "{" + ",".join(batch) + "}"
            self.sent.append(asyncio.run_coroutine_threadsafe(self._add(pattern), self.loop))

    async def _add(self, pattern: str) -> int:
        index = await asyncio.wrap_future(self.opened)  # started before any batch is read
        result = await index.add_directory(str(self.site_dir), glob=pattern)
        return int(result["page_count"])

    def finish(self) -> bool:
        """Send the last pages, wait for Pagefind, write its bundle and stop it. False when the bundle
        could not be made this way (`failed` says why)."""
        try:
            self.send()
            if self.failed:
                return False
            for future in self.sent:
                future.result()
            index = self.opened.result()
            asyncio.run_coroutine_threadsafe(index.__aexit__(None, None, None), self.loop).result()
            self.written = True  # __aexit__ wrote the bundle and stopped the process
            return True
        except Exception as exc:
            self.failed = f"{type(exc).__name__}: {exc}"
            return False
        finally:
            self.close()

    def close(self) -> None:
        """Stop the indexing process (without writing anything, unless `finish` did) and the thread."""
        if self.loop.is_closed():
            return
        try:
            index = self.opened.result(timeout=60)  # let a start under way end, so its process is stopped
        except Exception:
            index = None
        if index is not None and not self.written:
            with contextlib.suppress(Exception):
                asyncio.run_coroutine_threadsafe(index._service.close(), self.loop).result(timeout=30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=30)
        if not self.loop.is_running():
            self.loop.close()


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
