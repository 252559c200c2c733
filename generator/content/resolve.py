"""The one place that knows how a written reference becomes an entity id.

Each kind (country, person, organization, topic) has a table from every
accepted spelling (id, code, name, alias; case-insensitive) to the id.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from ..kinds import entity_kinds, spec


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


_NOT_WORD = re.compile(r"[\W_]+")


def loose(text: str) -> str:
    """A spelling with case, spaces, hyphens, underscores and punctuation left out: 'Andrei_Rudenko',
    'andrei rudenko' and 'andrei-rudenko' are one loose spelling."""
    return _NOT_WORD.sub("", norm(text))


class UnknownRef(ValueError):
    """A reference that matches no entity; the message suggests a near miss. `canonical` is the id
    when the text is a case, spacing or punctuation variant of exactly one entity's id, name or alias:
    writing that id instead is a safe fix (`briefing check --fix`)."""

    def __init__(self, message: str, canonical: str | None = None) -> None:
        super().__init__(message)
        self.canonical = canonical


@dataclass
class Resolver:
    tables: dict[str, dict[str, str]] = field(default_factory=lambda: {k.kind: {} for k in entity_kinds()})
    # loose spelling -> the one id it belongs to, or "" when two entities share it
    variants: dict[str, dict[str, str]] = field(default_factory=lambda: {k.kind: {} for k in entity_kinds()})

    def add(self, kind: str, entity_id: str, *spellings: str) -> list[tuple[str, str]]:
        """Register an entity; return the (spelling, other id) pairs that clash."""
        table = self.tables[kind]
        variants = self.variants.setdefault(kind, {})
        clashes = []
        for spelling in (entity_id, *spellings):
            key = norm(spelling)
            other = table.setdefault(key, entity_id)
            if other != entity_id:
                clashes.append((spelling, other))
            if variants.setdefault(loose(spelling), entity_id) != entity_id:
                variants[loose(spelling)] = ""
        return clashes

    def fingerprint(self) -> str:
        """A digest of every spelling of every entity: equal for two resolvers that resolve every text alike,
        in any process (a cached build compares it with the last build's)."""
        h = hashlib.blake2b(digest_size=16)
        for kind, table in sorted(self.tables.items()):
            for spelling, entity_id in sorted(table.items()):
                h.update(f"{kind}\0{spelling}\0{entity_id}\0".encode())
        return h.hexdigest()

    def known(self, kind: str, entity_id: str) -> bool:
        return self.tables[kind].get(norm(entity_id)) == entity_id

    def resolve(self, kind: str, text: str) -> str:
        table = self.tables[kind]
        found = table.get(norm(text))
        if found is not None:
            return found
        variant = self.variants.get(kind, {}).get(loose(text))
        if variant:
            raise UnknownRef(f"unknown {kind} '{text}'; write its id '{variant}'", canonical=variant)
        near = difflib.get_close_matches(norm(text), list(table), n=1, cutoff=0.75)
        if near:
            raise UnknownRef(f"unknown {kind} '{text}'; did you mean '{table[near[0]]}'?")
        raise UnknownRef(f"unknown {kind} '{text}'; {spec(kind).hint}")
