"""A world map drawn at build time: Natural Earth boundaries as inline SVG, no script, no third party.

The boundaries are the `world-atlas` package's countries-110m.json (TopoJSON, vendored with its licence
and a manifest in generator/data/vendor/world-atlas/). They are decoded here (quantized, delta-encoded
arcs), projected with Equal Earth (Šavrič, Patterson & Jenny 2018, an equal-area projection), simplified
arc by arc (so two neighbours keep one border) and written as SVG path data in whole units: once per
process (`world`). A page then only chooses, per country, a class, a link and a hover title (`draw`),
so drawing a map is string joining.

Countries are matched by their ISO 3166-1 numeric code (world-atlas `id`) to an alpha-2 code (pycountry);
shapes without a code (Kosovo, Northern Cyprus, Somaliland in this data set) are drawn as land that links
nowhere. Colours are classes styled in docs/stylesheets/briefing.css with Material's variables, so both
palettes work; the SVG uses only what generator/site/sanitize.py allows.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

import pycountry

VENDOR = Path(__file__).resolve().parent.parent / "data" / "vendor" / "world-atlas"
TOPOLOGY = VENDOR / "countries-110m.json"

# Equal Earth, on a sphere of radius 1 (Šavrič, Patterson & Jenny 2018, equations 1 and 2)
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2

SCALE = 354.0  # SVG units per unit of the unit sphere: the world is 1917 x 932 units
TOLERANCE = 0.1  # Douglas-Peucker tolerance, in degrees (about 0.6 SVG units at the equator)
COARSE = 0.35  # for small maps of a wide area (a pair's map), where finer detail would not show
# The home page's world map: every reader's first page, where each byte counts (its map weighed 18 KB
# gzipped at TOLERANCE, 10 KB at this one; the countries index keeps the finer one).
OVERVIEW = 0.8
NOTE = "Borders are drawn as they are held de facto and imply no position on any dispute."

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in SVG units


def equal_earth(lon: float, lat: float) -> Point:
    """(x, y) of a longitude and latitude in degrees, on the unit sphere, y growing northwards."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


X_MAX = equal_earth(180, 0)[0]
Y_MAX = equal_earth(0, 90)[1]
WIDTH, HEIGHT = round(2 * X_MAX * SCALE), round(2 * Y_MAX * SCALE)


def to_svg(lon: float, lat: float) -> Point:
    """SVG coordinates of a longitude and latitude: the origin top left, y growing downwards."""
    x, y = equal_earth(lon, lat)
    return (x + X_MAX) * SCALE, (Y_MAX - y) * SCALE


# --- TopoJSON -----------------------------------------------------------------------------------


def decode_arcs(topology: Mapping[str, Any]) -> list[list[Point]]:
    """Every arc as (longitude, latitude) points: quantized arcs are delta-encoded integers."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (kx, ky), (dx, dy) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for p in arc:
            x, y = x + p[0], y + p[1]
            points.append((x * kx + dx, y * ky + dy))
        arcs.append(points)
    return arcs


def ring(arcs: Sequence[Sequence[Point]], indexes: Iterable[int]) -> list[Point]:
    """One ring from its arcs (a negative index ~i is arc i reversed); each arc after the first starts
    where the last ended, so its first point is left out."""
    out: list[Point] = []
    for i in indexes:
        arc = list(reversed(arcs[~i])) if i < 0 else list(arcs[i])
        out.extend(arc if not out else arc[1:])
    return out


def polygons(geometry: Mapping[str, Any]) -> list[list[list[int]]]:
    """A Polygon's or MultiPolygon's arc indexes as a list of polygons (each a list of rings)."""
    kind, arcs = geometry.get("type"), geometry.get("arcs") or []
    if kind == "Polygon":
        return [arcs]
    if kind == "MultiPolygon":
        return list(arcs)
    return []


# --- simplifying and writing paths --------------------------------------------------------------


def split_antimeridian(points: Sequence[Point]) -> list[list[Point]]:
    """A ring that crosses the 180° meridian (Fiji, the east of Russia) as its two sides: the points east
    of the line moved by 360° so the ring is continuous, then cut at 180° (Sutherland-Hodgman) into an
    eastern and a western ring. A ring that crosses it an odd number of times goes round a pole
    (Antarctica) and is drawn as it is: its crossing runs along the map's edge."""
    crossings = sum(1 for i in range(len(points)) if abs(points[i][0] - points[i - 1][0]) > 180)
    if crossings == 0 or crossings % 2:
        return [list(points)]
    shifted = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in points]
    east = _clip(shifted, 180.0, below=True)
    west = [(lon - 360, lat) for lon, lat in _clip(shifted, 180.0, below=False)]
    return [r for r in (east, west) if len(r) >= 3]


