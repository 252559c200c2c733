"""Bounded work, and `check` passes => the build passes: properties over adversarial and mutated content.

- Whatever shape a body takes (long runs of '`', '<', '[', '![', '*', '_', nesting), `briefing check`
  answers in under 2 s, and when it accepts the file, the build's work on it (rendering, Python-Markdown,
  sanitising, the page guard) takes under 2 s too.
- Whatever links, anchors, headings and markup a body holds, if `briefing check` accepts it, the strict
  build passes: every problem the build could raise from content is found by check first.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.build import generate
from generator.content.project import Project, read_project
from generator.site.guard import unsafe_markup
from generator.site.sanitize import clean
from tests.sites import make_project

pytestmark = pytest.mark.slow

SEED = "2026-02-27-iran-rethinks-its-bet-on-russia"
SLUG = "2026-03-01-mutant"
LIMIT_SECONDS = 2.0


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The seed fixture as a project, with the Full-text index off (it is not what these tests measure)."""
    path = make_project(tmp_path_factory.mktemp("bounds") / "project")
    config = path / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      content_dir: content\n", "      content_dir: content\n      pagefind: false\n"
        ),
        encoding="utf-8",
    )
    yield path


def with_body(root: Path, body: str) -> Path:
    """The seed briefing under another name, with body as its summary."""
    seed = (root / "content/briefings" / f"{SEED}.md").read_text(encoding="utf-8")
    front = seed.split("\n---\n", 1)[0] + "\n---\n"
    path = root / "content/briefings" / f"{SLUG}.md"
    path.write_text(front + "\n" + body + "\n", encoding="utf-8")
    return path


def site_markdown() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["attr_list", "md_in_html", "tables", "admonition", "toc"],
        extension_configs={"toc": {"permalink": True}},
    )


# --- bounded work -------------------------------------------------------------------------------

UNITS = [
    "`",
    "``",
    "<",
    "<a ",
    "< ",
    "[",
    "![",
    "](",
    "[a](",
    "[a]",
    "*",
    "_",
    "**",
    "__",
    "*_",
    "\\",
    "&",
    "&#",
    "[[",
    "]]",
    "(",
    ")",
    "<http://",
    "“",
    '"',
    "~",
    "|",
    "-",
    ":",
    "{",
    "}",
    "!",
    "#",
    "> ",
]


