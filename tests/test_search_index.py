"""The search index's side of the site: each page's facets (generator/site/search.py), what the index
holds of each page (each text once, where it is written), Pagefind run once per build, and the live
preview's index written in the background (generator/site/pagefind.py)."""

from __future__ import annotations

import gzip
import html
import json
import logging
import re
import shutil
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from generator.graph.index import Index, build_index
from generator.kinds import all_kinds
from generator.site import pagefind
from generator.site.pagefind import OUTPUT, UNINDEXED, PreviewIndex, verify
from generator.site.sanitize import clean
from generator.site.search import PAGE, PAIR, facets, kind_label
from generator.urls import Subject, pair_of
from tests.sites import ROOT, seed_corpus

SEED = "2026-02-27-iran-rethinks-its-bet-on-russia"


@cache
def seed_index() -> Index:
    return build_index(seed_corpus())


# --- facets --------------------------------------------------------------------------------------


def test_a_briefing_is_filed_under_its_countries_and_topics() -> None:
    found = facets(seed_index(), Subject("briefing", SEED))
    assert found["kind"] == "Briefing"
    assert found["country"][:3] == ["Iran", "Russia", "United States"] and len(found["country"]) == 12
    assert "Sanctions" in found["topic"] and "Security and defence" in found["topic"]  # labels, not ids
    assert found["terms"] == []


def test_a_country_gets_its_other_names_and_codes() -> None:
    found = facets(seed_index(), Subject("country", "iran"))
    assert found["kind"] == "Country" and found["country"] == ["Iran"] and found["topic"] == []
    for name in ("Persia", "IR", "IRN", "Islamic Republic of Iran", "Iranian"):
        assert name in found["terms"], name
    assert "Iran" not in found["terms"]  # the name itself is on the page already
    assert len(found["terms"]) == len(set(found["terms"]))


def test_people_organizations_topics_and_pairs() -> None:
    index = seed_index()
    person = facets(index, Subject("person", "andrei-rudenko"))
    assert person["kind"] == "Person" and person["country"] == ["Russia"]
    assert "Andrey Rudenko" in person["terms"]
    organization = facets(index, Subject("organization", "state-duma"))
    assert organization["kind"] == "Organization"
    topic = facets(index, Subject("topic", "sanctions"))
    assert topic == {"kind": "Topic", "country": [], "topic": ["Sanctions"], "terms": []}
    pair = pair_of("russia", "iran")
    relation = facets(index, Subject("pair", "iran--russia", pair))
    assert relation == {"kind": "Relationship", "country": ["Iran", "Russia"], "topic": [], "terms": []}


def test_pages_that_show_no_one_thing() -> None:
    assert facets(seed_index(), None) == {"kind": "Page", "country": [], "topic": [], "terms": []}


def test_kind_labels_come_from_the_kinds_table() -> None:
    assert [kind_label(row.kind) for row in all_kinds()] == ["Briefing", "Country", "Person", "Organization", "Topic"]
    assert kind_label("pair") == PAIR and kind_label(None) == PAGE


def test_the_search_box_offers_every_kind() -> None:
    """The kind filter of the search dialog is written in its template: it lists each label above."""
    partial = (ROOT / "site_config/overrides/partials/search.html").read_text(encoding="utf-8")
    offered = re.findall(r'^\s+\("(\w+)", "[^"]+"\),$', partial, re.M)
    assert sorted(offered) == sorted({kind_label(row.kind) for row in all_kinds()} | {PAIR, PAGE})


# --- what the index holds: each text once, on the page where it is written -----------------------

BRIEFING = f"/briefings/{SEED}/"
# The seed fixture's pages that list what its briefing says (its title and dek, events, quotes, stance notes).
LISTS = [
    "/",
    "/countries/",
    "/countries/iran/",
    "/countries/russia/",
    "/relations/",
    "/people/",
    "/people/andrei-rudenko/",
    "/people/mohammad-reza-zafarghandi/",
    "/organizations/state-duma/",
    "/topics/",
    "/topics/sanctions/",
    "/timeline/",
    "/briefings/",
]


