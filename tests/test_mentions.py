from __future__ import annotations

import dataclasses
import datetime as dt

from generator.content.entities import Briefing, Corpus
from generator.graph.mentions import find_mentions, link_body
from generator.graph.related import MAX_RELATED, related_briefings
from tests.sites import seed_corpus


def corpus() -> Corpus:
    return seed_corpus()


def seed(c: Corpus) -> Briefing:
    return c.briefings[0]


def with_body(b: Briefing, body: str) -> Briefing:
    return dataclasses.replace(b, body=body)


def linked(c: Corpus, b: Briefing) -> str:
    found = find_mentions(b, c)
    return link_body(b.body, found, {m.entity: f"/{m.entity[0]}/{m.entity[1]}" for m in found})


def test_first_mention_only_is_linked() -> None:
    c = corpus()
    out = linked(c, with_body(seed(c), "Andrei Rudenko spoke. Later Rudenko spoke again."))
    assert out == "[Andrei Rudenko](/person/andrei-rudenko) spoke. Later Rudenko spoke again."


def test_never_inside_code_headings_links_or_quotes() -> None:
    c = corpus()
    body = "\n".join(
        [
            "## Russia and Iran",
            '`Russia` in code, [Russia](https://example.org) linked, “Russia” quoted, "Iran" too.',
            "> Russia in a block quote.",
            "```",
            "Russia in a fence",
            "```",
            "Then Russia in prose.",
        ]
    )
    out = linked(c, with_body(seed(c), body))
    assert out.count("](/country/russia)") == 1
    assert out.endswith("Then [Russia](/country/russia) in prose.")
    assert "## Russia and Iran" in out and "`Russia`" in out


def test_word_boundaries_and_longest_name_first() -> None:
    c = corpus()
    out = linked(c, with_body(seed(c), "Russias and Irania are not names; the State Duma is."))
    assert out == "Russias and Irania are not names; the [State Duma](/organization/state-duma) is."


def test_demonyms_only_where_the_country_file_lists_them() -> None:
    c = corpus()
    assert "Omani" not in c.countries["oman"].demonyms
    out = linked(c, with_body(seed(c), "An Iranian envoy met an Omani one."))
    assert out == "An [Iranian](/country/iran) envoy met an Omani one."


def test_backlink_sentence_is_the_one_around_the_mention() -> None:
    c = corpus()
    found = {m.entity: m for m in find_mentions(seed(c), c)}
    sentence = found[("person", "andrei-rudenko")].sentence
    assert sentence.startswith("In April, Deputy Foreign Minister Andrei Rudenko told the State Duma")
    assert sentence.endswith("attacked it.")


def test_deterministic() -> None:
    c = corpus()
    assert find_mentions(seed(c), c) == find_mentions(seed(c), c)


def make(slug: str, day: int, countries: tuple[str, ...], people: tuple[str, ...] = ()) -> Briefing:
    return Briefing(
        slug,
        f"content/briefings/{slug}.md",
        slug,
        dt.date(2025, 1, 1) + dt.timedelta(days=day),
        None,
        "dek",
        (),
        {"country": countries, "person": people},
        (),
        (),
        (),
        "body",
    )


def test_related_prefers_shared_people_then_countries_with_stable_ties() -> None:
    items = [
        make("a", 0, ("iran", "russia"), ("x",)),
        make("b", 1, ("iran",)),
        make("c", 2, ("china",), ("x",)),
        make("d", 3, ("iran",)),
        make("e", 4, ("peru",)),
    ]
    related = related_briefings(items)
    assert [b.slug for b in related["a"]] == ["c", "b", "d"]
    assert [b.slug for b in related["e"]] == []
    assert related == related_briefings(items)


def test_related_is_capped() -> None:
    items = [make(f"b{i:03}", i, ("iran",)) for i in range(50)]
    related = related_briefings(items)
    assert all(len(v) == MAX_RELATED for v in related.values())
    assert [b.slug for b in related["b025"]][:2] in (["b024", "b026"], ["b026", "b024"])