@st.composite
def adversarial_body(draw: st.DrawFn) -> str:
    paragraphs = []
    for _ in range(draw(st.integers(1, 3))):
        parts = []
        size = 0
        for _ in range(draw(st.integers(1, 4))):
            unit = draw(st.sampled_from(UNITS))
            run = draw(st.integers(1, max(1, (3900 - size) // len(unit))))
            if size + run * len(unit) > 3900:
                break
            parts.append(unit * run + draw(st.sampled_from(["", " ", " word ", "a"])))
            size += run * len(unit) + 6
        paragraphs.append("".join(parts) or "text")
    return "\n\n".join(paragraphs)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(body=adversarial_body())
@example(body="`" * 3900)
@example(body="<" * 3900)
@example(body="[" * 60 + "a" * 3800)
@example(body="![" * 30 + "x" * 3800)
@example(body="\n\n".join("[" * 40 + "x " * 1900 for _ in range(5)))  # at the limits: 200 '[', 4,000 a paragraph
@example(body="\n\n".join("[" * 59 + "x " * 1900 for _ in range(20)))  # past them: check refuses it
def test_check_and_the_build_stay_fast_on_any_shape(root: Path, body: str) -> None:
    path = with_body(root, body)
    try:
        start = time.perf_counter()
        _, problems = read_project(Project.at(root))
        checked = time.perf_counter() - start
        assert checked < LIMIT_SECONDS, f"check took {checked:.2f} s"
        if problems:
            return
        start = time.perf_counter()
        pages = {p.uri: p for p in generate(Project.at(root)).pages}
        page = pages[f"briefings/{SLUG}.md"]
        html = clean(page.with_body(site_markdown().convert(page.body)))
        assert unsafe_markup(html) == []
        built = time.perf_counter() - start
        assert built < LIMIT_SECONDS, f"the build's work on the page took {built:.2f} s"
    finally:
        path.unlink()


# --- check passes => the build passes -----------------------------------------------------------

TARGETS = [
    "../countries/iran.md",
    "../countries/peru.md",
    "../people/andrei-rudenko.md",
    "../people/nobody.md",
    "../organizations/state-duma.md",
    "../topics/diplomacy.md",
    "../topics/trade.md",
    "../relations/iran--russia.md",
    "../relations/iran--peru.md",
    f"../briefings/{SEED}.md",
    f"{SEED}.md",
    f"./{SEED}.md",
    "../briefings/missing.md",
    "../about.md",
    "../format.md",
    "../missing.md",
    "../index.md",
    "../timeline.md",
    "../briefings/index.md",
    "../briefings/2026.md",
    "../countries/iran.md#x",
    f"../briefings/{SEED}.md#event-1",
    "#event-1",
    "#event-14",
    "#event-40",
    "#background",
    "#the-big-deal",
    "#sources",
    "#",
    "",
    "https://example.org/x",
    "mailto:a@example.org",
    "/countries/iran/",
    "//evil.example/x",
    "javascript:alert(1)",
    "../countries/iran",
    "../countries/iran/",
    "<../countries/iran.md>",
    "iran.md",
    "../countries/IRAN.md",
    "../countries/iran.md?x=1",
    "../../x.md",
    "..",
    "../data/briefings.json",
    "%2e%2e/countries/iran.md",
    "../countries/iran.md%23x",
    "HTTPS://EXAMPLE.ORG",
]
WORDS = ["Iran", "Russia", "talks", "the", "Rudenko", "said", "State Duma", "and", "[", "]", "(", ")", "*", "_", "`"]


@st.composite
def mutated_body(draw: st.DrawFn) -> str:
    blocks = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["text", "link", "heading", "definition", "nested", "code"]))
        words = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6)))
        target = draw(st.sampled_from(TARGETS))
        if kind == "link":
            blocks.append(f"{words} [{words}]({target}) {words}.")
        elif kind == "nested":
            blocks.append(f"See [a [b] c]({target}) and [x]({draw(st.sampled_from(TARGETS))}).")
        elif kind == "heading":
            blocks.append(
                draw(
                    st.sampled_from(
                        [
                            "## Background",
                            "## The *big* deal",
                            "### Sources",
                            "## [x](y)",
                            "## Background",
                            "#### Event 1",
                        ]
                    )
                )
            )
        elif kind == "definition":
            blocks.append(f"[ref]: {target}\n\nAs [the report][ref] says.")
        elif kind == "code":
            blocks.append(f"`[x]({target})` and ``[y](../nowhere.md)``")
        else:
            blocks.append(words + ".")
    return "\n\n".join(blocks)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(body=mutated_body())
@example(body="See [a [b] c](../countries/peru.md).")
@example(body="[ref]: ../nowhere.md\n\nAs [the report][ref] says.")
@example(body="## Background\n\nBack to [the start](#background), [an event](#event-2), [Iran](../countries/iran.md).")
def test_what_check_accepts_the_strict_build_accepts(
    root: Path, tmp_path_factory: pytest.TempPathFactory, body: str
) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    path = with_body(root, body)
    out = tmp_path_factory.mktemp("mutant-site")
    try:
        _, problems = read_project(Project.at(root))
        if problems:
            return
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(out), strict=True)
        try:
            build(config)
        except Abort as exc:
            raise AssertionError(f"check accepted the body, the strict build did not: {exc}\n{body}") from None
    finally:
        path.unlink()
        shutil.rmtree(out, ignore_errors=True)