def indexed(site: Path) -> dict[str, str]:
    """URL -> the text Pagefind indexed of each page (its fragment: gzip, a signature, JSON)."""
    pages = {}
    for fragment in (site / OUTPUT / "fragment").iterdir():
        record = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd") :])
        pages[record["url"]] = record["content"]
    return pages


def words(text: str) -> set[str]:
    return set(re.findall(r"[\w-]+", text.lower()))


def test_a_briefing_is_indexed_on_its_own_page_only(seed_site: Path) -> None:
    """Its title, dek, event lines, stance notes and quotes, and the words of its summary, are text of the
    briefing's page; the profiles, pair pages, topics, indexes and timelines that list them are found by
    their own text, not by repeating the briefing's."""
    pages = indexed(seed_site)
    briefing = next(b for b in seed_corpus().briefings if b.slug == SEED)
    texts = [
        briefing.title,
        briefing.dek,
        *(e.title for e in briefing.events),
        *(r.note for r in briefing.relations),
        *(q.text for q in briefing.quotes),
    ]
    # Hand-written pages (docs/) may quote any example; the generated ones are the point.
    handwritten = {f"/{p.stem}/" for p in (ROOT / "docs").glob("*.md")}
    for text in texts:
        found = sorted(url for url, content in pages.items() if text in content and url not in handwritten)
        assert found == [BRIEFING], (text, found)
    # words only its summary and dek use: "reopened" (dek), "shield" (summary), "militarily" (a sentence
    # that mentions Rudenko), "alone" (a quote), "cover" (a stance note)
    for word in ("reopened", "shield", "militarily", "alone", "cover"):
        found = sorted(url for url, content in pages.items() if word in words(content))
        assert found == [BRIEFING], (word, found)
    for url in LISTS:
        assert url in pages, url
        assert "reopened" not in words(pages[url]), url


def test_a_page_keeps_what_is_its_own(seed_site: Path) -> None:
    """A profile is found by its name, other names, ISO codes, official name and introduction; a person or
    organization by name, aliases, description and text; a topic by its label and description; a pair of
    countries by its title. Labels ("Official name:") and counts are not what a reader searches for."""
    pages = indexed(seed_site)
    iran = pages["/countries/iran/"]
    for text in ("Iran", "Persia", "IRN", "IR", "Islamic Republic of Iran", "Look East policy"):
        assert re.search(rf"\b{re.escape(text)}\b", iran), text
    person = pages["/people/andrei-rudenko/"]
    for text in ("Andrei Rudenko", "Andrey Rudenko", "Russian deputy foreign minister", "Asian countries"):
        assert text in person, text
    duma = pages["/organizations/state-duma/"]
    assert "State Duma" in duma and "Lower house of the Russian parliament" in duma
    assert "Economic and diplomatic sanctions" in pages["/topics/sanctions/"]
    assert "/relations/iran--russia/" not in pages  # one briefing covers the pair: that briefing is the result
    for url, label in (("/countries/iran/", "Official name"), ("/people/andrei-rudenko/", "Also written")):
        assert label not in pages[url], url
    assert "Published" not in pages[BRIEFING] and "Coverage" not in iran


def test_a_pair_two_briefings_cover_is_found_by_its_title(pair_site: Path) -> None:
    """A pair's page is indexed once two briefings cover the pair, by its title only, filed under the kind
    Relationship and its two countries; a pair one briefing covers is left to that briefing."""
    pages = indexed(pair_site)
    assert words(pages["/relations/iran--oman/"]) == {"iran", "oman"}
    assert "/relations/iran--russia/" not in pages and "/relations/oman--united-states/" not in pages
    fragments = [json.loads(gzip.decompress(f.read_bytes())[len(b"pagefind_dcd") :]) for f in fragments_of(pair_site)]
    pair = next(f for f in fragments if f["url"] == "/relations/iran--oman/")
    assert pair["filters"]["kind"] == ["Relationship"] and sorted(pair["filters"]["country"]) == ["Iran", "Oman"]


def fragments_of(site: Path) -> list[Path]:
    return sorted((site / OUTPUT / "fragment").iterdir())


