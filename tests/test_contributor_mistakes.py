"""The mistakes a new contributor makes, each on a fixture of its own: exactly one message, at the line to
fix, saying what to type (and, where a safe edit repairs it, the edit `check --fix` applies)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.content.entities import Corpus
from generator.content.problems import Edit, Problem
from generator.content.project import Project, read_project
from tests.sites import briefing_cli

NAME = "2026-02-27-oman-carries-the-talks.md"
BRIEFING = """\
---
title: "Oman carries the talks"
date: 2026-02-27
dek: "Oman hosts a new round of indirect talks."
sources:
  - publisher: Gulf Times
    url: "https://news.test/oman"
    published: 2026-02-27
topics: [diplomacy]
events:
  - date: 2025-04
    title: "Talks in Muscat"
    countries: [iran, united-states, oman]
---

Oman hosted a new round of talks.
"""


def check(root: Path, text: str, name: str = NAME, folder: str = "briefings") -> tuple[Corpus, list[Problem]]:
    """The corpus, and the problems of the one file written."""
    path = root / "content" / folder / name
    path.write_text(text, encoding="utf-8")
    corpus, problems = read_project(Project.at(root))
    return corpus, [p for p in problems if p.path == f"content/{folder}/{name}"]


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [p.text() for p in problems]
    return problems[0]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def applied(text: str, edits: tuple[Edit, ...]) -> str:
    lines = text.splitlines(keepends=True)
    for e in sorted(edits, reverse=True):
        line = lines[e.line - 1]
        assert line[e.column - 1 : e.column - 1 + len(e.old)] == e.old
        lines[e.line - 1] = line[: e.column - 1] + e.new + line[e.column - 1 + len(e.old) :]
    return "".join(lines)


@pytest.fixture
def root(project: Callable[..., Path]) -> Path:
    return project()


# Write each fact once


def briefing_of(corpus: Corpus) -> object:
    return next(b for b in corpus.briefings if b.slug == NAME.removesuffix(".md"))


def test_entities_of_events_relations_and_quotes_belong_to_the_briefing(root: Path) -> None:
    text = BRIEFING.replace(
        "topics: [diplomacy]\n",
        "countries: [china]\npeople: [ali-motahari]\ntopics: [diplomacy]\n"
        'relations:\n  - countries: [israel, iran]\n    stance: hostile\n    note: "A line."\n',
    ).replace(
        "    countries: [iran, united-states, oman]\n",
        "    countries: [iran, united-states, oman]\n    people: [andrei-rudenko]\n"
        '    organizations: [state-duma]\nquotes:\n  - person: donald-trump\n    text: "bombing"\n',
    )
    corpus, problems = check(root, text)
    assert problems == []
    b = briefing_of(corpus)
    # the listed first, in their order; then the others in the order the file first names them
    assert b.countries == ("china", "israel", "iran", "united-states", "oman")  # type: ignore[attr-defined]
    assert b.people == ("ali-motahari", "andrei-rudenko", "donald-trump")  # type: ignore[attr-defined]
    assert b.organizations == ("state-duma",)  # type: ignore[attr-defined]
    assert "oman" in corpus.countries and "israel" in corpus.countries


def test_a_briefing_that_names_no_country_anywhere(root: Path) -> None:
    text = BRIEFING.replace("    countries: [iran, united-states, oman]\n", "    people: [donald-trump]\n")
    problem = only(check(root, text)[1])
    assert "a briefing names at least 1 country" in problem.message
    assert "`countries`" in problem.message and "an event" in problem.message


# One mistake, one message


def test_an_unknown_country_written_three_times_is_one_message_at_the_first(root: Path) -> None:
    text = BRIEFING.replace("topics: [diplomacy]\n", "countries: [Irann]\ntopics: [diplomacy]\n").replace(
        "countries: [iran, united-states, oman]",
        'countries: [Irann, oman]\n  - date: 2025-05\n    title: "More talks"\n    countries: [Irann]',
    )
    problem = only(check(root, text)[1])
    assert problem.line == line_of(text, "countries: [Irann]")
    assert "did you mean 'iran'?" in problem.message
    others = [n for n, line in enumerate(text.splitlines(), 1) if "Irann" in line][1:]
    assert f"also written on lines {others[0]}, {others[1]}" in problem.message


def test_a_bad_date_hides_no_other_error(root: Path) -> None:
    text = (
        BRIEFING.replace("date: 2026-02-27\n", "date: 2026-2-27\n")
        .replace("countries: [iran, united-states, oman]", "countries: [iran, Caspia]")
        .replace("topics: [diplomacy]\n", 'topics: [diplomacy]\nquotes:\n  - person: ivan-nobody\n    text: "x"\n')
    )
    problems = check(root, text)[1]
    assert sorted(p.field for p in problems) == ["date", "events[0].countries[1]", "quotes[0].person"]
    date = next(p for p in problems if p.field == "date")
    assert "did you mean '2026-02-27'?" in date.message
    assert date.fixes == (Edit(3, 7, "2026-2-27", "2026-02-27", "date"),)


@pytest.mark.parametrize(
    ("written", "suggested", "column"),
    [
        ("May 2025", "2025-05", 11),
        ('"May 2025"', "2025-05", 12),
        ("spring 2025", "2025-21", 11),
        ("the 1940s", "194X", 11),
        ("c. 1900", "1900~", 11),
        ("early 2025", "2025-01/2025-04", 11),
        ("17 January 2025", "2025-01-17", 11),
        ("2025/01/20", "2025-01-20", 11),
    ],
)
def test_an_event_date_written_in_words(root: Path, written: str, suggested: str, column: int) -> None:
    text = BRIEFING.replace("  - date: 2025-04\n", f"  - date: {written}\n")
    problem = only(check(root, text)[1])
    assert problem.field == "events[0].date"
    assert problem.line == line_of(text, f"date: {written}")
    assert f"did you mean '{suggested}'?" in problem.message
    old = written.strip('"')
    assert problem.fixes == (Edit(problem.line, column, old, suggested, "date"),)
    assert check(root, applied(text, problem.fixes))[1] == []


def test_an_unknown_topic_points_at_the_topic_whose_label_has_the_word(root: Path) -> None:
    text = BRIEFING.replace("topics: [diplomacy]", "topics: [diplomacy, trade]")
    problem = only(check(root, text)[1])
    assert problem.field == "topics[1]"
    assert "unknown topic 'trade'; did you mean 'energy' (Energy and trade)?" in problem.message


def test_an_aliases_spelling_names_the_id_and_carries_the_edit(root: Path) -> None:
    text = BRIEFING.replace(
        "    countries: [iran, united-states, oman]\n",
        "    countries: [iran, united-states, oman]\n    people: [Andrei_Rudenko]\n",
    )
    problem = only(check(root, text)[1])
    assert "write 'andrei-rudenko'" in problem.message
    line = line_of(text, "Andrei_Rudenko")
    assert problem.fixes == (Edit(line, 14, "Andrei_Rudenko", "andrei-rudenko", "alias"),)
    corpus, problems = check(root, applied(text, problem.fixes))
    assert problems == [] and briefing_of(corpus).people == ("andrei-rudenko",)  # type: ignore[attr-defined]


def test_a_real_alias_needs_no_fix(root: Path) -> None:
    text = BRIEFING.replace(
        "    countries: [iran, united-states, oman]\n", "    countries: [iran, oman]\n    people: [Rudenko]\n"
    )
    corpus, problems = check(root, text)
    assert problems == []
    assert briefing_of(corpus).people == ("andrei-rudenko",)  # type: ignore[attr-defined]


def test_a_misspelt_former_state_points_at_the_historical_entry(root: Path) -> None:
    text = BRIEFING.replace("countries: [iran, united-states, oman]", "countries: [iran, oman, Sovjet Union]")
    problem = only(check(root, text)[1])
    assert problem.line == line_of(text, "countries:")
    assert problem.message.startswith(
        "unknown country 'Sovjet Union'; did you mean the historical state 'soviet-union'"
    )
    assert check(root, text.replace("Sovjet Union", "Soviet Union"))[1] == []


# Placeholders and dates


def test_the_untouched_template_is_not_a_briefing(root: Path) -> None:
    result = briefing_cli("--root", str(root), "new", "briefing", "Oman carries the talks", "--date", "2026-02-27")
    assert result.exit_code == 0, result.output
    text = (root / "content/briefings" / NAME).read_text(encoding="utf-8")
    problems = check(root, text)[1]
    assert [p.field for p in problems] == ["dek", "sources[0].publisher", "sources[0].url", "body"]
    dek = problems[0]
    assert dek.line == line_of(text, "dek:")
    assert "is left from the `briefing new` template; write instead one sentence" in dek.message


def test_a_person_left_as_the_template_wrote_it(root: Path) -> None:
    assert briefing_cli("--root", str(root), "new", "person", "Jane Roe").exit_code == 0
    text = (root / "content/people/jane-roe.md").read_text(encoding="utf-8")
    problem = only(check(root, text, "jane-roe.md", "people")[1])
    assert problem.field == "description" and problem.line == line_of(text, "description:")
    assert "'Role, in a short line.' is left from the `briefing new` template" in problem.message


def test_an_example_address_is_not_a_source(root: Path) -> None:
    text = BRIEFING.replace("https://news.test/oman", "https://www.example.com/oman")
    problem = only(check(root, text)[1])
    assert problem.field == "sources[0].url" and problem.line == line_of(text, "example.com")
    assert "is an example address" in problem.message


def test_a_file_name_whose_day_disagrees_with_date(root: Path) -> None:
    text = BRIEFING.replace("date: 2026-02-27\n", "date: 2025-01-17\n")
    corpus, problems = check(root, text, "2026-11-29-oman-carries-the-talks.md")
    problem = only(problems)
    assert problem.field == "date" and problem.line == 3 and problem.fixes == ()
    assert (
        "`git mv content/briefings/2026-11-29-oman-carries-the-talks.md "
        "content/briefings/2025-01-17-oman-carries-the-talks.md`" in problem.message
    )
    assert "`date: 2026-11-29`" in problem.message
    # Never published under the file name's day: the briefing is not in the corpus the site is made from.
    assert all(b.slug != "2026-11-29-oman-carries-the-talks" for b in corpus.briefings)


def test_new_briefing_takes_its_date_source_and_publisher(root: Path) -> None:
    result = briefing_cli(
        "--root", str(root), "new", "briefing", "Oman carries the talks",
        "--date", "2025-01-17", "--source", "https://news.test/oman", "--publisher", "Gulf Times",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "content/briefings/2025-01-17-oman-carries-the-talks.md"
    text = (root / result.output.strip()).read_text(encoding="utf-8")
    assert "date: 2025-01-17" in text and "published: 2025-01-17" in text
    assert 'publisher: "Gulf Times"\n' in text and 'url: "https://news.test/oman"' in text
    fields = [p.field for p in check(root, text, "2025-01-17-oman-carries-the-talks.md")[1]]
    assert fields == ["dek", "body"]  # only what the options cannot fill


def test_new_briefing_is_dated_today_by_default_and_refuses_bad_options(root: Path) -> None:
    result = briefing_cli("--root", str(root), "new", "briefing", "Talks")
    assert result.output.strip() == f"content/briefings/{dt.date.today().isoformat()}-talks.md"
    bad = briefing_cli("--root", str(root), "new", "briefing", "Other", "--date", "17 January 2025")
    assert bad.exit_code == 2 and "--date" in bad.output
    url = briefing_cli("--root", str(root), "new", "briefing", "Other", "--source", "news.test/oman")
    assert (
        url.exit_code == 1
        and "--source must be a full address that starts with https://; did you mean 'https://news.test/oman'?"
        in url.output
    )
    person = briefing_cli("--root", str(root), "new", "person", "Jane Roe", "--date", "2025-01-17")
    assert person.exit_code == 2 and "for a briefing only" in person.output
