"""Hostile but valid contributions: never evaluated as a template, never running script."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.sites import briefing_cli, mkdocs_build

HOSTILE = """---
title: "Sums like {{ 7*7 }} and {% raw %}tags{% endraw %} stay text"
date: 2026-03-01
dek: 'A dek with "quotes" that try to end an attribute" onmouseover="alert(1)'
sources:
  - publisher: "Evil & Co {{ config }}"
    url: "https://news.test/a?b=1&c=\\"><script>alert(1)</script>"
    published: 2026-03-01
countries: [iran]
events:
  - date: 2026-03
    title: "{{ self.__init__.__globals__ }} as an event title"
    countries: [iran]
---

Iran appears with {{ 7*7 }} and {% if true %}a block{% endif %} in the body.
A link with a title that tries to break out: [x](https://example.org "a\\" onclick=\\"alert(1)").
Code keeps `<script>alert(1)</script>` as text.
"""


@pytest.mark.slow
def test_hostile_briefing_builds_as_plain_text(project: Callable[..., Path], tmp_path: Path) -> None:
    root = project()
    (root / "content/briefings/hostile.md").write_text(HOSTILE)
    check = briefing_cli("--root", str(root), "check")
    assert check.exit_code == 0, check.output
    out = tmp_path / "site"
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr[-2000:]
    page = (out / "briefings/hostile/index.html").read_text()
    assert "{{ 7*7 }}" in page and ">49<" not in page and " 49 " not in page
    assert "{% if true %}" in page or "{% if true %}".replace("%", "&#37;") in page
    assert "__globals__" in page and "<function" not in page
    assert not re.search(r"<[a-z]+[^>]*\son(?:mouseover|click)=[\"']", page), "an event handler got through"
    scripts = re.findall(r"<script\b[^>]*>", page)
    calm = (out / "briefings/2026-02-27-iran-rethinks-its-bet-on-russia/index.html").read_text()
    assert len(scripts) == len(re.findall(r"<script\b[^>]*>", calm))
    description = re.search(r'<meta name="description" content="([^"]*)"', page)
    assert description and "onmouseover" in description.group(1)  # still inside the attribute
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
