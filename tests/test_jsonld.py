"""Structured data in the head: schema.org JSON-LD, Open Graph and Twitter card tags."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from generator.site.jsonld import script_json
from tests.sites import mkdocs_build

SITE_URL = "https://briefing-site.github.io/briefing/"
SEED = "2026-02-27-iran-rethinks-its-bet-on-russia"
HOSTILE = "</script><script>alert(1)</script>"


class Head(HTMLParser):
    """What a page's <head> carries: meta tags, JSON-LD blocks and every script element."""

    def __init__(self) -> None:
        super().__init__()
        self.in_head = False
        self.meta: dict[str, list[str]] = {}
        self.jsonld: list[str] = []
        self.scripts: list[dict[str, str | None]] = []
        self._ld: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "script":
            self.scripts.append(a)
            if a.get("type") == "application/ld+json":
                self._ld = []
        elif tag == "meta" and self.in_head:
            key = a.get("property") or a.get("name")
            if key:
                self.meta.setdefault(key, []).append(a.get("content") or "")

    def handle_data(self, data: str) -> None:
        if self._ld is not None:
            self._ld.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False
        elif tag == "script" and self._ld is not None:
            self.jsonld.append("".join(self._ld))
            self._ld = None


def head(site: Path, page: str) -> Head:
    parser = Head()
    parser.feed((site / page / "index.html").read_text(encoding="utf-8"))
    return parser


def ld(site: Path, page: str) -> dict[str, Any]:
    blocks = head(site, page).jsonld
    assert len(blocks) == 1, page
    data: dict[str, Any] = json.loads(blocks[0])
    assert data["@context"] == "https://schema.org"
    return data


# --- escaping ---------------------------------------------------------------------------------


def test_script_json_cannot_close_the_script() -> None:
    data = {"headline": HOSTILE, "description": "a & b <!-- c --> \u2028 d"}
    text = script_json(data)
    assert not set("<>&") & set(text)
    assert "\u2028" not in text
    assert json.loads(text) == data


# --- the repository's site --------------------------------------------------------------------


def test_briefing_is_a_news_article(seed_site: Path) -> None:
    data = ld(seed_site, f"briefings/{SEED}")
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Iran rethinks its bet on Russia as the US crisis deepens"
    assert data["description"].startswith("A new round of pressure from Washington")
    assert data["datePublished"] == data["dateModified"] == "2026-02-27"
    assert data["url"] == f"{SITE_URL}briefings/{SEED}/"
    assert data["isBasedOn"] == ["https://scoopico.com/iran-russia-relationship-strained-after-u-s-threats/"]
    about = {c["name"]: c for c in data["about"]}
    assert len(about) == 12 and all(c["@type"] == "Country" for c in about.values())
    assert {i["value"] for i in about["Iran"]["identifier"]} == {"IR", "IRN"}
    assert about["Iran"]["url"] == f"{SITE_URL}countries/iran/"
    mentions = {m["name"]: m for m in data["mentions"]}
    assert mentions["Donald Trump"]["@type"] == "Person"
    assert mentions["Donald Trump"]["sameAs"] == "https://www.wikidata.org/entity/Q22686"
    assert "sameAs" not in mentions["Andrei Rudenko"]  # no Wikidata id in the content: none invented
    assert mentions["United Nations"]["@type"] == "Organization"
    assert mentions["United Nations"]["sameAs"] == "https://www.wikidata.org/entity/Q1065"
    assert mentions["State Duma"]["@type"] == "Organization"


def test_briefing_has_open_graph_and_twitter_card(seed_site: Path) -> None:
    meta = head(seed_site, f"briefings/{SEED}").meta
    assert meta["og:type"] == ["article"]
    assert meta["og:title"] == ["Iran rethinks its bet on Russia as the US crisis deepens"]
    assert meta["og:description"][0].startswith(
        "A new round of pressure from Washington has shown Tehran how far Moscow's support goes"
    )
    assert meta["og:url"] == [f"{SITE_URL}briefings/{SEED}/"]
    assert meta["twitter:card"] == ["summary"]
    assert meta["article:published_time"] == ["2026-02-27T00:00:00Z"]


def test_country_person_and_organization_pages(seed_site: Path) -> None:
    iran = ld(seed_site, "countries/iran")
    assert iran["@type"] == "Country" and iran["name"] == "Iran"
    assert {i["value"] for i in iran["identifier"]} == {"IR", "IRN"}
    trump = ld(seed_site, "people/donald-trump")
    assert trump["@type"] == "Person" and trump["name"] == "Donald Trump"
    assert trump["sameAs"] == "https://www.wikidata.org/entity/Q22686"
    assert trump["description"] and trump["url"] == f"{SITE_URL}people/donald-trump/"
    duma = ld(seed_site, "organizations/state-duma")
    assert duma["@type"] == "Organization" and duma["name"] == "State Duma"
    assert head(seed_site, "people/donald-trump").meta["og:type"] == ["profile"]


def test_other_pages_carry_no_json_ld(seed_site: Path) -> None:
    for page in ["", "timeline", "relations/iran--russia", "countries", "about"]:
        parsed = head(seed_site, page)
        assert parsed.jsonld == [] and "og:type" not in parsed.meta, page


# --- hostile content --------------------------------------------------------------------------


CALM = """---
title: "A calm briefing"
date: 2026-01-01
dek: "Nothing to see."
sources:
  - publisher: Example
    url: "https://news.test/calm"
    published: 2026-01-01
countries: [iran, russia]
---

Calm text.
"""

# Titles and deks may not contain anything tag-like (`briefing check` refuses a '<' before a letter,
# '/', '!' or '?'), but '<', '>' and '&' alone pass, and a source URL may hold any non-space
# characters, "</script>" included: all reach the JSON-LD unchanged.
NASTY = f"""---
title: "Tehran < script > and & Moscow"
date: 2026-01-02
dek: "A dek with < /script and & and \\"quotes\\" and 'apostrophes'."
sources:
  - publisher: Example
    url: "https://news.test/{HOSTILE}"
    published: 2026-01-02
countries: [iran, russia]
---

Hostile text.
"""


@pytest.mark.slow
def test_hostile_text_cannot_escape_the_head(project: Callable[..., Path]) -> None:
    root = project(with_content=False)
    (root / "content/briefings/2026-01-01-calm.md").write_text(CALM, encoding="utf-8")
    (root / "content/briefings/2026-01-02-nasty.md").write_text(NASTY, encoding="utf-8")
    out = root / "out"
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr[-3000:]
    calm, nasty = head(out, "briefings/2026-01-01-calm"), head(out, "briefings/2026-01-02-nasty")
    assert len(nasty.scripts) == len(calm.scripts)  # no second script element
    assert [s.get("src") for s in nasty.scripts] == [s.get("src") for s in calm.scripts]
    data = json.loads(nasty.jsonld[0])
    assert data["headline"] == "Tehran < script > and & Moscow"
    assert data["isBasedOn"] == [f"https://news.test/{HOSTILE}"]
    assert nasty.meta["og:title"] == ["Tehran < script > and & Moscow"]
    assert nasty.meta["og:description"] == ["A dek with < /script and & and \"quotes\" and 'apostrophes'."]
    text = (out / "briefings/2026-01-02-nasty/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in text
    block = re.search(r'<script type="application/ld\+json">(.*?)</script', text, re.S | re.I)
    assert block is not None and json.loads(block.group(1))["headline"] == "Tehran < script > and & Moscow"
