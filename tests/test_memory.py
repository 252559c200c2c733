"""generator/site/memory.py: page content held compressed reads as the text it holds."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import jinja2
import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.site.memory import HeldContent

HTML = '<h1 id="iran">Iran – ایران</h1><p>Tehran &amp; “Moscow”</p>'


@given(st.text())
def test_held_content_gives_back_every_text(text: str) -> None:
    assert str(HeldContent(text)) == text


def test_held_content_is_smaller_and_reads_as_text_in_templates() -> None:
    page = HTML * 200
    held = HeldContent(page)
    assert len(held.packed) < len(page.encode()) / 10
    assert "<h1" in held and "<h2" not in held  # the theme's test for a page's own title
    for autoescape in (True, False):
        env = jinja2.Environment(autoescape=autoescape)
        out = env.from_string('{% if "<h1" not in c %}<h1>T</h1>{% endif %}{{ c }}').render(c=held)
        assert out == page  # written as it is, never escaped, and no title added


def test_a_build_keeps_its_generated_site_out_of_the_collectors_reach_until_it_ends(
    seed_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From the generated site's making until the build ends, the objects made so far are frozen (so the
    collections MkDocs sets off do not walk them); after the build, and after a failed one, none is."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator import plugin

    frozen: list[int] = []
    on_env = plugin.BriefingPlugin.on_env

    def probe(self: plugin.BriefingPlugin, env: jinja2.Environment, /, **kwargs: Any) -> jinja2.Environment:
        frozen.append(gc.get_freeze_count())
        return on_env(self, env, **kwargs)

    monkeypatch.setattr(plugin.BriefingPlugin, "on_env", probe)
    gc.unfreeze()
    config = load_config(str(seed_project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    assert frozen[0] > 10_000 and gc.get_freeze_count() == 0

    def fail(self: plugin.BriefingPlugin, env: jinja2.Environment, /, **kwargs: Any) -> jinja2.Environment:
        raise RuntimeError("a build that breaks after the site is generated")

    monkeypatch.setattr(plugin.BriefingPlugin, "on_env", fail)
    config = load_config(str(seed_project / "mkdocs.yml"), site_dir=str(tmp_path / "broken"))
    config.plugins.on_startup(command="build", dirty=False)
    with pytest.raises(RuntimeError):
        build(config)
    assert gc.get_freeze_count() == 0


def _built_pages(project: Path, site: Path, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Build `project` into `site` in this process; MkDocs' generated pages as they are once all are written."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.structure.pages import Page as MkPage

    from generator import plugin

    pages: list[Any] = []
    post_build = plugin.BriefingPlugin.on_post_build

    def probe(self: plugin.BriefingPlugin, *, config: Any) -> None:
        pages.extend(o for o in gc.get_objects() if isinstance(o, MkPage) and o.file.src_uri in self.pages)
        post_build(self, config=config)

    monkeypatch.setattr(plugin.BriefingPlugin, "on_post_build", probe)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    monkeypatch.setattr(plugin.BriefingPlugin, "on_post_build", post_build)
    return pages


def test_a_build_with_no_other_plugin_drops_what_only_the_theme_reads_once_a_page_is_written(
    seed_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no other plugin, a generated page's table of contents is read from its HTML right before the theme
    renders it, and its content, table of contents and head data are dropped once it is written (MkDocs keeps
    them until the build ends). With another plugin, which could read them later, they are kept. Both builds
    publish the same pages, byte for byte, headings listed in each page's table of contents included."""
    import re

    from generator import plugin

    lean = _built_pages(seed_project, tmp_path / "lean", monkeypatch)
    assert lean, "the probe saw the generated pages"
    for page in lean:
        assert page.content is None and page.toc is plugin.TOC_DROPPED, page.file.src_uri
        assert "briefing_head" not in page.meta and "briefing_search" not in page.meta

    monkeypatch.setattr(plugin, "_only_plugin", lambda config: False)
    kept = _built_pages(seed_project, tmp_path / "kept", monkeypatch)
    assert {p.file.src_uri for p in kept} == {p.file.src_uri for p in lean}
    assert all(p.content is not None and p.toc is not plugin.TOC_DROPPED for p in kept)
    assert any(len(p.toc.items) for p in kept), "the kept tables of contents are the pages' own"

    listed = 0
    for page in lean:
        out = Path(page.file.abs_dest_path).relative_to(tmp_path / "lean")
        published = (tmp_path / "lean" / out).read_text(encoding="utf-8")
        assert published == (tmp_path / "kept" / out).read_text(encoding="utf-8"), out
        article = published.split("<article", 1)[1]
        headings = re.findall(r'<h[2-6] id="([^"]+)"[^>]*>.*?<a class="headerlink"', article, re.S)
        toc = re.findall(r'<a href="#([^"]+)" class="md-nav__link">', published.split("<article", 1)[0])
        assert list(dict.fromkeys(toc)) == headings, out  # listed twice: the sidebar's and the phone menu's
        listed += len(headings)
    assert listed > 0, "some page lists headings"


