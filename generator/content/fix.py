"""The safe fixes of `briefing check --fix`: text edits in a file's front matter, applied exactly.

The core is pure and small: `apply` takes a file's text and the edits its problems carry
(`Problem.fixes`) and returns the new text. An edit applies only where its `old` text stands at its
line and column, inside the front matter, and only if its kind is one of SAFE_FIXES; anything else is
left out and reported, never guessed at. Only the characters an edit names change, so comments,
quoting, flow (`[a, b]`) and block (`- a`) lists and the body stay exactly as they were.

Applying the same edits to the text they produced changes nothing: an edit whose `new` text already
stands at its place (shifted by the edits above it that are already there) counts as done.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .problems import SAFE_FIXES, Edit

_BOUNDARY = re.compile(r"-{3,}\s*")  # a line that opens or closes the front matter (python-frontmatter's rule)


@dataclass(frozen=True)
class Skipped:
    edit: Edit
    reason: str


def apply(text: str, edits: Iterable[Edit], body_line: int) -> tuple[str, list[Edit]]:
    """The text with the edits applied, and the edits left out (stale, overlapping, outside the front
    matter, or of a kind that is not a safe fix). body_line: the file's first line of body (1-based)."""
    new_text, skipped = apply_explained(text, edits, body_line)
    return new_text, [s.edit for s in skipped]


def apply_explained(text: str, edits: Iterable[Edit], body_line: int) -> tuple[str, list[Skipped]]:
    """`apply`, saying why each edit left out was."""
    unique, skipped = _admissible(edits)
    lines = _Lines(text)
    front = lines.front(body_line)
    if front is None:
        skipped += [Skipped(e, "the file has no front matter to edit") for e in unique]
        return text, skipped
    clean, overlapping = _without_overlaps(unique)
    skipped += [Skipped(e, "it overlaps another edit") for e in overlapping]
    todo: list[tuple[int, Edit]] = []
    shift = 0  # lines added above by the edits found already done
    done_end: tuple[int, int, int, int] | None = None  # the last done edit's end: (old line, old col, line, col)
    for edit in clean:
        if done_end is not None and edit.line == done_end[0]:
            line, column = done_end[2], done_end[3] + edit.column - done_end[1]
        else:
            line, column = edit.line + shift, edit.column
        at = lines.offset(line, column)
        if at is None:
            skipped.append(Skipped(edit, "no such place in the file"))
            continue
        end = at + len(edit.old)
        joins_closing_line = end == front[1] and not edit.new.endswith("\n")
        if not (front[0] <= at and end <= front[1]) or joins_closing_line or _opens_a_boundary(edit, column):
            skipped.append(Skipped(edit, "it is outside the front matter"))
            continue
        has_old, has_new = text.startswith(edit.old, at), text.startswith(edit.new, at)
        if has_new and (not has_old or len(edit.new) > len(edit.old)):  # already applied
            shift += edit.new.count("\n") - edit.old.count("\n")
            done_end = (*_end(edit.line, edit.column, edit.old), *_end(line, column, edit.new))
        elif has_old:
            todo.append((at, edit))
        else:
            skipped.append(Skipped(edit, f"the file no longer reads {edit.old!r} there"))
    out = text
    # Bottom-up, so that the places above stay put; of two insertions at one place the later goes in
    # first, so that they read in the order given.
    for _, at, edit in sorted(((i, at, e) for i, (at, e) in enumerate(todo)), key=lambda t: (t[1], t[0]), reverse=True):
        out = out[:at] + edit.new + out[at + len(edit.old) :]
    after = _Lines(out).front(len(out) + 2)
    if after is None or out[after[1] :] != text[front[1] :]:  # a safeguard: the body never moves or changes
        return text, skipped + [Skipped(e, "it would change where the front matter ends") for _, e in todo]
    return out, skipped


def _admissible(edits: Iterable[Edit]) -> tuple[list[Edit], list[Skipped]]:
    """The edits of a safe kind, each once (two problems may carry the same edit: two names that
    create one list), and the others."""
    skipped: list[Skipped] = []
    unique: dict[tuple[int, int, str, str], Edit] = {}
    for edit in edits:
        if edit.kind not in SAFE_FIXES:
            skipped.append(Skipped(edit, f"'{edit.kind}' is not a safe fix"))
        elif edit.line < 1 or edit.column < 1:
            skipped.append(Skipped(edit, "no such place in the file"))
        else:
            unique.setdefault((edit.line, edit.column, edit.old, edit.new), edit)
    return list(unique.values()), skipped


def unified_diff(path: str, before: str, after: str) -> str:
    """The change as `diff -u` prints it, with git's a/ and b/ prefixes."""
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}"
        )
    )


def _end(line: int, column: int, text: str) -> tuple[int, int]:
    """The line and column just after `text` written at line:column."""
    parts = text.split("\n")
    if len(parts) == 1:
        return line, column + len(text)
    return line + len(parts) - 1, len(parts[-1]) + 1


def _opens_a_boundary(edit: Edit, column: int) -> bool:
    """Whether the new text would put a '---' line into the front matter (and so move the body)."""
    starts = edit.new.split("\n")
    at_line_start = starts[1:] if column > 1 else starts
    return any(_BOUNDARY.fullmatch(s) for s in at_line_start if s.startswith("---"))


def _without_overlaps(edits: list[Edit]) -> tuple[list[Edit], list[Edit]]:
    """The edits in order of place, and apart those that touch the same text as another: one starts
    inside the text another replaces, or a replacement starts where another edit does. Two insertions
    at one place both stay, in the order given."""
    ordered = [e for _, e in sorted(enumerate(edits), key=lambda t: (t[1].line, t[1].column, t[0]))]
    starts = [(e.line, e.column) for e in ordered]
    ends = [_end(e.line, e.column, e.old) for e in ordered]
    bad: set[int] = set()
    for i, edit in enumerate(ordered):
        j = i + 1
        while j < len(ordered) and starts[j] <= ends[i]:  # only the edits that start inside or right at its end
            same_start = starts[j] == starts[i] and bool(edit.old or ordered[j].old)
            if starts[j] < ends[i] or same_start:
                bad.update((i, j))
            j += 1
    clean = [e for i, e in enumerate(ordered) if i not in bad]
    return clean, [e for i, e in enumerate(ordered) if i in bad]


class _Lines:
    """Where each line of a text starts."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def offset(self, line: int, column: int) -> int | None:
        if not 0 < line <= len(self.starts):
            return None
        start = self.starts[line - 1]
        stop = self.starts[line] - 1 if line < len(self.starts) else len(self.text)
        return start + column - 1 if start + column - 1 <= stop else None

    def front(self, body_line: int) -> tuple[int, int] | None:
        """The front matter's YAML as offsets: from line 2 to the start of the closing '---' line."""
        first = self.text[: self.starts[1] - 1] if len(self.starts) > 1 else self.text
        if not _BOUNDARY.fullmatch(first):
            return None
        for n in range(1, min(len(self.starts), max(body_line, 1))):
            stop = self.starts[n + 1] - 1 if n + 1 < len(self.starts) else len(self.text)
            if _BOUNDARY.fullmatch(self.text[self.starts[n] : stop]):
                return self.starts[1], self.starts[n]
        return None
