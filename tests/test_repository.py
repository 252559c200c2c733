"""The repository's own content, tested only by invariants that hold for any valid content.

Nothing here counts or names what content/ holds today. The last test proves it: it copies the
repository, adds a contribution written the way a newcomer would (new people, a country no briefing
covers yet, a new organization, a year-only event and a relation) and runs the same invariants.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.content.countries import iso_countries, slugify
from generator.content.siteconf import load_site_data
from tests.invariants import NAMES, all_invariants, first, read_content, violations
from tests.sites import ROOT, briefing_cli, build_ok, copy_repository


@pytest.fixture(scope="module")
def results(repo_site: Path) -> dict[str, list[str]]:
    return all_invariants(ROOT, repo_site)


def test_repository_content_passes_check() -> None:
    result = briefing_cli("--root", str(ROOT), "check")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("ok: ")


@pytest.mark.parametrize("name", NAMES)
def test_repository_site(results: dict[str, list[str]], name: str) -> None:
    # the strict build without a warning is the repo_site fixture itself
    assert results[name] == [], first(results[name])


# --- a contribution nobody has seen ---------------------------------------------------------------


@dataclass(frozen=True)
class Contribution:
    briefing: Path
    country: str  # the id of a country no briefing named before
    people: tuple[str, ...]
    organization: str


def _unused_name(taken: set[str], first_names: list[str], last_names: list[str]) -> str:
    for last in last_names:
        for given in first_names:
            name = f"{given} {last}"
            if slugify(name) not in taken and name.lower() not in taken:
                return name
    raise AssertionError("every generated name is taken")


def write_contribution(root: Path) -> Contribution:
    """Add to the project at root a briefing, two people and an organization that it does not hold yet,
    as a contributor would: `briefing new` for the entity files, the briefing written by hand."""
    corpus, problems = read_content(root)
    assert problems == [], first(problems)
    site, _ = load_site_data(root / "site_config", root)
    taken = {
        s.lower() for e in [*corpus.people.values(), *corpus.organizations.values()] for s in (e.id, e.name, *e.aliases)
    }
    people = [_unused_name(taken, ["Ilse", "Tomasz", "Marisol"], ["Quennevault", "Arbelo", "Sventitskaya"])]
    taken |= {slugify(people[0]), people[0].lower()}
    people.append(_unused_name(taken, ["Odalys", "Henrik", "Yared"], ["Wintermere", "Kolodziej", "Abebe-Lund"]))
    org = _unused_name(taken, ["Northern Ledger", "Inland Waters", "Steppe Rail"], ["Council", "Compact", "Board"])

    iso = sorted(iso_countries(site.country_overrides), key=lambda c: c.id)
    new = next(c for c in iso if c.id not in corpus.countries)
    partner = next((c for c in iso if c.id in corpus.countries), None) or next(
        c for c in iso if c.id not in corpus.countries and c.id != new.id
    )

    ids = []
    for kind, name in [("person", people[0]), ("person", people[1]), ("organization", org)]:
        made = briefing_cli("--root", str(root), "new", kind, name)
        assert made.exit_code == 0, made.output
        path = root / made.stdout.strip()
        path.write_text(
            path.read_text(encoding="utf-8")
            .replace('"Role, in a short line."', f'"Envoy of {new.name}"')
            .replace('"What it is, in a short line."', f'"A body that {new.name} and {partner.name} set up"'),
            encoding="utf-8",
        )
        ids.append(path.stem)

    today = dt.date.today()
    slug = f"{today.isoformat()}-{slugify(new.name)}-and-{slugify(partner.name)}-sign-a-water-accord"
    topic = f"topics: [{site.topics[0].id}]\n" if site.topics else ""
    text = f"""---
title: "{new.name} and {partner.name} sign a water accord"
date: {today.isoformat()}
dek: "Two neighbours settle a long quarrel over a shared river, for now."
sources:
  - publisher: "Example Wire"
    url: "https://news.test/{slug}"
    published: {today.isoformat()}
countries: [{new.alpha2}, {partner.name}]
people: [{ids[0]}, "{people[1]}"]
organizations: [{ids[2]}]
{topic}relations:
  - countries: [{new.alpha3}, {partner.id}]
    stance: mixed
    note: "Cooperation on water, distrust elsewhere."
events:
  - date: "2019"
    title: "The river commission stops meeting"
    countries: [{new.id}, {partner.id}]
    organizations: [{ids[2]}]
  - date: {today.year - 1}-05
    title: "Talks resume under {people[0]}"
    countries: [{new.id}]
    people: [{ids[0]}, {ids[1]}]
quotes:
  - person: {ids[1]}
    text: "a fair share"
---

{people[0]} and {people[1]} signed the accord, which the {org} will oversee. The article says
{new.name} had wanted it since 2019, when the commission stopped meeting.
"""
    briefing = root / "content" / "briefings" / f"{slug}.md"
    assert not briefing.exists()
    briefing.write_text(text, encoding="utf-8")
    return Contribution(briefing, new.id, (ids[0], ids[1]), ids[2])


@pytest.mark.slow
def test_a_new_contribution_keeps_every_invariant(tmp_path: Path) -> None:
    root = copy_repository(tmp_path / "clone")
    added = write_contribution(root)

    check = briefing_cli("--root", str(root), "check")
    assert check.exit_code == 0, check.output
    site = build_ok(root, tmp_path / "site")
    found = violations(all_invariants(root, site))
    assert found == [], first(found)

    # the invariants looked at the new pages, and the new pages are there
    corpus, _ = read_content(root)
    slug = added.briefing.stem
    assert slug in {b.slug for b in corpus.briefings}
    profile = (site / "countries" / added.country / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2019">2019</time>' in profile and f"{slug}-event-1" in profile
    for person in added.people:
        assert f"briefings/{slug}/" in (site / "people" / person / "index.html").read_text(encoding="utf-8")
    assert (site / "organizations" / added.organization / "index.html").is_file()
