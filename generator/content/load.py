"""Load: files on disk -> raw documents whose every value knows its line and column.

This is the only module that reads content files. It never raises on bad
input: every file yields either a RawDocument or Problems.
"""

from __future__ import annotations

import os
import pickle
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter.default_handlers
import yaml

from ..kinds import by_folder
from .problems import Edit, Problem, display_path

MAX_FILE_BYTES = 100_000  # a long briefing is about 10 KB; the limit keeps every later step fast


Loc = tuple[str | int, ...]
Pos = tuple[int, int]

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """Safe YAML loader that keeps dates as text: we parse dates ourselves, strictly."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}


class Positions:
    """Where each value and key of a front matter is (line, column), and the lines above the body as written:
    what a problem needs to point at its place and propose an edit.

    A build keeps every document it read for the next one (a warm build's memo) but asks where a value is
    only when something is wrong with it: `pack` then keeps these as one compressed string, opened again
    the first time they are asked for (at 10,000 briefings, 13 MB instead of 160 MB of small objects). They
    are pickled packed either way."""

    __slots__ = ("_tables", "_packed")

    def __init__(self, values: dict[Loc, Pos], keys: dict[Loc, Pos], lines: tuple[str, ...] = ()) -> None:
        self._tables: tuple[dict[Loc, Pos], dict[Loc, Pos], tuple[str, ...]] | None = (values, keys, lines)
        self._packed: bytes | None = None

    @classmethod
    def from_packed(cls, packed: bytes) -> Positions:
        positions = cls.__new__(cls)
        positions._tables, positions._packed = None, packed
        return positions

    def tables(self) -> tuple[dict[Loc, Pos], dict[Loc, Pos], tuple[str, ...]]:
        if self._tables is None:
            assert self._packed is not None
            self._tables = pickle.loads(zlib.decompress(self._packed))  # noqa: S301  # packed here (`packed`)
        return self._tables

    def packed(self) -> bytes:
        if self._packed is None:
            self._packed = zlib.compress(pickle.dumps(self._tables, pickle.HIGHEST_PROTOCOL), 1)
        return self._packed

    def pack(self) -> None:
        """Keep only the compressed string until the positions are asked for again."""
        self.packed()
        self._tables = None

    def __reduce__(self) -> tuple[Any, ...]:
        return (Positions.from_packed, (self.packed(),))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Positions) and self.tables() == other.tables()

    __hash__ = None  # type: ignore[assignment]  # mutable tables


@dataclass(frozen=True)
class RawDocument:
    """A content file split into front matter (plain values) and Markdown body."""

    path: Path
    display: str
    kind: str
    slug: str
    meta: dict[str, Any]
    where: Positions = field(repr=False)  # each value's and key's line and column, the lines above the body
    body: str
    body_line: int

    @property
    def values(self) -> dict[Loc, Pos]:
        return self.where.tables()[0]

    @property
    def keys(self) -> dict[Loc, Pos]:
        return self.where.tables()[1]

    @property
    def lines(self) -> tuple[str, ...]:
        """The file's lines above the body, as written."""
        return self.where.tables()[2]

    def line_text(self, line: int) -> str:
        """The text of a 1-based line of the front matter ('' outside it)."""
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    def text_at(self, line: int, column: int, length: int) -> str:
        """`length` characters of the front matter from a 1-based line and column ('' past its end)."""
        return self.line_text(line)[column - 1 : column - 1 + length] if column > 0 else ""

    def pos(self, loc: Loc, *, key: bool = False) -> Pos:
        """Line and column of the value (or key) at loc, or of its nearest enclosing value."""
        table = self.keys if key else self.values
        if loc in table:
            return table[loc]
        for cut in range(len(loc) - 1, -1, -1):
            if loc[:cut] in self.values:
                return self.values[loc[:cut]]
        return (1, 1)

    def problem(self, loc: Loc, message: str, *, key: bool = False, fixes: tuple[Edit, ...] = ()) -> Problem:
        line, col = self.pos(loc, key=key)
        return Problem(self.display, line, col, dotted(loc), message, fixes=fixes)

    def edit(self, loc: Loc, old: str, new: str, kind: str) -> Edit | None:
        """The edit writing new for the value old at loc: only when old is written verbatim on the
        value's line, from where the value starts (possibly after its opening quote)."""
        if loc not in self.values or not old:
            return None
        line, col = self.values[loc]
        text = self.line_text(line)
        for start in (col - 1, col):
            if text[start : start + len(old)] == old:
                return Edit(line, start + 1, old, new, kind)
        return None


def dotted(loc: Iterable[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


@dataclass
class LoadResult:
    documents: list[RawDocument]
    problems: list[Problem]


class YamlProblem(Exception):
    """A place in YAML text that must change, and why."""

    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


def discover(content_dir: Path) -> Iterator[Path]:
    """Every Markdown file under the content folder, in a stable order, and every symbolic link to a
    folder there (never followed: load_file reports it)."""
    found = []
    for folder, dirs, files in os.walk(content_dir, followlinks=False):
        here = Path(folder)
        found += [here / d for d in dirs if (here / d).is_symlink()]
        found += [here / f for f in files if f.endswith(".md")]
    yield from sorted(found)


def kind_of(path: Path, content_dir: Path) -> str | None:
    """The content kind a file's folder names. A file outside the content folder (one given on
    the command line) is judged by its own folder's name, as if it were added to content/."""
    return _kind(path, path.resolve(), content_dir.resolve())


def kind_of_found(path: Path, content_dir: Path) -> str | None:
    """kind_of for a path `discover(content_dir)` found: by its folder under content_dir, nothing resolved."""
    return _kind(path, path, content_dir)


def _kind(path: Path, resolved: Path, content_dir: Path) -> str | None:
    try:
        rel = resolved.relative_to(content_dir)
        folder = rel.parts[0] if len(rel.parts) > 1 else ""
    except ValueError:
        folder = path.parent.name
    return by_folder().get(folder)


Memo = dict[tuple[str, int, int], "RawDocument | list[Problem]"]  # (path, mtime, size) -> what it gave


def pack_positions(memo: Memo) -> None:
    """The positions of every document remembered, packed (`Positions.pack`) until asked for again."""
    for found in memo.values():
        if isinstance(found, RawDocument):
            found.where.pack()


def load_paths(
    paths: Iterable[Path], content_dir: Path, root: Path | None = None, memo: Memo | None = None
) -> LoadResult:
    """Every file read. With `memo` (kept by the preview between rebuilds), a file whose time and size
    did not change is not read again."""
    result = LoadResult([], [])
    # Resolve the folders once, not once per file (a thousand files: a noticeable share of `briefing check`).
    content, base = content_dir.resolve(), (root or Path.cwd()).resolve()
    used: Memo = {}
    for path in paths:
        doc = _load_file(path, content, base) if memo is None else _remembered(path, content, base, memo, used)
        if isinstance(doc, RawDocument):
            result.documents.append(doc)
        else:
            result.problems.extend(doc)
    if memo is not None:  # forget the files that changed or went away
        memo.clear()
        memo.update(used)
    return result


def _remembered(path: Path, content: Path, base: Path, memo: Memo, used: Memo) -> RawDocument | list[Problem]:
    try:
        stat = path.lstat()
    except OSError:
        return _load_file(path, content, base)
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    found = memo.get(key)
    if found is None:
        found = _load_file(path, content, base)
    used[key] = found
    return found


def load_file(path: Path, content_dir: Path, root: Path | None = None) -> RawDocument | list[Problem]:
    return _load_file(path, content_dir.resolve(), (root or Path.cwd()).resolve())


def _load_file(path: Path, content_dir: Path, root: Path) -> RawDocument | list[Problem]:
    """load_file, with content_dir and root already resolved."""
    link = _linked(path, content_dir)
    if link is not None:  # said without reading the target, or saying whether it exists
        return [
            Problem(
                display_path(path, root),
                1,
                1,
                "",
                f"{link} is a symbolic link; content files must be regular files in the repository",
            )
        ]
    resolved = path.resolve()
    try:
        shown = resolved.relative_to(root).as_posix()  # as problems.display_path shows it
    except ValueError:
        shown = path.as_posix()
    kind = _kind(path, resolved, content_dir)
    if kind is None:
        folders = ", ".join(f"{k}/" for k in by_folder())
        return [Problem(shown, 1, 1, "", f"file is not in a content folder; move it into one of {folders}")]
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return [
                Problem(
                    shown,
                    1,
                    1,
                    "",
                    f"file is too large ({size:,} bytes, at most {MAX_FILE_BYTES:,}); "
                    f"a {kind} is a short text: shorten it or split it",
                )
            ]
        data = path.read_bytes()
    except OSError as exc:
        return [Problem(shown, 1, 1, "", f"cannot read file: {exc.strerror}")]
    try:
        return parse(data, path=path, display=shown, kind=kind)
    except YamlProblem as bad:
        return [Problem(shown, bad.line, bad.col, "", bad.message)]


def _linked(path: Path, content_dir: Path) -> str | None:
    """The file, or the folder on its way from content/, that is a symbolic link (None if none is)."""
    if path.is_symlink():
        return "this file" if path.suffix == ".md" else "this folder"
    absolute = Path(os.path.abspath(path))
    try:
        rel = absolute.relative_to(Path(os.path.abspath(content_dir)))
    except ValueError:
        return None
    folder = Path(os.path.abspath(content_dir))
    for part in rel.parts[:-1]:
        folder = folder / part
        if folder.is_symlink():
            return f"the folder {part}/"
    return None


def parse(data: bytes, *, path: Path, display: str, kind: str) -> RawDocument:
    text = _decode(data)
    if not text.strip():
        raise YamlProblem(1, 1, f"file is empty; start it with `briefing new {kind}` or copy a {kind} file")
    text = text.replace("\r\n", "\n")
    handler = frontmatter.default_handlers.YAMLHandler()
    if not text.startswith("---") or not handler.detect(text):
        raise YamlProblem(1, 1, "no front matter; the file must start with a '---' line, then YAML fields, then '---'")
    try:
        fm, body = handler.split(text)
    except ValueError:
        raise YamlProblem(1, 1, "front matter is not closed; add a '---' line after the last field") from None
    # The YAML starts right after the opening '---' (usually still on line 1, at its newline).
    opener = handler.FM_BOUNDARY.match(text)
    fm_line = text.count("\n", 0, opener.end() if opener else 0) + 1
    body_line = text.count("\n", 0, len(text) - len(body)) + 1
    if not body.strip():  # nothing below the front matter: point at its closing '---' line
        closer = list(handler.FM_BOUNDARY.finditer(text, opener.end() if opener else 0, len(text) - len(body)))
        body_line = text.count("\n", 0, closer[0].start()) + 1 if closer else body_line
    meta, values, keys = _yaml(fm, fm_line)
    lines = tuple(text.split("\n", body_line - 1)[: body_line - 1])
    return RawDocument(path, display, kind, path.stem, meta, Positions(values, keys, lines), body, body_line)


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        raise YamlProblem(1, 1, "file starts with a byte-order mark (BOM); save it as UTF-8 without BOM")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        col = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1  # in characters, as editors count
        raise YamlProblem(
            line, col, f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8"
        ) from None


def read_yaml(source: str, first_line: int = 1) -> tuple[Any, dict[Loc, Pos], dict[Loc, Pos]]:
    """YAML text -> (plain value, position of every value, position of every key), refusing what
    contributors' YAML may not hold: anchors and aliases, tags, non-text keys, a key given twice.
    Raises YamlProblem at the place to fix."""
    loader = _Loader(source)
    try:
        events = yaml.parse(source, Loader=_Loader) if ("&" in source or "*" in source) else ()
        for event in events:
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line, col = _mark(event.start_mark, first_line)
                raise YamlProblem(line, col, "YAML anchors and aliases are not allowed; write the value out")
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, source, first_line) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(first_line, 1, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    values: dict[Loc, Pos] = {}
    keys: dict[Loc, Pos] = {}
    if node is None:
        return None, values, keys
    data = _build(loader, node, (), values, keys, first_line)
    return data, values, keys


def _yaml(source: str, first_line: int) -> tuple[dict[str, Any], dict[Loc, Pos], dict[Loc, Pos]]:
    meta, values, keys = read_yaml(source, first_line)
    if meta is None:
        raise YamlProblem(first_line, 1, "front matter is empty; add the required fields")
    start = values[()]
    values[()] = (1, 1)  # the front matter as a whole (a missing field, the file's name): its opening '---'
    if not isinstance(meta, dict):
        kind = "a list" if isinstance(meta, list) else "a single value"
        raise YamlProblem(start[0], start[1], f"front matter must be a mapping of `field: value` lines, found {kind}")
    return meta, values, keys


def _yaml_error(exc: yaml.MarkedYAMLError, source: str, first_line: int) -> YamlProblem:
    """The YAML error as a contributor can act on it, at the place to fix (often not where the parser stopped)."""
    problem = (exc.problem or "invalid YAML").strip()
    context = exc.context or ""
    line, col = _mark(exc.problem_mark or exc.context_mark, first_line)
    if "quoted scalar" in context:
        qline, qcol = _mark(exc.context_mark, first_line)
        return YamlProblem(qline, qcol, "invalid YAML: this quote is never closed; add the closing quote")
    opened = _runaway_quote(source, exc.problem_mark)
    if opened is not None:
        qline, qcol = _mark(opened.start_mark, first_line)
        return YamlProblem(
            qline,
            qcol,
            f"invalid YAML: this quote is not closed on its line, so it runs on to line "
            f"{first_line + opened.end_mark.line}; add the closing quote",
        )
    if "flow sequence" in context or "flow mapping" in context:
        qline, qcol = _mark(exc.context_mark, first_line)
        bracket = "[" if "sequence" in context else "{"
        return YamlProblem(
            qline, qcol, f"invalid YAML: the '{bracket}' opened here is not closed, or an item in it lacks a comma"
        )
    if "tab" in problem or _char_at(source, exc.problem_mark) == "\t":
        return YamlProblem(line, col, "invalid YAML: a tab character; indent with spaces only")
    if "cannot start any token" in problem:
        char = _char_at(source, exc.problem_mark)
        return YamlProblem(line, col, f"invalid YAML: a value cannot start with '{char}'; put the value in quotes")
    if "mapping values are not allowed" in problem:
        quoted = _quoted_line(source, exc.problem_mark)
        what = (
            f"put the value in quotes: `{quoted}`"
            if quoted
            else "put a value that contains ': ' in quotes, and check this line's indentation"
        )
        return YamlProblem(line, col, f"invalid YAML: unexpected ':'; {what}")
    if "expected '-' indicator" in problem or "expected key" in problem or "expected <block end>" in problem:
        indent = _indent_hint(source, exc.problem_mark)
        return YamlProblem(
            line,
            col,
            f"invalid YAML: {problem}; {indent}"
            if indent
            else f"invalid YAML: {problem}; check this line's indentation against the lines "
            f"above, and put values that contain quotes or ': ' in quotes",
        )
    return YamlProblem(line, col, f"invalid YAML: {problem}")


_FIELD_LINE = re.compile(r"^(?P<key>\s*(?:-\s+)?[A-Za-z_][\w-]*:)\s+(?P<value>[^\s\"'\[{|>#].*?)\s*$")


def _quoted_line(source: str, mark: Any) -> str | None:
    """The line of the mark with its value in double quotes (`title: "Grain deal: signed"`), when the
    line is a plain `field: value` whose value holds the ': ' the error is about."""
    if mark is None:
        return None
    lines = source.split("\n")
    text = lines[mark.line] if mark.line < len(lines) else ""
    m = _FIELD_LINE.match(text)
    if m is None or ": " not in m["value"] or " #" in m["value"]:
        return None
    value = m["value"].replace("\\", "\\\\").replace('"', '\\"')
    return f'{m["key"].strip()} "{value}"'


_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>-\s+)?(?P<key>[A-Za-z_][\w-]*):(?P<value>.*)$")


def _indent_hint(source: str, mark: Any) -> str | None:
    """How far to indent the mark's line, when it is a field indented otherwise than the field with a
    value on the line above it (`stance` under `- countries: [iran, russia]`)."""
    lines = source.split("\n")
    if mark is None or not 0 < mark.line < len(lines):
        return None
    here = _KEY_LINE.match(lines[mark.line])
    above = next((t for t in reversed(lines[: mark.line]) if t.strip() and not t.lstrip().startswith("#")), "")
    there = _KEY_LINE.match(above)
    if here is None or here["dash"] or there is None or not there["value"].strip():
        return None
    want = len(there["indent"]) + len(there["dash"] or "")
    have = len(here["indent"])
    if want == have:
        return None
    return (
        f"this line is indented {have} spaces: to line `{here['key']}` up with `{there['key']}` above, indent it {want}"
    )


def _char_at(source: str, mark: Any) -> str:
    if mark is None:
        return ""
    lines = source.split("\n")
    text = lines[mark.line] if mark.line < len(lines) else ""
    return text[mark.column] if mark.column < len(text) else ""


def _runaway_quote(source: str, mark: Any) -> Any:
    """The quoted value that ends on the error's line after starting on an earlier one, if any: the usual
    sign of a missing closing quote (the next quote character closes it instead)."""
    if mark is None:
        return None
    found = None
    try:
        for token in yaml.scan(source, Loader=yaml.SafeLoader):
            if token.start_mark.index >= mark.index:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ('"', "'")
                and token.start_mark.line < token.end_mark.line == mark.line
            ):
                found = token
    except yaml.YAMLError:
        pass
    return found


def _mark(mark: Any, first_line: int) -> Pos:
    return (first_line + mark.line, mark.column + 1) if mark is not None else (first_line, 1)


def _build(loader: Any, node: yaml.Node, loc: Loc, values: dict[Loc, Pos], keys: dict[Loc, Pos], first: int) -> Any:
    values[loc] = (first + node.start_mark.line, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            kline, kcol = first + key_node.start_mark.line, key_node.start_mark.column + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                shown = f"'{key_node.value}' " if isinstance(key_node, yaml.ScalarNode) else ""
                raise YamlProblem(
                    kline, kcol, f"field name {shown}is not a word; field names are words such as `title`"
                )
            name = key_node.value
            if name in out:
                raise YamlProblem(kline, kcol, f"field '{name}' is given twice; keep one")
            keys[(*loc, name)] = (kline, kcol)
            out[name] = _build(loader, value_node, (*loc, name), values, keys, first)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, (*loc, i), values, keys, first) for i, item in enumerate(node.value)]
    if node.tag not in _SCALAR_TAGS:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise YamlProblem(
            first + node.start_mark.line,
            node.start_mark.column + 1,
            f"YAML tag '{tag}' is not allowed; write a plain value",
        )
    if node.tag == "tag:yaml.org,2002:str":
        return node.value  # what construct_object would return, without its bookkeeping
    try:
        return loader.construct_object(node, deep=True)
    except yaml.YAMLError as exc:
        raise YamlProblem(first + node.start_mark.line, node.start_mark.column + 1, f"invalid value: {exc}") from None
