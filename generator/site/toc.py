"""A generated page's table of contents and anchors, read from its finished HTML.

Python-Markdown makes these for Markdown pages; a generated page's HTML was written from its view,
so its headings (each `<hN id=...>` with a permalink, as the toc extension writes them) are read back
here, in one pass over the page, in the order the reader meets them.
"""

from __future__ import annotations

import html
import re
from typing import Any

from markdown.extensions.toc import nest_toc_tokens

_HEADING = re.compile(r'<h([1-6]) id="([^"]*)"[^>]*>(.*?)<a class="headerlink"', re.S)
_TAG = re.compile(r"<[^>]+>")
_ID = re.compile(r'\sid="([^"]*)"')


def toc_tokens(page_html: str) -> list[Any]:
    """The headings as Python-Markdown's nested toc tokens (level, id, name, children)."""
    flat: list[Any] = [
        {"level": int(m[1]), "id": m[2], "name": html.escape(html.unescape(_TAG.sub("", m[3])).strip(), quote=False)}
        for m in _HEADING.finditer(page_html)
    ]
    return list(nest_toc_tokens(flat))


def anchor_ids(page_html: str) -> set[str]:
    """Every id in the page: what a link to the page may name after '#'."""
    return set(_ID.findall(page_html))
