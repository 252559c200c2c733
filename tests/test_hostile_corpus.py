"""A hostile corpus, checked both ways.

1. `briefing check`: each payload in each field that reaches a page (content files and site_config/*.yml)
   is rejected with its file named, or else the strict build of everything check accepted publishes
   nothing executable.
2. A build that skips check: the same payloads put straight into the corpus the pages are made from
   (validation bypassed), built, and every page parsed: no script beyond the site's own files, no event
   handler, no javascript: URL, no <meta http-equiv> but the policy, no <base>.

The counts go to test-output/hostile-report.txt.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from generator.content.entities import Corpus
from generator.site.guard import unsafe_markup
from tests.sites import OUTPUT, briefing_cli, build_ok, make_project, seed_corpus

pytestmark = pytest.mark.slow

PAYLOADS = [
    "<script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "x<meta http-equiv=refresh content=0;url=https://evil.example",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    "javascript:alert(1)",
    "{{ 7*7 }}{% raw %}x{% endraw %}",
    "[click](javascript:alert(1))",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "Admin\u202eevil",
    "A\u0000B\u0007C",
    "<!-- a comment -->",
    "]]><x>",
    "<svg/onload=alert(1)>",
    "<base href=https://evil.example/>",
]
REPORT: dict[str, int] = {}

SEED = "2026-02-27-iran-rethinks-its-bet-on-russia"
BRIEFING = """---
title: {title}
date: 2026-03-01
dek: {dek}
sources:
  - publisher: {publisher}
    url: {url}
    published: 2026-03-01
    title: {source_title}
    author: {author}
countries: [iran, russia]
people: [andrei-rudenko]
relations:
  - countries: [iran, russia]
    stance: mixed
    note: {note}
events:
  - date: 2026-02
    title: {event}
    countries: [iran]
quotes:
  - person: andrei-rudenko
    text: {quote}
    context: {context}
---

{body}
"""
BRIEFING_FIELDS = [
    "title",
    "dek",
    "publisher",
    "url",
    "source_title",
    "author",
    "note",
    "event",
    "quote",
    "context",
    "body",
]
ENTITY = """---
name: {name}
aliases: [{alias}]
description: {description}
---

{body}
"""
ENTITY_FIELDS = ["name", "alias", "description", "body"]
COUNTRY = """---
aliases: [{alias}]
demonyms: [{demonym}]
---

