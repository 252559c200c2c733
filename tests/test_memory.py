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
