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
