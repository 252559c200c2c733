"""The world map: vendored data as locked, Equal Earth as published, TopoJSON decoded, maps in the built site."""

from __future__ import annotations

import hashlib
import json
import math
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.site import worldmap
from generator.site.sanitize import clean
from generator.site.worldmap import (
    Fill,
    breaks,
    build,
    crop,
    decode_arcs,
    equal_earth,
    legend_labels,
    level,
    ring,
    shade,
    simplify,
    split_antimeridian,
)

MAP = re.compile(r'<svg class="world-map".*?</svg>', re.S)

# --- the vendored data --------------------------------------------------------------------------


def test_vendored_files_match_their_manifest() -> None:
    manifest = json.loads((worldmap.VENDOR / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["package"] == "world-atlas"
    assert manifest["version"] == "2.0.2"
    assert manifest["tarball"] == "https://registry.npmjs.org/world-atlas/-/world-atlas-2.0.2.tgz"
    assert re.fullmatch(r"[0-9a-f]{64}", manifest["tarball_sha256"])
    listed = {f["path"] for f in manifest["files"]}
    for f in manifest["files"]:
        data = (worldmap.VENDOR / f["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == f["sha256"], f"{f['path']} differs from the locked file"
    # nothing is vendored that the manifest does not vouch for (but the manifest and its README)
    present = {p.name for p in worldmap.VENDOR.iterdir()}
    assert present - listed == {"manifest.json", "README.md"}
    assert {"LICENSE", "countries-110m.json"} <= listed
    assert "Permission to use, copy, modify, and/or distribute" in (worldmap.VENDOR / "LICENSE").read_text()
    assert worldmap.TOPOLOGY.stat().st_size < 150_000  # 110m: enough for a world map, small to keep


# --- Equal Earth --------------------------------------------------------------------------------

# (longitude, latitude) -> (x, y), from PROJ (`proj +proj=eqearth +R=1`, and its test suite with
# +R=6378137 for the last two), an implementation independent of this one.
PROJ_R1 = [
    ((115.8571, -31.9535), (1.614621210487, -0.629372441721)),  # Perth
    ((-0.1278, 51.5074), (-0.001565514410, 0.965105647318)),  # London
    ((-74.0060, 40.7128), (-0.981861449986, 0.787064220049)),  # New York
    ((0, 0), (0.0, 0.0)),
    ((0, 90), (0.0, 1.3173627591574)),  # PROJ's MAX_Y: the pole line
]
PROJ_WGS84_SPHERE = [
    ((180, 0), (17263256.84, 0.0)),
    ((180, 45), (14795421.79, 5486671.72)),
]


@pytest.mark.parametrize(("lonlat", "xy"), PROJ_R1)
def test_equal_earth_matches_proj_on_the_unit_sphere(lonlat: tuple[float, float], xy: tuple[float, float]) -> None:
    x, y = equal_earth(*lonlat)
    assert x == pytest.approx(xy[0], abs=1e-11)
    assert y == pytest.approx(xy[1], abs=1e-11)


@pytest.mark.parametrize(("lonlat", "xy"), PROJ_WGS84_SPHERE)
def test_equal_earth_matches_proj_in_metres(lonlat: tuple[float, float], xy: tuple[float, float]) -> None:
    x, y = equal_earth(*lonlat)
    assert x * 6378137 == pytest.approx(xy[0], abs=0.01)
    assert y * 6378137 == pytest.approx(xy[1], abs=0.01)


def test_equal_earth_is_equal_area() -> None:
    """Two cells of one degree, at the equator and at 60°N, have the areas they have on the sphere."""

    def area(lon: float, lat: float) -> float:  # the projected cell, by the shoelace formula
        corners = [
            equal_earth(lon, lat),
            equal_earth(lon + 1, lat),
            equal_earth(lon + 1, lat + 1),
            equal_earth(lon, lat + 1),
        ]
        return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(corners, corners[1:] + corners[:1], strict=True))) / 2

    def sphere(lat: float) -> float:
        return math.radians(1) * (math.sin(math.radians(lat + 1)) - math.sin(math.radians(lat)))

    for lat in (0, 60):
        assert area(10, lat) == pytest.approx(sphere(lat), rel=1e-3)


# --- TopoJSON -----------------------------------------------------------------------------------

# Two unit squares side by side, sharing the arc x = 1; quantized (scale 1, translate 10, 20) and
# delta-encoded as TopoJSON writes them. Arc 0: the shared edge, from (1, 0) up to (1, 1).
TINY = {
    "type": "Topology",
    "transform": {"scale": [1, 1], "translate": [10, 20]},
    "arcs": [
        [[1, 0], [0, 1]],  # (11, 20) -> (11, 21)
        [[1, 1], [-1, 0], [0, -1], [1, 0]],  # (11, 21) -> (10, 21) -> (10, 20) -> (11, 20)
        [[1, 0], [1, 0], [0, 1], [-1, 0]],  # (11, 20) -> (12, 20) -> (12, 21) -> (11, 21)
    ],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "id": "364", "properties": {"name": "Iran"}},
                {"type": "MultiPolygon", "arcs": [[[2, -1]]], "properties": {"name": "Somewhere"}},
                {"type": "LineString", "arcs": [0], "id": "643", "properties": {"name": "not a country"}},
            ],
        }
    },
}