{body}
"""
COUNTRY_FIELDS = ["alias", "demonym", "body"]


def q(text: str) -> str:
    """A YAML double-quoted scalar holding text exactly (control characters as escapes)."""
    return json.dumps(text)


def briefing_text(field: str, payload: str) -> str:
    values = {
        "title": q("Tehran and Moscow talk"),
        "dek": q("A calm dek."),
        "publisher": q("Example"),
        "url": q("https://news.test/a"),
        "source_title": q("A headline"),
        "author": q("A. Writer"),
        "note": q("A note."),
        "event": q("Talks resume"),
        "quote": q("a few words"),
        "context": q("at a meeting"),
        "body": "Iran and Russia talk.",
    }
    if field == "url":
        values["url"] = q("https://news.test/?q=" + payload)
    elif field == "body":
        values["body"] = f"Iran and Russia talk. {payload}\n\n{payload}"
    else:
        values[field] = q(f"Talk {payload}")
    return BRIEFING.format(**values)


def entity_text(field: str, payload: str, n: int) -> str:
    values = {"name": q(f"Person Number {n}"), "alias": q(f"PN{n}"), "description": q("A role."), "body": "Text."}
    values[field] = f"Text. {payload}" if field == "body" else q(f"N{n} {payload}")
    return ENTITY.format(**values)


def country_text(field: str, payload: str, n: int) -> str:
    values = {"alias": q(f"Country alias {n}"), "demonym": q(f"Demonym{n}"), "body": "Text."}
    values[field] = f"Text. {payload}" if field == "body" else q(f"C{n} {payload}")
    return COUNTRY.format(**values)


@dataclasses.dataclass
class Case:
    field: str
    payload: str
    path: str  # where check must name it
    lines: tuple[int, int] | None = None  # for an entry of a site_config file: its lines


def write_corpus(root: Path) -> list[Case]:
    """Every (field, payload) case as its own file, or as its own entry of topics.yml / countries.yml."""
    import pycountry

    overridden = set(yaml.safe_load((root / "site_config/countries.yml").read_text(encoding="utf-8")))
    named = {"IR", "RU", "US", "IL", "CN", "OM", "SA", "AE", "IN", "UA", "SY", "GB"}  # the seed's countries
    codes = iter(sorted(c.alpha_2 for c in pycountry.countries if c.alpha_2 not in overridden | named))
    cases: list[Case] = []
    for i, payload in enumerate(PAYLOADS):
        _write_content_cases(root, i, payload, codes, cases)
    cases += _topic_cases(root)
    cases += _override_cases(root, codes)
    return cases


def _write_content_cases(root: Path, i: int, payload: str, codes: Iterator[str], cases: list[Case]) -> None:
    """A briefing per briefing field, a person and an organization per entity field, a country file per
    country field, each carrying the payload."""
    import pycountry

    from generator.content.countries import slugify

    for field in BRIEFING_FIELDS:
        rel = f"content/briefings/2026-03-01-hostile-{field.replace('_', '-')}-{i}.md"
        (root / rel).write_text(briefing_text(field, payload), encoding="utf-8")
        cases.append(Case(f"briefing.{field}", payload, rel))
    for kind, folder in (("person", "people"), ("organization", "organizations")):
        for field in ENTITY_FIELDS:
            n = len(cases)
            rel = f"content/{folder}/hostile-{field}-{n}.md"
            (root / rel).write_text(entity_text(field, payload, n), encoding="utf-8")
            cases.append(Case(f"{kind}.{field}", payload, rel))
    for field in COUNTRY_FIELDS:
        cid = slugify(pycountry.countries.get(alpha_2=next(codes)).name)
        rel = f"content/countries/{cid}.md"
        if (root / rel).exists() or cid in {"index"}:
            continue
        (root / rel).write_text(country_text(field, payload, len(cases)), encoding="utf-8")
        cases.append(Case(f"country.{field}", payload, rel))


def _topic_cases(root: Path) -> list[Case]:
    topics, cases = [], []
    for i, payload in enumerate(PAYLOADS):
        for field in ("label", "description"):
            entry = {"id": f"hostile-{field}-{i}", "label": f"Label {field} {i}", "description": "A description."}
            entry[field] = f"T{i} {payload}"
            topics.append(entry)
            cases.append(Case(f"topics.{field}", payload, "site_config/topics.yml"))
    return _append_entries(root / "site_config/topics.yml", topics, cases, as_list=True)


def _override_cases(root: Path, codes: Iterator[str]) -> list[Case]:
    overrides, cases = {}, []
    for i, payload in enumerate(PAYLOADS):
        for field in ("name", "aliases"):
            code = next(codes)
            entry: dict[str, object] = {"id": f"hostile-{field}-{i}", "name": f"Country {code}", "aliases": []}
            if field == "name":
                entry["name"] = f"{code} {payload}"
            else:
                entry["aliases"] = [f"{code} {payload}"]
            overrides[code] = entry
            cases.append(Case(f"countries.yml.{field}", payload, "site_config/countries.yml"))
    return _append_entries(root / "site_config/countries.yml", overrides, cases, as_list=False)


def _append_entries(
    path: Path, entries: list[dict[str, object]] | dict[str, dict[str, object]], cases: list[Case], as_list: bool
) -> list[Case]:
    """Append each entry to a YAML file on lines of its own, and note those lines in its case."""
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    items = entries if as_list else list(entries.items())
    assert isinstance(items, list)
    for case, item in zip(cases, items, strict=True):
        start = text.count("\n") + 1
        dumped = yaml.safe_dump([item] if as_list else dict([item]), allow_unicode=False, width=1000)
        text += dumped
        case.lines = (start, text.count("\n"))
    path.write_text(text, encoding="utf-8")
    return cases


def rejected(case: Case, lines: list[str]) -> bool:
    for line in lines:
        path, _, rest = line.partition(":")
        if path != case.path:
            continue
        if case.lines is None:
            return True
        number = int(rest.split(":", 1)[0])
        if case.lines[0] <= number <= case.lines[1]:
            return True
    return False


def test_check_rejects_each_payload_or_the_build_makes_it_safe(project: Callable[..., Path], tmp_path: Path) -> None:
    root = project()
    cases = write_corpus(root)
    result = briefing_cli("--root", str(root), "check")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stdout.splitlines()
    accepted = [c for c in cases if not rejected(c, lines)]
    # Every problem names a file of the corpus: none of the seed's files, nothing unplaced.
    assert all(line.split(":", 1)[0] in {c.path for c in cases} for line in lines), [
        line for line in lines if line.split(":", 1)[0] not in {c.path for c in cases}
    ][:5]

    # The strict build of everything check accepted (the rejected files and entries taken out).
    for case in cases:
        if case not in accepted and case.lines is None:
            (root / case.path).unlink(missing_ok=True)
    for name in ("topics.yml", "countries.yml"):
        data_file = root / "site_config" / name
        source = data_file.read_text(encoding="utf-8").split("\n")
        drop = {
            n
            for c in cases
            if c not in accepted and c.path.endswith(name) and c.lines
            for n in range(c.lines[0], c.lines[1] + 1)
        }
        data_file.write_text("\n".join(line for n, line in enumerate(source, 1) if n not in drop), encoding="utf-8")
    again = briefing_cli("--root", str(root), "check")
    assert again.exit_code == 0, again.stdout[:3000]
    site = build_ok(root, tmp_path / "site")
    pages = sorted(site.rglob("*.html"))
    found = [f"{p.relative_to(site)}: {u}" for p in pages for u in unsafe_markup(p.read_text(encoding="utf-8"))]
    assert found == [], found[:10]
    REPORT.update(
        {
            "check: inputs tried": len(cases),
            "check: rejected": len(cases) - len(accepted),
            "check: accepted and built": len(accepted),
            "check: pages scanned": len(pages),
            "check: executable content found": len(found),
        }
    )
    # what was accepted is shown as text
    home = "".join(p.read_text(encoding="utf-8") for p in site.glob("briefings/2026-03-01-hostile-title-*/index.html"))
    assert "{{ 7*7 }}" in home and "<function" not in home
    _write_report()


def hostile_corpus(base: Corpus, payloads: list[str]) -> Corpus:
    """The seed corpus with a payload in every text a page shows (validation bypassed)."""
    n = iter(range(10_000))

    def p() -> str:
        return f"T{next(n)} " + " ".join(payloads)

    b = base.briefings[0]
    sources = tuple(
        s.model_copy(
            update={
                "publisher": p(),
                "title": p(),
                "author": p(),
                "url": "https://news.test/?q=" + p().replace(" ", ""),
            }
        )
        for s in b.sources
    )
    briefing = dataclasses.replace(
        b,
        title=p(),
        dek=p(),
        sources=sources,
        body=b.body + "\n\n" + p() + "\n\n[x](javascript:alert(1)) " + p(),
        events=tuple(dataclasses.replace(e, title=p()) for e in b.events),
        relations=tuple(dataclasses.replace(r, note=p()) for r in b.relations),
        quotes=tuple(dataclasses.replace(q, text=p(), context=p()) for q in b.quotes),
    )
    people = {
        k: dataclasses.replace(v, name=p(), description=p(), aliases=(p(),), body=p()) for k, v in base.people.items()
    }
    orgs = {
        k: dataclasses.replace(v, name=p(), description=p(), aliases=(p(),), body=p())
        for k, v in base.organizations.items()
    }
    countries = {
        k: dataclasses.replace(v, name=p(), official_name=p(), aliases=(p(),), demonyms=(p(),), intro=p())
        for k, v in base.countries.items()
    }
    topics = {k: dataclasses.replace(v, label=p(), description=p()) for k, v in base.topics.items()}
    return dataclasses.replace(
        base, briefings=(briefing,), named={"person": people, "organization": orgs}, countries=countries, topics=topics
    )


@pytest.mark.parametrize("rotation", range(5))
def test_a_build_that_skips_check_still_publishes_nothing_executable(
    rotation: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import generator.build

    payloads = [PAYLOADS[(rotation + k * 5) % len(PAYLOADS)] for k in range(3)]
    corpus = hostile_corpus(seed_corpus(), payloads)
    monkeypatch.setattr(generator.build, "read_project", lambda project, *a, **k: (corpus, []))
    root = make_project(tmp_path / "project")
    site = tmp_path / "site"
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(site)))  # the page guard raises on anything executable
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40
    found = [f"{p.relative_to(site)}: {u}" for p in pages for u in unsafe_markup(p.read_text(encoding="utf-8"))]
    assert found == [], found[:10]
    briefing = (site / "briefings" / SEED / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", briefing, re.S)
    assert title is not None and "<" not in title.group(1), title
    REPORT["bypass: builds"] = REPORT.get("bypass: builds", 0) + 1
    REPORT["bypass: pages scanned"] = REPORT.get("bypass: pages scanned", 0) + len(pages)
    REPORT["bypass: executable content found"] = REPORT.get("bypass: executable content found", 0) + len(found)
    _write_report()


def _write_report() -> None:
    OUTPUT.mkdir(exist_ok=True)
    lines = [f"{key}: {value}" for key, value in sorted(REPORT.items())]
    (OUTPUT / "hostile-report.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