def test_pages_with_no_text_of_their_own(seed_site: Path) -> None:
    """The briefings of a year are left out of the index; the home page, the indexes and the timeline keep
    their heading and introduction only."""
    pages = indexed(seed_site)
    assert not [url for url in pages if re.fullmatch(r"/briefings/\d{4}/(?:\d+/)?", url)]
    for url in ("/", "/countries/", "/people/", "/organizations/", "/topics/", "/relations/", "/timeline/"):
        assert not words(pages[url]) & {"iran", "rudenko", "sanctions", "duma"}, (url, pages[url])
    assert pages["/countries/"] == "Countries."


def test_the_unindexed_mark_survives_the_sanitizer() -> None:
    """Templates mark text for Pagefind with a class, which the page sanitizer keeps (it drops data-pagefind-*
    attributes of generated pages)."""
    assert clean(f'<div class="{UNINDEXED}"><p>x</p></div>') == f'<div class="{UNINDEXED}"><p>x</p></div>'
    assert f".{UNINDEXED}" in pagefind.EXCLUDE


# --- Pagefind once per build; in the background under serve ----------------------------------


def test_a_build_feeds_pagefind_its_indexed_pages_and_serve_does_not_wait_for_it(
    project: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An in-process MkDocs build: one Pagefind feed per build, given exactly the pages whose article is
    marked for indexing, in the order it expects, and no whole-folder run after it; under serve Pagefind is
    only scheduled (the preview's own runs are tested below)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator import plugin

    root = project(with_content=False)
    calls: list[str] = []
    feeds: list[FakeFeed] = []

    class FakeFeed:
        def __init__(self, site: Path, language: str) -> None:
            self.site, self.added, self.finished, self.wrote = site, [], False, False
            self.order: list[str] = []
            self.given: list[str] = []
            feeds.append(self)
            calls.append(f"feed {language}")

        def expect(self, paths: list[str]) -> None:
            assert not self.given
            self.order = paths

        def add(self, path: str, html: str) -> None:
            assert pagefind.MARK in html
            self.added.append(path)
            self.given.append(path)

        def skip(self, path: str) -> None:
            self.given.append(path)

        def write(self) -> None:
            self.wrote = True

        def finish(self, check: Callable[[Path], int]) -> int:
            assert self.wrote  # the bundle is asked for before the feeds and the export are written
            self.finished = True
            return check(self.site / OUTPUT)

        def close(self) -> None:
            pass

    def whole_folder(site: Path, language: str, reference: object = None) -> int:
        calls.append(f"whole folder {language}")
        return 1

    monkeypatch.setattr(plugin, "Feed", FakeFeed)
    monkeypatch.setattr(plugin, "verify", lambda out, language, reference: len(feeds[-1].added))
    monkeypatch.setattr(plugin, "build_pagefind", whole_folder)
    monkeypatch.setattr(plugin, "preview_pagefind", lambda site, language: calls.append(f"preview {language}"))
    for command in ("build", "serve"):
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / command))
        config.plugins.on_startup(command=command, dirty=False)
        build(config)
        assert (tmp_path / command / "index.html").is_file()
    assert calls == ["feed en", "preview en"]
    site = tmp_path / "build"
    marked = {
        p.relative_to(site).as_posix() for p in site.rglob("*.html") if pagefind.MARK in p.read_text(encoding="utf-8")
    }
    assert feeds[0].finished and "index.html" in marked and sorted(feeds[0].added) == sorted(marked)

    # The feed expects the pages in the order MkDocs writes them, the generated ones before the hand-written
    # ones (a warm build gives the generated pages it links from the last site at once).
    hand = {written_at(root / "docs", md) for md in (root / "docs").rglob("*.md")}
    given = feeds[0].given
    assert hand and hand < set(given)
    assert feeds[0].order == [p for p in given if p not in hand] + [p for p in given if p in hand]


def written_at(docs: Path, md: Path) -> str:
    """Where MkDocs writes a hand-written page (with directory URLs)."""
    rel = md.relative_to(docs).with_suffix("")
    folder = rel.parent if rel.name == "index" else rel
    return "index.html" if folder == Path(".") else f"{folder.as_posix()}/index.html"


