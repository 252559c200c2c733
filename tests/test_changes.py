"""The preview makes again only the pages an edit can change (generator/graph/changes.py), and the site
it serves is then the one a fresh build makes: after each of a series of edits, page for page."""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import Generated, Memory, generate
from generator.content.project import Project, read_project
from generator.site.views import Limits
from tests.sites import EARLIER_BRIEFING, with_earlier_briefing

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from synthetic import generate_project  # noqa: E402

# Small limits, so that a site of 120 briefings has year parts, profile archives and timeline periods.
LIMITS = Limits(profile_latest=3, timeline_latest=4, timeline_page=40, part_events=6, part_briefings=4)


def pages(generated: Generated) -> list[tuple[object, ...]]:
    return [(p.uri, p.front, p.html, p.body, p.edit_path, p.subject) for p in generated.pages]


def briefings(root: Path) -> list[Path]:
    return sorted((root / "content/briefings").glob("*.md"))


def sub(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, n = re.subn(pattern, replacement, text, count=1, flags=re.M)
    assert n == 1, f"{pattern!r} not in {path.name}"
    path.write_text(new, encoding="utf-8")


def retitle(root: Path) -> None:
    sub(briefings(root)[10], r"^title: .*$", 'title: "A new title about grain routes"')


def redate(root: Path) -> None:  # to another year: year pages, neighbours and timeline periods move
    path = briefings(root)[20]
    sub(path, r"^date: \d{4}", "date: 2003")
    path.rename(path.with_name("2003" + path.name[4:]))  # the file name says the day too, as check asks


def remove(root: Path) -> None:
    briefings(root)[30].unlink()


def add(root: Path) -> None:
    source = briefings(root)[40]
    text = re.sub(r"^date: .*$", "date: 2024-02-29", source.read_text(encoding="utf-8"), count=1, flags=re.M)
    (source.parent / "2024-02-29-a-copy-dated-otherwise.md").write_text(text, encoding="utf-8")


def restance(root: Path) -> None:
    for path in briefings(root):
        if re.search(r'^    stance: "cooperative"', path.read_text(encoding="utf-8"), flags=re.M):
            sub(path, r'^    stance: "cooperative"', '    stance: "hostile"')
            return
    pytest.fail("no briefing has a cooperative relation")


def body(root: Path) -> None:
    path = briefings(root)[50]
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more paragraph, in the body only.\n", encoding="utf-8")


def mention(root: Path) -> None:  # the body names one of the briefing's countries: a linked mention
    path = briefings(root)[60]
    corpus, _ = read_project(Project.at(root))
    briefing = next(b for b in corpus.briefings if b.slug == path.stem)
    name = corpus.countries[briefing.countries[-1]].name
    path.write_text(path.read_text(encoding="utf-8") + f"\nThe view from {name} has changed.\n", encoding="utf-8")


def nothing(root: Path) -> None:
    pass


def person(root: Path) -> None:  # not a briefing: every page is made again
    path = sorted((root / "content/people").glob("*.md"))[0]
    sub(path, r"^description: .*$", 'description: "Described anew"')


EDITS: list[Callable[[Path], None]] = [nothing, retitle, redate, remove, add, restance, body, mention, person, retitle]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("changes") / "site"
    generate_project(root, 120, seed=7)
    return root


@pytest.mark.slow
def test_each_edit_gives_the_pages_a_fresh_build_gives(site: Path, tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(site, root)
    project, memory = Project.at(root), Memory()
    before = generate(project, LIMITS, memory=memory)
    for edit in EDITS:
        edit(root)
        after = generate(project, LIMITS, memory=memory)
        assert pages(after) == pages(generate(project, LIMITS)), f"after the edit {edit.__name__}"
        kept = {id(p) for p in before.pages}
        reused = sum(id(p) in kept for p in after.pages) / len(after.pages)
        if edit is person:
            assert reused == 0, "a person file changed: every page is made again"
        else:
            assert reused > 0.5, f"after {edit.__name__} only {reused:.0%} of the pages were reused"
        before = after


def test_a_change_of_limits_or_templates_makes_every_page_again(site: Path, tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(site, root)
    project, memory = Project.at(root), Memory()
    first = generate(project, LIMITS, memory=memory)
    wider = Limits(profile_latest=5, timeline_latest=4, timeline_page=40, part_events=6, part_briefings=4)
    second = generate(project, wider, memory=memory)
    assert not {id(p) for p in first.pages} & {id(p) for p in second.pages}
    assert pages(second) == pages(generate(project, wider))
    memory.last.clear()  # what the preview does when a template changes (RenderCache.check)
    third = generate(project, wider, memory=memory)
    assert not {id(p) for p in second.pages} & {id(p) for p in third.pages}


# --- the stance tracker: its pages show every pair's changes ---------------------------------------

QUIET = """---
title: "A quiet week in Tehran"
date: 2026-03-02
dek: "Nothing moved between the capitals this week."
sources:
  - publisher: Example Desk
    url: "https://example.test/quiet"
    published: 2026-03-02
countries: [iran]
topics: [diplomacy]
---

Little happened.
"""


def tracker_pages(generated: Generated) -> list[tuple[object, ...]]:
    return [row for row in pages(generated) if str(row[0]).startswith("tracker/")]


def test_an_edit_of_a_stance_makes_the_tracker_again_as_a_fresh_build_does(project: Callable[..., Path]) -> None:
    root = with_earlier_briefing(project())
    earlier = root / "content/briefings" / EARLIER_BRIEFING[0]
    site, memory = Project.at(root), Memory()
    first = generate(site, memory=memory)
    assert "deteriorated" in dict((p.uri, p.html) for p in first.pages)["tracker/2026/02.md"]

    sub(earlier, r"^    stance: cooperative", "    stance: hostile")  # Iran-Russia then improves in February
    after = generate(site, memory=memory)
    assert tracker_pages(after) == tracker_pages(generate(site))
    assert "improved" in dict((p.uri, p.html) for p in after.pages)["tracker/2026/02.md"]
    assert pages(after) == pages(generate(site))

    earlier.unlink()  # no change left: the month's page goes, the tracker says so
    gone = generate(site, memory=memory)
    assert tracker_pages(gone) == tracker_pages(generate(site))
    assert [row[0] for row in tracker_pages(gone)] == ["tracker/index.md"]


def test_a_briefing_without_relations_leaves_the_tracker_as_it_was(project: Callable[..., Path]) -> None:
    root = with_earlier_briefing(project())
    site, memory = Project.at(root), Memory()
    before = generate(site, memory=memory)
    (root / "content/briefings/2026-03-02-a-quiet-week-in-tehran.md").write_text(QUIET, encoding="utf-8")
    after = generate(site, memory=memory)
    kept = {id(p) for p in before.pages if p.uri.startswith("tracker/")}
    assert kept and kept == {id(p) for p in after.pages if p.uri.startswith("tracker/")}
    assert pages(after) == pages(generate(site))


# --- the tracker's month pages: each made again only when what it shows can differ ----------------


def stance_briefing(root: Path, day: str, slug: str, title: str, pair: str, stance: str) -> Path:
    """A briefing of `day` that gives the countries of `pair` ("iran, russia") the stance `stance`."""
    path = root / "content/briefings" / f"{day}-{slug}.md"
    path.write_text(
        f"""---
title: "{title}"
date: {day}
dek: "A week of talks between the two capitals."
sources:
  - publisher: Example Desk
    url: "https://example.test/{slug}"
    published: {day}
countries: [{pair}]
topics: [diplomacy]
relations:
  - countries: [{pair}]
    stance: {stance}
    note: "The two governments said so."
---

Officials met.
""",
        encoding="utf-8",
    )
    return path


def months_project(root: Path) -> dict[str, Path]:
    """The seed, with Iran-Russia deteriorating in October 2025, improving in November and (the seed's
    briefing) deteriorating in February 2026, and China-United States deteriorating in January 2026: four
    month pages."""
    return {
        "sep": stance_briefing(root, "2025-09-10", "first-talks", "First talks", "iran, russia", "cooperative"),
        "oct": stance_briefing(root, "2025-10-10", "a-quarrel", "A quarrel over grain", "iran, russia", "hostile"),
        "nov": stance_briefing(root, "2025-11-10", "a-truce", "A truce in Moscow", "iran, russia", "cooperative"),
        "dec": stance_briefing(
            root, "2025-12-10", "a-deal-with-china", "A deal with China", "china, united-states", "cooperative"
        ),
        "jan": stance_briefing(
            root, "2026-01-10", "a-tariff-row", "A row over tariffs", "china, united-states", "strained"
        ),
    }


MONTH_PAGES = ["tracker/2025/10.md", "tracker/2025/11.md", "tracker/2026/01.md", "tracker/2026/02.md"]


def restance_january(root: Path, made: dict[str, Path]) -> None:  # one pair's stance, in one month
    sub(made["jan"], r"^    stance: strained", "    stance: hostile")


def add_a_month(root: Path, made: dict[str, Path]) -> None:  # Iran-Russia improves in September: a new month
    stance_briefing(root, "2025-08-10", "a-border-clash", "A border clash", "iran, russia", "hostile")


def empty_january(root: Path, made: dict[str, Path]) -> None:  # January's only change goes: so does its page
    made["jan"].unlink()


def retitle_november(root: Path, made: dict[str, Path]) -> None:  # the title November's page shows
    sub(made["nov"], r"^title: .*$", 'title: "A truce signed in Moscow"')


MONTH_EDITS: list[tuple[Callable[[Path, dict[str, Path]], None], list[str], set[str]]] = [
    # the edit, the month pages after it, those made again (every other one is the last build's)
    (restance_january, MONTH_PAGES, {"tracker/2026/01.md"}),
    (add_a_month, ["tracker/2025/09.md", *MONTH_PAGES], {"tracker/2025/09.md", "tracker/2025/10.md"}),
    (
        empty_january,
        [p for p in MONTH_PAGES if p != "tracker/2026/01.md"],
        {"tracker/2025/11.md", "tracker/2026/02.md"},
    ),
    (retitle_november, MONTH_PAGES, {"tracker/2025/11.md"}),
]


@pytest.mark.parametrize(("edit", "shown", "remade"), MONTH_EDITS, ids=[e[0].__name__ for e in MONTH_EDITS])
def test_an_edit_makes_again_only_the_month_pages_that_show_it(
    project: Callable[..., Path], edit: Callable[[Path, dict[str, Path]], None], shown: list[str], remade: set[str]
) -> None:
    root = project()
    made = months_project(root)
    site, memory = Project.at(root), Memory()
    before = generate(site, memory=memory)
    assert [row[0] for row in tracker_pages(before)] == ["tracker/index.md", *MONTH_PAGES]

    edit(root, made)
    after = generate(site, memory=memory)
    assert pages(after) == pages(generate(site))
    assert [row[0] for row in tracker_pages(after)] == ["tracker/index.md", *shown]
    kept = {id(p) for p in before.pages}
    again = {p.uri for p in after.pages if p.uri.startswith("tracker/") and id(p) not in kept}
    assert again == {"tracker/index.md", *remade}
