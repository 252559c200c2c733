"""What holds for the site of *any* valid content, checked on a project and its strict build.

The repository's own content is tested only through these (tests/test_repository.py), so a
contributor's new briefing, person, organization, country or topic can never turn them red unless
it really breaks the site. Each function returns its violations as readable lines (empty when the
invariant holds), so a test can show every one and the negative tests can show that they do fail.

The content is read with the generator's own load and validate steps (that is what it *says*);
everything else is read from the built HTML, feeds and data (that is what a reader *gets*).
"""

from __future__ import annotations

import html
import importlib.util
import json
import posixpath
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import ModuleType
from urllib.parse import unquote, urlsplit

from generator.content.entities import Corpus, EventItem
from generator.content.project import Project, read_project
from tests.sites import ROOT

FOLDERS = {"country": "countries", "person": "people", "organization": "organizations", "topic": "topics"}


@cache
def check_links() -> ModuleType:
    """scripts/check_links.py, the offline link checker, as a module."""
    spec = importlib.util.spec_from_file_location("check_links", ROOT / "scripts" / "check_links.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("check_links", module)
    spec.loader.exec_module(module)
    return module


def read_content(project: Path) -> tuple[Corpus, list[str]]:
    """The project's content as `briefing check` reads it, and its problems as check prints them."""
    corpus, problems = read_project(Project.at(project))
    return corpus, [p.text() for p in problems]


# --- reading the built site ---------------------------------------------------------------------


# MkDocs and Python-Markdown write every attribute in double quotes, so two regular expressions read a
# page's ids and links in a small fraction of html.parser's time (the link checker, which must cope
# with any HTML, uses html.parser).
_ID = re.compile(r'\sid="([^"]*)"')
_HREF = re.compile(r'<a\s[^>]*?\bhref="([^"]*)"')


@dataclass
class BuiltPage:
    path: str  # e.g. "countries/iran/index.html"
    ids: list[str]  # in document order
    links: set[str] = field(default_factory=set)  # the site pages it links to, as paths like path


class Site:
    """A built site's HTML pages, each parsed once, on demand."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._pages: dict[str, BuiltPage | None] = {}

    def page_path(self, uri: str) -> str:
        """The file a generated page's source path ("countries/iran.md") is built into."""
        stem = uri.removesuffix(".md")
        for candidate in (f"{stem}/index.html", f"{stem}.html"):
            if (self.folder / candidate).is_file():
                return candidate
        return f"{stem}/index.html"

    def page(self, uri: str) -> BuiltPage | None:
        path = self.page_path(uri)
        if path not in self._pages:
            file = self.folder / path
            if not file.is_file():
                self._pages[path] = None
            else:
                text = file.read_text(encoding="utf-8")
                ids = [html.unescape(m) for m in _ID.findall(text)]
                hrefs = {html.unescape(m) for m in _HREF.findall(text)}
                self._pages[path] = BuiltPage(path, ids, {t for h in hrefs if (t := _target(path, h)) is not None})
        return self._pages[path]

    def family(self, uri: str) -> list[BuiltPage]:
        """An entity's page and the year archives it links to (pages in the folder of the same name)."""
        main = self.page(uri)
        if main is None:
            return []
        folder = uri.removesuffix(".md")
        archives = [
            self.page(f"{folder}/{year}.md")
            for year in sorted(
                {link[len(folder) + 1 :].split("/")[0] for link in main.links if link.startswith(folder + "/")}
            )
            if year.isdigit()
        ]
        return [main, *(p for p in archives if p is not None)]


def _target(page: str, href: str) -> str | None:
    """The site file an internal link points at (None for other hosts, mailto:, bare fragments)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    return posixpath.join(path, "index.html") if parts.path.endswith("/") else path


# --- the invariants -------------------------------------------------------------------------------


def every_entity_page_links_back(corpus: Corpus, site: Site) -> list[str]:
    """Every briefing has a page; every country, person, organization, topic and pair it names has a
    page (or year archive) that links back to it, and the briefing's page links to each of them."""
    out = []
    for b in corpus.briefings:
        page = site.page(f"briefings/{b.slug}.md")
        if page is None:
            out.append(f"briefing {b.slug}: no page")
            continue
        named = [
            (kind, entity)
            for kind, ids in (
                ("country", b.countries),
                ("person", b.people),
                ("organization", b.organizations),
                ("topic", b.topics),
            )
            for entity in ids
        ]
        pairs = {r.pair for r in b.relations}
        pairs |= {(a, c) for e in b.events for a in e.countries for c in e.countries if a < c}
        uris = [(f"{kind} {entity}", f"{FOLDERS[kind]}/{entity}.md") for kind, entity in named]
        uris += [(f"pair {a}–{c}", f"relations/{a}--{c}.md") for a, c in sorted(pairs)]
        for what, uri in uris:
            family = site.family(uri)
            if not family:
                out.append(f"briefing {b.slug}: {what} has no page ({site.page_path(uri)})")
            elif not any(page.path in p.links for p in family):
                out.append(f"briefing {b.slug}: {site.page_path(uri)} (and its archives) do not link to {page.path}")
            elif not uri.startswith("relations/") and site.page_path(uri) not in page.links:
                out.append(f"briefing {b.slug}: its page does not link to {what} ({site.page_path(uri)})")
    return out


def every_event_is_on_its_countries_profiles_in_date_order(corpus: Corpus, site: Site) -> list[str]:
    """Each event of each briefing is on the profile (or a year archive of it) of every country it
    names, and every profile page lists the events it shows in date order."""
    by_country: dict[str, list[EventItem]] = {}
    for b in corpus.briefings:
        for e in b.events:
            for c in e.countries:
                by_country.setdefault(c, []).append(e)
    out = []
    for country, events in sorted(by_country.items()):
        family = site.family(f"countries/{country}.md")
        if not family:
            out.append(f"country {country}: no profile page, but {len(events)} event(s) name it")
            continue
        wanted = {f"{e.briefing}-{e.anchor}": e for e in events}
        shown: set[str] = set()
        for page in family:
            listed = [wanted[i] for i in page.ids if i in wanted]
            shown.update(f"{e.briefing}-{e.anchor}" for e in listed)
            keys = [e.date.sort_key[:2] for e in listed]
            if keys != sorted(keys):
                first = next(i for i in range(len(keys) - 1) if keys[i] > keys[i + 1])
                out.append(
                    f"country {country}: {page.path} lists '{listed[first].title}' "
                    f"({listed[first].date.label}) before '{listed[first + 1].title}' "
                    f"({listed[first + 1].date.label})"
                )
        for missing in sorted(set(wanted) - shown):
            e = wanted[missing]
            out.append(
                f"country {country}: event '{e.title}' ({e.date.label}, briefing {e.briefing}) is not on "
                f"its profile or the profile's year pages"
            )
    return out


def every_feed_parses(folder: Path) -> list[str]:
    """Every Atom feed the site publishes parses cleanly; the site feed exists."""
    import feedparser

    out = []
    feeds = sorted(p for p in (folder / "feeds").rglob("*.xml") if p.name != "sitemap.xml")
    if folder / "feeds" / "all.xml" not in feeds:
        out.append("feeds/all.xml is missing")
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        if parsed.bozo or parsed.version != "atom10":
            out.append(f"{path.relative_to(folder)}: {parsed.get('bozo_exception') or parsed.version}")
    return out


def export_matches_schema_and_content(corpus: Corpus, folder: Path) -> list[str]:
    """data/briefings.json validates against its published schema and holds every briefing."""
    import jsonschema

    schema = json.loads((ROOT / "site_config/schemas/export.schema.json").read_text(encoding="utf-8"))
    try:
        data = json.loads((folder / "data/briefings.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"data/briefings.json: {exc}"]
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    out = [f"data/briefings.json {list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    if not out:
        exported = sorted(b["slug"] for b in data["briefings"])
        if exported != sorted(b.slug for b in corpus.briefings):
            out.append(f"data/briefings.json lists {len(exported)} briefings, the content has {len(corpus.briefings)}")
    return out


def no_broken_internal_link(folder: Path, site_url: str | None) -> list[str]:
    broken, _ = check_links().check_site(folder, site_url)
    return list(broken)


def all_invariants(project: Path, folder: Path) -> dict[str, list[str]]:
    """Every invariant of a project and its built site, by name: an empty list for each that holds."""
    corpus, problems = read_content(project)
    site = Site(folder)
    site_url = check_links().site_url_of(project / "mkdocs.yml")
    return {
        "check passes": problems,
        "entity pages link back": every_entity_page_links_back(corpus, site),
        "events on profiles in date order": every_event_is_on_its_countries_profiles_in_date_order(corpus, site),
        "feeds parse": every_feed_parses(folder),
        "export matches schema": export_matches_schema_and_content(corpus, folder),
        "no broken internal link": no_broken_internal_link(folder, site_url),
    }


NAMES = [
    "check passes",
    "entity pages link back",
    "events on profiles in date order",
    "feeds parse",
    "export matches schema",
    "no broken internal link",
]


def violations(results: dict[str, list[str]]) -> list[str]:
    return [f"{name}: {line}" for name, lines in results.items() for line in lines]


def first(lines: Iterable[str], n: int = 30) -> str:
    shown = list(lines)
    return "\n".join(shown[:n]) + (f"\n... and {len(shown) - n} more" if len(shown) > n else "")
