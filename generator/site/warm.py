"""A build that starts from the last one: `briefing build` keeps, in a cache folder outside the project,
what its last build of a site knew, and the next build makes again only the pages that can differ.

The cache holds one file per site (`state.pickle`): the files the generator read, its index and pages
(generator/site/render.py `Last`), the digest of each generated page and where its output went. The next
build reads it if its key still matches (the generator's and the theme's versions, mkdocs.yml, the hand-
written docs, the templates and the theme override, by content); otherwise it builds from scratch. It
then builds into a new, empty work folder, as every build does, with MkDocs' dirty mode: a generated
page whose digest is the same as last time, and whose output in the published site is still the file the
last build wrote (same size and time), is not rendered again but hard-linked from the published site;
everything else (changed pages, hand-written pages, the theme's files, feeds, the search index) is
written anew. Nothing is ever written through a link, so the published site stays as it was until the
new one is swapped in (generator/site/publish.py). The cache is safe to delete: the next build is then
a cold one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import shutil
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from .. import __version__
from ..build import Memory
from ..content.validate import drop_models
from .pagefind import reference_assets
from .render import Last, Page, Units

FORMAT = 8  # 6: a page keeps its HTML compressed (render.Page.packed); 7: the pages Pagefind indexed;
# 8: a document's positions are packed (content.load.Positions)
STATE = "state.pickle"


def cache_folder(site: Path) -> Path:
    """Where the state of the builds of `site` is kept: $BRIEFING_CACHE_DIR, else the user's cache folder
    ($XDG_CACHE_HOME or ~/.cache, then briefing/), in a folder named after the site's path."""
    base = os.environ.get("BRIEFING_CACHE_DIR") or ""
    root = Path(base) if base else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "briefing"
    return root / hashlib.sha256(str(site.resolve()).encode()).hexdigest()[:16]


def state_key(config_file: Path, folders: list[Path]) -> str:
    """Everything a page's output depends on besides the content: the versions of the generator, Python,
    MkDocs and the theme, and the bytes of mkdocs.yml and of every file under `folders` (the docs, the
    templates, the theme override)."""
    h = hashlib.sha256()
    packages = ("mkdocs", "mkdocs-material", "pagefind", "pagefind-bin")
    versions = [str(FORMAT), __version__, sys.version, *(_version(p) for p in packages)]
    h.update("\0".join(versions).encode())
    for path in [config_file, *(p for folder in folders for p in sorted(_files(folder)))]:
        h.update(f"\0{path}\0".encode())
        with contextlib.suppress(OSError):
            h.update(path.read_bytes())
    return h.hexdigest()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else []


@dataclass
class Saved:
    """What a build leaves for the next."""

    key: str
    files: dict  # type: ignore[type-arg]  # generator.content.load.Memo: the content files read
    checks: list[tuple[str, Any, Any]]  # (what, extra, (document, result)) of validate.Memo, models left out
    last: Last  # the index and feeds (its pages are in `units`, its template environment left out)
    units: Units  # pages by unit (each holds its HTML compressed)
    assets: dict[str, dict[str, bytes]]  # language -> Pagefind's scripts and WebAssembly, as it writes them
    digests: dict[str, str]  # generated page -> its digest
    outputs: dict[str, tuple[str, int, int]]  # generated page -> (output file in the site, size, mtime_ns)
    indexed: frozenset[str] | None = None  # the output files Pagefind was given (None: not known)


