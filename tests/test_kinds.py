"""The kinds table is the one place a kind is declared: a throwaway kind added to it alone (and a template)
gets files read and checked, references resolved, its pages, a feed per entity and an export section."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import kinds
from generator.build import generate, static_files
from generator.content.models import NamedMeta
from generator.content.project import read_project
from generator.kinds import KindSpec, RefField
from generator.site.jsonld import structured_data
from generator.siteinfo import SiteInfo
from generator.urls import Subject

PLACE = KindSpec(
    kind="place",
    folder="places",
    label="place",
    heading="Places",
    source="files",
    schema=NamedMeta,
    template="place.html.j2",
    index_template="named_index.html.j2",
    index_description="Every place named in a briefing.",
    listed=RefField("places", 20, "Places named: id, name or alias of a file in content/places/."),
    in_events=RefField("places", 20, "Places involved; each must also be listed in the briefing's `places`."),
    mentions=True,
    feed=True,
    export="places",
    jsonld="Place",
    weight=1.5,
    describe="What it is",
    hint='add it with `briefing new place "Name"`, or use an existing id',
)
SITE = SiteInfo("https://example.org/site/")


@pytest.fixture
def places(monkeypatch: pytest.MonkeyPatch, project: Callable[..., Path]) -> Path:
    """The seed project with a kind the repository does not have: places, declared in the table only."""
    monkeypatch.setattr(kinds, "KINDS", (*kinds.KINDS, PLACE))
    root = project()
    (root / "site_config/templates/place.html.j2").write_text('{% extends "named.html.j2" %}\n', encoding="utf-8")
    (root / "content/places").mkdir()
    (root / "content/places/strait-of-hormuz.md").write_text(
        '---\nname: Strait of Hormuz\naliases: [Hormuz]\ndescription: "A strait between Iran and Oman."\n'
        "country: iran\n---\n",
        encoding="utf-8",
    )
    briefing = next((root / "content/briefings").glob("*.md"))
    text = briefing.read_text(encoding="utf-8")
    text = text.replace("\ncountries:\n", "\nplaces: [Hormuz]\ncountries:\n", 1)
    text = text.replace(
        "\nevents:\n",
        '\nevents:\n  - date: "2019"\n    title: Tankers are seized near the strait\n    places: [strait-of-hormuz]\n',
        1,
    )
    text = text.rstrip("\n") + "\n\nShips still cross the Strait of Hormuz every day.\n"
    briefing.write_text(text, encoding="utf-8")
    return root


def test_a_kind_added_to_the_table_alone_gets_pages_a_feed_and_an_export_section(places: Path) -> None:
    from generator.content.project import Project

    project = Project.at(places)
    corpus, problems = read_project(project)
    assert problems == []
    assert corpus.named["place"]["strait-of-hormuz"].country == "iran"
    b = corpus.briefings[0]
    assert b.refs["place"] == ("strait-of-hormuz",)  # "Hormuz", an alias, resolved to the id
    assert any(e.refs.get("place") == ("strait-of-hormuz",) for e in b.events)

    generated = generate(project)
    pages = {p.uri: p for p in generated.pages}
    page = pages["places/strait-of-hormuz.md"]
    assert page.subject == Subject("place", "strait-of-hormuz")
    assert page.edit_path == "content/places/strait-of-hormuz.md"
    assert '<h1 id="strait-of-hormuz">Strait of Hormuz<a' in page.html
    assert "<strong>What it is:</strong> A strait between Iran and Oman." in page.html
    assert "Tankers are seized near the strait" in page.html  # its timeline
    assert f'href="../../briefings/{b.slug}/"' in page.html  # its briefings
    index = pages["places/index.md"].html
    assert '<h1 id="places">Places' in index and '<a href="strait-of-hormuz/">Strait of Hormuz</a>' in index
    briefing = pages[f"briefings/{b.slug}.md"]
    assert '<strong>Places:</strong> <a href="../../places/strait-of-hormuz/">Strait of Hormuz</a>' in briefing.html
    assert "[Strait of Hormuz](../places/strait-of-hormuz.md) every day" in briefing.body  # the first mention links

    files = static_files(generated, SITE)
    feed = files["feeds/places/strait-of-hormuz.xml"]
    assert b.title in feed and "https://example.org/site/places/strait-of-hormuz/" in feed
    export = json.loads(files["data/briefings.json"])
    assert [p["id"] for p in export["entities"]["places"]] == ["strait-of-hormuz"]
    assert export["briefings"][0]["places"] == ["strait-of-hormuz"]
    assert "places" in files["data/timeline.csv"].splitlines()[0].split(",")
    node = structured_data(generated.index, SITE, page.subject)
    assert node is not None and node["@type"] == "Place"


def test_without_the_row_the_same_files_are_refused(project: Callable[..., Path]) -> None:
    """The control: the table, not some other list, is what admits the kind."""
    from generator.content.project import Project

    root = project()
    (root / "content/places").mkdir()
    (root / "content/places/strait-of-hormuz.md").write_text(
        "---\nname: Strait of Hormuz\ndescription: A strait.\n---\n", encoding="utf-8"
    )
    _, problems = read_project(Project.at(root))
    assert [p.message for p in problems] == [
        "file is not in a content folder; move it into one of briefings/, countries/, people/, organizations/"
    ]


def test_the_table_is_consistent() -> None:
    folders = [row.folder for row in kinds.KINDS]
    assert len(set(folders)) == len(folders) and len({row.kind for row in kinds.KINDS}) == len(kinds.KINDS)
    for row in kinds.entity_kinds():
        assert row.listed is not None and row.hint and row.template
    assert set(kinds.file_schemas()) == {"briefing", "country", "person", "organization"}
    assert [row.kind for row in sorted(kinds.entity_kinds(), key=lambda r: -r.weight)][0] == "person"
    with pytest.raises(KeyError):
        kinds.spec("persn")
    assert dataclasses.replace(PLACE, kind="x").kind == "x"
