"""Mentions: where a briefing's body names the entities it lists.

The first mention of each listed entity (by name or alias; a country also by
the demonyms its curated file lists) becomes a link. Mentions are never taken
inside code, headings, existing links, block quotes or quoted text, and
respect word boundaries. The sentence around each first mention is kept for
the entity's backlinks. Deterministic: the same body gives the same result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..content.body import inside, prose_lines, skip_spans
from ..content.entities import Briefing, Corpus, Country, Named, Topic
from ..kinds import entity_kinds

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")
_MARKUP = re.compile(r"[*_`]|\[([^\]]*)\]\([^)]*\)")

Entity = tuple[str, str]  # (kind, id) of a kind whose mentions are linked (kinds.KindSpec.mentions)


@dataclass(frozen=True)
class Mention:
    entity: Entity
    line: int  # 0-based line of the body
    start: int  # character offsets in that line
    end: int
    sentence: str  # plain text of the sentence around the mention


def names_of(b: Briefing, corpus: Corpus) -> dict[str, Entity]:
    """Every spelling that counts as a mention of an entity the briefing lists. Where two entities share
    a spelling, the kind that weighs more in the kinds table wins (a person before a country)."""
    names: dict[str, Entity] = {}
    for row in sorted((r for r in entity_kinds() if r.mentions), key=lambda r: -r.weight):
        entities = corpus.entities(row.kind)
        for entity_id in b.refs.get(row.kind, ()):
            for s in spellings(entities[entity_id]):
                if len(s) >= 2 and s not in names:
                    names[s] = (row.kind, entity_id)
    return names


def names_of_site(entities: Iterable[tuple[str, Country | Named | Topic]]) -> dict[str, Entity]:
    """Every spelling of every entity given as (kind, entity): what a body may name whether or not its
    briefing lists it. The same rule as names_of where two entities share a spelling."""
    weight = {r.kind: r.weight for r in entity_kinds()}
    names: dict[str, Entity] = {}
    for kind, entity in sorted(entities, key=lambda t: -weight.get(t[0], 0.0)):  # stable: given order within a kind
        for s in spellings(entity):
            if len(s) >= 2 and s not in names:
                names[s] = (kind, entity.id)
    return names


def spellings(entity: Country | Named | Topic) -> tuple[str, ...]:
    if isinstance(entity, Country):
        return (entity.name, *entity.aliases, *entity.demonyms)
    if isinstance(entity, Named):
        return (entity.name, *entity.aliases)
    return (entity.label,)


_WORD = re.compile(r"\w+")


# Words that do not start with an ASCII lowercase letter: names almost always do not, so the
# scan skips most words inside the regex engine. Names that do start lowercase use every word.
_NOT_LOWER = re.compile(r"(?<!\w)[^\W\da-z_]\w*")


class Names:
    """Names keyed by their first word: matching is a dictionary look-up per word of text,
    linear in the length of the body whatever the number of names (no giant regex)."""

    def __init__(self, names: dict[str, Entity]) -> None:
        self.names = names
        self.by_first: dict[str, list[str]] = {}
        for name in sorted(names, key=lambda n: (-len(n), n)):  # longest first
            first = _WORD.match(name)
            if first is not None and first.start() == 0:
                self.by_first.setdefault(first.group(0), []).append(name)
        lower = any("a" <= w[0] <= "z" or w[0].isdigit() or w[0] == "_" for w in self.by_first)
        self.words = (_WORD if lower else _NOT_LOWER) if self.by_first else None

    def matches(self, line: str) -> list[tuple[int, int, str]]:
        out: list[tuple[int, int, str]] = []
        if self.words is None:
            return out
        pos = 0
        for word in self.words.finditer(line):
            start = word.start()
            if start < pos or word.group(0) not in self.by_first:
                continue
            if start > 0 and (line[start - 1].isalnum() or line[start - 1] in "_-"):
                continue
            for name in self.by_first[word.group(0)]:
                end = start + len(name)
                if line.startswith(name, start) and not (
                    end < len(line) and (line[end].isalnum() or line[end] in "_-")
                ):
                    out.append((start, end, name))
                    pos = end
                    break
        return out


def scan(body: str, matcher: Names) -> Iterator[tuple[int, int, int, str]]:
    """(line, start, end, name) of each name in a body's prose, in order: never inside code, headings,
    block quotes, tables, links or quoted text. Linear in the body's length."""
    for n, line in prose_lines(body):
        if line.lstrip().startswith(("#", ">", "|")):
            continue
        hits = matcher.matches(line)
        if not hits:
            continue
        blocked = skip_spans(line)  # code, links, autolinks, quoted text
        for start, end, name in hits:
            if not inside(blocked, start):
                yield n, start, end, name


def find_mentions(b: Briefing, corpus: Corpus) -> list[Mention]:
    names = names_of(b, corpus)
    if not names:
        return []
    found: dict[Entity, Mention] = {}
    paragraphs: dict[int, list[tuple[int, str]]] = {}
    lines = b.body.split("\n")
    for n, start, end, name in scan(b.body, Names(names)):
        entity = names[name]
        if entity not in found:
            found[entity] = Mention(entity, n, start, end, _sentence(lines, n, start, paragraphs))
    return sorted(found.values(), key=lambda x: (x.line, x.start))


def _sentence(lines: list[str], n: int, offset: int, cache: dict[int, list[tuple[int, str]]]) -> str:
    """The sentence around a mention, in its paragraph, as plain text."""
    start = n
    while start > 0 and lines[start - 1].strip():
        start -= 1
    sentences = cache.get(start)
    if sentences is None:
        end = n
        while end + 1 < len(lines) and lines[end + 1].strip():
            end += 1
        text = " ".join(lines[start : end + 1])
        sentences = cache[start] = []
        at = 0
        for piece in _SENTENCE_END.split(text):
            found = text.find(piece, at)
            at = found + len(piece)
            sentences.append((at, piece))
    position = sum(len(x) + 1 for x in lines[start:n]) + offset
    piece = next((p for end_at, p in sentences if end_at >= position), sentences[-1][1])
    return _MARKUP.sub(lambda m: m.group(1) or "", piece).strip()


def link_body(body: str, mentions: list[Mention], target: dict[Entity, str]) -> str:
    """The body with each first mention turned into a Markdown link to target[entity]."""
    lines = body.split("\n")
    for m in sorted(mentions, key=lambda x: (x.line, -x.start)):
        line = lines[m.line]
        lines[m.line] = f"{line[: m.start]}[{line[m.start : m.end]}]({target[m.entity]}){line[m.end :]}"
    return "\n".join(lines)
