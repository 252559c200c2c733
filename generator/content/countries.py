"""The ISO 3166-1 countries (from pycountry), with the site's ids and short names, and the historical
states: ISO 3166-3 (withdrawn codes) and those curated in site_config/historical.yml."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import pycountry

from ..flags import code_of
from .entities import Era
from .siteconf import CountryOverride, HistoricalEntry


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
        """Its flag's code in the vendored flag images (generator/flags.py): "ir"; "" when there is none."""
        return code_of(self.alpha2)


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


# --- historical states -------------------------------------------------------------------------
#
# A historical state is a country that no longer exists: one of ISO 3166-3 (the codes withdrawn
# from ISO 3166-1, from pycountry), or a state that ended before ISO codes, curated in
# site_config/historical.yml. It is a country like the others to every reference (a briefing's
# `countries`, an event's, a person's `country`), with an `Era` (entities.py) instead of a flag.

_NO_SUCCESSOR = ("HH", "XX")  # ISO 3166-3: split into several, or no successor code
_SAME_CODE = "AA"  # ISO 3166-3: the successor kept the alpha-2 code


@dataclass(frozen=True)
class HistoricalState:
    id: str
    name: str
    official_name: str
    since: int | None  # the first year it existed, if known
    until: int  # the last year it existed
    successors: tuple[str, ...]  # country ids once loaded (site_config/historical.yml writes any spelling)
    aliases: tuple[str, ...]  # for readers
    codes: tuple[str, ...] = ()  # ISO 3166-3 codes that resolve to it: alpha-4, and alpha-3
    iso_code: str = ""  # its ISO 3166-3 alpha-4 code, if it has one
    iso_name: str = ""  # the ISO 3166-3 name, e.g. "USSR, Union of Soviet Socialist Republics"
    curated: bool = False  # from site_config/historical.yml

    @property
    def span(self) -> str:
        return Era(self.since, self.until, ()).span


def iso_historical() -> dict[str, Any]:
    """The ISO 3166-3 entries by alpha-4 code."""
    return {c.alpha_4: c for c in pycountry.historic_countries}


def historical_states(
    entries: Sequence[HistoricalEntry], overrides: dict[str, CountryOverride]
) -> tuple[HistoricalState, ...]:
    """Every historical state: the ISO 3166-3 entries, each completed (or replaced) by the
    site_config/historical.yml entry that names its code, then the curated states ISO never coded.
    Successors of curated entries are as written there (siteconf resolves them)."""
    current = iso_countries(overrides)
    key = tuple(
        (e.id, e.name, e.iso, e.from_, e.to, tuple(e.successors), tuple(e.aliases), e.official_name) for e in entries
    )
    return _historical_states(key, current)


@cache
def _historical_states(
    entries: tuple[tuple[str, str, str | None, int | None, int, tuple[str, ...], tuple[str, ...], str | None], ...],
    current: tuple[IsoCountry, ...],
) -> tuple[HistoricalState, ...]:
    by_alpha2 = {c.alpha2: c.id for c in current}
    current_alpha3 = {c.alpha3 for c in current}
    taken = {c.id for c in current} | {e[0] for e in entries}
    curated = {e[2]: e for e in entries if e[2]}
    out: list[HistoricalState] = []
    for code, c in iso_historical().items():
        codes = (code,) if c.alpha_3 in current_alpha3 else (code, c.alpha_3)
        entry = curated.get(code)
        if entry is not None:
            cid, name, _, since, until, successors, aliases, official = entry
            out.append(
                HistoricalState(
                    cid, name, official or name, since, until, successors, aliases, codes, code, c.name, True
                )
            )
            continue
        short = c.name.split(",")[0].split(" (")[0]
        cid = slugify(short)
        if cid in taken:  # "France, Metropolitan": its short name is a current country's
            cid, short = slugify(c.name), c.name
        taken.add(cid)
        until = int(c.withdrawal_date[:4])
        out.append(
            HistoricalState(
                cid, short, c.name, None, until, _iso_successors(c, by_alpha2), (), codes, code, c.name, False
            )
        )
    for cid, name, iso, since, until, successors, aliases, official in entries:
        if not iso:
            out.append(HistoricalState(cid, name, official or name, since, until, successors, aliases, curated=True))
    return tuple(out)


def _iso_successors(c: Any, by_alpha2: dict[str, str]) -> tuple[str, ...]:
    """The current countries that followed an ISO 3166-3 entry: the last two letters of its alpha-4
    code, or the codes its comment lists when it was split."""
    tail = c.alpha_4[2:]
    codes = [c.alpha_2 if tail == _SAME_CODE else tail] if tail not in _NO_SUCCESSOR else []
    comment = getattr(c, "comment", "") or ""
    if not codes and ("split" in comment or "divided" in comment):
        codes = re.findall(r"\b[A-Z]{2}\b", comment)
    return tuple(dict.fromkeys(by_alpha2[code] for code in codes if code in by_alpha2))


def country_spellings(
    current: Sequence[IsoCountry], historical: Sequence[HistoricalState]
) -> list[tuple[str, tuple[str, ...]]]:
    """Every country's id and the spellings that resolve to it, current countries first: where a
    historical state's ISO spelling is also a current country's, the current one keeps it."""
    out = [(c.id, (c.alpha2, c.alpha3, c.name, c.iso_name, *c.aliases)) for c in current]
    for s in historical:
        out.append((s.id, (s.name, s.official_name, *s.aliases, *s.codes, *([s.iso_name] if s.iso_name else []))))
    return out


def historical_hint(text: str, states: Sequence[HistoricalState]) -> str | None:
    """What to say about an unknown country that is (or is close to) the name of a historical state:
    "did you mean the historical state 'soviet-union' (1922–1991)?"; None when it is not.
    `states`: the site's historical states (SiteData.historical)."""
    spellings: dict[str, HistoricalState] = {}
    for s in states:
        for spelling in (s.id, s.name, s.official_name, s.iso_name, *s.aliases, *s.codes):
            if spelling:
                spellings.setdefault(_norm(spelling), s)
    key = _norm(text)
    found = spellings.get(key)
    if found is None:
        near = difflib.get_close_matches(key, list(spellings), n=1, cutoff=0.75)
        found = spellings[near[0]] if near else None
    if found is None:
        return None
    return f"did you mean the historical state '{found.id}' ({found.span})?"


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().replace("-", " ").split())
