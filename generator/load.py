"""Load: files on disk -> raw documents whose every value knows its line and column.

This is the only module that reads content files. It never raises on bad
input: every file yields either a RawDocument or Problems.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter.default_handlers
import yaml

from .problems import Problem, display_path

KINDS = {
    "briefings": "briefing",
    "countries": "country",
    "people": "person",
    "organizations": "organization",
}

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


@dataclass(frozen=True)
class RawDocument:
    """A content file split into front matter (plain values) and Markdown body."""

    path: Path
    display: str
    kind: str
    slug: str
    meta: dict[str, Any]
    values: dict[Loc, Pos] = field(repr=False)
    keys: dict[Loc, Pos] = field(repr=False)
    body: str
    body_line: int

    def pos(self, loc: Loc, *, key: bool = False) -> Pos:
        """Line and column of the value (or key) at loc, or of its nearest enclosing value."""
        table = self.keys if key else self.values
        if loc in table:
            return table[loc]
        for cut in range(len(loc) - 1, -1, -1):
            if loc[:cut] in self.values:
                return self.values[loc[:cut]]
        return (1, 1)

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> Problem:
        line, col = self.pos(loc, key=key)
        return Problem(self.display, line, col, dotted(loc), message)


def dotted(loc: Iterable[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


@dataclass
class LoadResult:
    documents: list[RawDocument]
    problems: list[Problem]


class _Bad(Exception):
    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


def discover(content_dir: Path) -> Iterator[Path]:
    """Every Markdown file under the content folder, in a stable order."""
    yield from sorted(p for p in content_dir.rglob("*.md") if p.is_file())


def kind_of(path: Path, content_dir: Path) -> str | None:
    """The content kind a file's folder names. A file outside the content folder (one given on
    the command line) is judged by its own folder's name, as if it were added to content/."""
    try:
        rel = path.resolve().relative_to(content_dir.resolve())
        folder = rel.parts[0] if len(rel.parts) > 1 else ""
    except ValueError:
        folder = path.parent.name
    return KINDS.get(folder)


def load_paths(paths: Iterable[Path], content_dir: Path, root: Path | None = None) -> LoadResult:
    result = LoadResult([], [])
    for path in paths:
        doc = load_file(path, content_dir, root)
        if isinstance(doc, RawDocument):
            result.documents.append(doc)
        else:
            result.problems.extend(doc)
    return result


def load_file(path: Path, content_dir: Path, root: Path | None = None) -> RawDocument | list[Problem]:
    shown = display_path(path, root)
    kind = kind_of(path, content_dir)
    if kind is None:
        folders = ", ".join(f"{k}/" for k in KINDS)
        return [Problem(shown, 1, 1, "", f"file is not in a content folder; move it into one of {folders}")]
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [Problem(shown, 1, 1, "", f"cannot read file: {exc.strerror}")]
    try:
        return parse(data, path=path, display=shown, kind=kind)
    except _Bad as bad:
        return [Problem(shown, bad.line, bad.col, "", bad.message)]


def parse(data: bytes, *, path: Path, display: str, kind: str) -> RawDocument:
    text = _decode(data)
    if not text.strip():
        raise _Bad(1, 1, f"file is empty; start it with `briefing new {kind}` or copy a {kind} file")
    text = text.replace("\r\n", "\n")
    handler = frontmatter.default_handlers.YAMLHandler()
    if not text.startswith("---") or not handler.detect(text):
        raise _Bad(1, 1, "no front matter; the file must start with a '---' line, then YAML fields, then '---'")
    try:
        fm, body = handler.split(text)
    except ValueError:
        raise _Bad(1, 1, "front matter is not closed; add a '---' line after the last field") from None
    fm_line = 2
    body_line = text.count("\n", 0, len(text) - len(body)) + 1
    meta, values, keys = _yaml(fm, fm_line)
    return RawDocument(path, display, kind, path.stem, meta, values, keys, body, body_line)


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        raise _Bad(1, 1, "file starts with a byte-order mark (BOM); save it as UTF-8 without BOM")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _Bad(line, col, f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8") from None


def _yaml(source: str, first_line: int) -> tuple[dict[str, Any], dict[Loc, Pos], dict[Loc, Pos]]:
    loader = _Loader(source)
    try:
        events = yaml.parse(source, Loader=_Loader) if ("&" in source or "*" in source) else ()
        for event in events:
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line, col = _mark(event.start_mark, first_line)
                raise _Bad(line, col, "YAML anchors and aliases are not allowed; write the value out")
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (first_line + mark.line, mark.column + 1) if mark else (first_line, 1)
        what = (exc.problem or "invalid YAML").strip()
        raise _Bad(line, col, f"invalid YAML: {what}") from None
    except yaml.YAMLError as exc:
        raise _Bad(first_line, 1, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    if node is None:
        raise _Bad(first_line, 1, "front matter is empty; add the required fields")
    values: dict[Loc, Pos] = {}
    keys: dict[Loc, Pos] = {}
    meta = _build(loader, node, (), values, keys, first_line)
    if not isinstance(meta, dict):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        raise _Bad(first_line + node.start_mark.line, node.start_mark.column + 1,
                   f"front matter must be a mapping of `field: value` lines, found {kind}")
    return meta, values, keys


def _mark(mark: Any, first_line: int) -> Pos:
    return (first_line + mark.line, mark.column + 1) if mark is not None else (first_line, 1)


def _build(loader: Any, node: yaml.Node, loc: Loc, values: dict[Loc, Pos], keys: dict[Loc, Pos],
           first: int) -> Any:
    values[loc] = (first + node.start_mark.line, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            kline, kcol = first + key_node.start_mark.line, key_node.start_mark.column + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                raise _Bad(kline, kcol, "field names must be plain words")
            name = key_node.value
            if name in out:
                raise _Bad(kline, kcol, f"field '{name}' is given twice; keep one")
            keys[(*loc, name)] = (kline, kcol)
            out[name] = _build(loader, value_node, (*loc, name), values, keys, first)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, (*loc, i), values, keys, first) for i, item in enumerate(node.value)]
    if node.tag not in _SCALAR_TAGS:
        raise _Bad(first + node.start_mark.line, node.start_mark.column + 1,
                   f"YAML tag '{node.tag}' is not allowed; write a plain value")
    try:
        return loader.construct_object(node, deep=True)
    except yaml.YAMLError as exc:
        raise _Bad(first + node.start_mark.line, node.start_mark.column + 1, f"invalid value: {exc}") from None
