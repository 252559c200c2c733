"""A Pagefind full-text index of the built site, for the site's Full-text search page.

Material's built-in search loads its whole index into the browser; Pagefind splits its index into
small chunks the search page fetches as needed, so it stays light with many thousands of briefings.
Only the article of each page is indexed (the theme marks it with `data-pagefind-body`); pages whose
front matter says `search: {exclude: true}` (year archives, timeline periods) carry no such mark and
are left out.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import logging
import shutil
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

OUTPUT = "pagefind"
# Within the article: heading permalinks and the edit button are not content.
EXCLUDE = [".headerlink", ".md-content__button"]

log = logging.getLogger("mkdocs.plugins.briefing")


async def _index(site_dir: Path, language: str) -> int:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(exclude_selectors=EXCLUDE, force_language=language, output_path=str(site_dir / OUTPUT))
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(str(site_dir))
    return int(result["page_count"])


class PagefindError(Exception):
    """The bundle Pagefind wrote cannot serve a search."""


def build_pagefind(site_dir: Path, language: str = "en", attempts: int = 2) -> int:
    """Write the Pagefind bundle into `site_dir/pagefind/` (replacing any earlier one) and verify it;
    returns the number of pages it indexed. A bundle that fails verification is written once more,
    then PagefindError says what is wrong."""
    out = site_dir / OUTPUT
    problem = ""
    for _ in range(attempts):
        if out.exists():
            shutil.rmtree(out)  # no stale chunks from an earlier build
        _run(_index(site_dir, language))
        try:
            return verify(out)
        except PagefindError as exc:
            problem = str(exc)
            log.warning("briefing: Pagefind wrote a broken bundle (%s); writing it again", problem)
    raise PagefindError(problem)


def _run(coroutine: Coroutine[Any, Any, int]) -> int:
    """Run the indexing to the end, also where this thread already runs an event loop (MkDocs called
    from async code, or next to Playwright's sync API): then in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def verify(out: Path) -> int:
    """Check a written bundle as the search page will load it: no empty file, an entry file naming each
    language's metadata and WebAssembly, metadata that decompresses to Pagefind's format. Returns the
    number of pages indexed."""
    empty = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.stat().st_size == 0)
    if empty:
        raise PagefindError(f"{len(empty)} empty file(s), e.g. {empty[0]}")
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
            if not (out / f"wasm.{info['wasm']}.pagefind").is_file():
                raise PagefindError(f"wasm.{info['wasm']}.pagefind is missing")
            pages += int(info["page_count"])
    except (OSError, ValueError, KeyError, TypeError, EOFError, gzip.BadGzipFile) as exc:
        raise PagefindError(f"the index cannot be read: {exc}") from None
    if not languages:
        raise PagefindError("the index has no language")
    return pages
