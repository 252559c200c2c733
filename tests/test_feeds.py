"""Atom feeds: the pure builder, the feeds of the built site and their autodiscovery links."""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest

from generator.content.dates import parse_date
from generator.content.entities import Briefing, Corpus, Country, EventItem, RelationItem
from generator.content.models import Source
from generator.graph.index import build_index
from generator.site.feeds import LIMIT, build_feeds, feed_links
from generator.siteinfo import SiteInfo
from generator.urls import Subject, page_path

SITE_URL = "https://briefing-site.github.io/briefing/"
SEED = "2026-02-27-iran-rethinks-its-bet-on-russia"
SEED_URL = f"{SITE_URL}briefings/{SEED}/"
ATOM = "application/atom+xml"


class HeadLinks(HTMLParser):
    """The feed links in a page's <head>."""

    def __init__(self) -> None:
        super().__init__()
        self.in_head = False
        self.feeds: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "head":
            self.in_head = True
        elif tag == "link" and self.in_head:
            a = dict(attrs)
            if a.get("rel") == "alternate" and a.get("type") == ATOM:
                self.feeds.append(a)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False


def head_feeds(site: Path, page: str) -> list[dict[str, str | None]]:
    parser = HeadLinks()
    parser.feed((site / page).read_text(encoding="utf-8"))
    return parser.feeds


def resolve(site: Path, page: str, href: str) -> Path:
    assert "://" not in href and not href.startswith("/"), f"{page}: {href} is not relative"
    return site / posixpath.normpath(posixpath.join(posixpath.dirname(page), href))


# --- the pure builder -------------------------------------------------------------------------


def country(cid: str, name: str) -> Country:
    return Country(cid, name, name, cid[:2].upper(), cid[:3].upper(), "", ())


def briefing(
    n: int,
    title: str = "",
    dek: str = "",
    countries: tuple[str, ...] = ("iran", "russia"),
    updated: dt.date | None = None,
) -> Briefing:
    day = dt.date(2025, 1, 1) + dt.timedelta(days=n)
    slug = f"{day.isoformat()}-item-{n}"
    event = EventItem(slug, 0, parse_date("2025-04"), "An event", {"country": countries})
    return Briefing(
        slug=slug,
        path=f"content/briefings/{slug}.md",
        title=title or f"Item {n}",
        date=day,
        updated=updated,
        dek=dek or f"Summary {n}.",
        sources=(Source(publisher="P", url="https://example.org/a?x=1&y=2", published=day),),
        refs={"country": countries},
        relations=(),
        events=(event,),
        quotes=(),
        body="Text.",
    )


def corpus(*briefings: Briefing) -> Corpus:
    countries = {c.id: c for c in (country("iran", "Iran"), country("russia", "Russia"), country("oman", "Oman"))}
    return Corpus(tuple(sorted(briefings, key=lambda b: b.sort_key)), countries, {}, {})


def parse(xml: str) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(xml.encode("utf-8"))
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_page_paths_follow_mkdocs() -> None:
    assert page_path("index.md") == ""
    assert page_path("briefings/index.md") == "briefings/"
    assert page_path(f"briefings/{SEED}.md") == f"briefings/{SEED}/"
    assert page_path(f"briefings/{SEED}.md", use_directory_urls=False) == f"briefings/{SEED}.html"
    assert (
        SiteInfo("https://example.org/sub").page_url("countries/iran.md") == "https://example.org/sub/countries/iran/"
    )


def test_site_url_must_be_absolute() -> None:
    with pytest.raises(ValueError):
        SiteInfo("/briefing/")


def test_site_feed_keeps_the_newest_fifty() -> None:
    items = [briefing(n) for n in range(LIMIT + 10)]
    feeds = build_feeds(build_index(corpus(*items)), SiteInfo(SITE_URL))
    parsed = parse(feeds["feeds/all.xml"])
    assert len(parsed.entries) == LIMIT
    newest = sorted(items, key=lambda b: b.date, reverse=True)[:LIMIT]
    assert [e.title for e in parsed.entries] == [b.title for b in newest]
    assert parsed.feed.updated == f"{newest[0].date.isoformat()}T00:00:00Z"


