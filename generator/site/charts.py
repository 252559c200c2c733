"""Pictures drawn at build time: inline SVG bar charts and country networks.

Every function here is pure and deterministic: the same input gives the same
bytes (no randomness, no clocks, coordinates rounded to one decimal). Nothing
needs JavaScript or a third party. Colours come from CSS classes styled in
docs/stylesheets/briefing.css with Material's variables, so both palettes work.

Each picture is a `<figure class="chart">` of HTML without blank lines, followed by a
text alternative carrying the same data as an HTML table in <details>, which links
where it can. The SVG uses only the tags and attributes that generator/site/sanitize.py
allows.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape

from ..content.dates import _ordinal
from ..content.entities import Briefing, EventItem
from ..graph.index import Index, PairInfo
from .links import Linker

MAX_BARS = 36  # periods on a bar chart; longer spans are bucketed into wider periods
WIDTHS = (1, 5, 10, 50, 100, 500, 1000)  # years per bar
MAX_NODES = 40  # countries on a network
MAX_EDGES = 120  # relationship lines on the whole network
STANCES = ("cooperative", "mixed", "strained", "hostile")


def _x(text: object) -> str:
    """Text for XML content or a double-quoted attribute (quotes escaped only where they must be)."""
    return escape(str(text), quote=False)


def _a(text: object) -> str:
    """Text for a double-quoted XML attribute."""
    return escape(str(text), quote=True)


def _n(value: float) -> str:
    """A coordinate, rounded to one decimal, without a trailing '.0'."""
    r = round(value, 1)
    return str(int(r)) if r == int(r) else f"{r:.1f}"


def _plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {words or word + 's'}"


# --- events and briefings over time -------------------------------------------------------------


@dataclass(frozen=True)
class Bucket:
    start: int  # first year of the period
    label: str  # "2025", "1940s", "19th century", "1900–1949"
    events: int
    briefings: int


def event_year(event: EventItem) -> int:
    """The year an event is counted at: its lower bound, or its upper bound when open at the start."""
    d = event.date
    if d.lower.year <= 1 and d.upper is not None:
        return d.upper.year
    return d.lower.year


def _period_label(start: int, width: int) -> str:
    if width == 1:
        return str(start)
    if width == 10:
        return f"{start}s"
    if width == 100 and start >= 0:
        return f"{_ordinal(start // 100 + 1)} century"
    return f"{start}–{start + width - 1}"


def _period_name(width: int) -> str:
    return {1: "year", 10: "decade", 100: "century"}.get(width, f"{width}-year period")


def year_buckets(events: Iterable[EventItem], briefings: Iterable[Briefing]) -> tuple[int, list[Bucket]]:
    """(years per bar, periods from the first to the last year with data), in one pass over each input."""
    ev: dict[int, int] = {}
    br: dict[int, int] = {}
    for e in events:
        y = event_year(e)
        ev[y] = ev.get(y, 0) + 1
    for b in briefings:
        br[b.date.year] = br.get(b.date.year, 0) + 1
    years = set(ev) | set(br)
    if not years:
        return 1, []
    lo, hi = min(years), max(years)
    width = next((w for w in WIDTHS if hi // w - lo // w + 1 <= MAX_BARS), WIDTHS[-1])
    first, last = lo // width, hi // width
    counts = {k: [0, 0] for k in range(first, last + 1)}
    for y, n in ev.items():
        counts[y // width][0] += n
    for y, n in br.items():
        counts[y // width][1] += n
    if len(counts) > MAX_BARS * 2:  # a span beyond WIDTHS: keep only the periods with data
        counts = {k: v for k, v in counts.items() if v != [0, 0]}
    return width, [Bucket(k * width, _period_label(k * width, width), e, b) for k, (e, b) in sorted(counts.items())]


def _nice_top(peak: int) -> tuple[int, int]:
    """(axis maximum, tick step) with at most five steps of 1, 2 or 5 times a power of ten."""
    peak = max(peak, 1)
    magnitude = 1
    while True:
        for m in (1, 2, 5):
            step = m * magnitude
            if math.ceil(peak / step) <= 5:
                return math.ceil(peak / step) * step, step
        magnitude *= 10


def year_chart(events: Sequence[EventItem], briefings: Sequence[Briefing], *, subject: str = "") -> str:
    """A grouped bar chart of events and briefings per period, then the same data as a table.

    Empty string when there is nothing to draw. `subject` names what the chart is about
    ("Iran", "Iran – Russia") for the caption and the accessible name.
    """
    width, buckets = year_buckets(events, briefings)
    if not buckets:
        return ""
    period = _period_name(width)
    n_events, n_briefings = sum(b.events for b in buckets), sum(b.briefings for b in buckets)
    span = buckets[0].label if len(buckets) == 1 else f"{buckets[0].label} to {buckets[-1].label}"
    about = f" for {subject}" if subject else ""
    title = f"Events and briefings per {period}{about}"
    label = (
        f"Bar chart: {_plural(n_events, 'event')} and {_plural(n_briefings, 'briefing')}{about}, per {period}, {span}."
    )

    w, h = 720, 260
    left, right, top, bottom = 44, 10, 34, 46
    pw, ph = w - left - right, h - top - bottom
    y_max, step = _nice_top(max(max(b.events, b.briefings) for b in buckets))
    slot = pw / len(buckets)
    bar = min(slot * 0.38, 22.0)

    def y_of(v: int) -> float:
        return top + ph - ph * v / y_max

    out = [
        '<figure class="chart chart--years">',
        f'<svg class="chart-svg" viewBox="0 0 {w} {h}" width="{w}" role="img" aria-label="{_a(label)}">',
        f"<title>{_x(title)}</title>",
        '<g class="legend">',
        f'<rect class="bar bar--events" x="{left}" y="8" width="12" height="12"></rect>',
        f'<text class="legend-text" x="{left + 18}" y="18">Events</text>',
        f'<rect class="bar bar--briefings" x="{left + 84}" y="8" width="12" height="12"></rect>',
        f'<text class="legend-text" x="{left + 102}" y="18">Briefings</text>',
        "</g>",
        '<g class="axis axis--y">',
    ]
    for tick in range(0, y_max + 1, step):
        y = _n(y_of(tick))
        out.append(f'<line class="grid" x1="{left}" y1="{y}" x2="{w - right}" y2="{y}"></line>')
        out.append(f'<text class="tick tick--y" x="{left - 6}" y="{_n(y_of(tick) + 4)}">{tick}</text>')
    out.append("</g>")
    longest = max(len(b.label) for b in buckets)
    every = max(1, math.ceil(len(buckets) * (longest * 6.6 + 8) / pw))
    out.append('<g class="axis axis--x">')
    base = _n(top + ph)
    out.append(f'<line class="axis-line" x1="{left}" y1="{base}" x2="{w - right}" y2="{base}"></line>')
    for i, b in enumerate(buckets):
        if i % every == 0:
            out.append(
                f'<text class="tick tick--x" x="{_n(left + slot * (i + 0.5))}" y="{_n(top + ph + 16)}">'
                f"{_x(b.label)}</text>"
            )
    out.append(f'<text class="axis-title" x="{_n(left + pw / 2)}" y="{h - 6}">{_x(period.capitalize())}</text>')
    out.append("</g>")
    out.append('<g class="bars">')
    for i, b in enumerate(buckets):
        centre = left + slot * (i + 0.5)
        for value, kind, x in ((b.events, "event", centre - bar), (b.briefings, "briefing", centre)):
            if value:
                top_y = y_of(value)
                out.append(
                    f'<rect class="bar bar--{kind}s" x="{_n(x)}" y="{_n(top_y)}" width="{_n(bar)}" '
                    f'height="{_n(top + ph - top_y)}">'
                    f"<title>{_x(b.label)}: {_plural(value, kind)}</title></rect>"
                )
    out.append("</g>")
    out.append("</svg>")
    out.append(f"<figcaption>{_x(title)}, {_x(span)}. The table below gives the numbers.</figcaption>")
    out.append("</figure>")
    rows = [b for b in buckets if b.events or b.briefings]
    skipped = " (periods with neither are left out)" if len(rows) < len(buckets) else ""
    out += [
        '<details class="chart-data">',
        f"<summary>{_x(title)} as a table{skipped}</summary>",
        *_table([period.capitalize(), "Events", "Briefings"], [[_x(b.label), b.events, b.briefings] for b in rows]),
        "</details>",
        "",
    ]
    return "\n".join(out)


def _table(head: list[str], rows: list[list[object]]) -> list[str]:
    """An HTML table, as lines; cells are HTML already."""
    out = ["<table>", "<thead>", "<tr>", *(f"<th>{h}</th>" for h in head), "</tr>", "</thead>", "<tbody>"]
    for row in rows:
        out += ["<tr>", *(f"<td>{cell}</td>" for cell in row), "</tr>"]
    return [*out, "</tbody>", "</table>"]


# --- the network of countries -------------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    briefings: int
    x: float
    y: float
    r: float
    angle: float  # radians; the direction its label points to (unused for the centre)


def _stance(info: PairInfo) -> str:
    latest = info.latest
    return latest.stance if latest is not None else "none"


def _coverage(index: Index, cid: str) -> int:
    return len(index.by_country.get(cid, ()))


def _circle(index: Index, ids: list[str], cx: float, cy: float, radius: float, peak: int) -> list[Node]:
    """Countries on a circle, sorted by id, the first at twelve o'clock; node area by coverage."""
    nodes = []
    for i, cid in enumerate(sorted(ids)):
        angle = -math.pi / 2 + 2 * math.pi * i / len(ids)
        count = _coverage(index, cid)
        nodes.append(
            Node(
                cid,
                index.corpus.countries[cid].name,
                count,
                cx + radius * math.cos(angle),
                cy + radius * math.sin(angle),
                3 + 9 * math.sqrt(count / peak),
                angle,
            )
        )
    return nodes