def fragment_urls(bundle: Path) -> set[str]:
    """The address of every page a Pagefind bundle holds, from its fragments."""
    return set(fragments(bundle))


def fragments(bundle: Path) -> dict[str, dict[str, object]]:
    """Each page a Pagefind bundle holds, by address: its fragment (text, title, metadata, filters, anchors)."""
    found = {}
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[data.index(b"{") :])
        found[fragment["url"]] = fragment
    return found


def test_the_bundle_fed_during_a_build_holds_what_indexing_the_folder_gives(seed_site: Path, tmp_path: Path) -> None:
    """The build's bundle (fed page by page while MkDocs wrote them, each cut to its head and article) holds
    the same pages, with the same text, titles, metadata, filters and anchors, as one Pagefind run over the
    finished folder, which reads every file whole and keeps the marked ones."""
    copy = tmp_path / "site"
    shutil.copytree(seed_site, copy, ignore=shutil.ignore_patterns(OUTPUT))
    whole = pagefind.build_pagefind(copy)
    fed = pagefind.verify(seed_site / OUTPUT)
    assert fed == whole > 5
    assert fragments(seed_site / OUTPUT) == fragments(copy / OUTPUT)


def test_pagefind_is_given_the_root_element_and_article_of_a_page_unless_it_marks_more() -> None:
    """A page is cut to what Pagefind reads: its root element (the language) and its article. A page with
    Pagefind's attributes outside the article, or with no article, goes whole."""
    root = '<!doctype html><html lang="en">'
    head = f'{root}<head><title>T</title><meta name="description" content="D"></head>'
    article = f'<article class="md-content__inner"><div {pagefind.MARK}><h1>T</h1><p>Words</p></div></article>'
    page = f"{head}<body><header><nav>Menu words</nav></header><main>{article}</main><footer>F</footer></body></html>"
    assert pagefind.searchable(page) == f"{root}<body>{article}</body></html>"
    outside = page.replace("<footer>", '<footer data-pagefind-meta="x">')
    assert pagefind.searchable(outside) == outside
    bare = f"{head}<body><div {pagefind.MARK}>Words</div></body></html>"
    assert pagefind.searchable(bare) == bare


def test_pagefind_is_not_given_the_parts_marked_to_be_cut() -> None:
    """What lies between the marks the templates put inside the large unindexed parts is cut out of what
    Pagefind is given, marks included; a mark with no end, a part within another and a part that holds one
    of Pagefind's attributes are handled without losing what is to be indexed."""
    root = '<html lang="en">'

    def page(article: str) -> str:
        return f"{root}<body><article {pagefind.MARK}>{article}</article></body></html>"

    def given(article: str) -> str:
        return pagefind.searchable(page(article))

    cut_from, cut_to = pagefind.CUT_FROM, pagefind.CUT_TO
    part = f'<div class="{UNINDEXED}">{cut_from}<ul><li>Listed</li></ul>{cut_to}</div>'
    assert given(f"<p>Own</p>{part}<p>More</p>{part}") == page(
        f'<p>Own</p><div class="{UNINDEXED}"></div><p>More</p><div class="{UNINDEXED}"></div>'
    )
    assert given(f"<p>Own</p>{cut_from}<p>Never ended</p>") == page(f"<p>Own</p>{cut_from}<p>Never ended</p>")
    nested = f"{cut_from}<p>a</p>{cut_from}<p>b</p>{cut_to}<p>c</p>{cut_to}<p>Own</p>"
    assert given(nested) == page(f"<p>c</p>{cut_to}<p>Own</p>")
    meta = f'{cut_from}<span data-pagefind-meta="x:y"></span>{cut_to}'
    assert given(meta) == page(meta)
    beyond = page(f"<p>Own</p>{cut_from}<p>Kept</p>").replace("</body>", f"{cut_to}</body>")
    assert "Kept" in pagefind.searchable(beyond)  # never cut past the article


def test_only_templates_can_mark_a_part_to_be_cut() -> None:
    """The marks survive the sanitizer of generated pages, and a contributor's text (sanitized on its own)
    cannot hold one, nor can escaped text anywhere."""
    marked = f"<div>{pagefind.CUT_FROM}<p>x</p>{pagefind.CUT_TO}</div>"
    assert clean(marked, page=True) == marked
    assert pagefind.CUT_FROM not in clean(marked) and pagefind.CUT_TO not in clean(marked)
    assert pagefind.CUT_FROM not in clean(f"<p>{html.escape(pagefind.CUT_FROM)}</p>", page=True)


