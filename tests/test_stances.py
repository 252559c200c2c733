"""The stance tracker's collector (generator/graph/stances.py): a pair's stance month by month, what
changed against the month before, since when the current stance holds, and each month's changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.content.entities import RelationItem
from generator.content.models import STANCES
from generator.content.siteconf import load_site_data
from generator.graph.stances import collect_stances, direction, stance_history
from tests.sites import ROOT

ORDER = ("hostile", "strained", "mixed", "cooperative")
PAIR = ("iran", "russia")


def rel(day: str, stance: str, briefing: str | None = None) -> RelationItem:
    return RelationItem(briefing or f"b-{day}", PAIR, stance, "A note.", dt.date.fromisoformat(day))


# (entries as (day, stance[, briefing]), in the order given; expected months as
#  (YYYY-MM, stance, change, briefing behind it); expected (since, since_briefing))
CASES = {
    "one entry is new": (
        [("2026-02-27", "strained")],
        [("2026-02", "strained", "new", "b-2026-02-27")],
        ("2026-02-27", "b-2026-02-27"),
    ),
    "entries given out of order are read by date": (
        [("2026-02-27", "strained"), ("2025-12-10", "cooperative")],
        [("2025-12", "cooperative", "new", "b-2025-12-10"), ("2026-02", "strained", "deteriorated", "b-2026-02-27")],
        ("2026-02-27", "b-2026-02-27"),
    ),
    "a better stance is improved": (
        [("2025-01-05", "hostile"), ("2025-03-01", "mixed")],
        [("2025-01", "hostile", "new", "b-2025-01-05"), ("2025-03", "mixed", "improved", "b-2025-03-01")],
        ("2025-03-01", "b-2025-03-01"),
    ),
    "the same stance is unchanged, and the stance holds since its first entry": (
        [("2025-01-05", "hostile"), ("2025-02-01", "strained"), ("2025-04-09", "strained")],
        [
            ("2025-01", "hostile", "new", "b-2025-01-05"),
            ("2025-02", "strained", "improved", "b-2025-02-01"),
            ("2025-04", "strained", "unchanged", "b-2025-04-09"),
        ],
        ("2025-02-01", "b-2025-02-01"),
    ),
    "a month counts by its last entry; the briefing behind it is the first that gave that stance": (
        [("2025-01-05", "cooperative"), ("2025-02-02", "hostile"), ("2025-02-10", "mixed"), ("2025-02-20", "mixed")],
        [("2025-01", "cooperative", "new", "b-2025-01-05"), ("2025-02", "mixed", "deteriorated", "b-2025-02-10")],
        ("2025-02-10", "b-2025-02-10"),
    ),
    "a stance that leaves and comes back within a month is unchanged, and holds since its return": (
        [("2025-01-05", "strained"), ("2025-02-02", "hostile"), ("2025-02-20", "strained")],
        [("2025-01", "strained", "new", "b-2025-01-05"), ("2025-02", "strained", "unchanged", "b-2025-02-20")],
        ("2025-02-20", "b-2025-02-20"),
    ),
    "two briefings of one day are read in the order of their slugs": (
        [("2025-05-05", "hostile", "b"), ("2025-05-05", "cooperative", "a")],
        [("2025-05", "hostile", "new", "b")],
        ("2025-05-05", "b"),
    ),
    "two entries of one briefing are read in the briefing's order": (
        [("2025-05-05", "cooperative", "a"), ("2025-05-05", "hostile", "a")],
        [("2025-05", "hostile", "new", "a")],
        ("2025-05-05", "a"),
    ),
    "months without entries are left out, and compared across": (
        [("2024-11-30", "mixed"), ("2026-01-01", "strained")],
        [("2024-11", "mixed", "new", "b-2024-11-30"), ("2026-01", "strained", "deteriorated", "b-2026-01-01")],
        ("2026-01-01", "b-2026-01-01"),
    ),
}


@pytest.mark.parametrize("entries, months, since", CASES.values(), ids=CASES.keys())
def test_a_pairs_history(
    entries: list[tuple[str, ...]], months: list[tuple[str, str, str, str]], since: tuple[str, str]
) -> None:
    history = stance_history(PAIR, [rel(*e) for e in entries], ORDER)
    assert history is not None
    got = [(f"{m.month[0]}-{m.month[1]:02d}", m.stance, m.change, m.briefing) for m in history.months]
    assert got == months
    assert (history.since.isoformat(), history.since_briefing) == since
    assert history.stance == months[-1][1]


def test_no_entries_no_history() -> None:
    assert stance_history(PAIR, [], ORDER) is None


@pytest.mark.parametrize(
    "before, after, expected",
    [
        (None, "hostile", "new"),
        ("hostile", "hostile", "unchanged"),
        ("hostile", "cooperative", "improved"),
        ("mixed", "strained", "deteriorated"),
        ("strained", "mixed", "improved"),
        ("cooperative", "hostile", "deteriorated"),
    ],
)
def test_direction_follows_the_order(before: str | None, after: str, expected: str) -> None:
    assert direction(before, after, ORDER) == expected


def test_without_an_order_a_different_stance_is_only_changed() -> None:
    assert direction("hostile", "cooperative", ()) == "changed"
    assert direction("hostile", "hostile", ()) == "unchanged"


def test_the_order_decides_the_direction() -> None:
    assert direction("hostile", "cooperative", tuple(reversed(ORDER))) == "deteriorated"


def test_each_month_lists_its_changes_worse_first_then_by_pair() -> None:
    def on(pair: tuple[str, str], day: str, stance: str) -> RelationItem:
        return RelationItem(f"{pair[0]}-{day}", pair, stance, "", dt.date.fromisoformat(day))

    a, b, c = ("china", "iran"), ("iran", "russia"), ("iran", "oman")
    tracker = collect_stances(
        {
            a: [on(a, "2026-01-03", "mixed"), on(a, "2026-02-03", "cooperative")],
            b: [on(b, "2025-12-10", "cooperative"), on(b, "2026-02-27", "strained")],
            c: [on(c, "2026-02-01", "cooperative")],  # new in February: not a change
        },
        ORDER,
    )
    assert list(tracker.months) == [(2026, 2)]
    assert tracker.latest == (2026, 2)
    assert [(x.pair, x.before, x.after, x.change) for x in tracker.months[(2026, 2)]] == [
        (b, "cooperative", "strained", "deteriorated"),
        (a, "mixed", "cooperative", "improved"),
    ]
    assert list(tracker.histories) == sorted([a, b, c])


def test_no_change_no_latest_month() -> None:
    tracker = collect_stances({PAIR: [rel("2026-02-27", "strained")]}, ORDER)
    assert tracker.months == {} and tracker.latest is None


@given(st.lists(st.tuples(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)), st.sampled_from(ORDER)), min_size=1))
def test_the_history_agrees_with_the_entries(entries: list[tuple[dt.date, str]]) -> None:
    relations = [RelationItem(f"b{i}", PAIR, s, "", d) for i, (d, s) in enumerate(entries)]
    history = stance_history(PAIR, relations, ORDER)
    assert history is not None
    ordered = sorted(relations, key=lambda r: (r.date, r.briefing))
    assert history.stance == ordered[-1].stance
    assert len(history.months) == len({(r.date.year, r.date.month) for r in relations})
    assert all(x.month < y.month for x, y in zip(history.months, history.months[1:], strict=False))
    for before, now in zip(history.months, history.months[1:], strict=False):
        assert now.before == before.stance
        assert now.change == direction(before.stance, now.stance, ORDER)
    # every entry from `since` on has the current stance, and the one before it (if any) does not
    later = [r for r in ordered if (r.date, r.briefing) >= (history.since, history.since_briefing)]
    assert all(r.stance == history.stance for r in later)
    earlier = ordered[: len(ordered) - len(later)]
    assert not earlier or earlier[-1].stance != history.stance


# --- the order of stances, site_config/stances.yml: untrusted, checked, problems at their lines ---------


def stance_problems(tmp_path: Path, text: str | None) -> tuple[tuple[str, ...], list[str]]:
    site = tmp_path / "site_config"
    site.mkdir()
    if text is not None:
        (site / "stances.yml").write_text(text, encoding="utf-8")
    data, problems = load_site_data(site, tmp_path)
    return data.stances, [p.text() for p in problems]


def test_the_repository_orders_every_stance() -> None:
    data, problems = load_site_data(ROOT / "site_config", ROOT)
    assert [p for p in problems if p.path.endswith("stances.yml")] == []
    assert sorted(data.stances) == sorted(STANCES)


WRONG = {
    "an unknown stance": (
        "- hostile\n- strained\n- friendly\n- mixed\n- cooperative\n",
        "site_config/stances.yml:3:3: error: 2: 'friendly' is not a stance; the stances are 'cooperative', "
        "'strained', 'hostile' and 'mixed'",
    ),
    "a stance twice": (
        "- hostile\n- strained\n- mixed\n- strained\n- cooperative\n",
        "site_config/stances.yml:4:3: error: 3: 'strained' is listed twice (also entry 2); keep one",
    ),
    "a stance left out": (
        "- hostile\n- strained\n- cooperative\n",
        "site_config/stances.yml:1:1: error: does not list 'mixed'; list every stance once, from the worst to the best",
    ),
    "not a word": (
        "- hostile\n- {strained: 1}\n- mixed\n- cooperative\n",
        "site_config/stances.yml:2:3: error: 1: must be a stance written as a word, one of 'cooperative', "
        "'strained', 'hostile' and 'mixed'",
    ),
    "not a list": (
        "hostile: 1\n",
        "site_config/stances.yml:1:1: error: must be a list of stances, from the worst to the best ('- hostile')",
    ),
    "a YAML tag": ("- !!python/object:os.system hostile\n", "site_config/stances.yml:1:3: error: "),
    "no file": (None, "site_config/stances.yml:1:1: error: does not list 'cooperative', 'strained', 'hostile' and"),
}


@pytest.mark.parametrize("text, expected", WRONG.values(), ids=WRONG.keys())
def test_a_wrong_order_is_reported_at_its_line_and_orders_nothing(
    tmp_path: Path, text: str | None, expected: str
) -> None:
    order, problems = stance_problems(tmp_path, text)
    assert any(p.startswith(expected) for p in problems), problems
    assert order == ()


def test_any_order_of_every_stance_is_accepted(tmp_path: Path) -> None:
    order, problems = stance_problems(tmp_path, "".join(f"- {s}\n" for s in reversed(ORDER)))
    assert problems == [] and order == tuple(reversed(ORDER))


@given(st.text(alphabet=st.sampled_from("- :{}[]\n'\"&*!#|>ab01\u202e<"), max_size=120))
def test_any_stances_yml_gives_problems_never_a_traceback(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    site = tmp_path_factory.mktemp("site_config")
    (site / "stances.yml").write_text(text, encoding="utf-8")
    data, problems = load_site_data(site, site.parent)
    assert problems and all(p.path.endswith("stances.yml") for p in problems)  # no such text lists every stance
    assert data.stances == ()
