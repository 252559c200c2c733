"""A battery of the mistakes a new contributor makes in a briefing, person, organization or country file.

Each case is one small textual change to a valid file of a fixture project. The rule it holds to: one
mistake, exactly one message (errors and warnings counted together, in every file of the project), at the
file and line to fix, saying what to type; where the message carries a safe fix, `briefing check --fix`
applies it, the file then passes, and a second `--fix` changes nothing. A second table holds spellings
that look like mistakes but are valid, and must stay so.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.content.problems import Problem
from generator.content.project import Project, read_project
from tests.sites import briefing_cli, make_project

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
countries: [iran, oman, united-states]
people: [andrei-rudenko]
organizations: [state-duma]
topics: [diplomacy]
relations:
  - countries: [iran, united-states]
    stance: strained
    note: "Both sides talk through Oman."
events:
  - date: 2025-04
    title: "Talks in Muscat"
    countries: [iran, united-states, oman]
quotes:
  - person: donald-trump
    text: "bombing"
---

Oman hosted a new round of talks.
"""
PERSON = """\
---
name: Jane Roe
description: Omani foreign minister
country: oman
---

Oman's foreign minister.
"""
ORGANIZATION = """\
---
name: Gulf Cooperation Council
aliases: [GCC]
description: A union of six Gulf monarchies
---

A regional union of Gulf states.
"""
COUNTRY = """\
---
aliases: [Sultanate of Oman]
demonyms: [Omani]
memberships: [united-nations]
---

A sultanate on the Arabian Peninsula.
"""
FILES = {  # kind -> (folder, file name, valid text)
    "briefing": ("briefings", NAME, BRIEFING),
    "person": ("people", "jane-roe.md", PERSON),
    "organization": ("organizations", "gulf-cooperation-council.md", ORGANIZATION),
    "country": ("countries", "oman.md", COUNTRY),
}


@dataclass(frozen=True)
class Mistake:
    """old -> new, once, in the valid file of `kind`; the message's line is the first line of the mistaken
    text that holds `at`, and the message holds `says` (what to type)."""

    id: str
    old: str
    new: str
    at: str
    says: str
    fixable: bool = False
    kind: str = "briefing"
    name: str | None = None  # a file name other than the valid file's
    severity: str = "error"
    nth: int = 0  # the line of the nth line holding `at` (-1: the last)
    every: bool = False  # the change made wherever `old` is written, not only at its first place

    def text(self, valid: str | None = None) -> str:
        valid = valid or FILES[self.kind][2]
        assert valid.count(self.old) >= 1, self.old
        return valid.replace(self.old, self.new, -1 if self.every else 1)

    def path(self) -> str:
        folder, name, _ = FILES[self.kind]
        return f"content/{folder}/{self.name or name}"


