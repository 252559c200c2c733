"""generator/site/memory.py: page content held compressed reads as the text it holds."""

from __future__ import annotations

import jinja2
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
