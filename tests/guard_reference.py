"""The page guard's tokenizer as it was first written (character by character), kept as the reference the
fast scanner in generator/site/guard.py is tested against (tests/test_csp.py). What a tag's name and
attributes say is the guard's own `_check_tag`; what the guard is for, see its docstring.
"""

from __future__ import annotations

import html
import re

# What did not change: what a tag's name and attributes say, and where a raw-text element ends.
from generator.site.guard import _COMMENT_END, DATA_TYPES, _check_tag, _find_end

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)")
_ATTR = re.compile(r"""[\s/]*([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""")


def unsafe_markup(page: str) -> list[str]:
    """What in a finished HTML page could run script, redirect or re-base it (empty: nothing)."""
    found: list[str] = []
    pos = 0
    while True:
        lt = page.find("<", pos)
        if lt < 0:
            return found
        if page.startswith("<!--", lt):
            end = page.find(_COMMENT_END, lt + 4)
            pos = len(page) if end < 0 else end + len(_COMMENT_END)
            continue
        tag = _TAG.match(page, lt)
        if tag is None:
            pos = lt + 1
            continue
        name = tag.group(2).lower()
        attrs, pos = _attributes(page, tag.end())
        if tag.group(1):  # an end tag
            continue
        found.extend(_check_tag(name, attrs))
        if name in ("script", "style", "textarea", "title"):  # raw text up to the end tag
            end = _find_end(page, name, pos)
            body = page[pos : end if end >= 0 else len(page)]
            if name == "script" and "src" not in attrs and attrs.get("type", "").strip().lower() not in DATA_TYPES:
                found.append(f"inline <script>: {body.strip()[:80]!r}")
            pos = len(page) if end < 0 else end


def _attributes(page: str, pos: int) -> tuple[dict[str, str], int]:
    """The attributes of the tag whose name ends at pos, and the position after its '>'."""
    attrs: dict[str, str] = {}
    while pos < len(page):
        if page[pos] == ">":
            return attrs, pos + 1
        match = _ATTR.match(page, pos)
        if match is None or match.end() == pos:
            pos += 1
            continue
        value = match.group(2) or ""
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        attrs.setdefault(match.group(1).lower(), html.unescape(value))
        pos = match.end()
    return attrs, pos
