"""Markdown-safe text and relative links between generated pages."""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache

from markupsafe import Markup, escape

from ..content.entities import Corpus

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!~])")


def md(text: object) -> Markup:
    """Contributor text made inert for Markdown: HTML-escaped and Markdown-escaped."""
    return _md(str(text))


@lru_cache(maxsize=65536)
def _md(text: str) -> Markup:
    html = str(escape(text))
    return Markup(_MD_SPECIAL.sub(r"\\\1", html).replace("|", "&#124;"))


def relative(here: str, target: str) -> str:
    """The link from page `here` to page `target`, both source paths like 'countries/iran.md'."""
    target, _, anchor = target.partition("#")
    if target == here:
        rel = posixpath.basename(target)
        return f"#{anchor}" if anchor else rel
    rel = _relative(posixpath.dirname(here), target)
    return f"{rel}#{anchor}" if anchor else rel


@lru_cache(maxsize=65536)
def _relative(here_dir: str, target: str) -> str:
    # posixpath.relpath is correct but slow (it resolves absolute paths); pages live in a
    # clean relative tree, so comparing the path segments is enough.
    base = here_dir.split("/") if here_dir else []
    parts = target.split("/")
    common = 0
    while common < min(len(base), len(parts) - 1) and base[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:])


class Linker:
    """Links to entity pages from one page; templates call it as `L`."""

    def __init__(self, corpus: Corpus, here: str) -> None:
        self.corpus = corpus
        self.here = here

    def to(self, target: str) -> str:
        return relative(self.here, target)

    def _a(self, label: str, target: str) -> Markup:
        return Markup(f"[{md(label)}]({self.to(target)})")

    def country(self, cid: str, flag: bool = True) -> Markup:
        c = self.corpus.countries[cid]
        label = f"{c.flag} {c.name}" if flag else c.name
        return self._a(label, f"countries/{cid}.md")

    def person(self, pid: str) -> Markup:
        return self._a(self.corpus.people[pid].name, f"people/{pid}.md")

    def org(self, oid: str) -> Markup:
        return self._a(self.corpus.organizations[oid].name, f"organizations/{oid}.md")

    def topic(self, tid: str) -> Markup:
        return self._a(self.corpus.topics[tid].label, f"topics/{tid}.md")

    def briefing(self, slug: str, title: str) -> Markup:
        return self._a(title, f"briefings/{slug}.md")

    def pair(self, a: str, b: str) -> Markup:
        ca, cb = self.corpus.countries[a], self.corpus.countries[b]
        return self._a(f"{ca.name} – {cb.name}", f"relations/{a}--{b}.md")