def test_decode_undoes_quantization_and_delta_encoding() -> None:
    arcs = decode_arcs(TINY)
    assert arcs[0] == [(11, 20), (11, 21)]
    assert arcs[1] == [(11, 21), (10, 21), (10, 20), (11, 20)]


def test_rings_join_arcs_and_reverse_negative_ones() -> None:
    arcs = decode_arcs(TINY)
    assert ring(arcs, [0, 1]) == [(11, 20), (11, 21), (10, 21), (10, 20), (11, 20)]
    # ~0 = -1: the shared arc backwards, from (11, 21) down to (11, 20)
    assert ring(arcs, [2, -1]) == [(11, 20), (12, 20), (12, 21), (11, 21), (11, 20)]


def test_build_maps_numeric_ids_and_keeps_unnumbered_land() -> None:
    world = build(TINY, tolerance=0)
    assert [(s.alpha2, s.name) for s in world.shapes] == [("IR", "Iran"), (None, "Somewhere")]
    assert set(world.by_alpha2) == {"IR"}
    iran, other = world.shapes
    assert re.fullmatch(r"M\d+ \d+l[-\d ]+z", iran.d)
    # the shared edge is the same line in both shapes: Iran's east side is the other's west side
    assert iran.box[2] == other.box[0]


def test_split_at_the_antimeridian() -> None:
    fiji = [(179.0, -16.0), (180.0, -16.0), (-180.0, -16.0), (-179.0, -16.0), (-179.0, -17.0), (-180.0, -17.0)]
    fiji += [(180.0, -17.0), (179.0, -17.0), (179.0, -16.0)]
    parts = split_antimeridian(fiji)
    assert len(parts) == 2
    east, west = parts
    assert all(lon >= 179 for lon, _ in east) and all(lon <= -179 for lon, _ in west)
    antarctica = [(-180.0, -80.0), (0.0, -70.0), (180.0, -80.0), (-180.0, -80.0)]  # round the pole: as it is
    assert split_antimeridian(antarctica) == [antarctica]


def test_simplify_keeps_the_ends_and_the_corners() -> None:
    line = [(0.0, 0.0), (1.0, 0.01), (2.0, 0.0), (2.0, 5.0)]
    assert simplify(line, 0.1) == [(0.0, 0.0), (2.0, 0.0), (2.0, 5.0)]
    assert simplify(line, 0.0) == line


# --- classes and views --------------------------------------------------------------------------


def test_coverage_classes() -> None:
    assert breaks(0) == (1,)
    assert breaks(3) == (1, 2)
    assert breaks(1000) == (1, 5, 20, 200, 1000)  # at most CLASSES classes, spread over the steps
    bounds = breaks(12)
    assert bounds == (1, 2, 5, 10)
    assert [level(n, bounds) for n in (0, 1, 4, 9, 10, 500)] == [0, 1, 2, 3, 4, 4]
    assert legend_labels(bounds) == ["1", "2–4", "5–9", "10 or more"]
    assert legend_labels((1,)) == ["1"]
    assert shade(1, 1) == worldmap.CLASSES  # one class: the darkest shade
    assert [shade(i, 4) for i in range(5)] == [0, 2, 3, 4, 5]


def test_crop_stays_inside_the_world_and_keeps_its_shape() -> None:
    view = crop([(900, 300, 960, 340)])
    assert view is not None
    x0, y0, x1, y1 = view
    assert 0 <= x0 < 900 and 960 < x1 <= worldmap.WIDTH and y0 >= 0 and y1 <= worldmap.HEIGHT
    assert (x1 - x0) == pytest.approx(2 * (y1 - y0), abs=2)
    assert crop([(0, 0, worldmap.WIDTH, 100)]) is None  # most of the world: the whole world
    assert crop([]) is None


