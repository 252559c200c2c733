"""`briefing check --fix`: the pure edit applier (generator/content/fix.py), the alias fix, and the
warning for names a summary uses that its front matter does not list (generator/content/unlisted.py),
on fixture trees."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from generator.build import generate
from generator.content.fix import apply, apply_explained
from generator.content.problems import Edit
from generator.content.project import Project, read_project
from tests.sites import briefing_cli, make_project

SEED = "content/briefings/2026-02-27-iran-rethinks-its-bet-on-russia.md"


# --- apply: pure ---------------------------------------------------------------------------------

_FRONT_LINE = st.text(alphabet="ab :-#", max_size=8).filter(lambda s: not re.fullmatch(r"-{3,}\s*", s))
_BODY_LINE = st.text(alphabet="ab -#", max_size=8)  # may hold '---' lines: they are the body's


@st.composite
def texts_and_edits(draw: st.DrawFn) -> tuple[str, list[Edit], int]:
    front = draw(st.lists(_FRONT_LINE, min_size=1, max_size=6))
    body = draw(st.lists(_BODY_LINE, max_size=5))
    lines = ["---", *front, "---", *body]
    body_line = len(front) + 3
    edits = []
    for _ in range(draw(st.integers(0, 6))):
        n = draw(st.integers(1, len(lines)))  # any line, the '---' lines and the body included
        line = lines[n - 1]
        col = draw(st.integers(1, len(line) + 1))
        size = draw(st.integers(0, 3))
        # what is there, or perhaps stale
        old = line[col - 1 : col - 1 + size] if draw(st.booleans()) else draw(st.text(alphabet="ab", max_size=3))
        # New text never already stands in the file (its letters are not the file's), and never deletes
        # outright: what every fix is (an id or a date for a variant, a list item inserted).
        new = draw(st.text(alphabet="XYZ\n", min_size=1, max_size=6).filter(lambda t: t.strip("\n")))
        kind = draw(st.sampled_from(["alias", "date", "add-entity", "file-date", "rename"]))
        edits.append(Edit(n, col, old, new, kind))
    return "\n".join(lines) + "\n", edits, body_line


def _body(text: str) -> str:
    """Everything from the closing '---' line on."""
    lines = text.split("\n")
    close = next(i for i in range(1, len(lines)) if re.fullmatch(r"-{3,}\s*", lines[i]))
    return "\n".join(lines[close:])


@given(texts_and_edits())
def test_apply_is_idempotent_and_keeps_the_body(case: tuple[str, list[Edit], int]) -> None:
    text, edits, body_line = case
    once, _ = apply(text, edits, body_line)
    assert _body(once) == _body(text)
    again_body_line = once.split("\n").index("---", 1) + 2
    twice, _ = apply(once, edits, again_body_line)
    assert twice == once


@given(texts_and_edits())
def test_apply_changes_only_the_lines_edits_name(case: tuple[str, list[Edit], int]) -> None:
    text, edits, body_line = case
    out, skipped = apply(text, edits, body_line)
    applied = [e for e in edits if e not in skipped]
    named = {e.line for e in applied}
    before, after = text.split("\n"), out.split("\n")
    first = min(named, default=len(before) + 1)
    last = max(named, default=0)
    assert after[: first - 1] == before[: first - 1]  # above the first edited line: the same lines
    if last:
        tail = len(before) - last
        assert after[len(after) - tail :] == before[last:]  # below the last edited line: the same lines
    # and in between, every line no edit names is still there, in order
    untouched = iter(after)
    assert all(any(line == got for got in untouched) for n, line in enumerate(before, 1) if n not in named)
    assert all(e.kind in ("alias", "date", "add-entity", "file-date") for e in applied)


def test_apply_refuses_stale_overlapping_body_and_unsafe_edits() -> None:
    text = "---\npeople: [Putin]  # who\n---\nPutin spoke.\n"
    edits = [
        Edit(2, 10, "Putin", "vladimir-putin", "alias"),
        Edit(2, 10, "Poutine", "vladimir-putin", "alias"),  # stale, and overlapping the first
        Edit(4, 1, "Putin", "vladimir-putin", "alias"),  # the body
        Edit(2, 1, "people", "persons", "rename"),  # not a safe fix
        Edit(3, 1, "---", "", "alias"),  # the closing line
    ]
    out, skipped = apply_explained(text, edits, 4)
    assert out == text
    reasons = {s.edit: s.reason for s in skipped}
    assert set(reasons) == set(edits)
    assert "overlaps" in reasons[edits[0]] and "outside the front matter" in reasons[edits[2]]
    assert "not a safe fix" in reasons[edits[3]]
    out, skipped = apply(text, [edits[0], edits[2]], 4)
    assert out == "---\npeople: [vladimir-putin]  # who\n---\nPutin spoke.\n" and skipped == [edits[2]]


def test_two_insertions_at_one_place_keep_their_order() -> None:
    text = "---\npeople:\n  - a\n---\n"
    edits = [Edit(4, 1, "", "  - b\n", "add-entity"), Edit(4, 1, "", "  - c\n", "add-entity")]
    out, _ = apply(text, edits, 5)
    assert out == "---\npeople:\n  - a\n  - b\n  - c\n---\n"
    assert apply(out, edits, 7)[0] == out


# --- check --fix on fixture trees ------------------------------------------------------------------


def _project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "p")
    (root / "content/people/vladimir-putin.md").write_text(
        "---\nname: Vladimir Putin\naliases: [Putin]\ndescription: President of Russia.\ncountry: russia\n---\n",
        encoding="utf-8",
    )
    return root


def _edit(root: Path, old: str, new: str, count: int = 1) -> None:
    path = root / SEED
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _split(root: Path) -> tuple[str, str]:
    text = (root / SEED).read_text(encoding="utf-8")
    head, sep, body = text[4:].partition("\n---\n")
    return head, body


def _check(root: Path, *args: str) -> tuple[int, str]:
    result = briefing_cli("--root", str(root), "check", *args)
    return result.exit_code, result.output


def test_a_known_person_the_summary_names_is_a_warning_with_its_fix(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "For a decade Iran has", "For a decade, Vladimir Putin said, Iran has")
    code, out = _check(root)
    assert code == 0  # a warning does not fail the check
    warnings = [line for line in out.splitlines() if ": warning: " in line]
    assert len(warnings) == 1
    line = next(n for n, t in enumerate((root / SEED).read_text().split("\n"), 1) if "Vladimir Putin said" in t)
    assert warnings[0].startswith(f"{SEED}:{line}:")
    assert "'vladimir-putin'" in warnings[0] and "`people`" in warnings[0]
    _, problems = read_project(Project.at(root))
    (warning,) = problems
    assert warning.severity == "warning"
    assert [e.kind for e in warning.fixes] == ["add-entity"]
    generate(Project.at(root))  # and the build passes (a strict build fails only on errors)


def test_fix_adds_it_once_and_leaves_the_body_byte_for_byte(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "For a decade Iran has", "For a decade, as Putin’s envoys said, Iran has")
    _, body = _split(root)
    code, out = _check(root, "--fix")
    assert code == 0 and ": warning: " not in out
    assert f"--- a/{SEED}\n+++ b/{SEED}\n" in out and "\n+  - vladimir-putin\n" in out
    head, after = _split(root)
    assert after == body
    assert "  - ali-khamenei\n  - vladimir-putin\norganizations:" in head
    fixed = (root / SEED).read_bytes()
    code, out = _check(root, "--fix")
    assert code == 0 and "+++" not in out
    assert (root / SEED).read_bytes() == fixed


def test_fix_keeps_comments_and_a_flow_list(tmp_path: Path) -> None:
    root = _project(tmp_path)
    people = (
        "people:\n  - andrei-rudenko\n  - donald-trump\n  - mohammad-reza-zafarghandi\n  - ali-motahari\n"
        "  - heshmatollah-falahatpisheh\n  - ali-khamenei\n"
    )
    flow = (
        "people: [andrei-rudenko, donald-trump,  # the two who speak\n"
        '  mohammad-reza-zafarghandi, ali-motahari, heshmatollah-falahatpisheh, "ali-khamenei"]  # end\n'
    )
    _edit(root, people, flow)
    _edit(root, "For a decade Iran has", "For a decade Iran, which Putin courts, has")
    code, out = _check(root, "--fix")
    assert code == 0, out
    head, _ = _split(root)
    assert '"ali-khamenei", vladimir-putin]  # end\n' in head
    assert "donald-trump,  # the two who speak\n" in head


def test_fix_creates_an_absent_list_once_in_the_style_of_the_others(tmp_path: Path) -> None:
    root = _project(tmp_path)
    people = (
        "people:\n  - andrei-rudenko\n  - donald-trump\n  - mohammad-reza-zafarghandi\n  - ali-motahari\n"
        "  - heshmatollah-falahatpisheh\n  - ali-khamenei\n"
    )
    _edit(root, people, "")
    _edit(root, "  - person: donald-trump\n", "  - person: Donald Trump\n")  # quotes name people by any name
    _edit(root, "    people: [donald-trump]\n", "")
    _edit(root, "    people: [andrei-rudenko]\n", "")
    _edit(root, "  - person: mohammad-reza-zafarghandi\n", "  - person: Mohammad Reza Zafarghandi\n")
    code, out = _check(root)
    # the four people the summary names that the briefing names nowhere else (the two who speak are part of it)
    assert out.count(": warning: ") == 4
    code, out = _check(root, "--fix")
    head, _ = _split(root)
    assert head.count("people:\n") == 1
    assert "  - united-kingdom\npeople:\n  - andrei-rudenko\n" in head, head
    assert code == 0 and ": warning: " not in out, out


def test_alias_fix_writes_the_id_and_keeps_quotes_and_comments(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "  - ali-khamenei\n", "  - Ali_Khamenei  # the leader\n")
    _edit(root, "  - brics\n", '  - "BRICS_"\n')
    code, out = _check(root)
    assert code == 1
    assert "unknown person 'Ali_Khamenei'; write 'ali-khamenei', the id it spells" in out
    code, out = _check(root, "--fix")
    assert code == 0, out
    head, _ = _split(root)
    assert "  - ali-khamenei  # the leader\n" in head and '  - "brics"\n' in head


def test_no_fix_for_a_name_that_is_only_close(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "  - ali-khamenei\n", "  - ali-khamenai\n")
    before = (root / SEED).read_bytes()
    code, out = _check(root, "--fix")
    assert code == 1 and "did you mean 'ali-khamenei'" in out
    assert (root / SEED).read_bytes() == before


def _minimal(root: Path, countries: str, body: str) -> Path:
    (root / SEED).unlink()
    path = root / "content/briefings/2026-01-02-a.md"
    path.write_text(
        "---\ntitle: A\ndate: 2026-01-02\ndek: D.\nsources:\n  - publisher: P\n    url: https://news.test/a\n"
        f"    published: 2026-01-02\ncountries: [{countries}]\n---\n\n{body}\n",
        encoding="utf-8",
    )
    return path


def test_possessives_and_demonyms_count_as_names(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    _minimal(root, "iran", "Iran’s and Iran's parliament heard an Israeli envoy.\n\nIsrael’s answer came later.")
    _, problems = read_project(Project.at(root))
    assert [(p.severity, p.line, p.column, p.message.split("'")[1]) for p in problems] == [
        ("warning", 12, 39, "Israeli")
    ]
    code, out = _check(root, "--fix")
    assert code == 0 and "-countries: [iran]\n+countries: [iran, israel]\n" in out


def test_the_linker_reads_possessives_and_demonyms() -> None:
    from tests.test_mentions import corpus, linked, seed, with_body

    c = corpus()
    out = linked(c, with_body(seed(c), "Iran’s parliament met; Russian envoys came."))
    assert out == "[Iran](/country/iran)’s parliament met; [Russian](/country/russia) envoys came."


def test_names_in_code_links_and_headings_are_not_warned_about(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    _minimal(root, "iran", "## Israel\n\n`Israel` and [Israel](https://example.org) and “Israel”; Anglo-Israeli.")
    _, problems = read_project(Project.at(root))
    assert problems == []


def test_one_fix_run_repairs_what_the_first_fix_brings_to_light(tmp_path: Path) -> None:
    """A date in words is an error; the names the summary uses are compared with the front matter only once
    the briefing has no error. One `check --fix` repairs both (it checks again after fixing, a few rounds),
    the result passes clean, and a second run changes nothing."""
    root = _project(tmp_path)
    _edit(root, "  - date: 2025-04\n", '  - date: "April 2025"\n')
    _edit(root, "  - ali-khamenei\n", "")
    code, out = _check(root)
    assert code == 1 and "did you mean '2025-04'?" in out and ": warning: " not in out
    code, out = _check(root, "--fix")
    assert code == 0 and ": warning: " not in out and ": error: " not in out, out
    head, _ = _split(root)
    assert '  - date: "2025-04"\n' in head and "  - ali-khamenei\n" in head
    before = (root / SEED).read_bytes()
    code, out = _check(root, "--fix")
    assert code == 0 and (root / SEED).read_bytes() == before and "+++" not in out
