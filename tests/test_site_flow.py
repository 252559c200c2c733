"""The site as a contributor changes it: add a briefing, remove one, nothing stale remains."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.sites import briefing_cli, mkdocs_build


def build(root: Path, out: Path) -> None:
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr[-3000:]


def fill(path: Path) -> None:
    """Fill in a file made by `briefing new` as a contributor would."""
    text = path.read_text()
    text = text.replace('dek: "One sentence on what this briefing is about."', 'dek: "Ankara offers to host talks."')
    text = text.replace("  - united-states  # replace", "  - turkiye\n  - IRN\n  - Russian Federation")
    text = text.replace("people: []", "people: [andrei-rudenko]")
    text = text.replace(
        "relations: []",
        'relations:\n  - countries: [Turkey, iran]\n    stance: mixed\n    note: "Rivals that still talk."',
    )
    text = text.replace(
        "events: []",
        'events:\n  - date: 2026-03~\n    title: "Ankara proposes a venue"\n'
        "    countries: [turkiye, iran]\n    people: [andrei-rudenko]",
    )
    text = text.replace("Write the summary here", "Türkiye offered Iran and Russia a venue. Write the summary here")
    path.write_text(text)


SOURCE = ("--source", "https://news.test/ankara-venue", "--publisher", "Anatolian Desk")


@pytest.mark.slow
def test_a_new_briefing_appears_everywhere_and_leaves_no_trace_when_removed(
    project: Callable[..., Path], tmp_path: Path
) -> None:
    root = project()
    made = briefing_cli("--root", str(root), "new", "briefing", "Ankara offers a venue", *SOURCE)
    assert made.exit_code == 0, made.output
    path = root / made.stdout.strip()
    fill(path)
    check = briefing_cli("--root", str(root), "check")
    assert check.exit_code == 0, check.output
    before = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}

    site = tmp_path / "with"
    build(root, site)
    slug = path.stem
    title = "Ankara offers a venue"
    assert title in (site / f"briefings/{slug}/index.html").read_text()
    for page in [
        "countries/turkiye",
        "countries/iran",
        "countries/russia",
        "relations/iran--turkiye",
        "people/andrei-rudenko",
        "briefings",
        "briefings/2026" if slug.startswith("2026") else "briefings",
        "",
        "timeline",
    ]:
        html = (site / page / "index.html").read_text()
        assert title in html or "Ankara proposes a venue" in html or slug[:4] in html, page
    assert "Ankara proposes a venue" in (site / "relations/iran--turkiye/index.html").read_text()
    assert "Ankara proposes a venue" in (site / "timeline/index.html").read_text()
    assert title in (site / "countries/turkiye/index.html").read_text()
    after = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    assert after == before, "the build touched files outside site/"

    path.unlink()
    site2 = tmp_path / "without"
    build(root, site2)
    assert not (site2 / f"briefings/{slug}").exists()
    assert not (site2 / "countries/turkiye").exists()
    assert not (site2 / "relations/iran--turkiye").exists()
    for html_file in site2.rglob("*.html"):
        assert title not in html_file.read_text(), html_file


@pytest.mark.slow
def test_the_nav_does_not_grow_with_briefings(project: Callable[..., Path], tmp_path: Path) -> None:
    root = project()
    build(root, tmp_path / "one")
    for i in range(5):
        made = briefing_cli("--root", str(root), "new", "briefing", f"Extra briefing {i}", *SOURCE)
        fill(root / made.stdout.strip())
    build(root, tmp_path / "six")
    for page in ["timeline/index.html", "countries/index.html", "about/index.html"]:
        # The primary nav comes before the page's own table of contents (md-nav--secondary).
        one = (tmp_path / "one" / page).read_text().split("md-nav--secondary")[0]
        six = (tmp_path / "six" / page).read_text().split("md-nav--secondary")[0]
        assert one.count("md-nav__item") == six.count("md-nav__item"), page
        assert "Extra briefing" not in six, "a briefing is listed in the nav"


def test_serve_watches_content_and_site_config(root: Path) -> None:
    from mkdocs.config import load_config

    from generator.plugin import BriefingPlugin

    config = load_config(str(root / "mkdocs.yml"))
    plugin = config.plugins["briefing"]
    assert isinstance(plugin, BriefingPlugin)
    plugin.on_config(config)

    class Server:
        watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = Server()
    plugin.on_serve(server, config=config, builder=None)
    assert str(root / "content") in server.watched and str(root / "site_config") in server.watched
    docs = Path(config.docs_dir).resolve()
    assert all(not Path(w).resolve().is_relative_to(docs) for w in server.watched)


def test_generated_pages_are_never_written_into_docs(root: Path) -> None:
    docs = root / "docs"
    assert not (docs / "briefings").exists() and not (docs / "countries").exists()


@pytest.mark.slow
def test_more_events_than_a_profile_shows_go_to_linked_year_pages(project: Callable[..., Path], tmp_path: Path) -> None:
    """Few briefings with many events: the profile shows the latest events and links year pages that
    hold the rest (once the older events were listed nowhere)."""
    from tests.invariants import Site, all_invariants, first, violations

    root = project()
    for i in range(5):
        events = "\n".join(
            f'  - date: "{2010 + i}-{month:02d}"\n    title: "Oman event {i}.{month}"\n    countries: [oman]'
            for month in range(1, 13)
        )
        (root / f"content/briefings/2025-0{i + 1}-01-oman-{i}.md").write_text(
            f"""---
title: "Oman story {i}"
date: 2025-0{i + 1}-01
dek: "Oman mediates again."
sources:
  - publisher: Example
    url: "https://news.test/oman-{i}"
    published: 2025-0{i + 1}-01
countries: [oman]
events:
{events}
---

Oman mediates again.
""",
            encoding="utf-8",
        )
    site = tmp_path / "site"
    build(root, site)
    found = violations(all_invariants(root, site))
    assert found == [], first(found)
    family = Site(site).family("countries/oman.md")
    assert [p.path for p in family[1:]] == ["countries/oman/2025/index.html", "countries/oman/2026/index.html"]
    assert ">Oman event 0.1<" not in (site / "countries/oman/index.html").read_text(encoding="utf-8")
    assert ">Oman event 0.1<" in (site / "countries/oman/2025/index.html").read_text(encoding="utf-8")
