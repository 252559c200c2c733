"""Strict MkDocs builds of fixture trees: the seed fixture (a golden case) and small variations of it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.content.entities import Briefing
from tests.sites import mkdocs_build, seed_corpus

SEED = "briefings/2026-02-27-iran-rethinks-its-bet-on-russia"


build = mkdocs_build


@pytest.fixture(scope="session")
def site(seed_site: Path) -> Path:
    """The seed fixture's site; the same session build as the feed and export tests read."""
    return seed_site


def html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_seed_briefing_page(site: Path) -> None:
    page = html(site, SEED)
    assert "Iran rethinks its bet on Russia" in page
    assert 'href="https://scoopico.com/' in page
    assert '<time datetime="2025-04">April 2025</time>' in page
    assert "../../countries/iran/" in page


def seed_briefing() -> Briefing:
    return seed_corpus().briefings[0]


def test_profiles_for_every_named_country_list_the_briefing_and_its_events(site: Path) -> None:
    from html import unescape

    b = seed_briefing()
    assert len(b.countries) == 12
    for cid in b.countries:
        page = unescape(html(site, f"countries/{cid}"))
        assert b.title in page, cid
        for event in b.events:
            if cid in event.countries:
                assert event.title in page, (cid, event.title)


def test_a_page_for_every_person_and_organization_named(site: Path) -> None:
    from html import unescape

    b = seed_briefing()
    for folder, ids in (("people", b.people), ("organizations", b.organizations)):
        for entity in ids:
            assert b.title in unescape(html(site, f"{folder}/{entity}")), entity


def test_iran_russia_relationship_timeline(site: Path) -> None:
    page = html(site, "relations/iran--russia")
    assert "Rudenko tells the Duma the treaty is no mutual" in page
    assert '<time datetime="2025-04">April 2025</time>' in page
    assert '<time datetime="2025-06">June 2025</time> — <strong>During the twelve-day war' in page
    assert "19th century" in page and "1905–1911" in page
    assert "strained" in page


def test_global_timeline_in_date_order(site: Path) -> None:
    page = html(site, "timeline")
    labels = [
        "19th century",
        "1905–1911",
        "1907",
        "1940s",
        "1979",
        "since 2010",
        "April 2025",  # inside spring, so before it
        "spring 2025",
        "June 2025",
        "January 2026",
        "February 2026",
    ]
    positions = [page.index(f">{label}</time>") for label in labels]
    assert positions == sorted(positions)


def test_edit_link_points_at_the_content_file(site: Path) -> None:
    page = html(site, SEED)
    assert f"/edit/main/content/{SEED}.md" in page


def test_no_third_party_font(site: Path) -> None:
    page = html(site, SEED)
    assert "fonts.googleapis" not in page and "fonts.gstatic" not in page


def test_every_page_has_the_csp_and_nothing_inline_to_run(site: Path) -> None:
    from generator.site.csp import policy
    from generator.site.guard import unsafe_markup

    pages = list(site.rglob("*.html"))
    assert len(pages) > 40
    head = f'<meta http-equiv="Content-Security-Policy" content="{policy()}">'
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert head in text.split("</head>")[0], page
        assert unsafe_markup(text) == [], page
    # the theme's scripts are files of the site now
    home = (site / "index.html").read_text(encoding="utf-8")
    for script in ("theme-base.js", "theme-palette.js", "theme-content.js"):
        assert f'src="assets/javascripts/briefing/{script}"' in home, script
        assert (site / "assets/javascripts/briefing" / script).is_file()


def test_format_page_documents_every_field_from_the_models(site: Path) -> None:
    from generator.content.models import Quote, Relation, Source
    from generator.kinds import event_model, file_schemas

    page = html(site, "format")
    for model in [*file_schemas().values(), Source, Relation, event_model(), Quote]:
        for name, info in model.model_fields.items():
            assert f"<code>{name}</code>" in page, (model.__name__, name)
            assert info.description is not None and info.description[:30] in page.replace("&#39;", "'"), name
    assert "spring 2025" in page and "19th century" in page


def pagefind_pages(site: Path) -> dict[str, str]:
    """URL -> indexed text of each page in the site's Pagefind index (a fragment per page: gzip, a signature,
    JSON)."""
    import gzip
    import json

    pages = {}
    for fragment in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd"), fragment
        record = json.loads(data[len(b"pagefind_dcd") :])
        pages[record["url"]] = record["content"]
    return pages


def test_pagefind_indexes_the_articles(site: Path) -> None:
    import json

    bundle = site / "pagefind"
    for name in ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css"):
        assert (bundle / name).is_file(), name
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = pagefind_pages(site)
    assert entry["languages"]["en"]["page_count"] == len(pages) > 40
    assert f"/{SEED}/" in pages and "/people/andrei-rudenko/" in pages and "/" in pages
    assert "/search/" not in pages and "/404.html" not in pages
    # only the article is indexed: no header, navigation or footer text
    seed_text = pages[f"/{SEED}/"]
    assert "Rudenko" in seed_text
    for chrome in ("Made with", "Skip to content", "Front-matter format"):
        assert chrome not in seed_text, chrome


