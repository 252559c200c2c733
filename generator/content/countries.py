"""The ISO 3166-1 countries (from pycountry), with the site's ids and short names."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import pycountry

from .siteconf import CountryOverride


@dataclass(frozen=True)
class IsoCountry:
    id: str
    name: str
    official_name: str
    alpha2: str
    alpha3: str
    aliases: tuple[str, ...]  # for readers: other names, without inverted ISO forms
    iso_name: str = ""  # the ISO 3166 name, e.g. "Iran, Islamic Republic of": still resolves

    @property
    def flag(self) -> str:
        """The flag as an emoji: two regional-indicator letters, no image to fetch."""
        return "".join(chr(0x1F1E6 + ord(c) - ord("A")) for c in self.alpha2)


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def iso_countries(overrides: dict[str, CountryOverride]) -> tuple[IsoCountry, ...]:
    key = tuple(sorted((code, o.id, o.name, tuple(o.aliases)) for code, o in overrides.items()))
    return _iso_countries(key)


@cache
def _iso_countries(overrides: tuple[tuple[str, str, str, tuple[str, ...]], ...]) -> tuple[IsoCountry, ...]:
    fixed = {code: CountryOverride(id=i, name=n, aliases=list(a)) for code, i, n, a in overrides}
    out = []
    for c in pycountry.countries:
        iso_name = c.name
        short = getattr(c, "common_name", None) or iso_name.split(",")[0].split(" (")[0]
        official = getattr(c, "official_name", None) or iso_name
        aliases = {iso_name, official}
        over = fixed.get(c.alpha_2)
        if over:
            short = over.name
            aliases.update(over.aliases)
        cid = over.id if over else slugify(short)
        shown = sorted(a for a in aliases if a != short and ", " not in a)
        out.append(IsoCountry(cid, short, official, c.alpha_2, c.alpha_3, tuple(shown), iso_name))
    return tuple(out)


def historical_hint(text: str) -> str | None:
    """What to write for a former state ('Soviet Union', 'Yugoslavia'), for the unknown-country message;
    None until historical states exist (the one place to add them)."""
    return None
