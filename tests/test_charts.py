"""Inline SVG charts: deterministic bytes, escaped text, tables that match the bars, a strict sanitiser."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
import time
from functools import cache
from pathlib import Path

import markdown
import pytest

from generator.content.dates import FuzzyDate, parse_date
from generator.content.entities import Briefing, Corpus, Country, EventItem, RelationItem
from generator.graph.index import Index, build_index
from generator.site import charts
from generator.site.links import Linker
from generator.site.sanitize import clean
from tests.sites import seed_corpus

HOSTILE = '<script>alert("x")</script> & <b onclick=x>Co</b>'
SVG = re.compile(r"<svg\b.*?</svg>", re.S)


@cache
def seed() -> Corpus:
    return seed_corpus()


@cache
def date(text: str) -> FuzzyDate:
    return parse_date(text)


def country(cid: str, name: str) -> Country:
    return dataclasses.replace(seed().countries["iran"], id=cid, name=name, path=None)


def briefing(
    slug: str,
    day: dt.date,
    countries: tuple[str, ...],
    events: tuple[tuple[str, tuple[str, ...]], ...] = (),
    relations: tuple[tuple[tuple[str, str], str], ...] = (),
) -> Briefing:
    return dataclasses.replace(
        seed().briefings[0],
        slug=slug,
        path=f"content/briefings/{slug}.md",
        title=f"Title {slug}",
        date=day,
        refs={"country": countries},
        quotes=(),
        body="",
        events=tuple(
            EventItem(slug, i, date(d), f"Event {slug}.{i}", {"country": cs}) for i, (d, cs) in enumerate(events)
        ),
        relations=tuple(RelationItem(slug, pair, stance, "A note.", day) for pair, stance in relations),
    )


def corpus_of(briefings: list[Briefing], countries: dict[str, Country]) -> Corpus:
    ordered = tuple(sorted(briefings, key=lambda b: b.sort_key))
    return dataclasses.replace(seed(), briefings=ordered, countries=countries, named={})


def small() -> Index:
    countries = {"aa": country("aa", HOSTILE), "bb": country("bb", "Beta"), "cc": country("cc", "Gamma")}
    return build_index(
        corpus_of(
            [
                briefing(
                    "one",
                    dt.date(2024, 5, 1),
                    ("aa", "bb"),
                    (("18XX", ("aa", "bb")), ("2024-04", ("aa",))),
                    ((("aa", "bb"), "hostile"),),
                ),
                briefing(
                    "two",
                    dt.date(2025, 1, 2),
                    ("aa", "bb", "cc"),
                    (("1905/1911", ("bb", "cc")),),
                    ((("aa", "bb"), "mixed"),),
                ),
            ],
            countries,
        )
    )


def bars(svg: str) -> dict[tuple[str, str], int]:
    """(period, 'event'|'briefing') -> count, read from each bar's <title>."""
    out = {}
    for label, n, kind in re.findall(
        r'<rect class="bar [^"]*"[^>]*><title>([^<:]+): (\d+) (event|briefing)s?</title>', svg
    ):
        out[(label, kind)] = int(n)
    return out


def table(text: str) -> dict[tuple[str, str], int]:
    out = {}
    for label, events, briefings in re.findall(r"<tr>\n<td>([^<]+)</td>\n<td>(\d+)</td>\n<td>(\d+)</td>", text):
        for kind, n in (("event", int(events)), ("briefing", int(briefings))):
            if n:
                out[(html.unescape(label), kind)] = n
    return out


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "md_in_html", "tables", "toc"])


# --- bar chart -----------------------------------------------------------------------------------