def pagefind_records(site: Path) -> dict[str, dict[str, Any]]:
    """URL -> the whole fragment record of each indexed page: content, meta and filters."""
    import gzip
    import json

    records = {}
    for fragment in (site / "pagefind" / "fragment").iterdir():
        record = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd") :])
        records[record["url"]] = record
    return records


def test_no_lunr_index_and_the_header_search_on_pagefind(site: Path) -> None:
    assert not (site / "search" / "search_index.json").exists(), "Material's lunr index is still built"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<script src="javascripts/header-search.js"></script>' in home
    assert "data-briefing-search" in home and 'class="md-search__input"' in home
    # Material mounts its own (lunr) search on these; without them it fetches no index
    assert 'data-md-component="search' not in home and 'name="search"' not in home
    assert "/pagefind/" not in home, "Pagefind must load when the reader searches, not with the page"


def test_pages_carry_their_kind_countries_and_topics(site: Path) -> None:
    import re

    records = pagefind_records(site)
    briefing = records[f"/{SEED}/"]
    assert briefing["meta"]["kind"] == "Briefing" and briefing["filters"]["kind"] == ["Briefing"]
    assert {"Iran", "Russia", "Oman"} <= set(briefing["filters"]["country"])
    assert {"Sanctions", "Diplomacy"} <= set(briefing["filters"]["topic"])
    expected = {
        "/countries/iran/": "Country",
        "/people/andrei-rudenko/": "Person",
        "/organizations/state-duma/": "Organization",
        "/topics/sanctions/": "Topic",
        "/about/": "Page",
        "/countries/": "Page",
    }
    for url, kind in expected.items():
        assert records[url]["meta"]["kind"] == kind, url
        assert records[url]["filters"]["kind"] == [kind], url
    # a pair's page, once two briefings cover it: tests/test_search_index.py
    # facets are filters and metadata, never text of the page (the kind is written twice, for both)
    for url, record in records.items():
        kind = record["meta"]["kind"]
        assert not re.search(rf"\b{kind}\W+{kind}\W*$", record["content"]), url
    iran = records["/countries/iran/"]["content"]
    for name in ("Persia", "IRN"):  # other names are searchable text
        assert name in iran, name


def test_the_index_is_stemmed_english(site: Path) -> None:
    """Pagefind stores stems, not the words written: "treaty" and "treaties" are both "treati"."""
    import gzip
    import json

    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["en"]
    words = b"".join(gzip.decompress(p.read_bytes()) for p in (site / "pagefind" / "index").iterdir())

    def cbor(word: str) -> bytes:  # how the index writes a short word
        return bytes([0x60 + len(word)]) + word.encode()

    for stem, written in (("treati", "treaty"), ("sanction", "sanctions"), ("integr", "integrate")):
        assert cbor(stem) in words, stem
        assert cbor(written) not in words, written


def test_inflected_search_words_are_not_in_the_briefing_verbatim(site: Path) -> None:
    """The inflections the browser tests search for (tests/browser/helpers.py) are not in the briefing's
    text, only another form of the same word: only stemming can find it by them."""
    import re

    from tests.browser.helpers import INFLECTED

    words = set(re.findall(r"[a-z]+", pagefind_pages(site)[f"/{SEED}/"].lower()))
    for typed, written in INFLECTED.items():
        assert typed not in words, typed
        assert written in words, written


def test_search_page_loads_pagefind_from_the_site(site: Path) -> None:
    page = html(site, "search")
    assert '<script src="../javascripts/pagefind-search.js"></script>' in page
    assert "'wasm-unsafe-eval'" in page
    assert "data-pagefind-body" not in page
    assert (site / "javascripts" / "pagefind-search.js").is_file()


def set_plugin_option(root: Path, option: str) -> None:
    """Add `option` (e.g. "pagefind: false") to the briefing plugin's settings in root/mkdocs.yml."""
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      content_dir: content\n", f"      content_dir: content\n      {option}\n"
        ),
        encoding="utf-8",
    )


@pytest.mark.slow
def test_archive_pages_are_not_indexed_by_pagefind(project: Callable[..., Path], tmp_path: Path) -> None:
    root = project()
    set_plugin_option(root, "profile_latest: 0")
    out = tmp_path / "out"
    result = build(root, out)
    assert result.returncode == 0, result.stderr[-3000:]
    archive = out / "countries" / "iran" / "2026" / "index.html"
    assert archive.is_file(), "no year archive was built"
    assert "data-pagefind-body" not in archive.read_text(encoding="utf-8")
    urls = set(pagefind_pages(out))
    assert "/countries/iran/" in urls
    assert "/countries/iran/2026/" not in urls
    assert not [u for u in urls if u.rstrip("/").rsplit("/", 1)[-1].isdigit() and not u.startswith("/briefings/")]


