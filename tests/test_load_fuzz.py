"""Fuzzing the read path: whatever bytes a content file holds, `briefing check` reports Problems.

Arbitrary bytes, YAML-ish text and mutations of a valid briefing go through generator.content.load.parse
and through the whole read path (a temporary project, generator.content.project.read_project). Nothing
may raise; every problem has a position inside the file.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator.content.dates import _edtf_bounds, _fast_bounds
from generator.content.load import RawDocument, YamlProblem, parse
from generator.content.problems import Problem
from generator.content.project import Project, read_project

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent

VALID = """---
title: "Russia and Iran agree on grain shipments"
date: 2026-03-02
dek: "Moscow and Tehran agree to ship more grain across the Caspian Sea."
sources:
  - publisher: Example News
    url: "https://news.test/russia-iran-grain"
    published: 2026-03-02
countries: [iran, russia]
people: [ivan-example]
topics: [diplomacy]
relations:
  - countries: [iran, russia]
    stance: cooperative
    note: "The two governments expand trade across the Caspian."
events:
  - date: 2026-03
    title: "Grain agreement signed"
    countries: [iran, russia]
    people: [ivan-example]
quotes:
  - person: ivan-example
    text: "a good harvest"
---

Russia and Iran agreed to ship more grain across the Caspian Sea, the article reports.
"""
PERSON = """---
name: Ivan Example
description: Russian trade envoy
country: russia
---

A trade envoy.
"""

# Pieces that exercise YAML and front-matter corner cases.
FRAGMENTS = [
    "---",
    "\n",
    "\r\n",
    "\r",
    "  ",
    "\t",
    ": ",
    "- ",
    "-",
    "[",
    "]",
    "{",
    "}",
    ",",
    "#",
    "&a ",
    "*a",
    "!!str ",
    "!!binary ",
    "!x ",
    "|",
    ">",
    "'",
    '"',
    "?",
    "%",
    "@",
    "`",
    "~",
    "null",
    "no",
    "yes",
    "true",
    "1",
    "2026",
    "0x1F",
    "1e3",
    ".nan",
    "2026-02-30",
    "2026-03-02",
    "194X",
    "2025-21",
    "1905/1911",
    "2010/..",
    "..",
    "<b>",
    "<!--",
    "javascript:x",
    "title",
    "date",
    "dek",
    "sources",
    "countries",
    "people",
    "organizations",
    "topics",
    "relations",
    "events",
    "quotes",
    "updated",
    "publisher",
    "url",
    "published",
    "stance",
    "note",
    "person",
    "text",
    "iran",
    "russia",
    "IR",
    "ivan-example",
    "diplomacy",
    "https://example.org/x",
    "# H",
    "\ufeff",
    "\x00",
    "\x85",
    "\u2028",
    "é",
    "日本",
    "\U0001f600",
    "\\",
    "\\u",
    "=",
    "<<: ",
]

yamlish = st.one_of(
    st.text(alphabet=st.sampled_from(list(":-[]{}#&*!|>'\"%@`,?~ \n\t\rab01Xé")), max_size=200),
    st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join),
)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """The valid briefing with a few random insertions, deletions and replacements."""
    text = VALID
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = draw(st.sampled_from(FRAGMENTS) | st.text(max_size=8))
        end = min(len(text), at + draw(st.integers(1, 20)))
        if action == "insert":
            text = text[:at] + piece + text[at:]
        elif action == "delete":
            text = text[:at] + text[end:]
        else:
            text = text[:at] + piece + text[end:]
    return text


contents = st.one_of(
    st.binary(max_size=400),
    yamlish.map(lambda t: f"---\n{t}\n---\n\nA summary.\n".encode()),
    yamlish.map(lambda t: t.encode("utf-8", "surrogatepass")),
    mutated().map(lambda t: t.encode("utf-8", "surrogatepass")),
)

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _lines(data: bytes) -> int:
    """How many lines an editor shows (YAML also breaks lines at \\r, \\x85, \\u2028 and \\u2029)."""
    return max(1, len(data.decode("utf-8", "replace").splitlines()) + 1)


@FUZZ
@given(data=contents, kind=st.sampled_from(["briefing", "person", "organization", "country"]))
def test_parse_gives_a_document_or_a_located_problem(data: bytes, kind: str) -> None:
    try:
        doc = parse(data, path=Path(f"fuzz-{kind}.md"), display="fuzz.md", kind=kind)
    except YamlProblem as bad:
        assert bad.message
        assert 1 <= bad.line <= _lines(data) and bad.col >= 1
        return
    assert isinstance(doc, RawDocument)
    assert isinstance(doc.meta, dict)
    for line, col in [*doc.values.values(), *doc.keys.values()]:
        assert 1 <= line <= _lines(data) and col >= 1


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    root = tmp_path_factory.mktemp("fuzz-project")
    shutil.copytree(ROOT / "site_config", root / "site_config")
    for folder in ("briefings", "people", "organizations", "countries"):
        (root / "content" / folder).mkdir(parents=True)
    (root / "content/people/ivan-example.md").write_text(PERSON, encoding="utf-8")
    yield Project.at(root)


def test_the_unmutated_briefing_is_valid(fuzz_project: Project) -> None:
    path = fuzz_project.content_dir / "briefings" / "fuzz.md"
    path.write_text(VALID, encoding="utf-8")
    try:
        corpus, problems = read_project(fuzz_project)
    finally:
        path.unlink()
    assert problems == []
    assert [b.slug for b in corpus.briefings] == ["fuzz"]


@FUZZ
@given(data=contents, folder=st.sampled_from(["briefings", "people", "organizations", "countries"]))
def test_read_project_reports_problems_and_never_raises(fuzz_project: Project, data: bytes, folder: str) -> None:
    name = "iran.md" if folder == "countries" else "zz-fuzz.md"  # after ivan-example.md: clashes land here
    path = fuzz_project.content_dir / folder / name
    path.write_bytes(data)
    try:
        corpus, problems = read_project(fuzz_project)
    finally:
        path.unlink()
    shown = f"content/{folder}/{name}"
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.path == shown, problem
        assert 1 <= problem.line <= _lines(data) and problem.column >= 1, problem
        assert problem.message and "Traceback" not in problem.message
        assert problem.text().startswith(f"{shown}:{problem.line}:{problem.column}: error: ")
    if not problems and folder == "briefings":
        assert [b.slug for b in corpus.briefings] == ["zz-fuzz"]


@st.composite
def edtf_sides(draw: st.DrawFn) -> str:
    year = draw(
        st.sampled_from(
            ["0000", "0001", "1000", "1899", "1900", "2024", "2025", "9999", "194X", "18XX", "1XXX", "19X5"]
        )
    )
    month = draw(st.sampled_from(["", "-00", "-01", "-02", "-12", "-13", "-21", "-24", "-25", "-XX", "-1X"]))
    day = draw(st.sampled_from(["", "-00", "-01", "-28", "-29", "-30", "-31", "-XX"])) if month else ""
    return year + month + day + draw(st.sampled_from(["", "~", "?", "%"]))


def _bounds(fn: Callable[[str], tuple[dt.date, dt.date] | None], text: str) -> tuple[dt.date, dt.date] | str | None:
    try:
        return fn(text)
    except Exception:  # DateError, or whatever the edtf library raises: both mean "not a date"
        return "error"


@settings(max_examples=25, deadline=None)
@given(text=edtf_sides())
def test_fast_date_bounds_agree_with_the_edtf_library(text: str) -> None:
    fast = _bounds(_fast_bounds, text)
    assume(fast is not None)
    assert fast == _bounds(_edtf_bounds, text)
