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


class UnknownRef(ValueError):
    """A reference that matches no entity; the message suggests a near miss (its id: `near`). `fix`: the id
    to write instead, when the text is another entity's spelling that differs only in case, accents, spaces or
    punctuation (a safe replacement)."""

    def __init__(self, message: str, fix: str | None = None, near: str | None = None) -> None:
        super().__init__(message)
        self.fix = fix
        self.near = near


def loose(text: str) -> str:
    """A spelling with case, accents, spaces and punctuation left out: 'Andrei_Rudenko' -> 'andreirudenko'."""
    plain = unicodedata.normalize("NFKD", norm(text)).encode("ascii", "ignore").decode()
    return "".join(c for c in plain if c.isalnum())


@dataclass
class Resolver:
    tables: dict[str, dict[str, str]] = field(default_factory=lambda: {k.kind: {} for k in entity_kinds()})
    # kind -> loose spelling -> the id, or "" when two entities share it (then it suggests nothing)
    loose: dict[str, dict[str, str]] = field(default_factory=lambda: {k.kind: {} for k in entity_kinds()})
    # kind -> id -> (label, the words a reader may look it up by): topics' labels and descriptions
    words: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)

    def add(self, kind: str, entity_id: str, *spellings: str) -> list[tuple[str, str]]:
        """Register an entity; return the (spelling, other id) pairs that clash."""
        table = self.tables[kind]
        clashes = []
        for spelling in (entity_id, *spellings):
            key = norm(spelling)
            other = table.setdefault(key, entity_id)
            if other != entity_id:
                clashes.append((spelling, other))
            key = loose(spelling)
            if key and self.loose[kind].setdefault(key, entity_id) != entity_id:
                self.loose[kind][key] = ""
        return clashes

    def describe(self, kind: str, entity_id: str, label: str, *texts: str) -> None:
        """Words an unknown reference is looked up in ('trade' finds the topic labelled 'Energy and trade')."""
        self.words.setdefault(kind, {})[entity_id] = (label, norm(" ".join((entity_id, label, *texts))))

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
        same = self.loose[kind].get(loose(text))
        if same:
            raise UnknownRef(f"unknown {kind} '{text}'; write '{same}', the id it spells", fix=same)
        parts = norm(text).split()
        if len(parts) > 1 and all(p in table for p in parts):  # [iran oman]: a comma left out
            raise UnknownRef(
                f"unknown {kind} '{text}'; if it is {len(parts)} {kind} items, put commas between them: "
                f"`{', '.join(text.split())}`"
            )
        near = [table[n] for n in difflib.get_close_matches(norm(text), list(table), n=1, cutoff=0.75)]
        near += [i for i in self._containing(kind, text) if i not in near]
        if near:
            either = " or ".join(self._shown(kind, i) for i in near[:3])
            raise UnknownRef(f"unknown {kind} '{text}'; did you mean {either}?", near=near[0])
        # (a country's hint names a historical state where one is close: validate._unknown, which has them)
        raise UnknownRef(f"unknown {kind} '{text}'; {spec(kind).hint}")

    def _containing(self, kind: str, text: str) -> list[str]:
        """The entities whose label or description contain the word(s) of text, in id order."""
        words = self.words.get(kind)
        key = norm(text).replace("-", " ")
        if not words or len(key) < 3:
            return []
        pattern = re.compile(rf"(?<!\w){re.escape(key)}(?!\w)")
        return sorted(i for i, (_, found) in words.items() if pattern.search(found.replace("-", " ")))

    def _shown(self, kind: str, entity_id: str) -> str:
        label = self.words.get(kind, {}).get(entity_id, ("", ""))[0]
        return f"'{entity_id}' ({label})" if label and norm(label) != norm(entity_id) else f"'{entity_id}'"
