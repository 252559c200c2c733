"""The placeholder text of the `briefing new` templates (site_config/new/), read from the templates
themselves: a file that still holds one was started and not finished.

A template's placeholders are the text values (not list items: `united-states` in a list is a real
country) and body paragraphs that come out the same whatever title and day the file is made with.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .load import Loc, RawDocument, YamlProblem, parse

# Addresses reserved for examples (RFC 2606): never a real article's.
EXAMPLE_HOSTS = ("example.org", "example.com", "example.net")


@dataclass(frozen=True)
class Placeholders:
    """One template's placeholder values and body paragraphs."""

    values: frozenset[str] = frozenset()
    paragraphs: tuple[str, ...] = ()


def environment(new_dir: Path) -> jinja2.Environment:
    """The Jinja environment the templates are rendered in (`briefing new` and this module)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(new_dir),
        autoescape=False,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)
    return env


def render(new_dir: Path, kind: str, **values: Any) -> str:
    """The text of a new file of kind. values: title, date (YYYY-MM-DD), path; for a briefing also
    source and publisher (None leaves the template's placeholder)."""
    fields = {"source": None, "publisher": None, **values}
    fields.setdefault("today", fields.get("date"))
    return environment(new_dir).get_template(f"{kind}.md").render(**fields)


def template_placeholders(new_dir: Path) -> dict[str, Placeholders]:
    """kind -> the placeholders of site_config/new/<kind>.md; a template that cannot be read has none."""
    out: dict[str, Placeholders] = {}
    if not new_dir.is_dir():
        return out
    for template in sorted(new_dir.glob("*.md")):
        try:
            a, b = (
                _read(template, render(new_dir, template.stem, title=title, date=day, path=path))
                for title, day, path in (("Alpha", "2001-01-01", "a.md"), ("Beta Gamma", "2002-02-02", "b.md"))
            )
        except (jinja2.TemplateError, YamlProblem, OSError, UnicodeError):
            continue
        same = set(_texts(b.meta))
        paragraphs = {p for _, p in _paragraphs(b.body)}
        out[template.stem] = Placeholders(
            frozenset(v for loc, v in _texts(a.meta) if (loc, v) in same),
            tuple(p for _, p in _paragraphs(a.body) if p in paragraphs),
        )
    return out


def _read(template: Path, text: str) -> RawDocument:
    return parse(text.encode("utf-8"), path=template, display=template.name, kind=template.stem)


def _texts(value: Any, loc: Loc = ()) -> list[tuple[Loc, str]]:
    """(place, text) of every text value of a mapping, list items left out."""
    out: list[tuple[Loc, str]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str):
                out.append(((*loc, key), item))
            else:
                out.extend(_texts(item, (*loc, key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if not isinstance(item, str):
                out.extend(_texts(item, (*loc, i)))
    return out


def _paragraphs(body: str) -> Iterator[tuple[int, str]]:
    """(0-based line of its start, its words joined by single spaces) of each paragraph."""
    start, words = 0, list[str]()
    for n, line in enumerate([*body.split("\n"), ""]):
        if line.strip():
            start = n if not words else start
            words.extend(line.split())
        elif words:
            yield start, " ".join(words)
            words = []


def in_front_matter(
    doc: RawDocument, placeholders: Mapping[str, Placeholders], describe: Callable[[Loc], str | None]
) -> list[tuple[Loc, str]]:
    """(place, what to do) for each placeholder value left in doc and each address at an example host;
    describe(loc): what the field holds (its description in the models), to say what to write."""
    mine = placeholders.get(doc.kind, Placeholders())
    out: list[tuple[Loc, str]] = []
    for loc, value in _all_texts(doc.meta):
        if value in mine.values and loc and not isinstance(loc[-1], int):
            what = describe(loc)
            instead = f"; write instead {what[0].lower()}{what[1:]}" if what else "; write your own"
            out.append((loc, f"'{value}' is left from the `briefing new` template{instead}"))
        elif _example_host(value):
            out.append((loc, f"'{value}' is an example address, not a real one; write the article's address"))
    return out


def in_body(doc: RawDocument, placeholders: Mapping[str, Placeholders]) -> list[tuple[int, str]]:
    """(0-based line of the body, what to do) for each paragraph of the template's text left in doc."""
    mine = placeholders.get(doc.kind, Placeholders())
    if not mine.paragraphs:
        return []
    return [
        (n, f"'{text[:50]}...' is the `briefing new` template's text; replace it with your own")
        for n, text in _paragraphs(doc.body)
        if text in mine.paragraphs
    ]


def _all_texts(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _all_texts(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _all_texts(item, (*loc, i))


def _example_host(value: str) -> bool:
    from urllib.parse import urlsplit

    if not value.lower().startswith(("http://", "https://")):
        return False
    try:
        host = (urlsplit(value).hostname or "").rstrip(".")
    except ValueError:
        return False
    return any(host == h or host.endswith("." + h) for h in EXAMPLE_HOSTS)
