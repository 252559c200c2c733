"""Flags are images the site serves itself (generator/flags.py): the vendored flag-icons SVGs match their
manifest, every country that exists has one and a historical state none, a country's links and headings
show the image before the name, and no emoji flag is left anywhere in a built site."""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pycountry
import pytest
from markupsafe import Markup

from generator import flags, urls
from generator.content.entities import Corpus, Country, Era
from generator.site.links import Linker
from tests.sites import seed_corpus

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
EMOJI_FLAG = re.compile("[\U0001f1e6-\U0001f1ff]")  # the regional-indicator letters an emoji flag is made of
TEXT_FILES = {".html", ".xml", ".json", ".csv", ".txt", ".js", ".css", ".svg", ".webmanifest"}


# --- the vendored set ----------------------------------------------------------------------------


def test_the_vendored_flags_are_the_files_the_manifest_records() -> None:
    manifest = flags.manifest()
    assert manifest["package"] == "flag-icons" and manifest["license"] == "MIT"
    version = manifest["version"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    assert manifest["tarball"] == f"https://registry.npmjs.org/flag-icons/-/flag-icons-{version}.tgz"
    assert re.fullmatch(r"[0-9a-f]{64}", manifest["tarball_sha256"])
    on_disk = {p.relative_to(flags.VENDOR).as_posix() for p in (flags.VENDOR / flags.SET).iterdir()}
    assert on_disk == set(manifest["files"]), "a file is vendored that the manifest does not list, or missing"
    changed = [
        name
        for name, digest in manifest["files"].items()
        if hashlib.sha256((flags.VENDOR / name).read_bytes()).hexdigest() != digest
    ]
    assert changed == [], f"changed since vendored (run scripts/vendor_flags.py again): {changed}"
    assert "MIT License" in (flags.VENDOR / "LICENSE").read_text(encoding="utf-8")


def test_every_country_that_exists_has_a_flag() -> None:
    """Every ISO 3166-1 code a briefing may name has an image, so no country link points at a missing file."""
    missing = [c.alpha_2 for c in pycountry.countries if not flags.code_of(c.alpha_2)]
    assert missing == []
    assert flags.code_of("IR") == "ir" and flags.code_of("ZZ") == ""


def test_every_flag_is_an_svg_that_fetches_nothing() -> None:
    """An image loaded by <img> runs no script and fetches nothing, but the CSP would also refuse it:
    each file is an SVG of 4:3 whose references all point inside itself."""
    for name in flags.manifest()["files"]:
        root = ET.fromstring((flags.VENDOR / name).read_bytes())
        assert root.tag == f"{SVG}svg", name
        assert root.get("viewBox") == "0 0 640 480", name
        for element in root.iter():
            assert element.tag != f"{SVG}script" and element.tag != f"{SVG}foreignObject", name
            for attr in ("href", XLINK_HREF):
                ref = element.get(attr)
                assert ref is None or ref.startswith("#"), (name, ref)


def test_only_the_flags_asked_for_are_published() -> None:
    files = flags.published(["ir", "", "ru", "ir"])
    assert list(files) == ["assets/flags/ir.svg", "assets/flags/ru.svg", "assets/flags/LICENSE.txt"]
    assert files["assets/flags/ir.svg"] == (flags.VENDOR / "4x3/ir.svg").read_bytes()
    assert b"MIT License" in files["assets/flags/LICENSE.txt"]
    assert flags.published(["", ""]) == {}, "no licence without a flag"


# --- links ---------------------------------------------------------------------------------------


def _corpus() -> Corpus:
    iran = Country("iran", "Iran", "Islamic Republic of Iran", "IR", "IRN", "ir", ())
    rohan = Country("rohan", 'Rohan <"the Mark">', "Rohan", "", "", "", (), era=Era(None, 1950, ()))
    return Corpus((), {"iran": iran, "rohan": rohan}, {}, {})


@pytest.mark.parametrize(
    ("here", "directory_urls", "src"),
    [
        ("briefings/2026-02-27-x.md", True, "../../assets/flags/ir.svg"),
        ("index.md", True, "assets/flags/ir.svg"),
        ("countries/index.md", True, "../assets/flags/ir.svg"),
        ("countries/iran/2025.md", True, "../../../assets/flags/ir.svg"),
        ("briefings/2026-02-27-x.md", False, "../assets/flags/ir.svg"),
        ("index.md", False, "assets/flags/ir.svg"),
    ],
)
def test_a_country_link_shows_its_flag_image_before_its_name(here: str, directory_urls: bool, src: str) -> None:
    L = Linker(_corpus(), here, directory_urls)
    link = L.country("iran")
    img = f'<img class="flag" src="{src}" alt="" width="20" height="15" loading="lazy">'
    assert link == Markup(f'<a href="{L.to(urls.page("country", "iran"))}">{img}Iran</a>')
    assert L.entity("country", "iran") == link
    assert L.country("iran", flag=False) == Markup(f'<a href="{L.to(urls.page("country", "iran"))}">Iran</a>')


def test_a_flag_alone_is_labelled_with_the_name_and_a_historical_state_has_none() -> None:
    L = Linker(_corpus(), "index.md")
    assert 'alt="Iran"' in L.flag("iran", alone=True)
    assert L.flag("rohan") == "" and L.flag("rohan", alone=True) == ""
    assert L.country("rohan") == Markup('<a href="countries/rohan/">Rohan &lt;&#34;the Mark&#34;&gt;</a>')


# --- a built site --------------------------------------------------------------------------------


def _text_files(site: Path) -> list[Path]:
    return [p for p in site.rglob("*") if p.is_file() and p.suffix in TEXT_FILES]


def test_the_built_site_shows_flag_images_and_no_emoji_flag(seed_site: Path) -> None:
    briefing = next((seed_site / "briefings").glob("2026-*/index.html")).read_text(encoding="utf-8")
    iran = re.search(r'<a href="\.\./\.\./countries/iran/"[^>]*>(.*?)</a>', briefing)
    assert iran is not None
    assert re.fullmatch(r'<img class="flag" src="\.\./\.\./assets/flags/ir\.svg" alt=""[^>]*>Iran', iran[1]), iran[1]
    image = seed_site / "assets/flags/ir.svg"
    assert image.read_bytes() == (flags.VENDOR / "4x3/ir.svg").read_bytes()
    assert ET.fromstring(image.read_bytes()).tag == f"{SVG}svg"
    profile = (seed_site / "countries/iran/index.html").read_text(encoding="utf-8")
    assert re.search(r'<h1 id="iran"><img class="flag" src="\.\./\.\./assets/flags/ir\.svg" alt=""[^>]*>Iran<', profile)
    assert re.search(r"<title>Iran - ", profile), "the title is the name alone"
    pair = (seed_site / "relations/iran--russia/index.html").read_text(encoding="utf-8")
    assert re.search(r'<h1 id="iran-russia"><img class="flag" [^>]*>Iran – <img class="flag" [^>]*>Russia<', pair)
    with_emoji = [str(p.relative_to(seed_site)) for p in _text_files(seed_site) if EMOJI_FLAG.search(p.read_text())]
    assert with_emoji == [], with_emoji


def test_the_built_site_publishes_the_flags_of_the_countries_its_content_names(seed_site: Path) -> None:
    named = {c.flag for c in seed_corpus().countries.values() if c.flag}
    published = {p.name for p in (seed_site / "assets/flags").iterdir()}
    assert named and published == {f"{code}.svg" for code in named} | {"LICENSE.txt"}


def test_the_export_gives_the_address_of_the_flag_image(seed_site: Path) -> None:
    data = json.loads((seed_site / "data/briefings.json").read_text(encoding="utf-8"))
    countries = {c["id"]: c for c in data["entities"]["countries"]}
    assert countries["iran"]["flag"] == "https://briefing-site.github.io/briefing/assets/flags/ir.svg"
