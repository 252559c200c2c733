"""The one place that knows how a written reference becomes an entity id.

Each kind (country, person, organization, topic) has a table from every
accepted spelling (id, code, name, alias; case-insensitive) to the id.
"""

from __future__ import annotations

import difflib
import hashlib
import unicodedata
from dataclasses import dataclass, field

from ..kinds import entity_kinds, spec


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


class UnknownRef(ValueError):
    """A reference that matches no entity; the message suggests a near miss (its id: `near`)."""

    def __init__(self, message: str, near: str | None = None) -> None:
        super().__init__(message)
        self.near = near


@dataclass
class Resolver:
    tables: dict[str, dict[str, str]] = field(default_factory=lambda: {k.kind: {} for k in entity_kinds()})

    def add(self, kind: str, entity_id: str, *spellings: str) -> list[tuple[str, str]]:
        """Register an entity; return the (spelling, other id) pairs that clash."""
        table = self.tables[kind]
        clashes = []
        for spelling in (entity_id, *spellings):
            key = norm(spelling)
            other = table.setdefault(key, entity_id)
            if other != entity_id:
                clashes.append((spelling, other))
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
        near = difflib.get_close_matches(norm(text), list(table), n=1, cutoff=0.75)
        if near:
            raise UnknownRef(f"unknown {kind} '{text}'; did you mean '{table[near[0]]}'?", table[near[0]])
        raise UnknownRef(f"unknown {kind} '{text}'; {spec(kind).hint}")
