"""What a preview rebuild writes again: only the pages whose output changed.

`briefing serve` runs MkDocs' dirty rebuilds: a page is written again only when its file says it was
modified. A generated page counts as modified when its source or HTML differs from the last build's (or
when the theme, mkdocs.yml, a hand-written page (it may change the nav) or the templates changed, or
the last build showed content problems: then every page, hand-written ones included). Rendering reuses
the pages whose content cannot have changed (generator/graph/changes.py) and the HTML of pages whose
view did not change (RenderCache). Pages that are no longer generated are
removed from the served site.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from mkdocs.structure.files import File

from ..content.load import Memo
from ..content.validate import Memo as CheckMemo
from .render import Last, Page


class GeneratedFile(File):
    """A generated page, whose `is_modified` the preview decides. Its source (front matter and contributor
    Markdown) is made from the page when MkDocs reads it, not kept beside the page for the whole build (a
    tenth of a build's memory at 10,000 briefings); set, it is kept as MkDocs keeps a file's content."""

    modified = True
    made: Page | None = None  # the page whose source this file gives

    @classmethod
    def of(cls, config: Any, page: Page, inclusion: Any) -> GeneratedFile:
        file = cls.generated(config, page.uri, content="", inclusion=inclusion)
        assert isinstance(file, GeneratedFile)
        file.made = page
        return file

    def is_modified(self) -> bool:
        return self.modified

    @property
    def content_string(self) -> str:
        return self.made.source if self.made is not None else File.content_string.fget(self)  # type: ignore[attr-defined]

    @content_string.setter
    def content_string(self, value: str) -> None:
        self.made = None
        File.content_string.fset(self, value)  # type: ignore[attr-defined]

    @property
    def content_bytes(self) -> bytes:
        return self.content_string.encode() if self.made is not None else File.content_bytes.fget(self)  # type: ignore[attr-defined]

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self.made = None
        File.content_bytes.fset(self, value)  # type: ignore[attr-defined]


class Bytecode(jinja2.BytecodeCache):
    """The theme's compiled templates, kept in memory between the preview's rebuilds (MkDocs makes a new
    template environment for each one, and compiling the theme took a tenth of a rebuild). Jinja checks
    each template's source against what was compiled, so an edited template is compiled again."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


class RenderCache:
    """Rendered pages by (template, view), kept between the rebuilds of one preview; emptied when the
    templates change."""

    def __init__(self) -> None:
        self.pages: dict[Any, tuple[str, bytes, bool]] = {}
        self.last = Last()  # the last build's pages by unit (reused where nothing they show changed)
        self.fingerprint: tuple[Any, ...] = ()

    def check(self, templates: Path) -> None:
        now = fingerprint([templates])
        if now != self.fingerprint:
            self.pages.clear()
            self.last.clear()
            self.fingerprint = now


def fingerprint(paths: Iterable[Path]) -> tuple[Any, ...]:
    """Names, sizes and times of every file under `paths`: changes when any of them does."""
    out: list[Any] = []
    for root in paths:
        if root.is_file():
            stat = root.stat()
            out.append((str(root), stat.st_size, stat.st_mtime_ns))
            continue
        for folder, _dirs, files in os.walk(root):
            for name in sorted(files):
                stat = os.stat(os.path.join(folder, name))
                out.append((folder, name, stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(out))


class Rebuilds:
    """The state one preview keeps between rebuilds."""

    def __init__(self) -> None:
        self.digests: dict[str, str] = {}  # generated page -> digest of what it published last time
        self.theme: tuple[Any, ...] = ()
        self.everything = True  # the next build writes every page again
        self.render_cache = RenderCache()
        self.bytecode = Bytecode()
        self.files: Memo = {}  # content files read, by time and size
        self.checks: CheckMemo = {}  # their front matter and body checks
        self.written: dict[str, str] = {}  # generated page -> its output file, from the last build
        self.writing: dict[str, str] = {}  # the same, for the build under way

    def start(self, theme_paths: Iterable[Path]) -> None:
        theme = fingerprint(theme_paths)
        if theme != self.theme:
            self.theme, self.everything = theme, True

    def broke(self) -> None:
        """The build shows content problems on every page: the next good one writes every page again."""
        self.everything = True
        self.digests.clear()

    def modified(self, page: Page, output: str) -> bool:
        """Whether the page's output differs from the last build's; `output` is the file it is written to."""
        self.writing[page.uri] = output
        digest = page.digest
        changed = self.everything or self.digests.get(page.uri) != digest
        self.digests[page.uri] = digest
        return changed

    def finish(self, pages: dict[str, Page]) -> list[str]:
        """End of a good build: the output files of pages no longer generated (to remove)."""
        gone = [self.written[uri] for uri in self.written if uri not in pages]
        for uri in list(self.digests):
            if uri not in pages:
                del self.digests[uri]
        self.written, self.writing = self.writing, {}
        self.everything = False
        return gone