def _label(node: Node, rotate: bool) -> str:
    gap = node.r + 5
    cos, sin = math.cos(node.angle), math.sin(node.angle)
    x, y = node.x + gap * cos, node.y + gap * sin
    if rotate:  # along the radius, reading left to right on both halves
        degrees = math.degrees(node.angle)
        side = "start" if cos >= -1e-9 else "end"
        if side == "end":
            degrees -= 180
        return (
            f'<text class="label label--{side}" x="{_n(x)}" y="{_n(y + 4)}" '
            f'transform="rotate({_n(degrees)} {_n(x)} {_n(y)})">{_x(node.name)}</text>'
        )
    side = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
    dy = 4 + (9 if sin > 0.7 else -5 if sin < -0.7 else 0)
    return f'<text class="label label--{side}" x="{_n(x)}" y="{_n(y + dy)}">{_x(node.name)}</text>'


@dataclass(frozen=True)
class NetworkLayout:
    """What a network shows and where: pure data, drawn by network_svg and listed by network_table."""

    centre: str | None
    ids: tuple[str, ...]  # the countries around the centre or on the circle
    edges: tuple[PairInfo, ...]  # the relationships drawn, sorted by pair
    nodes: dict[str, Node]  # every country drawn, the centre included
    total_ids: int  # countries there were to choose from
    total_edges: int  # relationships there were to choose from
    radius: float
    width: int
    height: int
    rotate: bool  # labels along the radius (many nodes) or beside each node (few)
    title: str
    label: str  # the accessible name
    shown: str  # what the figure shows, for the caption