def test_year_chart_is_deterministic_and_its_table_matches_the_bars() -> None:
    ix = small()
    chart = charts.year_chart(ix.events, list(ix.corpus.briefings), subject=HOSTILE)
    assert chart == charts.year_chart(ix.events, list(ix.corpus.briefings), subject=HOSTILE)
    svg = SVG.search(chart)
    assert svg is not None
    assert bars(svg.group(0)) == table(chart)
    assert sum(n for (_, kind), n in bars(svg.group(0)).items() if kind == "event") == len(ix.events)
    assert sum(n for (_, kind), n in bars(svg.group(0)).items() if kind == "briefing") == 2
    assert 'role="img"' in svg.group(0) and "<title>" in svg.group(0)
    assert "<script" not in chart and "&lt;script&gt;" in chart


def test_short_spans_are_yearly_long_ones_by_decade_or_century() -> None:
    def labels(*dates: str) -> list[str]:
        evs = [EventItem("x", i, parse_date(d), "e", {}) for i, d in enumerate(dates)]
        return [b.label for b in charts.year_buckets(evs, [])[1]]

    assert labels("2020", "2025-04") == ["2020", "2021", "2022", "2023", "2024", "2025"]
    assert labels("18XX", "1905/1911", "2025")[:2] == ["1800s", "1810s"]  # coarse dates count at their lower bound
    assert labels("0800", "2025")[:2] == ["800–849", "850–899"]
    assert labels("0100", "2025")[0] == "2nd century"
    assert labels("../1900", "1950")[::5] == ["1900–1904", "1925–1929", "1950–1954"]  # open start: upper bound
    assert labels("../1900", "1903") == ["1900", "1901", "1902", "1903"]
    assert all(
        len(charts.year_buckets([EventItem("x", 0, parse_date(d), "e", {})] * 2, [])[1]) <= charts.MAX_BARS
        for d in ("0001", "1000", "2025")
    )
    assert charts.year_chart([], []) == ""


def test_chart_survives_markdown_and_the_sanitiser_byte_for_byte() -> None:
    """Generated pages are HTML, but `briefing generate` hands them to builders as Markdown files."""
    ix = small()
    chart = charts.year_chart(ix.events, list(ix.corpus.briefings), subject=HOSTILE)
    page = to_html("# Title\n\n" + chart + "\n## After\n")
    svg_in = SVG.search(chart)
    svg_out = SVG.search(clean(page))
    assert svg_in is not None and svg_out is not None
    assert svg_out.group(0) == clean(svg_in.group(0))  # Markdown left it alone
    names = re.compile(r"<(/?[a-zA-Z]+)|\s([a-zA-Z-]+)=")
    assert names.findall(svg_out.group(0)) == names.findall(svg_in.group(0))  # the sanitiser dropped nothing
    assert svg_out.group(0).replace("&quot;", '"').count("alert(") == 2  # aria-label and <title>, as text
    assert "<table>" in page and "<td>1800s</td>" in page
    assert '<h2 id="after">After</h2>' in page


def test_sanitiser_stays_strict_about_svg() -> None:
    hostile = (
        '<svg viewBox="0 0 1 1" width="1" onload="alert(1)" style="x"><script>alert(1)</script>'
        '<a href="javascript:alert(1)"><text x="1">t</text></a><foreignObject><p>p</p></foreignObject>'
        '<use href="#x"></use><image href="https://example.com/x.png"></image>'
        '<rect x="1" fill="red" onclick="x"></rect></svg>'
    )
    out = clean(hostile)
    for bad in ("onload", "style", "script", "href", "foreignObject", "<use", "<image", "fill", "onclick", "alert"):
        assert bad not in out, bad
    assert '<svg viewBox="0 0 1 1" width="1">' in out and '<rect x="1"></rect>' in out


# --- network -------------------------------------------------------------------------------------