def test_a_feed_indexes_marked_pages_as_a_folder_run_does_and_gives_up_on_a_path_outside_the_site(
    tmp_path: Path,
) -> None:
    """Pages given by their HTML, and pages given as files (a warm build's unchanged pages), are indexed as a
    Pagefind run over the same files indexes them; a page that marks no body is left out. A path outside
    the site folder makes the feed give up (the build then indexes the whole folder)."""
    names = ["a/index.html", "b/index.html", "plain/index.html", "d/e/index.html", "é/index.html", "f/index.html"]
    site, folder = tmp_path / "site", tmp_path / "folder"
    feed = pagefind.Feed(site, "en")
    for number, name in enumerate(names):
        body = "main" if name.startswith("plain") else f"main {pagefind.MARK}"
        html = f'<html lang="en"><body><{body}><p>Words of {name}</p></main></body></html>'
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(html, encoding="utf-8")
        if number % 2:
            feed.add_file(name, folder / name)
        else:
            feed.add(name, html)
    feed.write()  # asked for, not waited for: the build writes its other files meanwhile
    assert feed.writing is not None and not feed.thread.is_alive()
    assert feed.finish(lambda out: pagefind.verify(out, "en")) == 5, feed.failed
    assert feed.sent == 5 and feed.service is None and not feed.thread.is_alive()
    assert pagefind.build_pagefind(folder, "en") == 5
    assert fragments(site / OUTPUT) == fragments(folder / OUTPUT)
    assert fragment_urls(site / OUTPUT) == {"/a/", "/b/", "/d/e/", "/é/", "/f/"}

    feed = pagefind.Feed(site, "en")
    feed.add("a/index.html", f"<p {pagefind.MARK}>a</p>")
    feed.add("../outside/index.html", f"<p {pagefind.MARK}>b</p>")
    assert feed.finish(pagefind.verify) is None and "../outside" in feed.failed


def test_a_feed_gives_up_when_pagefind_fails_and_stops_its_process(tmp_path: Path) -> None:
    """Pagefind's error for a page, or its process ending, makes the feed give up (the build then indexes
    the whole folder) without waiting; a feed closed before the end of a build stops its process."""
    feed = pagefind.Feed(tmp_path / "site", "en")
    feed.add("a/index.html", f"<p {pagefind.MARK}>a</p>")
    deadline = time.monotonic() + 30
    while feed.service is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert feed.service is not None
    process = feed.service.process
    process.kill()
    feed.add("b/index.html", f"<p {pagefind.MARK}>b</p>")
    assert feed.finish(pagefind.verify) is None and "Pagefind" in feed.failed and process.poll() is not None

    feed = pagefind.Feed(tmp_path / "site", "en")
    feed.add("a/index.html", f"<p {pagefind.MARK}>a</p>")
    while feed.service is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert feed.service is not None
    process = feed.service.process
    feed.close()
    assert process.poll() is not None and not feed.thread.is_alive()
    assert not (tmp_path / "site" / OUTPUT).exists()


def test_pagefind_runs_with_jemalloc_giving_freed_memory_back_unless_told_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Pagefind's process gets the jemalloc setting that lowers its peak as it writes its bundle; a setting
    of the variable in the build's environment is left as it is; the rest of the environment is passed on."""
    name, value = pagefind.JEMALLOC
    monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BRIEFING_PROBE", "kept")
    service = pagefind.Service({"force_language": "en"})
    try:
        environment = Path(f"/proc/{service.process.pid}/environ").read_bytes().split(b"\0")
    finally:
        service.close()
    assert f"{name}={value}".encode() in environment and b"BRIEFING_PROBE=kept" in environment
    assert pagefind.service_environment({name: "narenas:1", "A": "b"}) == {name: "narenas:1", "A": "b"}