LONG = "word " * 70  # 350 characters
MISTAKES = [
    # The YAML itself
    Mistake("tab", "  - publisher: Gulf Times", "\t- publisher: Gulf Times", "\t- publisher", "indent with spaces"),
    Mistake("over-indented", "    stance: strained", "     stance: strained", "stance:", "indent it 4"),
    Mistake("unclosed-quote", '"Oman carries the talks"', '"Oman carries the talks', "title:", "closing quote"),
    Mistake(
        "colon-in-title",
        '"Oman carries the talks"',
        "Oman: carries the talks",
        "title:",
        '`title: "Oman: carries the talks"`',
    ),  # fmt: skip
    Mistake("no-closing-line", "---\n\nOman hosted", "\nOman hosted", "---", "add a '---' line"),
    Mistake("field-twice", "dek:", 'title: "Again"\ndek:', 'title: "Again"', "keep one"),
    Mistake("no-as-title", '"Oman carries the talks"', "no", "title:", "in quotes"),
    # Fields
    Mistake("misspelt-field", "countries: [iran, oman", "countires: [iran, oman", "countires:", "'countries'"),
    Mistake("renamed-field", 'dek: "Oman hosts', 'summary: "Oman hosts', "summary:", "'dek'"),
    Mistake("missing-title", 'title: "Oman carries the talks"\n', "", "---", "add `title:`"),
    Mistake("event-without-title", '    title: "Talks in Muscat"\n', "", "- date: 2025-04", "add `title:`"),
    Mistake("event-without-date", "  - date: 2025-04\n    title:", "  - title:", "- title:", "add `date:`"),
    Mistake(
        "event-country-singular",
        "    countries: [iran, united-states, oman]",
        "    country: [iran]",
        "country: [iran]",
        "'countries'",
    ),  # fmt: skip
    Mistake("source-without-url", '    url: "https://news.test/oman"\n', "", "- publisher", "add `url:`"),
    Mistake("empty-dek", 'dek: "Oman hosts a new round of indirect talks."', "dek:", "dek:", "write a value"),
    # Lists
    Mistake(
        "list-as-text",
        "countries: [iran, oman, united-states]",
        "countries: iran, oman, united-states",
        "countries:",
        "[iran, oman, united-states]",
    ),  # fmt: skip
    Mistake("item-without-dash", "  - date: 2025-04", "    date: 2025-04", "date: 2025-04", "- date:"),
    Mistake("empty-list", "people: [andrei-rudenko]", "people:", "people:", "people: ["),
    Mistake(
        "missing-comma",
        "countries: [iran, oman, united-states]",
        "countries: [iran oman, united-states]",
        "countries:",
        "iran, oman",
    ),  # fmt: skip
    Mistake(
        "duplicate-id",
        "countries: [iran, oman, united-states]",
        "countries: [iran, oman, Iran]",
        "countries:",
        "remove one",
    ),  # fmt: skip
    # Dates
    Mistake("date-day-first", "date: 2026-02-27\n", "date: 27/02/2026\n", "date: 27/", "2026-02-27", fixable=True),
    Mistake(
        "date-month-in-words", "date: 2026-02-27\n", 'date: "February 2026"\n', 'date: "Feb', "2026-02-27", fixable=True
    ),  # fmt: skip
    Mistake(
        "date-not-a-day", "date: 2026-02-27\n", "date: 2026-02-30\n", "date: 2026-02-30", "2026-02-27", fixable=True
    ),  # fmt: skip
    Mistake("date-empty", "date: 2026-02-27\n", "date:\n", "date:", "2026-02-27", fixable=True),
    Mistake("date-with-time", "date: 2026-02-27\n", "date: 2026-02-27T10:00\n", "T10:00", "2026-02-27", fixable=True),
    Mistake(
        "published-in-words",
        "    published: 2026-02-27",
        "    published: 27 February 2026",
        "published:",
        "2026-02-27",
        fixable=True,
    ),  # fmt: skip
    Mistake("event-date-unpadded", "  - date: 2025-04", "  - date: 2025-1-20", "2025-1-20", "2025-01-20", fixable=True),
    Mistake("event-date-in-words", "  - date: 2025-04", "  - date: spring 2025", "spring", "2025-21", fixable=True),
    Mistake("event-month-in-words", "  - date: 2025-04", "  - date: May 2025", "May", "2025-05", fixable=True),
    Mistake("event-decade-in-words", "  - date: 2025-04", "  - date: the 1940s", "1940s", "194X", fixable=True),
    Mistake("event-circa", "  - date: 2025-04", "  - date: c. 1900", "c. 1900", "1900~", fixable=True),
    Mistake("event-early-year", "  - date: 2025-04", "  - date: early 2025", "early", "2025-01/2025-04", fixable=True),
    Mistake(
        "event-day-in-words", "  - date: 2025-04", "  - date: 17 January 2025", "17 Jan", "2025-01-17", fixable=True
    ),  # fmt: skip
    Mistake("event-year-as-number", "  - date: 2025-04", "  - date: 2025", "date: 2025", '"2025"', fixable=True),
    Mistake(
        "updated-before-date", "date: 2026-02-27\n", "date: 2026-02-27\nupdated: 2026-02-20\n", "updated:", "2026-02-27"
    ),  # fmt: skip
    Mistake(
        "file-name-day",
        "date: 2026-02-27\n",
        "date: 2025-01-17\n",
        "date:",
        "git mv",
        name="2026-11-29-oman-carries-the-talks.md",
    ),  # fmt: skip
    # Sources
    Mistake(
        "url-without-scheme", '"https://news.test/oman"', "www.news.test/oman", "url:", "https://www.news.test/oman"
    ),  # fmt: skip
    Mistake("javascript-url", '"https://news.test/oman"', '"javascript:alert(1)"', "url:", "https://"),
    Mistake("example-url", "https://news.test/oman", "https://www.example.com/oman", "url:", "the article's"),
    # References
    Mistake("unknown-country", "countries: [iran, oman", "countries: [Irann, oman", "Irann", "'iran'"),
    Mistake(
        "unknown-country-everywhere",
        "[iran,",
        "[Irann,",
        "Irann",
        "did you mean 'iran'? (also written on lines",
        every=True,
    ),  # fmt: skip
    Mistake(
        "misspelt-former-state",
        "    countries: [iran, united-states, oman]",
        "    countries: [iran, united-states, oman, Yugoslvia]",
        "Yugoslvia",
        "'yugoslavia'",
    ),  # fmt: skip
    Mistake(
        "former-state-in-relation",
        "  - countries: [iran, united-states]",
        "  - countries: [iran, USSR]",
        "USSR",
        "in an event",
    ),  # fmt: skip
    Mistake(
        "variant-of-an-id",
        "people: [andrei-rudenko]",
        "people: [Andrei_Rudenko]",
        "people:",
        "'andrei-rudenko'",
        fixable=True,
    ),  # fmt: skip
    Mistake(
        "unknown-organization",
        "organizations: [state-duma]",
        "organizations: [state-dumma]",
        "organizations:",
        "'state-duma'",
    ),  # fmt: skip
    Mistake(
        "unknown-new-organization",
        "organizations: [state-duma]",
        "organizations: [OPEC]",
        "organizations:",
        "briefing new organization",
    ),  # fmt: skip
    Mistake("misspelt-quote-person", "person: donald-trump", "person: Donald Trumpp", "person:", "'donald-trump'"),
    Mistake("topic-typo", "topics: [diplomacy]", "topics: [sanction]", "topics:", "'sanctions'"),
    Mistake("topic-by-word", "topics: [diplomacy]", "topics: [trade]", "topics:", "'energy'"),
    # Relations and quotes
    Mistake("stance-not-in-list", "stance: strained", "stance: tense", "stance:", "cooperative, strained, hostile"),
    Mistake("stance-misspelt", "stance: strained", "stance: hostil", "stance:", "'hostile'"),
    Mistake(
        "relation-of-one",
        "  - countries: [iran, united-states]",
        "  - countries: [iran]",
        "- countries:",
        "[iran, russia]",
    ),  # fmt: skip
    Mistake(
        "relation-of-one-country-twice",
        "  - countries: [iran, united-states]",
        "  - countries: [iran, iran]",
        "- countries:",
        "two different countries",
    ),  # fmt: skip
    Mistake("quote-too-long", 'text: "bombing"', f'text: "{LONG}"', "text:", "at most 280"),
    Mistake(
        "event-without-entities",
        "    countries: [iran, united-states, oman]\n",
        "",
        "- date: 2025-04",
        "`countries`, `people` or `organizations`",
    ),  # fmt: skip
    Mistake("relation-without-stance", "    stance: strained\n", "", "- countries: [iran", "add `stance:`"),
    # The summary
    Mistake(
        "script-in-body",
        "Oman hosted a new round of talks.",
        "Oman hosted <script>x</script> talks.",
        "<script>",
        "use Markdown",
    ),  # fmt: skip
    Mistake("title-heading", "\nOman hosted", "\n# Talks\n\nOman hosted", "# Talks", "'##'"),
    Mistake(
        "empty-summary", "Oman hosted a new round of talks.\n", "", "---", "write it below the front matter", nth=-1
    ),
    Mistake(
        "absolute-link", "round of talks.", "round of [talks](/countries/oman).", "[talks]", "../countries/iran.md"
    ),  # fmt: skip
    Mistake("image", "round of talks.", "round of talks. ![map](https://news.test/map.png)", "![map]", "link to"),
    Mistake(
        "unlisted-name",
        "round of talks.",
        "round of talks. Israel's parliament objected.",
        "Israel's",
        "add 'israel' to `countries`",
        fixable=True,
        severity="warning",
    ),  # fmt: skip
    Mistake(
        "unlisted-person",
        "round of talks.",
        "round of talks. Ali Khamenei approved.",
        "Khamenei",
        "add 'ali-khamenei' to `people`",
        fixable=True,
        severity="warning",
    ),  # fmt: skip
    Mistake(
        "unlisted-organization",
        "round of talks.",
        "round of talks. The Majlis objected.",
        "Majlis",
        "add 'islamic-consultative-assembly' to `organizations`",
        fixable=True,
        severity="warning",
    ),  # fmt: skip
    # People, organizations, countries
    Mistake(
        "person-alias-of-another",
        "country: oman\n",
        "country: oman\naliases: [Trump]\n",
        "aliases:",
        "'donald-trump'",
        kind="person",
    ),  # fmt: skip
    Mistake("person-country-misspelt", "country: oman", "country: Omann", "country:", "'oman'", kind="person"),
    Mistake(
        "person-missing-description",
        "description: Omani foreign minister\n",
        "",
        "---",
        "add `description:`",
        kind="person",
    ),  # fmt: skip
    Mistake(
        "person-aliases-as-text",
        "country: oman\n",
        "country: oman\naliases: JR, Jane\n",
        "aliases:",
        "[JR, Jane]",
        kind="person",
    ),  # fmt: skip
    Mistake(
        "person-wikidata-number",
        "country: oman\n",
        "country: oman\nwikidata: 12345\n",
        "wikidata:",
        "Q12345",
        kind="person",
    ),  # fmt: skip
    Mistake(
        "person-file-name-capitals",
        "Jane Roe",
        "Jane Roe",
        "---",
        "git mv content/people/Jane-Roe.md content/people/jane-roe.md",
        kind="person",
        name="Jane-Roe.md",
    ),
    Mistake(
        "organization-alias-html",
        "aliases: [GCC]",
        "aliases: [<b>GCC</b>]",
        "aliases:",
        "plain text",
        kind="organization",
    ),  # fmt: skip
    Mistake(
        "country-unknown-member",
        "memberships: [united-nations]",
        "memberships: [united-nation]",
        "memberships:",
        "'united-nations'",
        kind="country",
    ),  # fmt: skip
    Mistake(
        "country-file-former-name",
        "demonyms: [Omani]",
        "demonyms: [Omani]",
        "---",
        "'oman.md'",
        kind="country",
        name="sultanate-of-oman.md",
    ),  # fmt: skip
]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("battery") / "project")


