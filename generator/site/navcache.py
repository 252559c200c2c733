"""The theme's navigation, rendered once for the many pages that show it the same way.

Material renders its navigation (the sidebar, `partials/nav.html`, and the tabs, `partials/tabs.html`) for
every page: a millisecond a page, a tenth of a build at 10,000 briefings. A page the navigation does not
list (a briefing, a profile, a pair...; MkDocs' "not in nav") marks none of its entries active and is never
the page an entry compares equal to, so what the navigation shows for it depends only on its links, which
MkDocs' `url` filter makes relative to the page. Two such pages in the same folder at the same depth (every
briefing, every profile of a kind) then get the same links, and the same HTML, unless an entry's address
lies under one of them (then the page is rendered as usual).

`cache_navigation` wraps the render function of those templates in the build's Jinja environment: it keys
each page by its base URL and its folder, renders a key's first page as the theme does and gives the text
to the next ones. Pages of the navigation, the home page and any template context without a page are
rendered as usual. Nothing changes in the theme: plain MkDocs and Zensical build the same templates.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from typing import Any

import jinja2
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

TEMPLATES = ("partials/nav.html", "partials/tabs.html")

RenderFunc = Callable[[Any], Iterator[str]]


def nav_links(nav: Navigation) -> list[str]:
    """The address of every page and link in the navigation, and of its home page."""
    links: list[str] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            url = getattr(item, "url", None)
            if isinstance(url, str):
                links.append(url)
            walk(getattr(item, "children", None) or [])

    walk(nav.items)
    if nav.homepage is not None:
        links.append(nav.homepage.url)
    return links


class NavigationCache:
    """The navigation's HTML by (template, base URL, folder) for pages it does not list."""

    def __init__(self, nav: Navigation) -> None:
        self.listed = {id(page) for page in nav.pages}
        self.links = nav_links(nav)
        self.texts: dict[tuple[str, str, str], str] = {}
        self.hits = 0

    def key(self, name: str, context: Any) -> tuple[str, str, str] | None:
        page = context.get("page")
        if not isinstance(page, Page) or id(page) in self.listed or page.is_homepage or page.parent is not None:
            return None
        url = page.url
        if not url or any(link.startswith(url) for link in self.links):
            return None
        return (name, str(context.get("base_url")), posixpath.dirname(url.rstrip("/")))

    def wrap(self, name: str, render: RenderFunc) -> RenderFunc:
        def cached(context: Any) -> Iterator[str]:
            key = self.key(name, context)
            if key is None:
                yield from render(context)
                return
            text = self.texts.get(key)
            if text is None:
                text = self.texts[key] = "".join(render(context))
            else:
                self.hits += 1
            yield text

        cached.original = render  # type: ignore[attr-defined]
        return cached


def cache_navigation(env: jinja2.Environment, nav: Navigation) -> NavigationCache:
    """Render the navigation templates once per key (see the module's docstring) in this environment."""
    cache = NavigationCache(nav)
    for name in TEMPLATES:
        try:
            template = env.get_template(name)
        except jinja2.TemplateNotFound:
            continue
        render = getattr(template.root_render_func, "original", template.root_render_func)
        template.root_render_func = cache.wrap(name, render)
    return cache
