"""The one place that knows how a written reference becomes an entity id.

Each kind (country, person, organization, topic) has a table from every
accepted spelling (id, code, name, alias; case-insensitive) to the id.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field

KIND_NAMES = {
    "country": "country",
    "person": "person",
    "organization": "organization",
    "topic": "topic",
}

_HINTS = {
    "country": "use an ISO code (IR, IRN), a name or an id such as 'iran'",
    "person": "add the person with `briefing new person \"Full Name\"`, or use an existing id",
    "organization": "add it with `briefing new organization \"Name\"`, or use an existing id",
    "topic": "use a topic from site_config/topics.yml, or add one there",
}


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


class UnknownRef(ValueError):
    """A reference that matches no entity; the message suggests a near miss."""


@dataclass
class Resolver:
    tables: dict[str, dict[str, str]] = field(default_factory=lambda: {k: {} for k in KIND_NAMES})

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

    def known(self, kind: str, entity_id: str) -> bool:
        return self.tables[kind].get(norm(entity_id)) == entity_id

    def resolve(self, kind: str, text: str) -> str:
        table = self.tables[kind]
        found = table.get(norm(text))
        if found is not None:
            return found
        near = difflib.get_close_matches(norm(text), list(table), n=1, cutoff=0.75)
        if near:
            raise UnknownRef(f"unknown {kind} '{text}'; did you mean '{table[near[0]]}'?")
        raise UnknownRef(f"unknown {kind} '{text}'; {_HINTS[kind]}")
