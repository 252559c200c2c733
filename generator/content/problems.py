"""Problems found in content, and the two ways of printing them."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# The fixes `briefing check --fix` may apply: each is safe and leaves the meaning unchanged.
SAFE_FIXES = ("alias", "date", "file-date", "add-entity")


@dataclass(frozen=True, order=True)
class Edit:
    """One text edit in the file of a problem: at a 1-based line and column, `old` (exactly what is
    there now; empty to insert) becomes `new`. `kind` is one of SAFE_FIXES. A front-matter edit
    only: `check --fix` refuses edits in the body."""

    line: int
    column: int
    old: str
    new: str
    kind: str


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file, at a line and column (both 1-based). `fixes`, when there are any,
    are the edits that repair it (all of them, applied together)."""

    path: str
    line: int
    column: int
    field: str
    message: str
    severity: str = "error"
    fixes: tuple[Edit, ...] = ()

    def text(self) -> str:
        where = f"{self.field}: " if self.field else ""
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {where}{self.message}"

    def github(self) -> str:
        where = f"{self.field}: " if self.field else ""
        body = _escape_data(f"{where}{self.message}")
        path = _escape_property(self.path)
        return f"::{self.severity} file={path},line={self.line},col={self.column}::{body}"


def _escape_data(value: str) -> str:
    # The escaping GitHub Actions workflow commands require.
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def display_path(path: Path, root: Path | None = None) -> str:
    """The path as a contributor should see it: relative to the working directory if possible. A
    symbolic link is shown where it is, never where it points."""
    base = root or Path.cwd()
    for candidate, against in (
        (Path(os.path.abspath(path)), Path(os.path.abspath(base))),
        (Path(os.path.abspath(path)), base.resolve()),
    ):
        try:
            return candidate.relative_to(against).as_posix()
        except ValueError:
            continue
    return path.as_posix()


class ContentError(Exception):
    """Raised by the build when the content has problems; carries all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        lines = "\n".join(p.text() for p in self.problems[:50])
        more = len(self.problems) - 50
        tail = f"\n... and {more} more" if more > 0 else ""
        super().__init__(f"{len(self.problems)} problem(s) in content:\n{lines}{tail}")