def test_feed_updated_is_the_newest_entry_not_now() -> None:
    old = briefing(1, updated=dt.date(2026, 3, 1))
    feeds = build_feeds(build_index(corpus(old, briefing(5))), SiteInfo(SITE_URL))
    parsed = parse(feeds["feeds/all.xml"])
    assert parsed.feed.updated == "2026-03-01T00:00:00Z"
    assert parsed.entries[1].updated == "2026-03-01T00:00:00Z"
    assert parsed.entries[1].published == f"{old.date.isoformat()}T00:00:00Z"


def test_country_and_pair_feeds_hold_their_briefings_only() -> None:
    a, b = briefing(1), briefing(2, countries=("iran", "oman"))
    feeds = build_feeds(build_index(corpus(a, b)), SiteInfo(SITE_URL))
    assert sorted(feeds) == [
        "feeds/all.xml",
        "feeds/countries/iran.xml",
        "feeds/countries/oman.xml",
        "feeds/countries/russia.xml",
        "feeds/relations/iran--oman.xml",
        "feeds/relations/iran--russia.xml",
        "feeds/tracker.xml",
    ]
    assert [e.title for e in parse(feeds["feeds/countries/iran.xml"]).entries] == [b.title, a.title]
    assert [e.title for e in parse(feeds["feeds/relations/iran--russia.xml"]).entries] == [a.title]


def test_text_is_escaped_and_control_characters_dropped() -> None:
    title = 'Rock & roll <b>"quoted"</b> ]]> \x07bell'
    feeds = build_feeds(build_index(corpus(briefing(1, title=title, dek="a < b & c > d"))), SiteInfo(SITE_URL))
    entry = parse(feeds["feeds/all.xml"]).entries[0]
    assert entry.title == title.replace("\x07", "")
    assert entry.summary == "a < b & c > d"
    assert any(link.href == "https://example.org/a?x=1&y=2" for link in entry.links)


def test_empty_site_still_has_a_valid_site_feed() -> None:
    feeds = build_feeds(build_index(corpus()), SiteInfo(SITE_URL))
    assert list(feeds) == ["feeds/all.xml", "feeds/tracker.xml"]
    for path in feeds:
        parsed = parse(feeds[path])
        assert parsed.entries == [] and parsed.feed.updated == "1970-01-01T00:00:00Z"


def test_feed_links_per_page() -> None:
    index = build_index(corpus(briefing(1)))
    assert [f.path for f in feed_links(index, "B", None)] == ["feeds/all.xml"]
    assert [f.path for f in feed_links(index, "B", Subject("country", "iran"))] == [
        "feeds/all.xml",
        "feeds/countries/iran.xml",
    ]
    assert [f.path for f in feed_links(index, "B", Subject("pair", "iran--russia", ("iran", "russia")))] == [
        "feeds/all.xml",
        "feeds/relations/iran--russia.xml",
    ]
    no_briefing_yet = Subject("country", "oman")
    assert [f.path for f in feed_links(index, "B", no_briefing_yet)] == ["feeds/all.xml"]
    assert [f.path for f in feed_links(index, "B", Subject("topic", "energy"))] == ["feeds/all.xml"]  # no feed kind
    for page in ("tracker/index.md", "tracker/2026/02.md"):
        assert [f.path for f in feed_links(index, "B", None, page)] == ["feeds/all.xml", "feeds/tracker.xml"]


def related(b: Briefing, *stances: tuple[tuple[str, str], str]) -> Briefing:
    """The briefing with relations: ((a, b), stance) each."""
    items = tuple(RelationItem(b.slug, pair, stance, "A note.", b.date) for pair, stance in stances)
    return dataclasses.replace(b, relations=items)


def test_the_tracker_feed_has_an_entry_per_change_newest_first() -> None:
    ir, io = ("iran", "russia"), ("iran", "oman")
    items = [
        related(briefing(0), (ir, "cooperative"), (io, "hostile")),  # January 2025: first stances, no change
        related(briefing(40), (ir, "strained")),  # February: deteriorated
        related(briefing(70), (io, "mixed"), (ir, "strained")),  # March: Iran-Oman improved; Iran-Russia unchanged
    ]
    index = build_index(dataclasses.replace(corpus(*items), stances=("hostile", "strained", "mixed", "cooperative")))
    parsed = parse(build_feeds(index, SiteInfo(SITE_URL))["feeds/tracker.xml"])
    assert [e.title for e in parsed.entries] == [
        "Iran – Oman: improved, hostile to mixed (March 2025)",
        "Iran – Russia: deteriorated, cooperative to strained (February 2025)",
    ]
    first = parsed.entries[0]
    assert first.link == f"{SITE_URL}tracker/2025/03/"
    assert first.id == "tag:briefing-site.github.io,2025-03-12:tracker/2025/03/iran--oman"
    assert {link.href for link in first.links} >= {
        f"{SITE_URL}relations/iran--oman/",
        f"{SITE_URL}briefings/{items[2].slug}/",
    }
    assert parsed.feed.updated == "2025-03-12T00:00:00Z"
    assert parsed.feed.link == f"{SITE_URL}tracker/"