def test_network_is_deterministic_escaped_and_complete() -> None:
    ix = small()
    whole = charts.network(ix)
    assert whole == charts.network(small())
    assert "<script" not in whole and "<b " not in whole
    assert '>&lt;script&gt;alert("x")&lt;/script&gt; &amp; &lt;b onclick=x&gt;Co&lt;/b&gt;</text>' in whole
    assert 'class="edge edge--mixed"' in whole  # the latest stance of aa–bb
    assert 'class="edge edge--none"' in whole  # bb–cc share an event but no stance
    assert "<tr>\n<td>Beta – Gamma</td>\n<td>—</td>\n<td>1</td>\n</tr>" in whole
    assert whole.count('<circle class="node') == 3
    centred = charts.network(ix, "bb", Linker(ix.corpus, "countries/bb.md"))
    assert 'class="node node--centre"' in centred and centred.count('<circle class="node') == 3
    assert '<a href="../../relations/bb--cc/">Beta – Gamma</a>' in centred
    assert "<details" not in charts.network(ix, "bb", table=False)
    html = clean(to_html(centred))
    assert "<script" not in html and 'role="img"' in html and "<td>1</td>" in html


def big(n_briefings: int, n_countries: int) -> Index:
    countries = {f"c{i:03}": country(f"c{i:03}", f"Country {i:03}") for i in range(n_countries)}
    ids = sorted(countries)
    briefings = []
    for i in range(n_briefings):
        a, b, c = ids[i % n_countries], ids[(i + 1 + i // n_countries) % n_countries], ids[(i * 13 + 2) % n_countries]
        cs = tuple(dict.fromkeys((a, b, c)))
        pair = (min(a, b), max(a, b))
        rel = ((pair, ("cooperative", "strained", "hostile", "mixed")[i % 4]),) if a != b else ()
        briefings.append(
            briefing(f"b{i:05}", dt.date(2000, 1, 1) + dt.timedelta(days=i), cs, ((f"{1700 + i % 300}", (a, c)),), rel)
        )
    return build_index(corpus_of(briefings, countries))


@pytest.mark.slow
def test_network_and_chart_stay_small_and_fast_at_10000_briefings() -> None:
    ix = big(10_000, 150)
    start = time.perf_counter()
    whole = charts.network(ix)
    centred = charts.network(ix, "c000")
    years = charts.year_chart(ix.events, list(ix.corpus.briefings))
    assert time.perf_counter() - start < 5
    assert whole.count('<circle class="node') == charts.MAX_NODES
    assert whole.count('<line class="edge') <= charts.MAX_EDGES + 5  # plus the legend
    assert centred.count('<circle class="node') == charts.MAX_NODES + 1
    assert 'transform="rotate(' in whole  # many labels read along the radius
    assert len(whole) < 120_000 and len(years) < 40_000
    assert sum(table(years).values()) == len(ix.events) + 10_000


# --- the built site ------------------------------------------------------------------------------


def svgs(site: Path) -> dict[str, list[str]]:
    return {
        str(p.relative_to(site)): SVG.findall(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("index.html"))
    }


@pytest.mark.slow
def test_built_pages_carry_the_charts_and_two_builds_agree(seed_site: Path, seed_site_again: Path) -> None:
    one, two = svgs(seed_site), svgs(seed_site_again)
    for page in ["relations/iran--russia/index.html", "countries/iran/index.html", "timeline/index.html"]:
        assert any('role="img"' in s and "chart--" not in s and 'class="chart-svg"' in s for s in one[page]), page
    html = (seed_site / "relations/iran--russia/index.html").read_text(encoding="utf-8")
    assert '<figure class="chart chart--years">' in html and '<details class="chart-data">' in html
    index = (seed_site / "countries/index.html").read_text(encoding="utf-8")
    assert '<figure class="chart chart--network">' in index and 'class="edge edge--strained"' in index
    assert '<a href="../relations/iran--russia/"' in index
    iran = (seed_site / "countries/iran/index.html").read_text(encoding="utf-8")
    assert 'class="node node--centre"' in iran
    charted = {page: s for page, s in one.items() if any('class="chart-svg"' in x for x in s)}
    assert len(charted) > 10
    assert {page: two[page] for page in charted} == charted