@pytest.fixture
def written(project: Path) -> Iterator[list[Path]]:
    """The files a case writes, removed after it: the shared project stays as the fixture made it."""
    paths: list[Path] = []
    yield paths
    for path in paths:
        path.unlink(missing_ok=True)


def write(project: Path, written: list[Path], rel: str, text: str) -> Path:
    path = project / rel
    assert not path.exists()
    written.append(path)
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(project: Path) -> list[Problem]:
    return read_project(Project.at(project))[1]


def line_of(text: str, needle: str, nth: int = 0) -> int:
    return [n for n, line in enumerate(text.splitlines(), 1) if needle in line][nth]


@pytest.mark.parametrize("kind", sorted(FILES))
def test_each_valid_file_passes(project: Path, written: list[Path], kind: str) -> None:
    folder, name, text = FILES[kind]
    write(project, written, f"content/{folder}/{name}", text)
    assert problems_of(project) == []


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.id for m in MISTAKES])
def test_one_mistake_one_message(project: Path, written: list[Path], mistake: Mistake) -> None:
    text = mistake.text()
    path = write(project, written, mistake.path(), text)
    problems = problems_of(project)
    assert len(problems) == 1, "\n".join(p.text() for p in problems)
    problem = problems[0]
    assert (problem.path, problem.severity) == (mistake.path(), mistake.severity), problem.text()
    assert problem.line == line_of(text, mistake.at, mistake.nth), problem.text()
    assert mistake.says in problem.message, problem.text()
    assert bool(problem.fixes) == mistake.fixable, problem.text()
    if not mistake.fixable:
        return
    fixed = briefing_cli("--root", str(project), "check", "--fix")
    assert fixed.exit_code == 0, fixed.output
    after = path.read_text(encoding="utf-8")
    assert after != text and problems_of(project) == []
    again = briefing_cli("--root", str(project), "check", "--fix")
    assert again.exit_code == 0 and path.read_text(encoding="utf-8") == after, again.output


