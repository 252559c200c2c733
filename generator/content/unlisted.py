"""Names in a briefing's summary that its front matter does not list.

A body that names a known country, person or organization (by name, alias or, for a country, a
demonym; "Iran's" and "Russia’s" count as "Iran" and "Russia") that the briefing's lists leave out
gets a warning, with the edit that adds the entity's id to the list (`briefing check --fix`). The
names come from every entity of the site, matched by the body mention linker's matcher
(generator/graph/mentions.py), built once per check: a body costs what its length costs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .. import kinds
from ..graph import mentions
from .entities import Country, Named
from .load import RawDocument
from .problems import Edit, Problem
from .resolve import Resolver, UnknownRef

_BOUNDARY = re.compile(r"-{3,}\s*")
_ITEM_PREFIX = re.compile(r"\s*-\s+")


@dataclass(frozen=True)
class SiteNames:
    """Every spelling of every entity a body may name, with one matcher for them all."""

    names: dict[str, mentions.Entity]
    matcher: mentions.Names
    digest: str  # equal for two sites whose names are the same (the preview's memo compares it)

    @classmethod
    def of(cls, entities: Iterable[tuple[str, Country | Named]]) -> SiteNames:
        wanted = {row.kind for row in kinds.entity_kinds() if row.mentions and row.listed}
        names = mentions.names_of_site((kind, e) for kind, e in entities if kind in wanted)
        h = hashlib.blake2b(digest_size=16)
        for spelling, (kind, entity_id) in sorted(names.items()):
            h.update(f"{spelling}\0{kind}\0{entity_id}\0".encode())
        return cls(names, mentions.Names(names), h.hexdigest())


def check(
    doc: RawDocument, meta: Any, refs: dict[str, tuple[str, ...]], site: SiteNames, resolver: Resolver
) -> list[Problem]:
    """A warning for the first mention of each entity the briefing does not list. A kind whose list
    holds a reference that names nothing known is left alone: its error comes first."""
    listed: dict[str, set[str]] = {}
    for row in kinds.entity_kinds():
        if row.listed is None or not row.mentions:
            continue
        ids = set(refs.get(row.kind, ()))
        for text in getattr(meta, row.listed.name, None) or ():
            try:
                ids.add(resolver.resolve(row.kind, text))
            except UnknownRef as exc:
                if exc.fix is None:
                    break  # a name we cannot tell: no guess about what it meant
                ids.add(exc.fix)  # its error's fix writes this id
        else:
            listed[row.kind] = ids
    found: dict[mentions.Entity, tuple[int, int, str]] = {}
    for n, start, _, name in mentions.scan(doc.body, site.matcher):
        entity = site.names[name]
        if entity[0] in listed and entity[1] not in listed[entity[0]] and entity not in found:
            found[entity] = (n, start, name)
    missing: dict[str, list[str]] = {}
    for kind, entity_id in found:
        missing.setdefault(kind, []).append(entity_id)
    problems = []
    for (kind, entity_id), (n, start, name) in found.items():
        row = kinds.spec(kind)
        assert row.listed is not None
        field = row.listed.name
        edit = add_entity(doc, field, entity_id, missing[kind])
        problems.append(
            Problem(
                doc.display,
                doc.body_line + n,
                start + 1,
                "body",
                f"'{name}' names the {row.label} '{entity_id}', which the briefing does not list; "
                f"add '{entity_id}' to `{field}`" + (" (`briefing check --fix` does)" if edit else "") + ", or reword",
                severity="warning",
                fixes=(edit,) if edit else (),
            )
        )
    return problems


def add_entity(doc: RawDocument, field: str, entity_id: str, all_missing: list[str]) -> Edit | None:
    """The edit that adds entity_id to the front matter's top-level list `field`, in the list's own
    style: a `- id` line as indented as the last item, or `, id` inside `[...]`. Where the list is
    absent, the edit creates it with all_missing (every warning about the list carries the same edit,
    so applying any or all of them creates it once). None where the list's text is not plain enough
    to edit safely."""
    if field not in doc.meta:
        return _new_list(doc, field, all_missing)
    value = doc.meta[field]
    where = doc.values.get((field,))
    if not isinstance(value, list) or where is None:
        return None
    if not value:
        if doc.text_at(*where, 2) == "[]":
            return Edit(where[0], where[1] + 1, "", entity_id, "add-entity")
        return None
    last = doc.values.get((field, len(value) - 1))
    if last is None or not isinstance(value[-1], str):
        return None
    end = _item_end(doc, last, value[-1])
    if end is None:
        return None
    if doc.text_at(*where, 1) == "[":
        return Edit(last[0], end, "", f", {entity_id}", "add-entity")
    line = doc.line_text(last[0])
    prefix, rest = line[: last[1] - 1], line[end - 1 :]
    if not _ITEM_PREFIX.fullmatch(prefix) or (rest.strip() and not rest.lstrip().startswith("#")):
        return None
    return Edit(last[0] + 1, 1, "", f"{prefix}{entity_id}\n", "add-entity")


def _item_end(doc: RawDocument, at: tuple[int, int], item: str) -> int | None:
    """The column just after a one-line item as written (plain or quoted), or None."""
    if doc.text_at(*at, len(item)) == item:
        return at[1] + len(item)
    if doc.text_at(*at, len(item) + 2) in (f'"{item}"', f"'{item}'"):
        return at[1] + len(item) + 2
    return None


def _new_list(doc: RawDocument, field: str, ids: list[str]) -> Edit | None:
    """The new key and its list, after the list of the kind before it in the kinds table (or at the
    end of the front matter), written as that list is: block or flow."""
    fields = [row.listed.name for row in kinds.entity_kinds() if row.listed is not None]
    before = [f for f in fields[: fields.index(field)] if f in doc.meta] if field in fields else []
    model = next((f for f in reversed(before) if isinstance(doc.meta[f], list)), None)
    text = f"{field}: [{', '.join(ids)}]\n"
    if model is not None and doc.meta[model] and doc.text_at(*doc.values.get((model,), (0, 0)), 1) != "[":
        first = doc.values.get((model, 0))
        line = doc.line_text(first[0]) if first else ""
        prefix = line[: first[1] - 1] if first else ""
        if not _ITEM_PREFIX.fullmatch(prefix):
            return None
        text = f"{field}:\n" + "".join(f"{prefix}{i}\n" for i in ids)
    top = sorted(pos for loc, pos in doc.keys.items() if len(loc) == 1)
    after = doc.keys.get((model,)) if model is not None else None
    following = [pos for pos in top if after is not None and pos[0] > after[0]]
    if following:
        line_no, column = following[0]
        return Edit(line_no, 1, "", " " * (column - 1) + text, "add-entity")
    lines = doc.lines
    closing = next((i + 1 for i in range(len(lines) - 1, 0, -1) if _BOUNDARY.fullmatch(lines[i])), None)
    if closing is None or not top:
        return None
    return Edit(closing, 1, "", " " * (top[0][1] - 1) + text, "add-entity")
