"""The data export (data/briefings.json, data/timeline.csv); feeds and export are the same on every build."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.content.dates import parse_date
from generator.graph.index import Index, build_index
from generator.site.export import csv_fields, export_json, timeline_csv
from generator.site.feeds import build_feeds
from generator.site.pagefind import UNSTABLE  # Pagefind's few files whose order changes between runs
from generator.siteinfo import SiteInfo
from tests.sites import ROOT, seed_corpus

SCHEMA = ROOT / "site_config" / "schemas" / "export.schema.json"
SITE = SiteInfo("https://briefing-site.github.io/briefing/")
SEED = "2026-02-27-iran-rethinks-its-bet-on-russia"


def seed_index() -> Index:
    return build_index(seed_corpus())


def exported(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / "data/briefings.json").read_text(encoding="utf-8"))
    return data


def test_schema_is_valid_json_schema() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)


def test_export_matches_its_schema(seed_site: Path) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(exported(seed_site))]
    assert errors == []


def test_schema_rejects_a_broken_export(seed_site: Path) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    data = exported(seed_site)
    data["events"][0]["lower"] = "the 1800s"
    del data["briefings"][0]["title"]
    data["relations"][0]["stance"] = "friendly"
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert len(errors) == 3


def test_export_contents(seed_site: Path) -> None:
    data = exported(seed_site)
    assert data["format"] == "briefing-export" and data["version"] == 2
    assert [b["slug"] for b in data["briefings"]] == [SEED]
    seed = data["briefings"][0]
    assert seed["url"] == f"{SITE.url}briefings/{SEED}/"
    assert seed["source_path"] == f"content/briefings/{SEED}.md"
    entities = data["entities"]
    for kind in ("countries", "people", "organizations", "topics"):
        ids = [e["id"] for e in entities[kind]]
        assert ids == sorted(ids) and len(ids) == len(set(ids)), kind
    known = {kind: {e["id"] for e in entities[kind]} for kind in entities}
    for item in [seed, *data["events"]]:
        for kind in ("countries", "people", "organizations"):
            assert set(item[kind]) <= known[kind], (item.get("title"), kind)
    assert set(seed["topics"]) <= known["topics"]
    assert {c for r in data["relations"] for c in r["countries"]} <= known["countries"]
    trump = next(p for p in entities["people"] if p["id"] == "donald-trump")
    assert trump["wikidata"] == "Q22686"
    since = next(e for e in data["events"] if e["date_edtf"] == "2010/..")
    assert (since["label"], since["lower"], since["upper"]) == ("since 2010", "2010-01-01", None)
    assert len(data["relations"]) == 11
    iran_russia = [r for r in data["relations"] if r["countries"] == ["iran", "russia"]]
    assert iran_russia[0]["stance"] == "strained"
    assert iran_russia[0]["url"] == f"{SITE.url}relations/iran--russia/"


def test_timeline_csv_has_the_seed_events_in_date_order(seed_site: Path) -> None:
    text = (seed_site / "data/timeline.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == csv_fields()
    assert len(rows) == 14
    keys = [parse_date(row["date_edtf"]).sort_key for row in rows]
    assert keys == sorted(keys)  # the timeline's order, while the bounds stay exact:
    spring = next(row for row in rows if row["date_edtf"] == "2025-21")
    assert (spring["lower"], spring["upper"]) == ("2025-03-01", "2025-05-31")
    assert [row["label"] for row in rows][:6] == ["19th century", "1905–1911", "1907", "1940s", "1979", "since 2010"]
    assert rows[-1]["label"] == "February 2026"
    assert rows[-1]["countries"] == "united-states;iran;oman"
    rudenko = next(row for row in rows if row["people"] == "andrei-rudenko")
    assert (rudenko["date_edtf"], rudenko["organizations"]) == ("2025-04", "state-duma")
    assert all(row["briefing"] == SEED for row in rows)
    assert rows[0]["url"] == f"{SITE.url}briefings/{SEED}/#event-1"
    events = exported(seed_site)["events"]
    assert [e["title"] for e in events] == [row["title"] for row in rows]
    assert [e["upper"] or "" for e in events] == [row["upper"] for row in rows]


def test_pure_functions_are_deterministic() -> None:
    a, b = seed_index(), seed_index()
    assert export_json(a, SITE) == export_json(b, SITE)
    assert timeline_csv(a, SITE) == timeline_csv(b, SITE)
    assert build_feeds(a, SITE) == build_feeds(b, SITE)


@pytest.mark.slow
def test_two_builds_are_identical_byte_for_byte(seed_site: Path, seed_site_again: Path) -> None:
    """Every file, sitemap.xml and its gzip included: dates come from the content or the last commit,
    never from the clock."""
    import hashlib

    def written(site: Path) -> dict[str, str]:
        return {
            p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*"))
            if p.is_file() and not UNSTABLE.match(p.relative_to(site).as_posix())
        }

    first, second = written(seed_site), written(seed_site_again)
    assert len(first) > 100 and "sitemap.xml" in first and "sitemap.xml.gz" in first
    assert any(name.startswith("pagefind/fragment/") for name in first)  # the search's bulk is compared
    assert first == second
    newest = max(b.date for b in seed_corpus().briefings).isoformat()
    lastmods = set(re.findall(r"<lastmod>([^<]*)</lastmod>", (seed_site / "sitemap.xml").read_text(encoding="utf-8")))
    assert lastmods == {newest}  # the fixture is no git repository: its newest briefing's day


def test_the_build_is_dated_by_the_last_commit(tmp_path: Path) -> None:
    import subprocess

    from generator.build import build_epoch

    corpus = seed_corpus()
    assert build_epoch(tmp_path, corpus) == 1772150400  # 2026-02-27, the seed's day, at 00:00 UTC
    env = {
        "GIT_AUTHOR_DATE": "@1700000000 +0000",
        "GIT_COMMITTER_DATE": "@1700000000 +0000",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "PATH": "/usr/bin:/bin",
    }
    for args in (["init", "-q"], ["commit", "-q", "--allow-empty", "-m", "x"]):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, env=env, capture_output=True)
    assert build_epoch(tmp_path, corpus) == 1700000000


def test_csv_cells_a_spreadsheet_would_evaluate_are_neutralised_and_json_stays_exact() -> None:
    import dataclasses

    corpus = seed_corpus()
    b = corpus.briefings[0]
    titles = ['=HYPERLINK("https://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "Plain = fine"]
    events = tuple(dataclasses.replace(e, title=titles[i % len(titles)]) for i, e in enumerate(b.events))
    index = build_index(dataclasses.replace(corpus, briefings=(dataclasses.replace(b, events=events),)))
    rows = list(csv.DictReader(io.StringIO(timeline_csv(index, SITE), newline="")))
    written = {row["title"] for row in rows}
    assert written == {
        '\'=HYPERLINK("https://evil.example","x")',
        "'+1+1",
        "'-2+3",
        "'@SUM(A1)",
        "'\tTab",
        "Plain = fine",
    }
    assert all(not row[k].startswith(("=", "+", "-", "@", "\t")) for row in rows for k in row)
    data = json.loads(export_json(index, SITE))
    assert {e["title"] for e in data["events"]} == set(titles)
