"""The last guard before a page is written: nh3 (Ammonia) keeps only known-safe HTML.

Contributor text is already checked and escaped upstream; this makes sure that
no script, event handler or javascript: URL can reach a reader even if a check
is ever missed.
"""

from __future__ import annotations

import re

import nh3

_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "kbd",
    "li",
    "mark",
    "nav",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    # inline SVG charts (generator/charts.py) and maps (generator/worldmap.py): shapes and text only,
    # styled by class; links only as <a href> (the schemes below); no <use>, no <foreignObject>, no
    # xlink:href, no style, no event handlers
    "svg",
    "path",
    "title",
    "g",
    "rect",
    "line",
    "circle",
    "text",
}
_ATTRS = {
    "*": {
        "class",
        "id",
        "title",
        "lang",
        "dir",
        "role",
        "aria-label",
        "aria-hidden",
        "aria-describedby",
        "data-country",
        "data-topic",
        "data-year",
    },
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start", "reversed"},
    "details": {"open"},
    "svg": {"viewBox", "width"},
    "rect": {"x", "y", "width", "height"},
    "line": {"x1", "y1", "x2", "y2"},
    "circle": {"cx", "cy", "r"},
    "path": {"d"},
    "text": {"x", "y", "transform"},
}


# Inside <svg>, Ammonia keeps `xlink:href` where `href` is allowed (it checks the scheme, not the host):
# the site's SVG links are plain `href`, so any xlink:href goes. nh3 writes every attribute as
# name="value" with '"' escaped, so this reads its tags exactly.
_XLINK_HREF = re.compile(r'(<[a-zA-Z][^\s/>]*(?:\s+[^\s=/>]+="[^"]*")*?)\s+xlink:href="[^"]*"')


# A generated page, sanitized before its body goes in: its body slot's `markdown` attribute stays, for the
# builders that convert the body themselves (render.body_slot; the plugin takes it out with the slot), and so
# do the marks around the parts Pagefind is not given (pagefind.CUT_FROM, CUT_TO): a contributor's text,
# sanitized without them, cannot make one.
_PAGE_ATTRS = {**_ATTRS, "div": {"markdown"}, "span": {"data-unindexed"}}


# A link to another host gets rel="noopener noreferrer" (it opens no window the page can reach, and tells
# the host nothing of where the reader came from); a link within the site needs neither, and the people
# index alone carried 65 KB of them at 10,000 briefings. Every attribute nh3 writes is name="value".
_A_TAG = re.compile(r'<a((?:\s+[^\s=/>]+="[^"]*")*)>')
_EXTERNAL_HREF = re.compile(r'\shref="(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)')


def _rel(match: re.Match[str]) -> str:
    attrs = match[1]
    return f'<a{attrs} rel="noopener noreferrer">' if _EXTERNAL_HREF.search(attrs) else match[0]


def clean(html: str, *, page: bool = False) -> str:
    return _A_TAG.sub(_rel, _XLINK_HREF.sub(r"\1", _clean(html, _PAGE_ATTRS if page else _ATTRS)))


def _clean(html: str, attributes: dict[str, set[str]]) -> str:
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=attributes,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,  # added to links to other hosts only (_rel)
        strip_comments=True,
    )
