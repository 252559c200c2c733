"""The site's world maps, as HTML: what each map shows, drawn with generator/site/worldmap.py.

- `coverage_map` (home page, countries index): countries shaded by the number of briefings that name
  them, each country with a page a link to it, a legend, and the same data as a table;
- `locator_map` (a country's profile): the country highlighted on the region around it;
- `pair_map` (a pair's page): both countries highlighted, in the colour of the pair's latest stance;
- `tracker_map` (the tracker's month pages): the countries of the month's changes, each in the colour of
  the worst stance one of its pairs moved to.

Each is a `<figure class="map">` with the de facto borders note. Only classes, links and titles differ
from page to page: the outlines are made once per process.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from .. import urls
from ..content.entities import Country
from ..graph.index import Index
from .links import Linker
from .worldmap import NOTE, OVERVIEW, Fill, Shape, breaks, crop, draw, legend_labels, level, shade, world


def _x(text: object) -> str:
    return escape(str(text), quote=False)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _figure(svg: str, caption: str, extra: str = "", css: str = "") -> str:
    return (
        f'<figure class="map{" " + css if css else ""}">{svg}{extra}'
        f"<figcaption>{_x(caption)} {_x(NOTE)}</figcaption></figure>"
    )


TABLE_ID = "map-table"  # the countries index's table of the coverage map, which the home page links to


def coverage_map(index: Index, L: Linker, *, home: bool = False) -> str:
    """Every country with a page, shaded by its briefings and linked to its page; then a table of them.
    The `home` page's map is drawn with fewer points and links to the countries index's table instead
    of holding it: it is the page every reader loads first, search or not."""
    countries = index.corpus.countries
    counts = {cid: len(index.by_country.get(cid, ())) for cid in countries}
    bounds = breaks(max(counts.values(), default=0))
    shapes = world().by_alpha2
    fills: dict[str, Fill] = {}
    for cid, c in countries.items():
        if c.alpha2 in shapes and c.alpha2 not in fills:  # a historical state has no alpha-2 code
            n = counts[cid]
            css = f"map-country map-c{shade(level(n, bounds), len(bounds))}"
            fills[c.alpha2] = Fill(css, f"{c.name}: {_plural(n, 'briefing')}", L.to(_page(cid)))
    drawn = sum(1 for cid, c in countries.items() if c.alpha2 in shapes)
    where = "The countries index gives the numbers as a table." if home else "The table below gives the numbers."
    label = (
        f"World map: {drawn} {'country' if drawn == 1 else 'countries'} shaded by the number of briefings that "
        f"name them; each is a link to its page. {where}"
    )
    svg = draw(
        fills,
        label=label,
        title="Countries by number of briefings",
        interactive=True,
        tolerance=OVERVIEW if home else None,
    )
    legend = "".join(
        f'<li><span class="map-swatch map-c{shade(i, len(bounds))}" aria-hidden="true"></span>{_x(words)}</li>'
        for i, words in enumerate(legend_labels(bounds), 1)
    )
    none = (
        '<li><span class="map-swatch map-c0" aria-hidden="true"></span>none yet</li>'
        if any(f.css.endswith("map-c0") for f in fills.values())
        else ""
    )
    legend_html = (
        f'<ul class="map-legend" aria-label="Briefings per country"><li class="map-legend-title">Briefings:</li>'
        f"{none}{legend}</ul>"
    )
    caption = "Countries shaded by the number of briefings that name them; select one to open its page."
    if home:
        href = escape(f"{L.to(urls.index_page('country'))}#{TABLE_ID}", quote=True)
        table = f'<p class="map-data"><a href="{href}">The map as a table</a></p>'
    else:
        table = _table(index, L, counts, shapes)
    return _figure(svg, caption, legend_html, "map--coverage") + "\n" + table + "\n"


def _page(cid: str) -> str:
    return urls.page("country", cid)


def _table(index: Index, L: Linker, counts: dict[str, int], shapes: Mapping[str, Shape]) -> str:
    countries = index.corpus.countries
    ranked = sorted(countries, key=lambda cid: (-counts[cid], countries[cid].name.lower()))
    rows = "".join(f"<tr><td>{L.country(cid, flag=False)}</td><td>{counts[cid]}</td></tr>" for cid in ranked)
    missing = [
        countries[cid].name
        for cid in sorted(countries, key=lambda c: countries[c].name.lower())
        if countries[cid].alpha2 not in shapes
    ]
    note = (
        f"<p>Not on the map (too small at this scale, or no longer a state): {_x(', '.join(missing))}.</p>"
        if missing
        else ""
    )
    return (
        f'<details class="chart-data map-data" id="{TABLE_ID}"><summary>The map as a table</summary>'
        f"<table><thead><tr><th>Country</th><th>Briefings</th></tr></thead><tbody>{rows}</tbody></table>"
        f"{note}</details>"
    )


def locator_map(country: Country) -> str:
    """The country highlighted on the region around it; empty when the map has no shape for it."""
    shape = world().by_alpha2.get(country.alpha2) if country.alpha2 else None
    if shape is None:
        return ""
    fills = {country.alpha2: Fill("map-country map-here", country.name)}
    label = f"Locator map: {country.name} highlighted."
    svg = draw(fills, label=label, title=country.name, view=crop([shape.main]), coarse=True)
    return _figure(svg, f"Where {country.name} is.", css="map--locator") + "\n"


def tracker_map(
    index: Index, month_label: str, moves: list[tuple[str, str, str]], order: tuple[str, ...], L: Linker
) -> str:
    """The countries of a month's changes: `moves` holds (country id, stance moved to, what moved, such as
    "Iran – Russia deteriorated to strained"); a country in several takes the worst stance of `order`
    (worst first; an unknown stance counts as the best). Empty when no country is drawn."""
    shapes = world().by_alpha2
    rank = {stance: i for i, stance in enumerate(order)}
    worst: dict[str, tuple[int, str, list[str]]] = {}
    for cid, stance, words in moves:
        c = index.corpus.countries.get(cid)
        if c is None or c.alpha2 not in shapes:
            continue
        r = rank.get(stance, len(order))
        seen = worst.get(cid)
        if seen is None or r < seen[0]:
            worst[cid] = (r, stance, [*(seen[2] if seen else []), words])
        else:
            seen[2].append(words)
    if not worst:
        return ""
    countries = index.corpus.countries
    fills = {
        countries[cid].alpha2: Fill(
            f"map-country map-stance--{stance}", f"{countries[cid].name}: {'; '.join(words)}", L.to(_page(cid))
        )
        for cid, (_, stance, words) in worst.items()
    }
    n = len(fills)
    label = (
        f"Map of {month_label}: the {n} {'country' if n == 1 else 'countries'} whose relations changed stance, each "
        "in the colour of the worst stance one of its relations moved to, and a link to its page. The table gives "
        "the changes."
    )
    svg = draw(fills, label=label, title=f"Stance changes, {month_label}", interactive=True, coarse=True)
    return _figure(svg, f"Countries whose relations changed stance in {month_label}.") + "\n"


def pair_map(a: Country, b: Country, stance: str | None, L: Linker) -> str:
    """Both countries highlighted (in the latest stance's colour) and linked; empty when neither is drawn."""
    shapes = world().by_alpha2
    drawn = [c for c in (a, b) if c.alpha2 in shapes]
    if not drawn:
        return ""
    css = f"map-country map-pair map-stance--{stance or 'none'}"
    words = f"latest stance {stance}" if stance else "no stance yet"
    fills = {c.alpha2: Fill(css, f"{c.name} ({words})", L.to(_page(c.id))) for c in drawn}
    label = f"Map: {a.name} and {b.name} highlighted, {words}; each is a link to its page."
    svg = draw(
        fills,
        label=label,
        title=f"{a.name} and {b.name}",
        view=crop([shapes[c.alpha2].main for c in drawn]),
        interactive=True,
        coarse=True,
    )
    return _figure(svg, f"{a.name} and {b.name} on the map ({words}).", css="map--pair") + "\n"
