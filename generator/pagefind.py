"""A Pagefind full-text index of the built site, for the site's Full-text search page.

Material's built-in search loads its whole index into the browser; Pagefind splits its index into
small chunks the search page fetches as needed, so it stays light with many thousands of briefings.
Only the article of each page is indexed (the theme marks it with `data-pagefind-body`); pages whose
front matter says `search: {exclude: true}` (year archives, timeline periods) carry no such mark and
are left out.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
from pathlib import Path

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


def build_pagefind(site_dir: Path, language: str = "en") -> int:
    """Write the Pagefind bundle into `site_dir/pagefind/` (replacing any earlier one); returns the
    number of HTML files it read."""
    out = site_dir / OUTPUT
    if out.exists():
        shutil.rmtree(out)  # no stale chunks from an earlier build
    return asyncio.run(_index(site_dir, language))