def test_the_tracker_feed_keeps_the_latest_fifty_changes() -> None:
    pairs = [("iran", "oman"), ("iran", "russia"), ("oman", "russia")]
    stances = ("hostile", "cooperative")
    items = [related(briefing(n * 31), *((p, stances[n % 2]) for p in pairs)) for n in range(30)]
    index = build_index(dataclasses.replace(corpus(*items), stances=("hostile", "strained", "mixed", "cooperative")))
    entries = parse(build_feeds(index, SiteInfo(SITE_URL))["feeds/tracker.xml"]).entries
    assert len(entries) == LIMIT
    assert entries[0].updated == f"{items[-1].date.isoformat()}T00:00:00Z"
    assert [e.updated for e in entries] == sorted((e.updated for e in entries), reverse=True)


# --- the built site -----------------------------------------------------------------------------


def test_every_feed_parses_cleanly(seed_site: Path) -> None:
    feeds = sorted(p for p in (seed_site / "feeds").rglob("*.xml") if p.name != "sitemap.xml")
    assert len(feeds) > 10
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10", path
        assert parsed.entries or path.name == "tracker.xml", path  # no stance of the seed has changed


@pytest.mark.parametrize("feed", ["feeds/all.xml", "feeds/countries/iran.xml", "feeds/relations/iran--russia.xml"])
def test_seed_briefing_is_an_entry(seed_site: Path, feed: str) -> None:
    parsed = feedparser.parse((seed_site / feed).read_bytes())
    entries = [e for e in parsed.entries if e.link == SEED_URL]
    assert len(entries) == 1, [e.link for e in parsed.entries]
    entry = entries[0]
    assert entry.id == f"tag:briefing-site.github.io,2026-02-27:briefings/{SEED}"
    assert entry.title == "Iran rethinks its bet on Russia as the US crisis deepens"
    assert entry.summary.startswith("A new round of pressure from Washington")
    assert entry.updated == "2026-02-27T00:00:00Z"
    assert parsed.feed.updated == "2026-02-27T00:00:00Z"
    assert any(link.rel == "self" and link.href == f"{SITE_URL}{feed}" for link in parsed.feed.links)


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("index.html", ["feeds/all.xml"]),
        ("countries/iran/index.html", ["feeds/all.xml", "feeds/countries/iran.xml"]),
        ("relations/iran--russia/index.html", ["feeds/all.xml", "feeds/relations/iran--russia.xml"]),
        (f"briefings/{SEED}/index.html", ["feeds/all.xml"]),
        ("tracker/index.html", ["feeds/all.xml", "feeds/tracker.xml"]),
    ],
)
def test_autodiscovery_links_resolve(seed_site: Path, page: str, expected: list[str]) -> None:
    links = head_feeds(seed_site, page)
    targets = [resolve(seed_site, page, str(link["href"])) for link in links]
    assert targets == [seed_site / path for path in expected]
    assert all(t.is_file() for t in targets)
    assert all(link.get("title") for link in links)


def test_every_page_announces_the_site_feed(seed_site: Path) -> None:
    pages = sorted(p.relative_to(seed_site).as_posix() for p in seed_site.rglob("index.html"))
    assert len(pages) > 30
    for page in pages:
        links = head_feeds(seed_site, page)
        assert links, page
        assert resolve(seed_site, page, str(links[0]["href"])) == seed_site / "feeds/all.xml", page


def test_feeds_are_not_written_into_the_sources(root: Path) -> None:
    assert not (root / "docs" / "feeds").exists()
    assert not (root / "content" / "feeds").exists()


def test_feed_folders_answer_materials_sitemap_probe(seed_site: Path) -> None:
    # Material fetches sitemap.xml next to every rel="alternate" href; without these files every
    # page would log a failed request.
    for folder in ["feeds", "feeds/countries", "feeds/relations"]:
        text = (seed_site / folder / "sitemap.xml").read_text()
        assert "<urlset" in text and "<url>" not in text
