"""The page templates stay thin: each reads one page view (`v`), never the index or the corpus, and its
lines stay short enough to read."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import meta

from generator.site.render import environment
from tests.sites import ROOT

TEMPLATES = ROOT / "site_config/templates"
PAGES = sorted(p for p in TEMPLATES.glob("*.html.j2") if p.name != "_macros.html.j2")
GLOBALS = {"v", "body_slot"}  # the page's view, and where its contributor Markdown goes


@pytest.mark.parametrize("path", PAGES, ids=[p.name for p in PAGES])
def test_a_page_template_reads_only_its_view(path: Path) -> None:
    env = environment(TEMPLATES)
    names = meta.find_undeclared_variables(env.parse(path.read_text(encoding="utf-8")))
    assert names <= GLOBALS, f"{path.name} reads {sorted(names - GLOBALS)} besides its view"


def test_the_macros_read_only_their_arguments() -> None:
    env = environment(TEMPLATES)
    source = (TEMPLATES / "_macros.html.j2").read_text(encoding="utf-8")
    assert meta.find_undeclared_variables(env.parse(source)) == set()


def test_the_check_sees_a_template_that_reaches_for_the_graph(tmp_path: Path) -> None:
    env = environment(tmp_path)
    names = meta.find_undeclared_variables(env.parse("{{ index.newest|length }} {{ v.title }}"))
    assert names == {"index", "v"}


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("*.j2")), ids=lambda p: p.name)
def test_template_lines_are_short(path: Path) -> None:
    long = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if len(line) > 160]
    assert long == [], f"{path.name}: lines {long} are over 160 characters"