@given(
    st.dictionaries(st.tuples(st.text(max_size=8), st.integers(0, 9)), st.tuples(st.integers(1), st.integers(1))),
    st.lists(st.text(), max_size=5).map(tuple),
)
def test_packed_positions_give_back_what_they_held(values: dict[Any, Any], lines: tuple[str, ...]) -> None:
    import pickle

    from generator.content.load import Positions

    positions = Positions(values, dict(reversed(values.items())), lines)
    positions.pack()
    assert positions.tables() == (values, dict(reversed(values.items())), lines)
    again = pickle.loads(pickle.dumps(positions))
    assert again._tables is None, "pickled packed, opened only when asked"
    assert again == positions


def test_a_remembered_document_whose_positions_are_packed_points_at_its_problem_as_a_fresh_read_does(
    project: Any,
) -> None:
    """A build packs the positions of the documents it keeps for the next build (and drops the front-matter
    models it parsed, which the next build's state leaves out); when the next one finds a
    problem in an unchanged document (a person it names was removed), the problem is where a build that read
    the file afresh puts it."""
    from generator.build import Memory, generate
    from generator.content.load import RawDocument
    from generator.content.problems import ContentError
    from generator.content.project import Project

    root = project()
    memory = Memory()
    generate(Project.at(root), memory=memory, compact=True)
    docs = [d for d in memory.files.values() if isinstance(d, RawDocument)]
    assert docs and all(d.where._tables is None for d in docs), "every remembered document is packed"
    assert memory.checks and all(what != "model" for what, _, _ in memory.checks), "no parsed model kept"

    (root / "content" / "people" / "andrei-rudenko.md").unlink()
    problems = []
    for memo in (memory, None):
        with pytest.raises(ContentError) as raised:
            generate(Project.at(root), memory=memo)
        problems.append([(p.path, p.line, p.column, p.message, p.fixes) for p in raised.value.problems])
    assert problems[0] == problems[1] and any("andrei-rudenko" in p[3] for p in problems[0])
    assert all(p[1] > 1 for p in problems[0]), "each problem points at its line"


def test_a_generated_file_gives_its_pages_source_when_read_and_what_was_set_after(tmp_path: Path) -> None:
    """MkDocs reads a generated page's source from the page (not a copy kept beside it); content set on the
    file afterwards (as another plugin may) is what it gives from then on."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import InclusionLevel

    from generator.site.rebuild import GeneratedFile
    from generator.site.render import Page

    (tmp_path / "docs").mkdir()
    config = MkDocsConfig()
    config.load_dict({"site_name": "t", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")})
    assert config.validate() == ([], [])
    config.plugins._current_plugin = "briefing"  # as MkDocs sets it while a plugin's event runs
    page = Page("countries/iran.md", "title: Iran\n", "<p>x</p>", body="Body *text* – ایران")
    file = GeneratedFile.of(config, page, InclusionLevel.NOT_IN_NAV)
    assert file._content == "", "no copy of the source is kept"
    assert file.content_string == page.source and file.content_bytes == page.source.encode()
    file.content_string = "---\ntitle: Other\n---\n"
    assert file.content_string == "---\ntitle: Other\n---\n" and file.made is None
    file.content_bytes = b"bytes"
    assert file.content_string == "bytes"
