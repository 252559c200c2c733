"""Mentions: where a briefing's body names the entities it lists.

The first mention of each listed entity (by name or alias; a country also by
the demonyms its curated file lists) becomes a link. Mentions are never taken
inside code, headings, existing links, block quotes or quoted text, and
respect word boundaries. The sentence around each first mention is kept for
the entity's backlinks. Deterministic: the same body gives the same result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .entities import Briefing, Corpus

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
# Spans in a line that must not be touched: code, links, autolinks, quoted text.
_SKIP = re.compile(
    r"(`+)[^`]*?\1"  # code span
    r"|!?\[[^\]]*\]\([^)]*\)"  # inline link or image
    r"|!?\[[^\]]*\]\[[^\]]*\]"  # reference link
    r"|<[^>\s]+>"  # autolink
    r"|“[^”]*”|\"[^\"]*\""  # quoted text
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")
_MARKUP = re.compile(r"[*_`]|\[([^\]]*)\]\([^)]*\)")

Entity = tuple[str, str]  # (kind, id): kind is country, person or organization


@dataclass(frozen=True)
class Mention:
    entity: Entity
    line: int  # 0-based line of the body
    start: int  # character offsets in that line
    end: int
    sentence: str  # plain text of the sentence around the mention


def names_of(b: Briefing, corpus: Corpus) -> dict[str, Entity]:
    """Every spelling that counts as a mention of an entity the briefing lists."""
    names: dict[str, Entity] = {}

    def add(entity: Entity, *spellings: str) -> None:
        for s in spellings:
            if len(s) >= 2 and s not in names:
                names[s] = entity

    for pid in b.people:
        p = corpus.people[pid]
        add(("person", pid), p.name, *p.aliases)
    for oid in b.organizations:
        o = corpus.organizations[oid]
        add(("organization", oid), o.name, *o.aliases)
    for cid in b.countries:
        c = corpus.countries[cid]
        add(("country", cid), c.name, *c.aliases, *c.demonyms)
    return names


def _pattern(names: dict[str, Entity]) -> re.Pattern[str] | None:
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def find_mentions(b: Briefing, corpus: Corpus) -> list[Mention]:
    names = names_of(b, corpus)
    pattern = _pattern(names)
    if pattern is None:
        return []
    found: dict[Entity, Mention] = {}
    lines = b.body.split("\n")
    fence: str | None = None
    for n, line in enumerate(lines):
        opener = _FENCE.match(line)
        if opener:
            fence = None if fence == opener[1] else (fence or opener[1])
            continue
        stripped = line.lstrip()
        if fence or line.startswith("    ") or stripped.startswith(("#", ">", "|")):
            continue
        blocked = [(m.start(), m.end()) for m in _SKIP.finditer(line)]
        for m in pattern.finditer(line):
            if any(s <= m.start() < e for s, e in blocked):
                continue
            entity = names[m.group(0)]
            if entity in found:
                continue
            found[entity] = Mention(entity, n, m.start(), m.end(), _sentence(lines, n, m.start()))
    return sorted(found.values(), key=lambda x: (x.line, x.start))


def _sentence(lines: list[str], n: int, offset: int) -> str:
    """The sentence around a mention, in its paragraph, as plain text."""
    start = n
    while start > 0 and lines[start - 1].strip():
        start -= 1
    end = n
    while end + 1 < len(lines) and lines[end + 1].strip():
        end += 1
    para = lines[start:end + 1]
    position = sum(len(x) + 1 for x in para[: n - start]) + offset
    text = " ".join(para)
    pieces = _SENTENCE_END.split(text)
    at = 0
    for piece in pieces:
        found = text.find(piece, at)
        if found + len(piece) >= position:
            return _MARKUP.sub(lambda m: m.group(1) or "", piece).strip()
        at = found + len(piece)
    return _MARKUP.sub(lambda m: m.group(1) or "", text).strip()


def link_body(body: str, mentions: list[Mention], target: dict[Entity, str]) -> str:
    """The body with each first mention turned into a Markdown link to target[entity]."""
    lines = body.split("\n")
    for m in sorted(mentions, key=lambda x: (x.line, -x.start)):
        line = lines[m.line]
        lines[m.line] = f"{line[:m.start]}[{line[m.start:m.end]}]({target[m.entity]}){line[m.end:]}"
    return "\n".join(lines)
