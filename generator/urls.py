"""Every address the site has, made in one place: pages, year archives, feeds, the export, pair names.

Page addresses are source paths as MkDocs sees them ("countries/iran.md"); `page_path` turns one into
the URL path MkDocs publishes. Nothing parses an address back: a page carries the `Subject` it shows.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache

from .kinds import spec

Pair = tuple[str, str]  # two country ids, sorted

HOME = "index.md"
TIMELINE = "timeline.md"
ALL_FEED = "feeds/all.xml"
EXPORT_JSON = "data/briefings.json"
EXPORT_CSV = "data/timeline.csv"
CHANGES_JSON = "data/changes.json"  # each profile and pair page: its newest briefing day (generator/site/visits.py)
PAIRS_FOLDER = "relations"
FLAGS_FOLDER = "assets/flags"  # the flag images the site publishes (generator/flags.py)
FLAGS_LICENSE = f"{FLAGS_FOLDER}/LICENSE.txt"  # their licence, published with them
TRACKER = "tracker/index.md"  # the stance tracker: the latest month with a change, and every month's page
TRACKER_FEED = "feeds/tracker.xml"


@dataclass(frozen=True)
class Subject:
    """What a page shows: one entity (kind and id), or a pair of countries (kind "pair")."""

    kind: str
    id: str
    pair: Pair | None = None


def pair_of(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


def pair_slug(pair: Pair) -> str:
    return f"{pair[0]}--{pair[1]}"


def pair_name(name_a: str, name_b: str) -> str:
    """How a pair of countries is written everywhere: "Iran – Russia"."""
    return f"{name_a} – {name_b}"


def page(kind: str, entity_id: str) -> str:
    """The page of one briefing, country, person, organization or topic."""
    return f"{spec(kind).folder}/{entity_id}.md"


def index_page(kind: str) -> str:
    """The page that lists every entity of a kind."""
    return f"{spec(kind).folder}/index.md"


def pair_page(pair: Pair) -> str:
    return f"{PAIRS_FOLDER}/{pair_slug(pair)}.md"


def pack_page(pair: Pair) -> str:
    """The printable briefing pack of a pair: every briefing of the pair in full, 'relations/iran--russia/pack.md'."""
    return f"{PAIRS_FOLDER}/{pair_slug(pair)}/pack.md"


def pairs_index() -> str:
    return f"{PAIRS_FOLDER}/index.md"


def archive_page(profile: str, year: int) -> str:
    """The year page of a profile whose briefings or events overflow it: 'countries/iran/2025.md'."""
    return f"{profile.removesuffix('.md')}/{year}.md"


def part_page(first: str, part: int) -> str:
    """Part `part` (1 is the page itself) of a page too long for one: 'timeline/2014.md' -> 'timeline/2014/2.md'."""
    return first if part == 1 else f"{first.removesuffix('.md')}/{part}.md"


def briefings_year(year: int) -> str:
    return f"{spec('briefing').folder}/{year}.md"


def timeline_period(key: str) -> str:
    return f"timeline/{key}.md"


def event_anchor(index: int) -> str:
    """The anchor of a briefing's event (0-based index) on the briefing's page: 'event-1'."""
    return f"event-{index + 1}"


def event_page(briefing: str, index: int) -> str:
    return f"{page('briefing', briefing)}#{event_anchor(index)}"


def tracker_month(month: tuple[int, int]) -> str:
    """The stance tracker's page of one month: 'tracker/2026/02.md'."""
    return f"{TRACKER.removesuffix('index.md')}{month[0]:04d}/{month[1]:02d}.md"


def feed(kind: str, entity_id: str) -> str:
    return f"feeds/{spec(kind).folder}/{entity_id}.xml"


def pair_feed(pair: Pair) -> str:
    return f"feeds/{PAIRS_FOLDER}/{pair_slug(pair)}.xml"


def flag(code: str) -> str:
    """The flag image of a country, by its flag code (generator/flags.py): 'assets/flags/ir.svg'."""
    return f"{FLAGS_FOLDER}/{code}.svg"


def index_pages(kinds: list[str]) -> set[str]:
    """The pages the site always has, whatever its content: home, timeline, tracker and each kind's index."""
    return {HOME, TIMELINE, TRACKER, pairs_index(), *(index_page(k) for k in kinds)}


def page_path(uri: str, use_directory_urls: bool = True) -> str:
    """The URL path, relative to the site root, MkDocs gives the page built from `uri`."""
    stem = uri[:-3] if uri.endswith(".md") else uri
    if not use_directory_urls:
        return f"{stem}.html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/"


def page_url(uri: str, use_directory_urls: bool = True) -> str:
    """The page's URL from the site root, as MkDocs' File.url gives it ('./' for the home page)."""
    return page_path(uri, use_directory_urls) or "./"


@lru_cache(maxsize=262144)
def href(here: str, target: str, use_directory_urls: bool = True) -> str:
    """The link, as it is published, from page `here` to page `target` (source paths such as
    'countries/iran.md', the target with an optional '#anchor'): what MkDocs makes of a Markdown link."""
    from mkdocs.utils import get_relative_url

    path, _, anchor = target.partition("#")
    if path == here and anchor:
        return f"#{anchor}"
    url = get_relative_url(page_url(path, use_directory_urls), page_url(here, use_directory_urls))
    return f"{url}#{anchor}" if anchor else url


@lru_cache(maxsize=65536)
def asset_href(here: str, asset: str, use_directory_urls: bool = True, base: str | None = None) -> str:
    """The link, as it is published, from page `here` (a source path) to a file the site publishes as it is
    (an image such as 'assets/flags/ir.svg'). With `base` (the site's path, such as '/briefing/'), the
    address from the site's root instead: for the `briefing generate` tree, whose builders disagree on what
    a relative image address in a page's HTML is relative to (MkDocs: the page's address; Zensical: its
    source file), and agree on an absolute one."""
    if base is not None:
        return base.rstrip("/") + "/" + asset
    from mkdocs.utils import get_relative_url

    return get_relative_url(asset, page_url(here, use_directory_urls))


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
