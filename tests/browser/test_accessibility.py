"""axe-core on every page type: no serious or critical violation.

Violations the product is known to have are listed in KNOWN, each with a strict xfail test that
turns red once the product is fixed; the per-page test ignores only those exact (rule, element)
pairs, so any new violation still fails it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

from .helpers import PAGES, describe_violations

if TYPE_CHECKING:
    from .conftest import Visits

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Known:
    name: str
    rule: str
    target: str  # regular expression over the element's CSS selector as axe reports it
    reason: str

    def covers(self, rule: str, node: dict[str, Any]) -> bool:
        selector = " ".join(map(str, node["target"]))
        return rule == self.rule and re.search(self.target, selector) is not None


KNOWN: list[Known] = [
    # Fixed, with the test that showed each: search-dialog-name (partials/search.html override),
    # tabs-contrast and footer-contrast (briefing.css), links-in-text (underlined links).
]


def split(violations: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    """(violations with only their unexpected elements, known name -> elements it covers)."""
    unexpected: list[dict[str, Any]] = []
    known: dict[str, list[str]] = {k.name: [] for k in KNOWN}
    for v in violations:
        nodes = []
        for node in v["nodes"]:
            match = next((k for k in KNOWN if k.covers(v["id"], node)), None)
            if match:
                known[match.name].append(" ".join(map(str, node["target"])))
            else:
                nodes.append(node)
        if nodes:
            unexpected.append({**v, "nodes": nodes})
    return unexpected, known


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violations(visits: Visits, name: str) -> None:
    visit = visits.get(name)
    assert visit.violations is not None
    unexpected, _ = split(visit.violations)
    assert not unexpected, f"axe on {visit.url}:\n{describe_violations(unexpected)}"


@pytest.mark.parametrize(
    "known", [pytest.param(k, id=k.name, marks=pytest.mark.xfail(strict=True, reason=k.reason)) for k in KNOWN]
)
def test_known_violation_is_fixed(visits: Visits, known: Known) -> None:
    found = {}
    for name in PAGES:
        visit = visits.get(name)
        assert visit.violations is not None
        elements = split(visit.violations)[1][known.name]
        if elements:
            found[name] = elements
    assert not found, f"{known.rule} still on: " + "; ".join(f"{n}: {els[:3]}" for n, els in found.items())