def test_a_feed_waits_for_a_bundle_to_check_whole_and_writes_it_once_more_if_it_stays_broken(tmp_path: Path) -> None:
    """Pagefind may answer before its last file is on disk: the feed keeps the process while the bundle fails
    its check, up to SETTLE seconds, then writes the bundle once more; a bundle broken both times gives up."""
    checks: list[int] = []

    def flaky(out: Path) -> int:
        checks.append(len(list(out.rglob("*.pf_fragment"))))
        if len(checks) < 3:
            raise pagefind.PagefindError("cut short")
        return pagefind.verify(out, "en")

    feed = pagefind.Feed(tmp_path / "site", "en")
    feed.add("a/index.html", f'<html lang="en"><body><p {pagefind.MARK}>Words</p></body></html>')
    assert feed.finish(flaky) == 1 and checks == [1, 1, 1]

    def broken(out: Path) -> int:
        checks.append(len(list(out.rglob("*.pf_fragment"))))
        raise pagefind.PagefindError("cut short")

    checks.clear()
    feed = pagefind.Feed(tmp_path / "other", "en")
    feed.SETTLE = 0.3
    feed.add("a/index.html", f'<html lang="en"><body><p {pagefind.MARK}>Words</p></body></html>')
    started = time.monotonic()
    assert feed.finish(broken) is None and "stays broken: cut short" in feed.failed
    assert 2 * feed.SETTLE <= time.monotonic() - started < 30 and len(checks) >= 4 and set(checks) == {1}


def tiny_bundle(folder: Path, words: str) -> Path:
    """A real Pagefind bundle of two small pages."""
    for name, text in (("a", "Treaties and pacts"), ("b", words)):
        (folder / name).mkdir(parents=True)
        (folder / name / "index.html").write_text(
            f'<html lang="en"><body><main data-pagefind-body><h1>{name}</h1><p>{text}</p></main></body></html>'
        )
    assert pagefind.build_pagefind(folder) == 2
    return folder / OUTPUT


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_bundle(tmp_path_factory.mktemp("tiny-site"), "Sanctions were voted")


