"""The briefing pack of a pair, the citation on each briefing page, and changes.json, on built fixture sites."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import bibtexparser
from bibtexparser.bparser import BibTexParser

from generator import urls
from generator.graph.changes import Changes
from generator.site.pack import moved
from tests.sites import SITE_URL

SEED = "2026-02-27-iran-rethinks-its-bet-on-russia"
SECOND = "2026-03-05-oman-keeps-the-channel-open"


def page(site: Path, uri: str) -> str:
    return (site / urls.page_path(uri) / "index.html").read_text(encoding="utf-8")


def article(text: str) -> str:
    return text[text.index("<article") : text.index("</article>")]


def test_the_pack_holds_every_briefing_of_the_pair_in_date_order(pair_site: Path) -> None:
    pack = article(page(pair_site, urls.pack_page(("iran", "oman"))))
    older = pack.index('id="' + SEED + '"')
    newer = pack.index('id="' + SECOND + '"')
    assert older < newer, "oldest first"
    # each briefing whole: title, dek, source, summary
    assert "Iran rethinks its bet on Russia as the US crisis deepens" in pack
    assert html.escape("Muscat hosts another round of indirect talks and asks both sides for patience.") in pack
    assert 'href="https://gulf-desk.test/oman-channel"' in pack
    assert "Omani mediators carried messages" in pack
    assert "<h3" in pack[older:newer], "the summary's own headings sit one level under the briefing's title"
    toc = re.findall(r'<a href="#([^"]+)" class="md-nav__link">', page(pair_site, urls.pack_page(("iran", "oman"))))
    assert f"{SEED}-title" in toc and f"{SECOND}-title" in toc, "each briefing is in the table of contents"
    # with the pair's timeline, and links that lead where they led from the briefing page
    assert "Shared timeline" in pack and 'class="timeline"' in pack
    assert 'href="../../../countries/russia/"' in pack


def test_the_pack_is_out_of_search_and_nav_and_linked_from_its_pair(pair_site: Path) -> None:
    text = page(pair_site, urls.pack_page(("iran", "oman")))
    assert "data-pagefind-body" not in text, "the pack is left out of search"
    pair = page(pair_site, urls.pair_page(("iran", "oman")))
    link = re.search(r'class="pack-link" href="([^"]+)"', pair)
    assert link, "the pair page links to its pack"
    assert urljoin(f"{SITE_URL}relations/iran--oman/", link.group(1)) == f"{SITE_URL}relations/iran--oman/pack/"
    home = page(pair_site, urls.HOME)
    assert "/pack/" not in home, "the pack is not in the navigation"


def test_a_pair_one_briefing_covers_has_no_pack(pair_site: Path) -> None:
    """Its one briefing's page is the pack: it prints as well."""
    assert not (pair_site / urls.page_path(urls.pack_page(("iran", "russia")))).exists()
    assert "pack-link" not in page(pair_site, urls.pair_page(("iran", "russia")))


def test_each_briefing_page_offers_its_citation(pair_site: Path) -> None:
    text = page(pair_site, urls.page("briefing", SEED))
    found = re.search(r'<pre class="cite-bibtex"><code>(.*?)</code></pre>', text, re.S)
    assert found, "a BibTeX block"
    parser = BibTexParser(common_strings=False)
    parser.ignore_nonstandard_types = False
    entry = bibtexparser.loads(html.unescape(found.group(1)), parser=parser).entries[0]
    assert entry["url"] == f"{SITE_URL}briefings/{SEED}/"
    assert entry["date"] == "2026-02-27"
    csl = re.search(r'<pre class="cite-csl"><code>(.*?)</code></pre>', text, re.S)
    assert csl and json.loads(html.unescape(csl.group(1)))[0]["URL"] == entry["url"]
    assert "Cite this briefing" in text


def test_changes_json_has_the_newest_briefing_of_each_page(pair_site: Path) -> None:
    data = json.loads((pair_site / urls.CHANGES_JSON).read_text(encoding="utf-8"))
    pages = data["pages"]
    assert pages["relations/iran--oman/"] == "2026-03-05"
    assert pages["relations/iran--russia/"] == "2026-02-27"
    assert pages["countries/iran/"] == "2026-03-05"
    assert pages["countries/russia/"] == "2026-02-27"
    assert pages["topics/diplomacy/"] == "2026-03-05"
    assert not any(key.startswith("briefings/") for key in pages)


def test_profile_and_pair_pages_mark_their_briefing_lists_for_the_visit_script(pair_site: Path) -> None:
    for uri in (urls.page("country", "iran"), urls.pair_page(("iran", "oman"))):
        listed = article(page(pair_site, uri))
        marks = listed[listed.index('class="visit-marks"') :]
        assert '<time datetime="2026-03-05">' in marks, uri


def test_a_pack_is_made_again_when_its_pair_is() -> None:
    touched = Changes(frozenset(), frozenset({("pair", "iran--oman")}), frozenset(), frozenset())
    assert touched.touches(("pack", "iran--oman"))
    assert not touched.touches(("pack", "iran--russia"))


def test_moving_a_summary_rewrites_its_links_and_headings() -> None:
    origin, here = "briefings/b.md", "relations/a--b/pack.md"
    text = "\n".join(
        [
            "## Part",
            "See [Iran](../countries/iran.md), [the other](c.md), [an event](#event-1) and [out](https://x.test/a).",
            "```",
            "## not a heading [x](../countries/iran.md)",
            "```",
            "[ref]: ../people/p.md",
            "###### Deepest",
        ]
    )
    assert moved(text, origin, here).split("\n") == [
        "### Part",
        "See [Iran](../../countries/iran.md), [the other](../../briefings/c.md), "
        "[an event](../../briefings/b.md#event-1) and [out](https://x.test/a).",
        "```",
        "## not a heading [x](../countries/iran.md)",
        "```",
        "[ref]: ../../people/p.md",
        "###### Deepest",
    ]


def test_a_pack_gives_the_latest_briefings_in_full_and_lists_the_older() -> None:
    """However many briefings cover a pair, its pack holds only the latest `Limits.pack_full` in full (its
    size and cost stay bounded); the older ones are listed with links, newest first."""
    import tempfile

    from generator.content.project import Project, read_project
    from generator.graph.index import build_index
    from generator.site.links import Linker
    from generator.site.pack import pack_view
    from generator.site.views import Limits, Views
    from tests.sites import make_project, with_second_briefing

    with tempfile.TemporaryDirectory() as tmp:
        corpus, problems = read_project(Project.at(with_second_briefing(make_project(Path(tmp) / "p"))))
    assert not [p for p in problems if p.severity == "error"]
    index = build_index(corpus)
    info = index.pairs[("iran", "oman")]
    here = urls.pack_page(("iran", "oman"))
    for full, whole, listed in ((12, [SEED, SECOND], []), (1, [SECOND], [SEED])):
        view = pack_view(Views(index, Limits(pack_full=full)), Linker(corpus, here), info)
        assert [b.anchor for b in view.briefings] == whole
        assert [href.rstrip("/").rsplit("/", 1)[-1] for _, _, href in view.earlier] == listed