def _clip(points: Sequence[Point], x: float, *, below: bool) -> list[Point]:
    """The part of a ring on one side of the vertical line at `x` (its left side if `below`)."""

    def inside(p: Point) -> bool:
        return p[0] <= x if below else p[0] >= x

    def cut(a: Point, b: Point) -> Point:
        t = (x - a[0]) / (b[0] - a[0])
        return (x, a[1] + t * (b[1] - a[1]))

    out: list[Point] = []
    for i, cur in enumerate(points):
        prev = points[i - 1]
        if inside(cur):
            if not inside(prev):
                out.append(cut(prev, cur))
            out.append(cur)
        elif inside(prev):
            out.append(cut(prev, cur))
    return out


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker: the points that keep the line within `tolerance`; both ends are kept."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm if norm else math.hypot(px - ax, py - ay)
            if d > worst:
                worst, index = d, i
        if worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _numbers(values: Iterable[int]) -> str:
    """Numbers for path data, the shortest way: a minus sign separates as well as a space does."""
    out: list[str] = []
    for v in values:
        text = str(v)
        if out and not text.startswith("-"):
            out.append(" ")
        out.append(text)
    return "".join(out)


def path_data(rings: Iterable[Sequence[tuple[int, int]]]) -> str:
    """SVG path data: each ring moved to, then drawn with relative lines, then closed."""
    parts = []
    for points in rings:
        (x0, y0), rest = points[0], points[1:]
        deltas: list[int] = []
        px, py = x0, y0
        for x, y in rest:
            deltas += [x - px, y - py]
            px, py = x, y
        parts.append(f"M{x0} {y0}l{_numbers(deltas)}z")
    return "".join(parts)