LEGEND_H = 30  # the strip under a network that holds its legend


def _around(index: Index, centre: str) -> tuple[list[str], list[PairInfo], int, int]:
    """(ids, edges, total ids, total edges): the centre's most-covered counterparts and its pairs with them."""
    infos = index.pairs_of.get(centre, [])[:MAX_NODES]  # most briefings first
    ids = [i.pair[1] if i.pair[0] == centre else i.pair[0] for i in infos]
    total = len(index.pairs_of.get(centre, []))
    return ids, sorted(infos, key=lambda i: i.pair), total, total


def _most_covered(index: Index) -> tuple[list[str], list[PairInfo], int, int]:
    """(ids, edges, total ids, total edges): the most-covered countries and the most-covered pairs among them."""
    countries = index.corpus.countries
    ranked = sorted(((-len(bs), cid) for cid, bs in index.by_country.items() if bs and cid in countries))
    ids = [cid for _, cid in ranked[:MAX_NODES]]
    chosen = set(ids)
    among = [i for i in index.pairs.values() if i.pair[0] in chosen and i.pair[1] in chosen]
    among.sort(key=lambda i: (-len(i.briefings), i.pair))
    return ids, sorted(among[:MAX_EDGES], key=lambda i: i.pair), len(ranked), len(among)