@dataclass
class Warm:
    """One `briefing build`'s use of the cache: the state it started from (None: a cold build) and the
    published site whose unchanged pages it links; the plugin fills in what this build made."""

    key: str
    site: Path  # the published site (it may not exist yet)
    saved: Saved | None
    folder: Path | None = None  # the cache folder (`cache_folder`)
    memory: Memory = field(default_factory=Memory)
    digests: dict[str, str] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)  # generated page -> output file, relative
    linked: int = 0  # pages taken from the published site
    assets: dict[str, dict[str, bytes]] = field(default_factory=dict)  # see Saved.assets
    pending: Path | None = None  # this build's state, written before it is published (`prepare`)
    indexed: frozenset[str] | None = None  # the output files this build gave Pagefind (see Saved.indexed)
    later: list[tuple[Path, Path]] | None = None  # links to make on a thread (`link_later`): (published, dest)
    links: Links | None = None  # that thread (`start_links`)

    @classmethod
    def start(cls, key: str, site: Path, folder: Path) -> Warm:
        for stale in folder.glob(".state-*"):  # states written by builds that were interrupted
            stale.unlink(missing_ok=True)
        saved = load(folder, key)
        warm = cls(key, site, saved, folder)
        if saved is not None:
            # a check is remembered by its document object: keyed again by the objects just read back
            checks = {(what, id(found[0]), extra): found for what, extra, found in saved.checks}
            last = saved.last
            last.units = saved.units
            warm.memory = Memory(files=saved.files, checks=checks, last=last)
            warm.assets = saved.assets
        return warm

    def pagefind_assets(self, language: str) -> dict[str, bytes]:
        """What a Pagefind bundle's assets must be (pagefind.verify): kept from the last build (the key holds
        Pagefind's version), else worked out now and kept for the next."""
        if language not in self.assets:
            self.assets[language] = reference_assets(language)
        return self.assets[language]

    def unchanged(self, page: Page, dest_uri: str, dest: Path) -> Path | None:
        """Whether `page` publishes what the last build published at `dest_uri`: then its output file is
        linked from the published site to `dest` (in the work folder), MkDocs leaves it alone, and the
        published file is returned (it has the same bytes); else None. After `link_later`, the links but the
        first (which shows that the folders take links) are made by `start_links`'s thread."""
        self.digests[page.uri] = page.digest
        self.outputs[page.uri] = dest_uri
        saved = self.saved
        if saved is None or saved.digests.get(page.uri) != page.digest:
            return None
        recorded = saved.outputs.get(page.uri)
        published = self.site / dest_uri
        try:
            st = published.stat()
        except OSError:
            return None
        if recorded != (dest_uri, st.st_size, st.st_mtime_ns):
            return None  # the published file is not the one the last build wrote
        if self.later is not None and self.linked:
            self.later.append((published, dest))
        else:
            try:
                dest.parent.mkdir(parents=True, exist_ok=True)
                os.link(published, dest)
            except OSError:
                return None
        self.linked += 1
        return published

    def indexed_before(self, dest_uri: str) -> bool:
        """Whether the last build gave Pagefind its output file at `dest_uri` (an unchanged page is given it
        again, one that was not need not be read to find that it has no mark); True where not known."""
        indexed = self.saved.indexed if self.saved is not None else None
        return indexed is None or dest_uri in indexed

    def changed(self, pages: list[Page]) -> int:
        """How many of `pages` the last build did not make as they are now (by digest alone)."""
        digests = self.saved.digests if self.saved is not None else {}
        return sum(1 for page in pages if digests.get(page.uri) != page.digest)

    def link_later(self) -> None:
        """From now on `unchanged` leaves its links to a thread (`start_links`), so that linking the thousands
        of unchanged pages (a mkdir and a link each, 0.3 ms on this file system) no longer holds up the build."""
        self.later = []

    def start_links(self) -> None:
        """Start the thread that makes the links `unchanged` has left; `wait_links` waits for it."""
        later, self.later = self.later, None
        if later:
            self.links = Links(later)

    def wait_links(self) -> None:
        """Every link made (before the state records the files' sizes and times, and before the site is
        published): raises OSError if one could be neither linked nor copied."""
        links, self.links = self.links, None
        if links is not None:
            links.wait()

    def prepare(self, built: Path) -> None:
        """Write this build's state while the build finishes (Pagefind writes its bundle meanwhile), once
        every page is in `built`, the folder that becomes the published site (it is renamed: its files keep
        their sizes and times). It goes to a file of its own in the cache folder, which `keep` makes the
        state once the site is published; nothing is kept if it cannot be written (`keep` then tries)."""
        if self.folder is None:
            return
        try:
            self.pending = write_pending(self.folder, self.result(built))
        except Exception:
            self.pending = None

    def result(self, built: Path | None = None) -> Saved:
        """What to keep once the site is published: the output files' sizes and times as published (or as in
        `built`, the folder about to be published)."""
        outputs = {}
        site = built if built is not None else self.site
        for uri, rel in self.outputs.items():
            with contextlib.suppress(OSError):
                st = (site / rel).stat()
                outputs[uri] = (rel, st.st_size, st.st_mtime_ns)
        last = self.memory.last
        kept = Last(last.settings, last.index, feeds=last.feeds, feeds_site=last.feeds_site)  # units: packed
        # The parsed front matter is left out (drop_models; a build dropped it already): its classes are made at
        # run time (generator/kinds.py) and cannot be pickled; the checks and briefings made from it are kept.
        drop_models(self.memory.checks)
        checks = [(what, extra, found) for (what, _, extra), found in self.memory.checks.items()]
        return Saved(
            self.key, self.memory.files, checks, kept, last.units, self.assets, self.digests, outputs, self.indexed
        )