# Mistakes in the YAML itself: nothing else of the file can be read.
IN_THE_YAML = {"tab", "over-indented", "unclosed-quote", "colon-in-title", "no-closing-line", "field-twice"}
# A companion for every other mistake in a briefing: its `date` not written YYYY-MM-DD.
BAD_DATE = Mistake("bad-date", "date: 2026-02-27\n", "date: 2026-2-27\n", "date:", "2026-02-27", fixable=True)
ALONGSIDE = [
    m
    for m in MISTAKES
    if m.kind == "briefing"
    and m.id not in IN_THE_YAML
    and m.severity == "error"  # a name the summary uses is looked for only in a briefing without errors
    and m.name is None
    and BAD_DATE.old not in m.old
]


@pytest.mark.parametrize("mistake", ALONGSIDE, ids=[m.id for m in ALONGSIDE])
def test_a_bad_date_hides_no_other_mistake(project: Path, written: list[Path], mistake: Mistake) -> None:
    alone = mistake.text()
    write(project, written, mistake.path(), alone)
    (own,) = problems_of(project)
    written.pop().unlink()
    write(project, written, mistake.path(), BAD_DATE.text(alone))
    problems = problems_of(project)
    assert len(problems) == 2, "\n".join(p.text() for p in problems)
    assert own.message in {p.message for p in problems}
    assert any(p.field == "date" and BAD_DATE.says in p.message for p in problems)