def served_site(tmp_path: Path) -> Path:
    """A built site as MkDocs leaves it: pages and the sitemap it writes last."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html></html>")
    (site / "sitemap.xml").write_text("<urlset/>")
    return site


class FakeIndexer:
    """Writes a copy of a real bundle, after `during` (which may start a rebuild) and a pause."""

    def __init__(self, bundle: Path, during: Callable[[Path], None] | None = None, pause: float = 0.0) -> None:
        self.bundle, self.during, self.pause = bundle, during, pause
        self.calls = 0

    def __call__(self, site_dir: Path, out: Path, language: str) -> object:
        self.calls += 1
        if self.during:
            self.during(site_dir)
        time.sleep(self.pause)
        shutil.copytree(self.bundle, out)
        return None


def rebuild(site: Path) -> None:
    """What a new MkDocs build does to the served folder: empties it, writes it again."""
    shutil.rmtree(site)
    time.sleep(0.01)  # a new mtime even on a coarse clock
    site.mkdir()
    (site / "index.html").write_text("<html>again</html>")
    (site / "sitemap.xml").write_text("<urlset/>")


def test_builds_in_a_row_index_once_after_they_pause(bundle: Path, tmp_path: Path) -> None:
    site = served_site(tmp_path)
    indexer = FakeIndexer(bundle)
    preview = PreviewIndex(delay=0.3, indexer=indexer)
    for _ in range(3):
        preview.schedule(site, "en")  # each supersedes the one before
        time.sleep(0.05)
    assert not (site / OUTPUT).exists(), "the schedule itself must not index"
    preview.wait()
    assert indexer.calls == 1 and preview.runs == 1 and preview.published == 1
    assert verify(site / OUTPUT) == 2
    assert not list(site.glob(f"{OUTPUT}.*")), "the staging folders are gone"


def test_the_last_index_is_back_at_once_after_a_rebuild(bundle: Path, tmp_path: Path) -> None:
    site = served_site(tmp_path)
    preview = PreviewIndex(delay=0.2, indexer=FakeIndexer(bundle, pause=0.5))
    preview.schedule(site, "en")
    preview.wait()
    rebuild(site)
    assert not (site / OUTPUT).exists()
    started = time.monotonic()
    preview.schedule(site, "en")
    assert time.monotonic() - started < 0.5, "the schedule waited for the indexer"
    assert verify(site / OUTPUT) == 2, "the previous index is served while the new one is written"
    preview.wait()
    assert preview.published == 2


def test_a_run_overtaken_by_a_new_build_is_dropped(bundle: Path, tmp_path: Path) -> None:
    site = served_site(tmp_path)
    preview = PreviewIndex(delay=0.05, indexer=FakeIndexer(bundle, during=rebuild))
    preview.schedule(site, "en")
    preview.wait()
    assert preview.runs == 1 and preview.published == 0
    assert not (site / OUTPUT).exists(), "an index of a folder being rebuilt must not be published"


def test_a_broken_bundle_is_not_published(bundle: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    def broken(site_dir: Path, out: Path, language: str) -> object:
        shutil.copytree(bundle, out)
        (out / "pagefind.js").write_bytes(b"")
        return None

    site = served_site(tmp_path)
    preview = PreviewIndex(delay=0.05, indexer=broken)
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.briefing"):
        preview.schedule(site, "en")
        preview.wait()
    assert preview.published == 0 and not (site / OUTPUT).exists()
    assert "empty file" in caplog.text


def test_the_preview_indexes_the_real_site(tmp_path: Path) -> None:
    """With Pagefind itself: the served folder gets a verified index without the caller waiting."""
    site = served_site(tmp_path)
    (site / "index.html").write_text(
        '<html lang="en"><body><main data-pagefind-body><h1>Home</h1><p>Alliances</p></main></body></html>'
    )
    preview = PreviewIndex(delay=0.05)
    preview.schedule(site, "en")
    preview.wait(timeout=120)
    assert preview.published == 1 and verify(site / OUTPUT) == 1


def test_a_new_index_leaves_the_chunks_of_the_last_one(bundle: Path, tmp_path: Path) -> None:
    """A page that loaded the previous index keeps finding its chunks; older ones are removed."""
    first, second = tiny_bundle(tmp_path / "b1", "Drones were sold"), tiny_bundle(tmp_path / "b2", "Pipelines")
    files = {b: {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()} for b in (bundle, first, second)}
    site = served_site(tmp_path)
    pagefind._publish(bundle, site, set())
    pagefind._publish(first, site, files[bundle])
    served = {p.relative_to(site / OUTPUT).as_posix() for p in (site / OUTPUT).rglob("*") if p.is_file()}
    assert served == files[bundle] | files[first]
    assert (site / OUTPUT / pagefind.ENTRY).read_bytes() == (first / pagefind.ENTRY).read_bytes()
    assert verify(site / OUTPUT) == 2
    pagefind._publish(second, site, files[first])
    served = {p.relative_to(site / OUTPUT).as_posix() for p in (site / OUTPUT).rglob("*") if p.is_file()}
    assert served == files[first] | files[second]
    assert files[bundle] - files[first] - files[second], "the first bundle had chunks of its own"


def test_a_bundle_rewritten_after_a_broken_first_try_is_no_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Pagefind now and then leaves pagefind-entry.json empty; the build writes the bundle again, and that
    recovery must not count as a warning (a strict build would fail on it). Broken every time: it fails."""
    import logging

    tries: list[int] = []
    monkeypatch.setattr(pagefind, "_run", lambda coroutine: coroutine.close() or 0)

    def verify(out: Path, language: str | None = None, reference: object = None) -> int:
        tries.append(1)
        if len(tries) == 1:
            raise pagefind.PagefindError("pagefind-entry.json is empty")
        return 7

    monkeypatch.setattr(pagefind, "verify", verify)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.briefing"):
        assert pagefind.build_pagefind(tmp_path) == 7
    assert len(tries) == 2 and "writing it again" in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]

    def broken(out: Path, language: str | None = None, reference: object = None) -> int:
        raise pagefind.PagefindError("empty")

    monkeypatch.setattr(pagefind, "verify", broken)
    with pytest.raises(pagefind.PagefindError):
        pagefind.build_pagefind(tmp_path)