def test_draw_escapes_and_links() -> None:
    fills = {"IR": Fill("map-country", 'Iran "<b>"', "../countries/iran/"), "RU": Fill("map-here", "Russia")}
    svg = worldmap.draw(fills, label="A <map>", title="T & t", interactive=True)
    assert svg.count("<a ") == 1
    assert '<a href="../countries/iran/" aria-label="Iran &quot;&lt;b&gt;&quot;">' in svg
    assert 'role="group" aria-label="A &lt;map&gt;"' in svg
    assert svg.count('class="map-here"') == 1
    assert "<b>" not in svg
    kept = clean(svg)  # the sanitizer keeps every outline, class and link of a map
    assert re.findall(r'(?:d|class|href)="[^"]*"', kept) == re.findall(r'(?:d|class|href)="[^"]*"', svg)
    assert 'viewBox="0 0 ' in kept and 'role="group"' in kept


def test_the_sanitizer_keeps_map_links_and_nothing_that_runs() -> None:
    hostile = (
        '<svg viewBox="0 0 9 9" onload="x()"><a href="javascript:alert(1)"><path d="M0 0"></path></a>'
        '<a xlink:href="https://evil.example/" href="../countries/iran/"><path d="M0 0" onclick="x()" '
        'style="fill:red"></path></a><foreignObject><p>x</p></foreignObject><use href="#a"></use>'
        '<a href="https://elsewhere.example/x" xlink:href="data:text/html,x"><title>t</title></a></svg>'
    )
    out = clean(hostile)
    for bad in ("javascript:", "onload", "onclick", "style=", "foreignObject", "<use", "xlink", "evil", "data:"):
        assert bad not in out, bad
    assert 'href="../countries/iran/"' in out


def test_the_world_is_made_once() -> None:
    assert worldmap.world() is worldmap.world()
    shapes = worldmap.world().by_alpha2
    assert {"IR", "RU", "US", "FJ"} <= set(shapes)
    assert not any(s.alpha2 is None for s in shapes.values())
    assert {s.name for s in worldmap.world().shapes if s.alpha2 is None} >= {"Kosovo"}


# --- in the built seed site ---------------------------------------------------------------------


class _Links(HTMLParser):
    """The country links in a map, and those in the table after it."""

    def __init__(self) -> None:
        super().__init__()
        self.in_svg = self.in_table = False
        self.map_links: list[str] = []
        self.table_links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "svg" and "world-map" in (a.get("class") or ""):
            self.in_svg = True
        elif tag == "details" and "map-data" in (a.get("class") or ""):
            self.in_table = True
        elif tag == "a" and a.get("href"):
            if self.in_svg:
                self.map_links.append(a["href"] or "")
            elif self.in_table:
                self.table_links.append(a["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self.in_svg = False
        elif tag == "details":
            self.in_table = False


def test_home_map_links_iran_to_its_profile_and_the_countries_table_lists_the_same_countries(seed_site: Path) -> None:
    """The home page's map (drawn with fewer points, it is every reader's first page) links each country,
    and links to the countries index's table of the same data instead of holding it."""
    home = (seed_site / "index.html").read_text(encoding="utf-8")
    index = (seed_site / "countries" / "index.html").read_text(encoding="utf-8")
    [svg] = MAP.findall(home)
    [full] = MAP.findall(index)
    assert len(svg.encode()) < 0.8 * len(full.encode())  # coarse on the home page
    assert re.search(
        r'<a href="countries/iran/" aria-label="Iran: 1 briefing"[^>]*><title>Iran: 1 briefing</title>', svg
    )
    assert re.search(r'<a href="countries/#map-table"[^>]*>The map as a table</a>', home)
    assert "<table" not in home.split('class="world-map"', 1)[1].split("</figure>", 1)[1][:500]
    assert 'id="map-table"' in index
    home_links, links = _Links(), _Links()
    home_links.feed(home)
    links.feed(index)
    assert "countries/iran/" in home_links.map_links and "iran/" in links.map_links
    # every country drawn is in the table; the table may add those too small to draw, and says so
    assert {f"countries/{h}" for h in links.map_links} == set(home_links.map_links)
    assert set(links.map_links) <= set(links.table_links)
    if set(links.table_links) - set(links.map_links):
        assert "Not on the map" in index
    assert "de facto" in home and "de facto" in index


def test_profile_has_a_locator_and_a_pair_page_both_countries(seed_site: Path) -> None:
    iran = (seed_site / "countries" / "iran" / "index.html").read_text(encoding="utf-8")
    [svg] = MAP.findall(iran)
    assert 'role="img" aria-label="Locator map: Iran highlighted."' in svg
    assert svg.count("map-here") == 1 and "<a " not in svg
    pair = (seed_site / "relations" / "iran--russia" / "index.html").read_text(encoding="utf-8")
    [svg] = MAP.findall(pair)
    assert svg.count("map-stance--strained") == 2  # the seed's latest stance
    assert '<a href="../../countries/iran/"' in svg and '<a href="../../countries/russia/"' in svg
