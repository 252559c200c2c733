"""Synthetic, valid content for benchmarks: `generate_project(root, n_briefings, seed)`.

The same seed gives the same files. The project gets a copy of the repository's site_config/
(and docs/ and mkdocs.yml, so a build can run on it) and a content/ tree with n_briefings
briefings that name real ISO countries (from pycountry), generated people and organizations,
curated country files, topics, relations, quotes and events with EDTF dates of every supported
kind. Every file passes `briefing check`.

The prose (bodies, deks, notes, quotes, event titles) draws its words with Zipf frequencies from
30,000 types: a few hundred real news words at the top ranks, then pronounceable pseudo-words that
match no name in the tree. Its vocabulary is thus large and skewed like real text, so that the
search index's and the pages' sizes resemble those of a real site.

    from scripts.synthetic import generate_project
    generate_project(Path("/tmp/bench"), 1000, seed=1)
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import re
import shutil
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from generator.content.countries import IsoCountry, iso_countries, slugify  # noqa: E402
from generator.content.siteconf import load_site_data  # noqa: E402

FIRST = [
    "Amir",
    "Anna",
    "Boris",
    "Chen",
    "Dana",
    "Elena",
    "Farid",
    "Gul",
    "Hana",
    "Ivan",
    "Jamal",
    "Kira",
    "Leila",
    "Marco",
    "Nadia",
    "Omar",
    "Priya",
    "Rustam",
    "Sara",
    "Tomas",
    "Umar",
    "Vera",
    "Wei",
    "Yusuf",
]
LAST = [
    "Abbasi",
    "Bakr",
    "Castro",
    "Demir",
    "Efimov",
    "Farahani",
    "Gupta",
    "Haddad",
    "Ito",
    "Jensen",
    "Kovac",
    "Lindqvist",
    "Morales",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Qureshi",
    "Rahimi",
    "Sokolov",
    "Tan",
    "Usman",
    "Volkov",
    "Wong",
    "Yilmaz",
    "Zaidi",
]
ROLES = [
    "foreign minister",
    "defence minister",
    "central bank governor",
    "opposition leader",
    "ambassador",
    "trade envoy",
    "energy minister",
    "member of parliament",
    "former president",
    "security adviser",
]
ORG_WORDS = ["Council", "Forum", "Union", "Agency", "Bank", "Assembly", "Alliance", "Commission", "Fund", "Pact"]
ORG_THEMES = [
    "Caspian",
    "Gulf",
    "Eurasian",
    "Atlantic",
    "Pacific",
    "Sahel",
    "Andean",
    "Baltic",
    "Nile",
    "Arctic",
    "Grain",
    "Energy",
    "Maritime",
    "Digital",
    "Rail",
    "Water",
    "Security",
    "Trade",
    "Health",
    "Space",
]
VERBS = ["weighs", "tests", "rethinks", "deepens", "resists", "courts", "questions", "renews", "limits", "expands"]
NOUNS = [
    "ties",
    "trade",
    "security pact",
    "energy deal",
    "border talks",
    "arms sales",
    "aid",
    "sanctions",
    "grain routes",
    "nuclear talks",
    "port access",
    "rail link",
]
# The most frequent words of English news, roughly in order: function words first, then the
# vocabulary of diplomacy, conflict and trade, with plural and past-tense forms. They take the top
# ranks of the Zipf distribution; pseudo-words (_pseudo_words) fill the long tail.
CORE = """
the of to and a in that is for on said with was as by at it from he his be has have are not its were an
will but after which who they their been had this would also more than new over about two into against
government president minister officials other one could last since talks country state told year first
foreign military security its after police leaders people national statement week countries troops
trade including while three under before forces agreement between talks during meeting years capital
international sanctions parliament border prime party election war attack support report economic
because deal all when some any most may there where says urged added called announced between agreed
ministry defence ceasefire regional policy public oil energy power months officials former opposition
spokesman visit peace nuclear rights political vote leader region envoy embassy ambassador talks
diplomats diplomatic council plan plans workers markets prices exports imports tariffs
gas pipeline grain port ports shipping routes drones missiles strikes attacks killed wounded soldiers
civilians refugees aid humanitarian crisis conflict forces rebels militants army navy fighters troops
ratified signed rejected accused denied warned threatened pledged promised demanded criticised blamed
welcomed condemned launched opened closed reached held met visited discussed expected proposed
approved suspended resumed extended imposed lifted eased tightened raised cut increased reduced fell
rose voted elected appointed resigned arrested released detained charged sentenced protested
reported confirmed said says say told asked according statement statements sources spokesperson
analysts experts observers critics supporters residents voters lawmakers legislators negotiators
mediators delegates delegation delegations summit summits treaty treaties accord accords pact
memorandum framework proposal proposals demands concessions guarantees assurances commitments
alliance alliances partners partnership cooperation relations ties dispute disputes tensions
negotiations dialogue truce offensive invasion occupation withdrawal deployment exercises patrols
airspace waters territory frontier province provinces city cities town towns village villages
district districts coast islands island strait corridor crossing checkpoint base bases facility
facilities plant reactor enrichment uranium inspectors inspections agency agencies budget debt
loan loans bonds currency inflation growth recession investment investors companies company firms
banks bank central economy economies industry industries production output supply supplies demand
shortages fuel electricity coal wheat rice fertiliser steel chips technology data cyber networks
satellite space launch rocket weapons arms ammunition artillery tanks aircraft jets warships vessels
ships tankers cargo containers freight customs duties quotas subsidies reforms reform law laws bill
bills court courts judge judges ruling verdict trial case cases investigation inquiry probe charges
corruption scandal protest protests demonstrators crowds unrest strike curfew emergency decree
constitution referendum campaign candidates candidate coalition ruling cabinet
presidency premier chancellor monarch king queen prince general generals commander commanders chief
head heads spokeswoman secretary deputy adviser advisers officer officers staff members member
majority minority seats results turnout polls ballot ballots count recount fraud observers
statehood independence sovereignty autonomy separatists insurgents militia militias groups group
organisation organisations bloc blocs union unions federation republic kingdom authorities
authority administration regime junta leadership ministers
million billion percent thousands hundreds dozens several many few some each every both either
until within without across through toward towards among around near far early late later soon
again still already never always often sometimes recently previously further however although
though whether if then so because since while yet only even just also very much more less most
least new old next last first second third major minor key main top senior junior local foreign
domestic western eastern northern southern central global regional bilateral multilateral
strategic economic military political social financial legal diplomatic humanitarian civil public
private joint mutual rival hostile friendly neutral fragile stable tense uncertain unclear possible
likely unlikely necessary important critical serious significant broad wider deeper closer stronger
weaker higher lower larger smaller longer shorter better worse day days week weeks month months
year years decade decades time times morning evening night weekend spring summer autumn winter
"""
CORE_WORDS = list(dict.fromkeys(CORE.split()))  # a word listed twice keeps its first rank
VOCABULARY = 30_000  # word types: news text of this size has tens of thousands
ZIPF = 1.0  # rank r is drawn with weight 1 / r**ZIPF, as in natural text
# The parts of a pseudo-word's syllables: an onset (or none, at the start), a nucleus, a coda at the end.
ONSETS = "b c d f g h j k l m n p r s t v w z bl br ch cl cr dr fl fr gl gr kr pl pr sh sk sl sn sp st str th tr"
NUCLEI = "a e i o u a e i o u ai au ea ee ia io oa oo ou"  # the plain vowels twice as often
CODAS = "n r s t l m k nd nt rd rn st ss ll ck ng rk lt"
STANCES = ["cooperative", "strained", "hostile", "mixed"]


def generate_project(root: Path, n_briefings: int, seed: int) -> None:
    """Write a complete, valid project with n_briefings synthetic briefings under root."""
    rng = random.Random(seed)
    _copy_skeleton(root)
    content = root / "content"
    for folder in ("briefings", "people", "organizations", "countries"):
        (content / folder).mkdir(parents=True, exist_ok=True)

    site, _ = load_site_data(root / "site_config", root)
    countries = sorted(iso_countries(site.country_overrides), key=lambda c: c.id)
    topics = [t.id for t in site.topics]
    # A few countries appear often, as in real news; the rest now and then.
    common = [
        c
        for c in countries
        if c.id
        in {
            "iran",
            "russia",
            "united-states",
            "china",
            "israel",
            "india",
            "turkiye",
            "saudi-arabia",
            "ukraine",
            "france",
        }
    ]
    weights = [25 if c in common else 1 for c in countries]
    prose = Prose.make(_names(countries))

    people = _people(rng, countries, max(12, n_briefings // 8))
    orgs = _organizations(rng, countries, max(6, n_briefings // 25))
    _write_entities(rng, content, people, orgs, common[:8])

    start = dt.date(2015, 1, 1)
    span = (dt.date(2026, 2, 27) - start).days
    for i in range(n_briefings):
        date = start + dt.timedelta(days=rng.randrange(span))
        chosen = _distinct(rng, countries, weights, rng.randint(2, 6))
        title, meta, body = _briefing(rng, prose, date, chosen, people, orgs, topics)
        _write(content / "briefings" / f"{date.isoformat()}-{slugify(title)[:60].strip('-')}-{i}.md", meta, body)


def _names(countries: list[IsoCountry]) -> list[str]:
    """Every name, alias and code the tree can give a country, person or organization (a superset)."""
    out = [n for c in countries for n in (c.name, c.official_name, c.iso_name, c.alpha2, c.alpha3, *c.aliases)]
    out += [f"{first} {last}" for first in FIRST for last in LAST]
    out += [f"{theme} {word}" for theme in ORG_THEMES for word in ORG_WORDS]
    return out + [f"{theme[:3].upper()}{word[0]}" for theme in ORG_THEMES for word in ORG_WORDS]  # aliases' letters


def _copy_skeleton(root: Path) -> None:
    """The repository's site_config/, docs/ and mkdocs.yml, where root has none yet."""
    for name in ("site_config", "docs"):
        if not (root / name).exists() and (REPO / name).is_dir():
            shutil.copytree(REPO / name, root / name)
    if not (root / "mkdocs.yml").exists():
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")


