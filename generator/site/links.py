"""Markdown-safe text, and HTML links from one generated page to others (addresses from generator/urls.py)."""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape

from .. import flags, urls
from ..content.entities import Corpus
from ..urls import href, relative

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!~])")


def md(text: object) -> Markup:
    """Contributor text made inert for Markdown: HTML-escaped and Markdown-escaped."""
    return _md(str(text))


@lru_cache(maxsize=65536)
def _md(text: str) -> Markup:
    html = str(escape(text))
    return Markup(_MD_SPECIAL.sub(r"\\\1", html).replace("|", "&#124;"))


class Linker:
    """HTML links from one generated page to others, with the addresses MkDocs publishes."""

    def __init__(
        self, corpus: Corpus, here: str, use_directory_urls: bool = True, assets_base: str | None = None
    ) -> None:
        self.corpus = corpus
        self.here = here
        self.use_directory_urls = use_directory_urls
        self.assets_base = assets_base  # see urls.asset_href
        self.made: dict[tuple[str, str], Markup] = {}  # entity links, made once per Linker

    def to(self, target: str) -> str:
        """The published address of a page (a source path such as 'countries/iran.md'), from this page."""
        return href(self.here, target, self.use_directory_urls)

    def file(self, path: str) -> str:
        """The published address of a file the site has beside its pages ('feeds/tracker.xml'), from this page."""
        return urls.asset_href(self.here, path, self.use_directory_urls)

    def source(self, target: str) -> str:
        """A Markdown link's target, for Markdown that MkDocs converts (a contributor's body)."""
        return relative(self.here, target)

    def _a(self, label: str, target: str) -> Markup:
        return Markup(f'<a href="{escape(self.to(target))}">{escape(label)}</a>')

    def entity(self, kind: str, entity_id: str, flag: bool = True) -> Markup:
        """A link to the page of any entity, labelled as everywhere (a country with its flag image, unless
        `flag` is False: in running lists such as a timeline's event lines, where a flag on every name
        would weigh more than the line)."""
        key = (kind, entity_id) if flag or kind != "country" else ("country-plain", entity_id)
        link = self.made.get(key)
        if link is None:
            if kind == "country":
                link = self.country(entity_id, flag)
            else:
                link = self._a(self.corpus.name(kind, entity_id), urls.page(kind, entity_id))
            self.made[key] = link
        return link

    def country(self, cid: str, flag: bool = True) -> Markup:
        """A link to a country's page: its flag, then its name (the link's accessible label)."""
        c = self.corpus.countries[cid]
        label = escape(c.name)
        if flag:
            label = self.flag(cid) + label
        return Markup(f'<a href="{escape(self.to(urls.page("country", cid)))}">{label}</a>')

    def flag(self, cid: str, alone: bool = False) -> Markup:
        """A country's flag as an image, "" for a country that has none (a historical state). Next to its
        name (`alone` False) the flag is decorative: alt="" and the name, as text, is the accessible
        label, so a screen reader does not say the name twice. A flag shown without its name (`alone`)
        has the name as its text alternative."""
        c = self.corpus.countries[cid]
        if not c.flag:
            return Markup("")
        src = urls.asset_href(self.here, urls.flag(c.flag), self.use_directory_urls, self.assets_base)
        alt = escape(c.name) if alone else ""
        return Markup(
            f'<img class="flag" src="{escape(src)}" alt="{alt}" width="{flags.WIDTH}" height="{flags.HEIGHT}"'
            ' loading="lazy">'
        )

    def person(self, pid: str) -> Markup:
        return self.entity("person", pid)

    def org(self, oid: str) -> Markup:
        return self.entity("organization", oid)

    def topic(self, tid: str) -> Markup:
        return self.entity("topic", tid)

    def briefing(self, slug: str, title: str) -> Markup:
        return self._a(title, urls.page("briefing", slug))

    def pair(self, a: str, b: str) -> Markup:
        ca, cb = self.corpus.countries[a], self.corpus.countries[b]
        return self._a(urls.pair_name(ca.name, cb.name), urls.pair_page((a, b)))