VALID = [  # (kind, old, new): spellings that look like mistakes and are not
    ("briefing", "people: [andrei-rudenko]", "people: [Rudenko]"),  # an alias
    ("briefing", "people: [andrei-rudenko]", "people: [Andrei-Rudenko]"),  # ids are read without case
    ("briefing", "countries: [iran, oman, united-states]", "countries: [IR, Oman, USA]"),  # codes and names
    ("briefing", "countries: [iran, oman, united-states]", "countries: [iran, oman, united-states,]"),
    ("briefing", "topics: [diplomacy]", "topics: [Diplomacy]"),  # a topic's label
    ("briefing", "    countries: [iran, united-states, oman]", "    countries: [iran, oman, Soviet Union]"),
    ("briefing", "  - date: 2025-04", '  - date: "2025"'),  # a year-only event
    ("briefing", "  - date: 2025-04", "  - date: 194X"),
    ("briefing", '"https://news.test/oman"', '"http://news.test/oman"'),  # http is allowed
    ("briefing", "round of talks.", "round of talks. Iran's parliament was told."),  # listed: no warning
    ("person", "country: oman", "country: USSR"),  # a person's country may be a historical state
]


@pytest.mark.parametrize(("kind", "old", "new"), VALID, ids=[new for _, _, new in VALID])
def test_what_looks_like_a_mistake_but_is_valid(
    project: Path, written: list[Path], kind: str, old: str, new: str
) -> None:
    folder, name, text = FILES[kind]
    assert old in text
    write(project, written, f"content/{folder}/{name}", text.replace(old, new, 1))
    assert problems_of(project) == []
