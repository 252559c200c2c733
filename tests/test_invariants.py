"""The invariants of tests/invariants.py hold on the seed fixture, and each one fails on a damaged copy."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.invariants import NAMES, Site, all_invariants, first, read_content, violations

SEED = "2026-02-27-iran-rethinks-its-bet-on-russia"


def test_the_seed_fixture_keeps_every_invariant(seed_project: Path, seed_site: Path) -> None:
    results = all_invariants(seed_project, seed_site)
    assert list(results) == NAMES
    found = violations(results)
    assert found == [], first(found)


def test_the_invariants_look_at_every_page_they_promise(seed_project: Path, seed_site: Path) -> None:
    corpus, _ = read_content(seed_project)
    site = Site(seed_site)
    b = corpus.briefings[0]
    for cid in b.countries:
        assert site.family(f"countries/{cid}.md"), cid
    iran = site.page("countries/iran.md")
    assert iran is not None
    assert sum(1 for i in iran.ids if i.startswith(f"{SEED}-event-")) == sum(
        1 for e in b.events if "iran" in e.countries
    )


@pytest.fixture
def damaged(seed_project: Path, seed_site: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Copies of the seed project and its site, free to break."""
    return (
        Path(shutil.copytree(seed_project, tmp_path / "project")),
        Path(shutil.copytree(seed_site, tmp_path / "site")),
    )


def edit(path: Path, change: Callable[[str], str]) -> None:
    before = path.read_text(encoding="utf-8")
    after = change(before)
    assert after != before, f"the damage did not apply to {path}"
    path.write_text(after, encoding="utf-8")


def test_a_missing_link_back_is_caught(damaged: tuple[Path, Path]) -> None:
    project, site = damaged
    edit(site / "people/andrei-rudenko/index.html", lambda t: t.replace(f"briefings/{SEED}/", "briefings/"))
    found = all_invariants(project, site)["entity pages link back"]
    assert found == [
        f"briefing {SEED}: people/andrei-rudenko/index.html (and its archives) do not link to "
        f"briefings/{SEED}/index.html"
    ]


def test_a_missing_entity_page_is_caught(damaged: tuple[Path, Path]) -> None:
    project, site = damaged
    shutil.rmtree(site / "organizations/brics")
    results = all_invariants(project, site)
    assert (
        f"briefing {SEED}: organization brics has no page (organizations/brics/index.html)"
        in results["entity pages link back"]
    )
    assert any("organizations/brics/" in line for line in results["no broken internal link"])


def test_events_out_of_order_or_missing_on_a_profile_are_caught(damaged: tuple[Path, Path]) -> None:
    project, site = damaged
    profile = site / "countries/iran/index.html"
    ids = re.findall(rf'<li [^>]*id="({SEED}-event-\d+)"', profile.read_text(encoding="utf-8"))
    assert len(ids) > 3
    first_id, last_id = ids[0], ids[-1]
    edit(
        profile,
        lambda t: (
            t.replace(f'id="{first_id}"', 'id="swap"')
            .replace(f'id="{last_id}"', f'id="{first_id}"')
            .replace('id="swap"', f'id="{last_id}"')
        ),
    )
    found = all_invariants(project, site)["events on profiles in date order"]
    assert len(found) == 1 and found[0].startswith("country iran: countries/iran/index.html lists "), found

    edit(profile, lambda t: t.replace(f'id="{first_id}"', 'id="gone"'))
    found = all_invariants(project, site)["events on profiles in date order"]
    assert any("is not on its profile" in line for line in found), found


def test_a_broken_feed_is_caught(damaged: tuple[Path, Path]) -> None:
    project, site = damaged
    edit(site / "feeds/countries/iran.xml", lambda t: t[: len(t) // 2])
    found = all_invariants(project, site)["feeds parse"]
    assert len(found) == 1 and found[0].startswith("feeds/countries/iran.xml: "), found


def test_an_export_that_drops_a_briefing_or_breaks_its_schema_is_caught(damaged: tuple[Path, Path]) -> None:
    project, site = damaged
    path = site / "data/briefings.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["briefings"] = []
    path.write_text(json.dumps(data), encoding="utf-8")
    assert all_invariants(project, site)["export matches schema"] == [
        "data/briefings.json lists 0 briefings, the content has 1"
    ]
    data["relations"][0]["stance"] = "friendly"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert any("'friendly'" in line for line in all_invariants(project, site)["export matches schema"])


def test_content_that_fails_check_is_caught(damaged: tuple[Path, Path]) -> None:
    project, site = damaged
    edit(project / f"content/briefings/{SEED}.md", lambda t: t.replace("  - iran\n", "  - irann\n", 1))
    found = all_invariants(project, site)["check passes"]
    assert any("unknown country 'irann'; did you mean 'iran'?" in line for line in found), found