@pytest.mark.slow
def test_pagefind_can_be_turned_off(project: Callable[..., Path], tmp_path: Path) -> None:
    root = project(with_content=False)
    set_plugin_option(root, "pagefind: false")
    out = tmp_path / "out"
    result = build(root, out)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (out / "index.html").is_file() and not (out / "pagefind").exists()


@pytest.mark.slow
def test_an_inline_script_from_anywhere_fails_the_build(project: Callable[..., Path], tmp_path: Path) -> None:
    """A docs page (contributors edit those too) with a script: the build stops instead of publishing it."""
    root = project(with_content=False)
    about = root / "docs/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    out = tmp_path / "out"
    result = build(root, out)
    assert result.returncode == 1
    assert "about.md would publish inline <script>: 'alert(1)'" in result.stderr, result.stderr[-2000:]
    # the pages are scanned on the other core while the build goes on: the page was written, then taken out
    assert not (out / "about/index.html").exists() and not (out / "about.html").exists()
    assert (out / "index.html").is_file()


def test_pages_without_markdown_skip_the_converter_and_publish_the_same(
    seed_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A generated page with no contributor Markdown is not run through Python-Markdown; the site is the
    same, byte for byte, as when every page is (Pagefind's index aside)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator import plugin

    def site(name: str) -> dict[str, bytes]:
        config = load_config(str(seed_project / "mkdocs.yml"), site_dir=str(tmp_path / name))
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        return {
            p.relative_to(tmp_path / name).as_posix(): p.read_bytes()
            for p in sorted((tmp_path / name).rglob("*"))
            if p.is_file() and "pagefind" not in p.parts
        }

    skipped: list[str] = []
    original = plugin._without_markdown
    monkeypatch.setattr(plugin, "_without_markdown", lambda page: (skipped.append(page.file.src_uri), original(page)))
    fast = site("fast")
    assert {"index.md", "countries/index.md", "briefings/2026.md"} <= set(skipped)
    assert not any(re.match(r"briefings/\d{4}-\d\d-", uri) for uri in skipped)  # a briefing has its summary
    monkeypatch.setattr(plugin, "_without_markdown", lambda page: None)
    assert site("converted") == fast


def _built(project: Path, out: Path) -> dict[str, bytes]:
    """Build `project` in process into `out`: every file and its bytes (Pagefind's index aside)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(out))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and "pagefind" not in p.parts
    }


@pytest.mark.parametrize("kind", ["seed", "synthetic"])
def test_the_navigation_rendered_once_per_folder_publishes_the_same(
    kind: str, seed_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages the navigation does not list get its HTML rendered once per folder and depth (briefings,
    profiles, pair pages, packs...); the site is the same, byte for byte, as when the theme renders it for
    every page, and the pages it lists (with their active entry) are rendered each on its own."""
    import sys

    from generator import plugin

    project = seed_project
    if kind == "synthetic":
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
        from synthetic import generate_project

        project = tmp_path / "project"
        generate_project(project, 30, seed=5)
    caches: list[Any] = []
    original = plugin.cache_navigation
    monkeypatch.setattr(plugin, "cache_navigation", lambda env, nav: caches.append(original(env, nav)) or caches[-1])
    cached = _built(project, tmp_path / "cached")
    assert len(caches) == 1 and caches[0].hits > 2 * len(caches[0].texts) > 0
    keys = {key[2] for key in caches[0].texts}
    assert "briefings" in keys and "countries" in keys and "" not in keys  # no page of the navigation
    monkeypatch.setattr(plugin, "cache_navigation", lambda env, nav: None)
    assert _built(project, tmp_path / "rendered") == cached


def test_files_the_published_site_has_already_are_linked_from_it(tmp_path: Path) -> None:
    """A warm build's feeds and export go into its new folder: a file whose bytes the published site has at
    the same path is hard-linked from there, any other written; nothing is written into the published site."""
    from generator.build import write_files

    published, out = tmp_path / "site", tmp_path / "work"
    (published / "feeds").mkdir(parents=True)
    (published / "feeds/same.xml").write_text("<feed>same</feed>")
    (published / "feeds/changed.xml").write_text("<feed>before</feed>")
    (published / "feeds/longer.xml").write_text("<feed>short</feed>")
    files = {
        "feeds/same.xml": "<feed>same</feed>",
        "feeds/changed.xml": "<feed>after!</feed>",  # the same length as before
        "feeds/longer.xml": "<feed>much longer</feed>",
        "feeds/new.xml": "<feed>new</feed>",
    }
    written = write_files(files, out, same_as=published)
    assert [p.relative_to(out).as_posix() for p in written] == list(files)
    assert {rel: (out / rel).read_text() for rel in files} == files
    inode = {rel: (out / rel).stat().st_ino for rel in files}
    assert inode["feeds/same.xml"] == (published / "feeds/same.xml").stat().st_ino
    for rel in ("feeds/changed.xml", "feeds/longer.xml"):
        assert inode[rel] != (published / rel).stat().st_ino
    assert (published / "feeds/changed.xml").read_text() == "<feed>before</feed>"
    assert not (published / "feeds/new.xml").exists()
