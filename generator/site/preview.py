"""The live preview's answer to broken content: the problems, in the terminal and in the browser.

`briefing serve` keeps serving while content has problems. Each rebuild prints every problem as
`path:line:column: error: ...`, and every page of the preview shows the same list in place of its
text, so the browser tab a contributor is looking at turns into the list and, once the file is
fixed, back into the page (live reload fetches both). A published build never gets here: there a
problem fails the build.
"""

from __future__ import annotations

import html
import sys
from collections.abc import Iterable
from typing import Any, TextIO

from ..content.problems import Problem

TITLE = "Content problems"


def problems_html(problems: list[Problem]) -> str:
    lines = "\n".join(html.escape(p.text()) for p in problems)
    n = len(problems)
    return (
        f'<div class="briefing-problems" role="alert">\n<h1>{TITLE}</h1>\n'
        f"<p>The preview cannot show the site: <code>briefing check</code> finds {n} "
        f"problem{'s' if n != 1 else ''}. Fix {'them' if n != 1 else 'it'} and save; this page "
        f"reloads by itself.</p>\n<pre><code>{lines}</code></pre>\n</div>\n"
    )


def problems_page(problems: list[Problem]) -> str:
    """A page's Markdown while content is broken (raw HTML: Markdown leaves it as it is)."""
    return f"---\ntitle: {TITLE}\nsearch:\n  exclude: true\n---\n\n{problems_html(problems)}"


def report(problems: list[Problem], out: TextIO | None = None) -> None:
    """Print every problem, as `briefing check` does, for the terminal running the preview."""
    stream = out or sys.stderr
    print(f"briefing: {len(problems)} problem(s) in content; the preview shows them until they are fixed:", file=stream)
    for problem in problems:
        print(problem.text(), file=stream)
    stream.flush()


def nav_pages(nav: Any) -> Iterable[str]:
    """The page paths an mkdocs.yml `nav` names (strings ending in .md, at any depth)."""
    if isinstance(nav, str):
        if nav.endswith(".md") and "://" not in nav:
            yield nav
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from nav_pages(value)
    elif isinstance(nav, list):
        for item in nav:
            yield from nav_pages(item)
