"""Pages stay small when one entity is named in a thousand briefings."""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import cache

import pytest

from generator.content.dates import parse_date
from generator.content.entities import Corpus, EventItem, RelationItem
from generator.graph.index import build_index
from generator.site.render import Page, Settings, render_site
from generator.site.views import Limits
from generator.urls import page_url
from tests.sites import ROOT, seed_corpus

pytestmark = pytest.mark.slow

N = 1000


def big_corpus() -> Corpus:
    base = seed_corpus()
    seed = base.briefings[0]
    briefings = []
    for i in range(N):
        slug = f"b{i:04}"
        day = dt.date(2020, 1, 1) + dt.timedelta(days=i * 2)
        events = tuple(
            EventItem(slug, j, parse_date(day.isoformat()[:7]), f"Event {i}.{j}", {"country": ("iran", "russia")})
            for j in range(3)
        )
        rel = RelationItem(slug, ("iran", "russia"), "strained", "A note.", day)
        briefings.append(
            dataclasses.replace(
                seed,
                slug=slug,
                path=f"content/briefings/{slug}.md",
                title=f"Briefing number {i}",
                date=day,
                events=events,
                relations=(rel,),
                quotes=(),
            )
        )
    return dataclasses.replace(base, briefings=tuple(briefings))


@cache
def big_pages() -> dict[str, Page]:
    """The pages of big_corpus(), rendered once for the module's tests."""
    return {p.uri: p for p in render_site(build_index(big_corpus()), Settings(ROOT / "site_config/templates"))}


def test_profile_relationship_and_person_pages_stay_under_200_kb() -> None:
    pages = big_pages()
    for uri in [
        "countries/iran.md",
        "relations/iran--russia.md",
        "people/andrei-rudenko.md",
        "organizations/state-duma.md",
    ]:
        size = len(pages[uri].html.encode())
        # the theme adds about 40 KB of chrome around the content
        assert size < 150_000, (uri, size)
    assert "countries/iran/2021.md" in pages, "the profile's year archives are missing"
    archive = pages["countries/iran/2021.md"].html
    assert archive.count("Briefing number") > 100


def test_every_generated_link_at_scale_points_at_a_generated_page() -> None:
    """At scale the profiles link to year archives; each such target must be generated too."""
    import posixpath
    import re

    pages = big_pages()
    published = {page_url(uri) for uri in pages}
    missing = set()
    for uri, page in pages.items():
        here = page_url(uri)
        for target in re.findall(r'href="([^"#:]+)(?:#[^"]*)?"', page.html):
            if target.endswith(".xml"):  # a feed, a file beside the pages (tests/test_feeds.py resolves them)
                continue
            resolved = posixpath.normpath(posixpath.join(here, target)) + "/"
            if resolved.removeprefix("./") not in published and resolved != "./":
                missing.add((uri, resolved))
    assert not missing, sorted(missing)[:10]


def test_site_timeline_splits_into_period_pages_past_its_limit() -> None:
    pages = big_pages()
    overview = pages["timeline.md"].html
    assert len(overview.encode()) < 150_000
    period_pages = [uri for uri in pages if uri.startswith("timeline/")]
    assert "timeline/2021.md" in period_pages
    listed = sum(pages[uri].html.count(" data-country=") for uri in period_pages)
    assert listed == 3 * N, "every event is on exactly one period page"


def test_long_period_and_year_pages_are_split_into_linked_parts() -> None:
    """Past `part_events` events (or `part_briefings` briefings) a period or year page is split, so no
    page grows without bound; every event is on exactly one part, and each part links to the others."""
    limits = Limits(part_events=100, part_briefings=50)
    pages = {p.uri: p for p in render_site(build_index(big_corpus()), Settings(ROOT / "site_config/templates", limits))}
    first, second = pages["timeline/2021.md"], pages["timeline/2021/2.md"]
    assert '<a href="../2021/2/">2</a>' in first.html and '<a href="../">1</a>' in second.html
    parts = [uri for uri in pages if uri == "timeline/2021.md" or uri.startswith("timeline/2021/")]
    counts = [pages[uri].html.count(" data-country=") for uri in parts]
    assert all(n <= 100 for n in counts) and len(parts) >= 2
    period_pages = [uri for uri in pages if uri.startswith("timeline/")]
    assert sum(pages[uri].html.count(" data-country=") for uri in period_pages) == 3 * N
    archive = [uri for uri in pages if uri.startswith("countries/iran/2021")]
    assert len(archive) >= 2 and all(pages[uri].html.count("Briefing number") <= 50 for uri in archive)
    year = [uri for uri in pages if uri == "briefings/2021.md" or uri.startswith("briefings/2021/")]
    assert len(year) >= 2 and all(pages[uri].html.count("Briefing number") <= 50 for uri in year)
    assert sum(pages[uri].html.count("Briefing number") for uri in year) == sum(
        1 for b in big_corpus().briefings if b.date.year == 2021
    )