class Links:
    """Hard links from the published site into the work folder, made on a thread of its own while the build
    goes on (it writes nothing to these files: they are pages MkDocs skips). A file that cannot be linked is
    copied with its times, so the next build still finds it as recorded."""

    def __init__(self, pairs: list[tuple[Path, Path]]) -> None:
        self.pairs = pairs
        self.error: OSError | None = None
        self.thread = threading.Thread(target=self._run, name="briefing-links", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        folders: set[Path] = set()
        try:
            for published, dest in self.pairs:
                if dest.parent not in folders:
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    folders.add(dest.parent)
                try:
                    os.link(published, dest)
                except OSError:
                    shutil.copy2(published, dest)
        except OSError as exc:
            self.error = exc

    def wait(self) -> None:
        self.thread.join()
        if self.error is not None:
            raise self.error


def load(folder: Path, key: str) -> Saved | None:
    """The saved state, if there is one for this key and it can be read; else None (a cold build)."""
    try:
        with (folder / STATE).open("rb") as f:
            saved = pickle.load(f)
    except Exception:  # missing, partial, from another version: the cache is only ever a shortcut
        return None
    return saved if isinstance(saved, Saved) and saved.key == key else None


def save(folder: Path, saved: Saved) -> None:
    """Write the state in one rename, so a build interrupted meanwhile leaves the last one whole."""
    os.replace(write_pending(folder, saved), folder / STATE)


def write_pending(folder: Path, saved: Saved) -> Path:
    """The state written to a new file in `folder` (named .state-*: `discard_pending` removes those left)."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".state-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(saved, f, protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def discard_pending(warm: Warm) -> None:
    """A state written for a build that was not published is removed."""
    pending, warm.pending = warm.pending, None
    if pending is not None:
        pending.unlink(missing_ok=True)


def keep(folder: Path, warm: Warm) -> str | None:
    """Save what this build made for the next; never fails the build (it has passed and is published):
    a state that cannot be written (a full disk, something that cannot be pickled) is forgotten instead,
    and the next build is a cold one. Returns why it was not kept, or None."""
    try:
        pending, warm.pending = warm.pending, None
        if pending is not None and pending.is_file():  # written while the build finished (`Warm.prepare`)
            os.replace(pending, folder / STATE)
        else:
            save(folder, warm.result())
    except Exception as exc:
        forget(folder)
        return f"{type(exc).__name__}: {exc}"
    return None


def forget(folder: Path) -> None:
    (folder / STATE).unlink(missing_ok=True)