def _rounded(points: Iterable[Point]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for x, y in points:
        p = (round(x), round(y))
        if not out or p != out[-1]:
            out.append(p)
    return out


@dataclass(frozen=True)
class Shape:
    """One country's outline, ready to draw."""

    alpha2: str | None  # None: no ISO 3166-1 code in the data (Kosovo, Northern Cyprus, Somaliland)
    name: str  # the name in the data set
    d: str  # SVG path data, in SVG units
    box: Box  # around every part
    main: Box  # around its largest part (mainland France, not French Guiana): what a locator map frames


@dataclass(frozen=True)
class World:
    shapes: tuple[Shape, ...]
    by_alpha2: Mapping[str, Shape]


def build(topology: Mapping[str, Any], tolerance: float = TOLERANCE) -> World:
    """Every country of a TopoJSON topology ('countries' object) as a Shape, simplified and projected.
    Arcs are simplified before rings are made of them, so the two sides of a border stay one line."""
    arcs = [simplify(arc, tolerance) for arc in decode_arcs(topology)]
    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        rings = []
        for polygon in polygons(geometry):
            for indexes in polygon:
                for part in split_antimeridian(ring(arcs, indexes)):
                    points = _rounded(to_svg(lon, lat) for lon, lat in part)
                    if len(points) > 1 and points[0] == points[-1]:
                        points.pop()
                    if len(set(points)) >= 3:
                        rings.append(points)
        if not rings:
            continue  # too small to see at this scale
        boxes = [_box(r) for r in rings]
        shapes.append(
            Shape(
                _alpha2(geometry.get("id")),
                str((geometry.get("properties") or {}).get("name", "")),
                path_data(rings),
                _union(boxes),
                max(boxes, key=lambda b: (b[2] - b[0]) * (b[3] - b[1])),
            )
        )
    by_alpha2 = {s.alpha2: s for s in shapes if s.alpha2}
    return World(tuple(shapes), by_alpha2)


def _union(boxes: Sequence[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _box(points: Sequence[tuple[int, int]]) -> Box:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _alpha2(numeric: object) -> str | None:
    if not isinstance(numeric, str | int):
        return None
    found = pycountry.countries.get(numeric=str(numeric).zfill(3))
    return found.alpha_2 if found is not None else None


@cache
def world(tolerance: float = TOLERANCE) -> World:
    """The vendored boundaries, projected and simplified: made once per process (and tolerance)."""
    return build(json.loads(TOPOLOGY.read_text(encoding="utf-8")), tolerance)


# --- drawing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fill:
    """How one country is drawn on one map: its classes, a link (or None) and a hover title."""

    css: str
    title: str
    href: str | None = None


def _a(text: object) -> str:
    return escape(str(text), quote=True)


def draw(
    fills: Mapping[str, Fill],
    *,
    label: str,
    title: str,
    view: Box | None = None,
    interactive: bool = False,
    coarse: bool = False,
    tolerance: float | None = None,
) -> str:
    """The <svg> of a map: every shape in `view` (the whole world by default); a country in `fills`
    (by alpha-2) gets its classes, title and link, the others are plain land. An `interactive` map (one
    with links) is a group, so its links stay reachable; any other is one image. A `coarse` map (a small
    one) is drawn with fewer points; `tolerance` sets how few."""
    x0, y0, x1, y1 = view or (0, 0, WIDTH, HEIGHT)
    shapes = world(tolerance or (COARSE if coarse else TOLERANCE)).shapes
    out = [
        f'<svg class="world-map" viewBox="{x0} {y0} {x1 - x0} {y1 - y0}" '
        f'role="{"group" if interactive else "img"}" aria-label="{_a(label)}">',
        f"<title>{_a(title)}</title>",
    ]
    if view is None:
        out.append(f'<path class="map-sphere" d="{_outline()}"></path>')
    land, drawn = [], []
    for shape in shapes:
        bx0, by0, bx1, by1 = shape.box
        if view is not None and (bx1 < x0 or bx0 > x1 or by1 < y0 or by0 > y1):
            continue
        fill = fills.get(shape.alpha2 or "")
        if fill is None:
            land.append(shape.d)  # every plain country in one path: each ring starts with its own "M"
        else:
            drawn.append((shape, fill))
    if land:
        out.append(f'<path class="map-land" d="{"".join(land)}"></path>')
    for shape, fill in drawn:
        if fill.href:
            out.append(
                f'<a href="{_a(fill.href)}" aria-label="{_a(fill.title)}"><title>{_a(fill.title)}</title>'
                f'<path class="{_a(fill.css)}" d="{shape.d}"></path></a>'
            )
        else:
            out.append(f'<path class="{_a(fill.css)}" d="{shape.d}"><title>{_a(fill.title)}</title></path>')
    out.append("</svg>")
    return "".join(out)


@cache
def _outline() -> str:
    """The edge of the world (the meridians ±180°), as path data."""
    east = [to_svg(180, lat) for lat in range(90, -91, -5)]
    west = [to_svg(-180, lat) for lat in range(-90, 91, 5)]
    return path_data([_rounded(east + west)])


def crop(boxes: Iterable[Box], *, margin: float = 0.35, min_width: float = 520.0, aspect: float = 2.0) -> Box | None:
    """A view around the union of `boxes`, with a margin, at least `min_width` wide, `aspect` wide to
    high, inside the world; None (the whole world) when it would be most of it."""
    boxes = list(boxes)
    if not boxes:
        return None
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    w, h = (x1 - x0) * (1 + 2 * margin), (y1 - y0) * (1 + 2 * margin)
    w = max(w, h * aspect, min_width)
    h = w / aspect
    if w >= WIDTH * 0.7:
        return None
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    left = min(max(cx - w / 2, 0), WIDTH - w)
    top = min(max(cy - h / 2, 0), HEIGHT - h)
    return (round(left), round(top), round(left + w), round(top + h))


# --- coverage classes ---------------------------------------------------------------------------

STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000)
CLASSES = 5


def breaks(peak: int) -> tuple[int, ...]:
    """The lower bounds of the coverage classes: up to CLASSES round numbers from 1 to `peak`."""
    steps = [s for s in STEPS if s <= max(peak, 1)]
    if len(steps) <= CLASSES:
        return tuple(steps)
    picked = {steps[round(i * (len(steps) - 1) / (CLASSES - 1))] for i in range(CLASSES)}
    return tuple(sorted(picked))


def level(count: int, bounds: Sequence[int]) -> int:
    """The class of a count: 1 for the lowest bound, len(bounds) for the highest (0 for no briefing)."""
    return sum(1 for b in bounds if count >= b)


def shade(level: int, classes: int) -> int:
    """The colour (0 to CLASSES) of a class out of `classes`: spread over the whole ramp, the top class darkest."""
    return 0 if level <= 0 or classes <= 0 else math.ceil(level * CLASSES / classes)


def legend_labels(bounds: Sequence[int]) -> list[str]:
    """'1', '2–4', '5–9', '10 or more': the words for each class."""
    out = []
    for i, low in enumerate(bounds):
        if i + 1 == len(bounds):
            out.append(f"{low}" if i == 0 and low == 1 and len(bounds) == 1 else f"{low} or more")
        else:
            high = bounds[i + 1] - 1
            out.append(str(low) if high == low else f"{low}–{high}")
    return out
