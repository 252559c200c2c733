"""The page guard as it was first written (a character-by-character tokenizer), kept as the reference the
fast scanner in generator/site/guard.py is tested against (tests/test_csp.py).

The last look at every finished page: anything that could run, redirect or re-base it fails the build.

The site ships no inline script (the theme's are files, see site_config/overrides/partials/javascripts/),
so its Content Security Policy allows scripts from the site only. An inline script in a built page can
then only have come from somewhere else (a template, a docs page, contributor text that slipped through),
and the build stops instead of publishing it. The same scan finds event-handler attributes,
javascript:/vbscript:/data: URLs, `<meta http-equiv>` other than the policy itself, `<base>`, frames
and plug-ins. The tests run it over every page of hostile builds.

The scanner reads tags and their attributes the way an HTML tokenizer does (quoted values may hold
'>' and text that looks like attributes), in one pass: linear in the page.
"""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)")
_ATTR = re.compile(r"""[\s/]*([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""")
_COMMENT_END = "-->"
# Data blocks: the browser never runs them.
DATA_TYPES = {"application/json", "application/ld+json"}
# The only http-equiv values the site writes: the policy, and the theme's compatibility hint.
ALLOWED_HTTP_EQUIV = {"content-security-policy", "x-ua-compatible"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset"}
FORBIDDEN_TAGS = {"base", "iframe", "frame", "frameset", "object", "embed", "applet", "portal"}
_BAD_SCHEME = re.compile(r"^(?:javascript|vbscript|data(?!:image/(?:png|gif|jpeg|webp);))\s*:", re.I)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


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


_END_TAGS = {name: re.compile(rf"</{name}", re.I) for name in ("script", "style", "textarea", "title")}


def _find_end(page: str, name: str, pos: int) -> int:
    match = _END_TAGS[name].search(page, pos)
    return match.start() if match else -1


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


def _check_tag(name: str, attrs: dict[str, str]) -> list[str]:
    found = []
    if name in FORBIDDEN_TAGS:
        found.append(f"<{name}> element")
    for attr, value in attrs.items():
        if attr.startswith("on"):
            found.append(f"event handler {attr}= on <{name}>")
        elif attr in URL_ATTRIBUTES:
            for url in value.split(",") if attr == "srcset" else [value]:
                if _BAD_SCHEME.match(_INVISIBLE.sub("", url)):
                    found.append(f"{attr}={url.strip()[:60]!r} on <{name}>")
    if name == "meta" and "http-equiv" in attrs and attrs["http-equiv"].strip().lower() not in ALLOWED_HTTP_EQUIV:
        found.append(f"<meta http-equiv={attrs['http-equiv']!r}>")
    if name == "script" and "src" in attrs and re.match(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", attrs["src"], re.I):
        found.append(f"<script src={attrs['src'][:60]!r}> from another host")
    return found
