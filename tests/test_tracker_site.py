"""The stance tracker in built sites (fixture trees): the pair page's stance since when and its months, the
Tracker page with the latest month's changes and a page per month, its place in the nav, its feed."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest

SEED = "2026-02-27-iran-rethinks-its-bet-on-russia"
EARLIER = "2025-12-10-iran-and-russia-sign-a-treaty"


def text(site: Path, page: str) -> str:
    """A page's visible text, its whitespace squeezed."""

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.skip += tag in ("script", "style")

        def handle_endtag(self, tag: str) -> None:
            self.skip -= tag in ("script", "style")

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.parts.append(data)

    parser = Text()
    parser.feed((site / page).read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", "".join(parser.parts))


def rows(site: Path, page: str, table: str) -> list[list[str]]:
    """The rows of the table in a page's <div> of class `table`, each as the text of its cells."""
    html = (site / page).read_text(encoding="utf-8")
    body = re.search(rf'<div class="{table}">\s*<table>.*?<tbody>(.*?)</tbody>', html, re.S)
    assert body, f"{page} has no {table} table"
    return [
        [
            re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body[1], re.S)
    ]


def test_the_seed_pair_is_strained_since_february_2026(seed_site: Path) -> None:
    page = "relations/iran--russia/index.html"
    assert "Stance: strained since February 2026" in text(seed_site, page)
    assert rows(seed_site, page, "stance-strip") == [
        ["February 2026", "strained", "• first stance", "Iran rethinks its bet on Russia as the US crisis deepens"]
    ]


def test_the_seed_tracker_has_no_change_yet(seed_site: Path) -> None:
    shown = text(seed_site, "tracker/index.html")
    assert "No stance has changed yet" in shown
    assert not (seed_site / "tracker/2026").exists()
    assert feedparser.parse((seed_site / "feeds/tracker.xml").read_bytes()).entries == []


@pytest.mark.slow  # a site of its own is built
def test_an_earlier_cooperative_stance_makes_february_a_deterioration(tracker_site: Path) -> None:
    pair = "relations/iran--russia/index.html"
    assert "Stance: strained since February 2026" in text(tracker_site, pair)
    assert rows(tracker_site, pair, "stance-strip") == [
        ["December 2025", "cooperative", "• first stance", "Iran and Russia sign a partnership treaty"],
        [
            "February 2026",
            "strained",
            "↓ deteriorated from cooperative",
            "Iran rethinks its bet on Russia as the US crisis deepens",
        ],
    ]
    shown = text(tracker_site, "tracker/index.html")
    assert "Latest month: February 2026" in shown
    assert "February 2026: 1 relation deteriorated." in shown
    change = [
        [
            "Iran – Russia",
            "↓ deteriorated",
            "cooperative → to strained",
            "Iran rethinks its bet on Russia as the US crisis deepens",
        ]
    ]
    assert rows(tracker_site, "tracker/index.html", "tracker-changes") == change
    assert rows(tracker_site, "tracker/2026/02/index.html", "tracker-changes") == change
    html = (tracker_site / "tracker/index.html").read_text(encoding="utf-8")
    assert 'href="2026/02/"' in html  # the month's own page
    assert f'href="../briefings/{SEED}/"' in html and 'href="../relations/iran--russia/"' in html
    # the month's map: Iran and Russia in the colour of the stance they moved to, each a link to its profile
    for month_page, up in (("tracker/index.html", "../"),):
        page = (tracker_site / month_page).read_text(encoding="utf-8")
        figure = page[page.index('<figure class="map') : page.index("</figure>")]
        for cid, name in (("iran", "Iran"), ("russia", "Russia")):
            link = re.search(rf'<a href="{re.escape(up)}countries/{cid}/"[^>]*>(.*?)</a>', figure, re.S)
            assert link, (month_page, cid)
            assert "map-stance--strained" in link[1] and f"<title>{name}: Iran – Russia deteriorated" in link[1]


@pytest.mark.slow  # a site of its own is built
def test_the_tracker_is_in_the_nav_and_its_months_are_not(tracker_site: Path) -> None:
    home = (tracker_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="tracker/" class="md-tabs__link">\s*Tracker\s*</a>', home), "no Tracker tab"
    assert "tracker/2026/02/" not in home


@pytest.mark.slow  # a site of its own is built
def test_the_tracker_feed_lists_the_change(tracker_site: Path) -> None:
    parsed = feedparser.parse((tracker_site / "feeds/tracker.xml").read_bytes())
    assert parsed.bozo == 0 and parsed.version == "atom10"
    assert [e.title for e in parsed.entries] == ["Iran – Russia: deteriorated, cooperative to strained (February 2026)"]
    assert parsed.entries[0].link.endswith("/tracker/2026/02/")