def _nodes(index: Index, centre: str | None, ids: list[str], cx: float, cy: float, radius: float) -> dict[str, Node]:
    """The circle of ids around (cx, cy) and the centre, if any, at (cx, cy); areas relative to the largest."""
    peak = max([_coverage(index, c) for c in ids] + ([_coverage(index, centre)] if centre else []) + [1])
    nodes = {n.id: n for n in _circle(index, ids, cx, cy, radius, peak)}
    if centre is not None:
        count = _coverage(index, centre)
        nodes[centre] = Node(
            centre, index.corpus.countries[centre].name, count, cx, cy, 3 + 9 * math.sqrt(count / peak), math.pi / 2
        )
    return nodes


def _centred_words(name: str, shown_ids: int, total_ids: int) -> tuple[str, str, str]:
    """(title, accessible name, what is shown) of a network around one country."""
    shown = _plural(shown_ids, "counterpart") + (f" of {total_ids}" if total_ids > shown_ids else "")
    label = (
        f"Network: {name} in the middle, {shown} around it, lines coloured by the latest stance of each relationship."
    )
    return f"{name} and its counterparts", label, shown


def _circle_words(shown_ids: int, total_ids: int, shown_edges: int) -> tuple[str, str, str]:
    """(title, accessible name, what is shown) of the network of the most-covered countries."""
    shown = _plural(shown_ids, "country", "countries") + (
        f" (the most covered of {total_ids})" if total_ids > shown_ids else ""
    )
    label = (
        f"Network: {shown} on a circle and {_plural(shown_edges, 'relationship')} between them, "
        f"lines coloured by the latest stance; larger circles mean more briefings."
    )
    return "Countries and their relationships", label, shown


def network_layout(index: Index, centre: str | None = None) -> NetworkLayout | None:
    """The countries, relationships, coordinates and words of a network (see `network`); None without a pair."""
    ids, edges, total_ids, total_edges = _most_covered(index) if centre is None else _around(index, centre)
    if not edges:
        return None
    countries = index.corpus.countries
    rotate = len(ids) > 12
    radius = max(110.0, min(230.0, 16.0 * len(ids)))
    longest = 12 + 20 + 6.6 * max(len(countries[c].name) for c in ids)  # gap, node and label at 12px
    pad_x = longest
    pad_y = longest if rotate else 40.0
    w, h = int(2 * (radius + pad_x)), int(2 * (radius + pad_y)) + LEGEND_H
    nodes = _nodes(index, centre, ids, w / 2, radius + pad_y, radius)
    if centre is not None:
        title, label, shown = _centred_words(countries[centre].name, len(ids), total_ids)
    else:
        title, label, shown = _circle_words(len(ids), total_ids, len(edges))
    return NetworkLayout(
        centre, tuple(ids), tuple(edges), nodes, total_ids, total_edges, radius, w, h, rotate, title, label, shown
    )


def _stance_words(stance: str) -> str:
    return "no stance yet" if stance == "none" else stance


def _edge_lines(layout: NetworkLayout) -> list[str]:
    out = ['<g class="edges">']
    for info in layout.edges:
        a, b = layout.nodes[info.pair[0]], layout.nodes[info.pair[1]]
        stance = _stance(info)
        out.append(
            f'<line class="edge edge--{stance}" x1="{_n(a.x)}" y1="{_n(a.y)}" x2="{_n(b.x)}" y2="{_n(b.y)}">'
            f"<title>{_x(a.name)} – {_x(b.name)}: {_stance_words(stance)}, "
            f"{_plural(len(info.briefings), 'briefing')}</title></line>"
        )
    return [*out, "</g>"]


def _node_circles(layout: NetworkLayout) -> list[str]:
    out = ['<g class="nodes">']
    for cid in sorted(layout.nodes):
        node = layout.nodes[cid]
        kind = "node node--centre" if cid == layout.centre else "node"
        out.append(
            f'<circle class="{kind}" cx="{_n(node.x)}" cy="{_n(node.y)}" r="{_n(node.r)}">'
            f"<title>{_x(node.name)}: {_plural(node.briefings, 'briefing')}</title></circle>"
        )
    return [*out, "</g>"]


def _node_labels(layout: NetworkLayout) -> list[str]:
    out = ['<g class="labels">']
    for cid in sorted(layout.nodes):
        node = layout.nodes[cid]
        if cid == layout.centre:
            out.append(
                f'<text class="label label--middle label--centre" x="{_n(node.x)}" '
                f'y="{_n(node.y + node.r + 15)}">{_x(node.name)}</text>'
            )
        else:
            out.append(_label(node, layout.rotate))
    return [*out, "</g>"]