def _write_entities(
    rng: random.Random,
    content: Path,
    people: list[dict[str, object]],
    orgs: list[dict[str, object]],
    curated: list[IsoCountry],
) -> None:
    """A file for each person and organization, and a curated file for each country in `curated`."""
    for person in people:
        _write(
            content / "people" / f"{person['id']}.md",
            {k: v for k, v in person.items() if k != "id"},
            f"{person['name']} is a {person['description']} named in several briefings.\n",
        )
    for org in orgs:
        _write(
            content / "organizations" / f"{org['id']}.md",
            {k: v for k, v in org.items() if k != "id"},
            f"The {org['name']} is a {org['description'].lower()}.\n",
        )
    for country in curated:
        meta = {
            "aliases": [],
            "demonyms": [],
            "memberships": sorted({o["id"] for o in rng.sample(orgs, min(3, len(orgs)))}),
            "leaders": sorted({p["id"] for p in people if p.get("country") == country.id})[:2],
        }
        _write(
            content / "countries" / f"{country.id}.md",
            meta,
            f"{country.name} appears in many briefings about its region.\n",
        )


def _briefing(
    rng: random.Random,
    prose: Prose,
    date: dt.date,
    chosen: list[IsoCountry],
    people: list[dict[str, object]],
    orgs: list[dict[str, object]],
    topics: list[str],
) -> tuple[str, dict[str, object], str]:
    """(title, front matter, body) of a briefing dated `date` about the `chosen` countries."""
    named = [_spelling(rng, c) for c in chosen]
    who = rng.sample(people, rng.randint(0, min(4, len(people))))
    which = rng.sample(orgs, rng.randint(0, min(3, len(orgs))))
    verb, noun = rng.choice(VERBS), rng.choice(NOUNS)
    title = f"{chosen[0].name} {verb} {noun} with {chosen[1].name}"
    sources = [
        {
            "publisher": f"{rng.choice(ORG_THEMES)} Times",
            "url": f"https://news{k}.test/{date.isoformat()}/{slugify(title)}",
            "published": date,
        }
        for k in range(rng.randint(1, 3))
    ]
    meta: dict[str, object] = {
        "title": title,
        "date": date,
        "dek": f"{prose.sentence(rng, 14)}.",
        "sources": sources,
        "countries": named,
        "people": [p["id"] if rng.random() < 0.7 else p["name"] for p in who],
        "organizations": [o["id"] for o in which],
        "topics": rng.sample(topics, rng.randint(0, min(3, len(topics)))),
        "relations": [
            {"countries": [a.id, b.id], "stance": rng.choice(STANCES), "note": prose.sentence(rng, 10) + "."}
            for a, b in _pairs(rng, chosen, rng.randint(0, 3))
        ],
        "events": [_event(rng, prose, date, chosen, who, which) for _ in range(rng.randint(1, 5))],
        "quotes": [{"person": p["id"], "text": prose.sentence(rng, 5)} for p in who[: rng.randint(0, 2)]],
    }
    if rng.random() < 0.2:
        meta["updated"] = date + dt.timedelta(days=rng.randint(0, 30))
    body = (
        "\n\n".join(
            [
                prose.paragraph(rng),
                f"## What {chosen[0].name} wants",
                prose.paragraph(rng) + f" See [the source]({sources[0]['url']}).",
                "## What comes next",
                prose.paragraph(rng),
            ]
        )
        + "\n"
    )
    return title, meta, body


