"""Historical states: countries that no longer exist (ISO 3166-3, and site_config/historical.yml for
older ones). Any country reference may name one; its profile says when it existed and links the
countries that followed it; it has no flag; a relation refuses it; its file is checked like the others."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build import generate
from generator.content.countries import historical_hint
from generator.content.entities import Corpus
from generator.content.problems import Problem
from generator.content.project import Project, read_project
from generator.content.siteconf import load_site_data
from generator.graph.index import build_index
from generator.site.export import build_export
from generator.siteinfo import SiteInfo
from tests.sites import ROOT, briefing_cli, build_ok

HISTORICAL = """\
# a comment line
- id: soviet-union
  name: Soviet Union
  official_name: Union of Soviet Socialist Republics
  iso: SUHH
  from: 1922
  to: 1991
  successors: [russia, Ukraine, BY]
  aliases: [USSR]
- id: ottoman-empire
  name: Ottoman Empire
  from: 1299
  to: 1922
  successors: [turkiye]
"""
FLAGS = re.compile("[\U0001f1e6-\U0001f1ff]")  # the regional-indicator letters a flag emoji is made of


def briefing_file(root: Path) -> Path:
    return next((root / "content/briefings").glob("*.md"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def soviet(project: Callable[..., Path]) -> Path:
    """The seed project whose 1940s event names the Soviet Union (by an alias) instead of Russia."""
    root = project()
    (root / "site_config/historical.yml").write_text(HISTORICAL, encoding="utf-8")
    b = briefing_file(root)
    edit(b, "  - united-kingdom\n", "  - united-kingdom\n  - Soviet Union\n")
    edit(
        b,
        '"Soviet forces occupy northern Iran"\n    countries: [iran, russia]',
        '"Soviet forces occupy northern Iran"\n    countries: [iran, USSR]',
    )
    return root


def read(root: Path) -> tuple[Corpus, list[Problem]]:
    return read_project(Project.at(root))


def check(root: Path) -> list[str]:
    result = briefing_cli("--root", str(root), "check")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.stdout.splitlines()


def page(root: Path, uri: str) -> str:
    return next(p.markdown({}) for p in generate(Project.at(root)).pages if p.uri == uri)


def test_an_event_of_the_1940s_names_the_soviet_union(soviet: Path) -> None:
    corpus, problems = read(soviet)
    assert problems == []
    event = next(e for b in corpus.briefings for e in b.events if e.title == "Soviet forces occupy northern Iran")
    assert event.countries == ("iran", "soviet-union")
    union = corpus.countries["soviet-union"]
    assert union.era is not None and union.era.span == "1922–1991"
    assert [s for s, _ in union.era.successors] == ["russia", "ukraine", "belarus"]  # a name and a code resolved


def test_the_profile_says_when_it_existed_and_links_the_successors_that_have_pages(soviet: Path) -> None:
    html = page(soviet, "countries/soviet-union.md")
    assert "existed 1922–1991" in html
    followed = re.search(r"<li><strong>Followed by:</strong>(.*)</li>", html)
    assert followed is not None
    # Russia and Ukraine are named by the briefing (they have pages); Belarus is not: its name only.
    assert 'href="../russia/"' in followed[1] and 'href="../ukraine/"' in followed[1]
    assert "Belarus" in followed[1] and "belarus" not in followed[1]
    assert "<code>SUHH</code>" in html
    assert "ISO codes:" not in html  # no ISO 3166-1 codes to show


def test_a_successor_links_back_to_the_historical_state_it_followed(soviet: Path) -> None:
    assert re.search(
        r'<li><strong>Successor of:</strong> <a href="\.\./soviet-union/">Soviet Union</a></li>',
        page(soviet, "countries/russia.md"),
    )
    assert "<strong>Successor of:</strong>" not in page(soviet, "countries/iran.md")


def test_a_historical_state_has_no_flag_anywhere(soviet: Path) -> None:
    html = page(soviet, "countries/soviet-union.md")
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html)
    assert heading is not None and heading[1].startswith("Soviet Union") and "<img" not in heading[1]
    iran = page(soviet, "countries/iran.md")
    links = re.findall(r'<a href="\.\./soviet-union/">(.*?)</a>', iran)
    assert links and all(label == "Soviet Union" for label in links), links
    # current countries keep theirs: the image, then the name
    russia = r'<a href="\.\./russia/"><img class="flag" src="\.\./\.\./assets/flags/ru\.svg"[^>]*>Russia</a>'
    assert re.search(russia, iran)
    pair = page(soviet, "relations/iran--soviet-union.md")
    title = re.search(r"<h1[^>]*>(.*?)<a class=\"headerlink\"", pair)
    assert title is not None
    first, second = title[1].split(" – ")
    assert 'src="../../assets/flags/ir.svg"' in first and first.endswith(">Iran")
    assert second == "Soviet Union"
    assert FLAGS.search(iran + pair + html) is None


def test_the_export_says_when_it_existed_and_matches_its_schema(soviet: Path) -> None:
    corpus, _ = read(soviet)
    data = json.loads(build_export(build_index(corpus), SiteInfo("https://example.org/"))["data/briefings.json"])
    schema = json.loads((ROOT / "site_config/schemas/export.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    countries = {c["id"]: c for c in data["entities"]["countries"]}
    assert countries["soviet-union"]["historical"] == {
        "from": 1922,
        "to": 1991,
        "successors": ["russia", "ukraine", "belarus"],
    }
    assert countries["soviet-union"]["flag"] == "" and countries["iran"]["historical"] is None


@pytest.mark.slow
def test_the_strict_build_passes(soviet: Path, tmp_path: Path) -> None:
    site = build_ok(soviet, tmp_path / "site")
    assert "existed 1922–1991" in (site / "countries/soviet-union/index.html").read_text(encoding="utf-8")


def test_iso_3166_3_states_exist_without_curation(project: Callable[..., Path]) -> None:
    """An ISO 3166-3 entry nobody curated: named and dated from ISO (the year its code was withdrawn),
    its successor from its four-letter code. Its withdrawn two-letter code never shadows a current one."""
    root = project()
    (root / "site_config/historical.yml").write_text("", encoding="utf-8")
    b = briefing_file(root)
    edit(b, "  - united-kingdom\n", "  - united-kingdom\n  - HVBF\n  - burkina faso\n  - BY\n")
    corpus, problems = read(root)
    assert problems == [], [p.text() for p in problems]
    volta = corpus.countries["upper-volta"]
    assert volta.era is not None and volta.era.span == "until 1984"
    assert volta.era.successors == (("burkina-faso", "Burkina Faso"),)
    assert "belarus" in corpus.countries and corpus.countries["belarus"].era is None
    edit(b, "  - HVBF\n", "  - Upper Volta\n")
    assert "upper-volta" in read(root)[0].countries


def test_persia_is_iran(project: Callable[..., Path]) -> None:
    root = project()
    edit(briefing_file(root), "  - iran\n", "  - Persia\n")
    corpus, problems = read(root)
    assert problems == [], [p.text() for p in problems]
    assert "iran" in corpus.briefings[0].countries


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("USSR", "did you mean the historical state 'soviet-union' (1922–1991)?"),
        ("soviet-union", "did you mean the historical state 'soviet-union' (1922–1991)?"),
        ("Soviet Unoin", "did you mean the historical state 'soviet-union' (1922–1991)?"),
        ("Ottoman empire", "did you mean the historical state 'ottoman-empire' (1299–1922)?"),
        ("Yugoslavia", "did you mean the historical state 'yugoslavia' (until 2003)?"),  # ISO 3166-3, uncurated
        ("Narnia", None),
    ],
)
def test_historical_hint(soviet: Path, text: str, expected: str | None) -> None:
    site, _ = load_site_data(soviet / "site_config", soviet)  # the hint looks in the site's historical states
    assert historical_hint(text, site.historical) == expected


def test_an_unknown_country_near_a_historical_state_names_it_with_its_years(soviet: Path) -> None:
    edit(briefing_file(soviet), "  - Soviet Union\n", "  - Soviet Unoin\n")
    lines = check(soviet)
    assert any(
        re.match(
            r"content/briefings/[^:]+:\d+:5: error: countries\[\d+\]: unknown country 'Soviet Unoin'; "
            r"did you mean the historical state 'soviet-union' \(1922–1991\)\?$",
            line,
        )
        for line in lines
    ), lines


def test_a_relation_refuses_a_historical_state(soviet: Path) -> None:
    edit(
        briefing_file(soviet),
        "  - countries: [iran, russia]\n    stance: strained",
        "  - countries: [iran, USSR]\n    stance: strained",
    )
    lines = check(soviet)
    assert any(
        "relations[0].countries[1]: 'USSR' is the historical state 'soviet-union' (1922–1991); a relation says how "
        "two countries stand now" in line
        for line in lines
    ), lines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- id: iran\n  name: Old Iran\n  to: 1900\n", "1:7: error: 0.id: 'iran' is the id of a current country"),
        ("- id: narnia\n  name: '<b>Narnia</b>'\n  to: 1950\n", "2:9: error: 0.name: raw HTML is not allowed"),
        ("- id: gondor\n  name: Gondor\n  from: 2000\n  to: 1000\n", "4:7: error: 0.to: is before `from` (2000)"),
        ("- {id: x, name: X, iso: ZZZZ, to: 3}\n", "1:25: error: 0.iso: 'ZZZZ' is not an ISO 3166-3 code"),
        ("- id: rohan\n  name: Rohan\n  to: '1950'\n", "3:7: error: 0.to: must be a year written as a number"),
        (
            "- id: rohan\n  name: Rohan\n  to: 1950\n  aliases: [Iran]\n",
            "4:13: error: 0.aliases.0: 'Iran' already names country 'iran'",
        ),
        (
            "- id: rohan\n  name: Rohan\n  to: 1950\n  successors: [gondor]\n",
            "4:16: error: 0.successors.0: unknown country 'gondor'",
        ),
        (
            "- id: rohan\n  name: Rohan\n  to: 1950\n  successors: [rohan]\n",
            "4:16: error: 0.successors.0: 'rohan' is the state itself",
        ),
        ("- id: rohan\n  name: Rohan\n  to: 1950\n  flag: x\n", "4:9: error: 0.flag: Extra inputs are not permitted"),
        (
            "- id: a\n  name: A\n  to: 1\n- id: a\n  name: B\n  to: 2\n",
            "4:7: error: 1.id: historical state 'a' is declared twice",
        ),
        ("- nonsense\n", "1:3: error: 0: must be a mapping such as"),
        ("soviet-union: {to: 1991}\n", "1:1: error: must be a list of historical states"),
        ("- &a {id: a, name: A, to: 1}\n- *a\n", "1:3: error:"),
        ("- id: a\n  name: A\n  to: 99999999999999999999999\n", "3:7: error: 0.to:"),
        (
            "- " + "[" * 70 + "]" * 70 + "\n",
            "1:3: error: 0: must be a mapping such as",
        ),
    ],
)
def test_a_hostile_historical_yml_gives_problems_at_their_lines(
    project: Callable[..., Path], text: str, expected: str
) -> None:
    root = project(with_content=False)
    (root / "site_config/historical.yml").write_text(text, encoding="utf-8")
    lines = check(root)
    assert any(line.startswith("site_config/historical.yml:") and expected in line for line in lines), lines


@settings(max_examples=60)
@given(st.text(alphabet=st.sampled_from("- :{}[]\n'\"&*!#|>ab01\u202e<"), max_size=120))
def test_any_historical_yml_gives_problems_never_a_traceback(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    site = tmp_path_factory.mktemp("site_config")
    (site / "stances.yml").write_text((ROOT / "site_config/stances.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (site / "historical.yml").write_text(text, encoding="utf-8")
    data, problems = load_site_data(site, site.parent)
    assert all(p.path.endswith("historical.yml") for p in problems)
    assert len(data.historical) >= 31  # the ISO 3166-3 states are there whatever the file says