def _legend(layout: NetworkLayout) -> list[str]:
    """A line and the words for each stance drawn, in the order of STANCES, on one row under the circle."""
    present = {_stance(i) for i in layout.edges}
    out = ['<g class="legend">']
    x, y = 10.0, layout.height - LEGEND_H / 2
    for stance in (s for s in (*STANCES, "none") if s in present):
        words = _stance_words(stance)
        out.append(
            f'<line class="edge edge--{stance}" x1="{_n(x)}" y1="{_n(y)}" x2="{_n(x + 24)}" y2="{_n(y)}"></line>'
        )
        out.append(f'<text class="legend-text" x="{_n(x + 30)}" y="{_n(y + 4)}">{_x(words)}</text>')
        x += 40 + 7.2 * len(words)
    return [*out, "</g>"]


def network_svg(layout: NetworkLayout, *, table: bool = True) -> str:
    """The <figure> with the network's SVG and caption; `table` says whether a table of the same data follows."""
    w, h = layout.width, layout.height
    drawn = len(layout.edges)
    more = (
        f" Only the {_plural(drawn, 'most-covered relationship')} of {layout.total_edges} are drawn."
        if layout.total_edges > drawn and layout.centre is None
        else ""
    )
    after = "The table below lists the same relationships." if table else "The table below lists them all."
    return "\n".join(
        [
            '<figure class="chart chart--network">',
            f'<svg class="chart-svg" viewBox="0 0 {w} {h}" width="{w}" role="img" aria-label="{_a(layout.label)}">',
            f"<title>{_x(layout.title)}</title>",
            *_edge_lines(layout),
            *_node_circles(layout),
            *_node_labels(layout),
            *_legend(layout),
            "</svg>",
            f"<figcaption>{_x(layout.title)}: {_x(layout.shown)}; larger circles mean more briefings.{_x(more)} "
            f"{after}</figcaption>",
            "</figure>",
        ]
    )


def network_table(layout: NetworkLayout, country: Callable[[str], str], pair: Callable[[str, str], str]) -> str:
    """The network's relationships and countries as an HTML table in <details>.

    `country(cid)` and `pair(a, b)` write a country and a relationship, as links or as plain text.
    """
    rows: list[list[object]] = []
    for info in layout.edges:
        stance = _stance(info)
        cell = "—" if stance == "none" else f'<span class="stance stance--{stance}">{stance}</span>'
        rows.append([pair(*info.pair), cell, len(info.briefings)])
    counts = ", ".join(f"{country(cid)} ({layout.nodes[cid].briefings})" for cid in sorted(layout.nodes))
    out = [
        '<details class="chart-data">',
        f"<summary>{_x(layout.title)} as a table</summary>",
        *_table(["Relationship", "Latest stance", "Briefings"], rows),
        f"<p><strong>Briefings per country:</strong> {counts}</p>",
        "</details>",
        "",
    ]
    return "\n".join(out)


def _links(layout: NetworkLayout, L: Linker | None) -> tuple[Callable[[str], str], Callable[[str, str], str]]:
    """(country, pair) for network_table: links with a Linker, the names as escaped text without."""
    if L is not None:
        return (lambda cid: str(L.country(cid, flag=False))), (lambda a, b: str(L.pair(a, b)))
    names = {cid: node.name for cid, node in layout.nodes.items()}
    return (lambda cid: _x(names[cid])), (lambda a, b: _x(f"{names[a]} – {names[b]}"))


def network(index: Index, centre: str | None = None, L: Linker | None = None, *, table: bool = True) -> str:
    """Countries as nodes (area by briefings), relationship pairs as lines coloured by latest stance.

    With `centre`, that country sits in the middle and its most-covered counterparts (up to
    MAX_NODES) stand around it; otherwise the MAX_NODES most-covered countries stand on a circle
    with the MAX_EDGES most-covered pairs among them. Then the same data as a table, with links
    when a Linker is given (`table=False` when the page already has one). Empty when there is no pair.
    """
    layout = network_layout(index, centre)
    if layout is None:
        return ""
    figure = network_svg(layout, table=table)
    if not table:
        return figure + "\n"
    return f"{figure}\n{network_table(layout, *_links(layout, L))}"