def _people(rng: random.Random, countries: list[IsoCountry], n: int) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    seen: set[str] = set()
    for i in range(n):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        name = f"{first} {last}"
        if name.casefold() in seen:
            name = f"{first} {chr(65 + i % 26)}. {last}"
        if name.casefold() in seen:
            name = f"{first} {last} {i}"
        seen.add(name.casefold())
        country = rng.choice(countries)
        person: dict[str, object] = {
            "id": slugify(name),
            "name": name,
            "aliases": [f"{last}, {name.removesuffix(' ' + last)}"],
            "description": f"{country.name} {rng.choice(ROLES)}",
            "country": country.id,
        }
        if rng.random() < 0.5:
            person["wikidata"] = f"Q{rng.randint(1, 9_999_999)}"
        out.append(person)
    return out


def _organizations(rng: random.Random, countries: list[IsoCountry], n: int) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for i in range(n):
        theme = ORG_THEMES[i % len(ORG_THEMES)]
        word = ORG_WORDS[(i // len(ORG_THEMES)) % len(ORG_WORDS)]
        name = f"{theme} {word}" + (f" {i // (len(ORG_THEMES) * len(ORG_WORDS)) + 1}" if i >= 200 else "")
        org: dict[str, object] = {
            "id": slugify(name),
            "name": name,
            "aliases": [f"{theme[:3].upper()}{word[0]}{i}"],
            "description": f"{theme} {word.lower()} of several governments",
        }
        if rng.random() < 0.3:
            org["country"] = rng.choice(countries).id
        out.append(org)
    return out


def _distinct(rng: random.Random, items: list[IsoCountry], weights: list[int], k: int) -> list[IsoCountry]:
    chosen: list[IsoCountry] = []
    while len(chosen) < k:
        pick = rng.choices(items, weights)[0]
        if pick not in chosen:
            chosen.append(pick)
    return chosen


def _spelling(rng: random.Random, country: IsoCountry) -> str:
    """The id mostly; now and then an ISO code or the name, as contributors write them."""
    roll = rng.random()
    if roll < 0.1:
        return country.alpha2
    if roll < 0.15:
        return country.alpha3
    if roll < 0.25:
        return country.name
    return country.id


def _pairs(rng: random.Random, chosen: list[IsoCountry], n: int) -> list[tuple[IsoCountry, IsoCountry]]:
    pairs = [(a, b) for i, a in enumerate(chosen) for b in chosen[i + 1 :]]
    return rng.sample(pairs, min(n, len(pairs)))


def _event(
    rng: random.Random,
    prose: Prose,
    date: dt.date,
    chosen: list[IsoCountry],
    who: list[dict[str, object]],
    which: list[dict[str, object]],
) -> dict[str, object]:
    event: dict[str, object] = {"date": _edtf(rng, date), "title": prose.sentence(rng, 6)}
    event["countries"] = [c.id for c in rng.sample(chosen, rng.randint(1, min(3, len(chosen))))]
    if who and rng.random() < 0.5:
        event["people"] = [p["id"] for p in rng.sample(who, rng.randint(1, len(who)))]
    if which and rng.random() < 0.3:
        event["organizations"] = [o["id"] for o in rng.sample(which, 1)]
    return event


def _edtf(rng: random.Random, date: dt.date) -> str:
    """An EDTF date of a random supported kind, at or before the briefing's date."""
    day = date - dt.timedelta(days=rng.randrange(0, 3650))
    kind = rng.randrange(12)
    if kind < 4:
        return day.isoformat()
    if kind < 6:
        return day.isoformat()[:7]
    if kind == 6:
        return str(day.year)
    if kind == 7:
        return f"{day.year}-{rng.choice(['21', '22', '23', '24'])}"
    if kind == 8:
        return rng.choice([f"{day.year // 10 - rng.randint(1, 8)}X", f"{rng.randint(15, 19)}XX"])
    if kind == 9:
        end = day + dt.timedelta(days=rng.randint(1, 400))
        return f"{day.isoformat()}/{end.isoformat()}" if rng.random() < 0.5 else f"{day.year - 3}/{day.year}"
    if kind == 10:
        return f"{day.year}/.." if rng.random() < 0.7 else f"../{day.year}"
    return day.isoformat()[:7] + rng.choice(["~", "?", "%"])


@dataclass(frozen=True)
class Prose:
    """Words drawn with Zipf frequencies from a fixed vocabulary: real news words, then pseudo-words."""

    words: tuple[str, ...]
    cum_weights: tuple[float, ...]  # computed once: each draw is then a bisection

    @classmethod
    def make(cls, names: Iterable[str]) -> Prose:
        """The vocabulary: the core words that spell no one-word name of `names` alone (as written or
        capitalized, at the start of a sentence), then pseudo-words that are no word of a name in any case."""
        taken = {w.casefold() for name in names for w in re.findall(r"[^\W\d_]+", name)}
        taken |= {slugify(w) for w in taken}
        whole = {name for name in names if " " not in name}  # what a word can spell alone, as written
        core = [w for w in CORE_WORDS if w not in whole and w.capitalize() not in whole]
        words = core + _pseudo_words(random.Random("synthetic-vocabulary"), VOCABULARY - len(core), taken | set(core))
        return cls(tuple(words), tuple(itertools.accumulate(1 / r**ZIPF for r in range(1, len(words) + 1))))

    def sentence(self, rng: random.Random, n: int) -> str:
        return " ".join(rng.choices(self.words, cum_weights=self.cum_weights, k=n)).capitalize()

    def paragraph(self, rng: random.Random) -> str:
        return " ".join(self.sentence(rng, rng.randint(8, 16)) + "." for _ in range(rng.randint(2, 5)))


def _pseudo_words(rng: random.Random, n: int, taken: set[str]) -> list[str]:
    """n distinct pronounceable pseudo-words of 4 to 11 lowercase letters, none in `taken`; the shorter
    ones mostly first, so that (as in real text) the more frequent ranks hold the shorter words."""
    onsets, nuclei, codas = ONSETS.split(), NUCLEI.split(), CODAS.split()
    out: dict[str, float] = {}
    while len(out) < n:
        syllables = rng.choices((2, 3, 4), (55, 35, 10))[0]
        parts = []
        for k in range(syllables):
            bare = k == 0 and rng.random() < 0.15  # a word may start with a plain vowel
            nucleus = rng.choice("aeiou") if bare else rng.choice(onsets) + rng.choice(nuclei)
            parts.append(nucleus + (rng.choice(codas) if k == syllables - 1 and rng.random() < 0.6 else ""))
        word = "".join(parts)
        if 4 <= len(word) <= 11 and word not in taken and word not in out:
            out[word] = len(word) + 4 * rng.random()
    return sorted(out, key=lambda w: out[w])


def _write(path: Path, meta: dict[str, object], body: str) -> None:
    lines = ["---", *_yaml(meta, 0), "---", "", body]
    path.write_text("\n".join(lines), encoding="utf-8")


def _yaml(value: object, indent: int) -> list[str]:
    """Block-style YAML; strings as JSON strings (valid YAML double-quoted scalars), dates bare."""
    pad = " " * indent
    out: list[str] = []
    assert isinstance(value, dict)
    for key, item in value.items():
        if isinstance(item, list) and item and isinstance(item[0], dict):
            out.append(f"{pad}{key}:")
            for entry in item:
                sub = _yaml(entry, indent + 4)
                out.append(f"{pad}  - {sub[0].lstrip()}")
                out.extend(sub[1:])
        elif isinstance(item, list):
            out.append(f"{pad}{key}: [{', '.join(_scalar(v) for v in item)}]")
        else:
            out.append(f"{pad}{key}: {_scalar(item)}")
    return out


def _scalar(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("-n", "--briefings", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate_project(args.root, args.briefings, args.seed)
    print(f"wrote {args.briefings} briefings under {args.root}")
