"""The Content Security Policy, and the guard that refuses a page carrying anything executable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site.csp import add_csp, policy
from generator.site.guard import unsafe_markup

PAGE = (
    "<html><head><title>t</title>"
    '<script id="__config" type="application/json">{"a": 1}</script>'
    '<script type="application/ld+json">{"@type": "Thing"}</script>'
    '<script src="assets/bundle.js"></script></head><body><p>Text</p></body></html>'
)


def test_the_published_policy_allows_scripts_from_the_site_only() -> None:
    published = policy()
    assert "script-src 'self' 'wasm-unsafe-eval';" in published
    assert "unsafe-inline'" not in published.split("script-src")[1].split(";")[0]
    assert "sha256-" not in published and "http" not in published  # no hash, no other host
    assert "default-src 'self'" in published and "object-src 'none'" in published
    assert "'unsafe-inline'" in policy(live_reload=True).split("script-src")[1].split(";")[0]


def test_meta_is_the_first_thing_in_head() -> None:
    out = add_csp(PAGE)
    assert out.startswith('<html><head><meta http-equiv="Content-Security-Policy"')
    assert out.count("Content-Security-Policy") == 1


def test_the_guard_passes_the_sites_own_kinds_of_markup() -> None:
    calm = add_csp(PAGE) + (
        '<a href="https://example.org/?a=1&amp;b=2">x</a><img src="data:image/png;base64,AA==">'
        '<meta http-equiv="X-UA-Compatible" content="IE=edge"><!-- <script>x()</script> -->'
        '<p title="a onclick=&quot;x()&quot; &gt; <script>">text onload=x</p>'
        "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>"
    )
    assert unsafe_markup(calm) == []


@pytest.mark.parametrize(
    ("markup", "found"),
    [
        ("<script>alert(1)</script>", "inline <script>"),
        ("<SCRIPT type='text/javascript'>alert(1)</SCRIPT>", "inline <script>"),
        ("<script type=module>import('x')</script>", "inline <script>"),
        ('<img src=x onerror="alert(1)">', "event handler onerror="),
        ("<svg><a xlink:href='javascript:alert(1)'>x</a></svg>", "xlink:href="),
        ('<a href="  JaVa&#x09;script:alert(1)">x</a>', "href="),
        ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "href="),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "<meta http-equiv='refresh'>"),
        ('<base href="https://evil.example/">', "<base> element"),
        ('<iframe src="https://evil.example/"></iframe>', "<iframe> element"),
        ('<script src="https://cdn.example/x.js"></script>', "from another host"),
        ('<script src="//cdn.example/x.js"></script>', "from another host"),
        ('<form><button formaction="javascript:alert(1)">x</button></form>', "formaction="),
        # a quote inside a name does not open a value: the browser reads a handler after it
        ('<a x"=">" onclick="alert(1)">x</a>', "event handler onclick="),
        ('<p title="a > b" onmouseover="x()">x</p>', "event handler onmouseover="),
    ],
)
def test_the_guard_finds_what_could_run(markup: str, found: str) -> None:
    problems = unsafe_markup(add_csp(PAGE).replace("<body>", "<body>" + markup))
    assert len(problems) == 1 and found in problems[0], problems


def test_the_guard_is_linear_on_unclosed_tags() -> None:
    import time

    start = time.perf_counter()
    unsafe_markup("<a " * 200_000 + '<p title="' + "x" * 200_000)
    assert time.perf_counter() - start < 2


_NAMES = st.sampled_from(["a", "img", "p", "script", "meta", "base", "iframe", "svg", "button", "div"])
_ATTRS = st.sampled_from(
    [
        "href",
        "src",
        "title",
        "class",
        "onclick",
        "onload",
        "ONERROR",
        "http-equiv",
        "type",
        "formaction",
        "xlink:href",
        "srcset",
        "data-x",
    ]
)
_VALUES = st.sampled_from(
    [
        "x",
        "javascript:alert(1)",
        " JaVa&#x09;script:x",
        "&#106;avascript:x",
        "data:text/html,x",
        "data:image/png;base64,AA==",
        "refresh",
        "a > b",
        "on the",
        "//cdn.example/x.js",
        "application/ld+json",
        "https://example.org/?a=1&amp;b=2",
        "",
    ]
)
_QUOTE = st.sampled_from(['"', "'"])
_ATTRIBUTE = st.tuples(_ATTRS, _VALUES, _QUOTE).map(lambda a: f" {a[0]}={a[2]}{a[1].replace(a[2], '')}{a[2]}")
_TAG = st.tuples(_NAMES, st.lists(_ATTRIBUTE, max_size=3)).map(lambda t: f"<{t[0]}{''.join(t[1])}>")
_TEXT = st.sampled_from(["text", " onclick=x ", "a > b", "<!-- <script>x()</script> -->", "</p>", "&lt;script&gt;"])
_PAGE = st.lists(st.one_of(_TAG, _TEXT), max_size=12).map("".join)


@settings(max_examples=500)
@given(_PAGE)
def test_the_fast_guard_reads_well_formed_markup_as_the_first_one_did(page: str) -> None:
    """The scanner reads each tag whole with one expression; the first version read characters one by one
    (tests/guard_reference.py). On well-formed markup they find the same things. (On malformed markup the
    fast one follows the browser's tokenizer where the first did not: see the quote cases above.)"""
    from tests.guard_reference import unsafe_markup as reference

    assert unsafe_markup(page) == reference(page), page


def test_the_fast_guard_agrees_with_the_first_on_a_real_page(seed_site: Path) -> None:
    from tests.guard_reference import unsafe_markup as reference

    for path in sorted(seed_site.rglob("*.html"))[:40]:
        page = path.read_text(encoding="utf-8")
        assert unsafe_markup(page) == reference(page) == [], path
        hostile = page.replace("<body", '<body onload="alert(1)"', 1)
        assert unsafe_markup(hostile) == reference(hostile) != [], path


def test_pages_scanned_on_the_other_core_are_judged_as_here_even_if_that_process_dies(tmp_path: Path) -> None:
    """A build scans its pages in a process of its own (guard.Scans); what it finds is what unsafe_markup
    finds, and a page whose scan was lost (the process killed) is read back from disk and scanned here."""
    import os
    import signal

    from generator.site.guard import Scans

    calm, bad = tmp_path / "calm.html", tmp_path / "bad.html"
    calm.write_text(add_csp(PAGE), encoding="utf-8")
    bad.write_text(PAGE.replace("<body>", "<body><script>alert(1)</script>"), encoding="utf-8")
    scans = Scans()
    scans.submit("calm.md", str(calm))
    scans.submit("bad.md", str(bad))
    assert [(w, found) for w, _, found in scans.findings()] == [("bad.md", unsafe_markup(bad.read_text()))]

    scans = Scans()
    scans.submit("calm.md", str(calm))
    scans.send()
    for pid in list(scans.pool._processes):  # the scanning process dies before it answers
        os.kill(pid, signal.SIGKILL)
    scans.submit("bad.md", str(bad))
    assert [w for w, _, _ in scans.findings()] == ["bad.md"]


def test_fewer_pages_than_a_batch_are_scanned_without_a_process(tmp_path: Path) -> None:
    """A warm build writes a few pages: they are scanned at the end, here, rather than in a process started
    for them (an interpreter and its imports, most of a second); what is found is the same."""
    from generator.site.guard import Scans

    calm, bad = tmp_path / "calm.html", tmp_path / "bad.html"
    calm.write_text(add_csp(PAGE), encoding="utf-8")
    bad.write_text(PAGE.replace("<body>", "<body><script>alert(1)</script>"), encoding="utf-8")
    scans = Scans()

    def no_process(*args: object, **kwargs: object) -> None:
        pytest.fail("a scanning process was started for two pages")

    scans.pool.submit = no_process  # type: ignore[method-assign,assignment]
    scans.submit("calm.md", str(calm))
    scans.submit("bad.md", str(bad))
    assert [(w, p, found) for w, p, found in scans.findings()] == [("bad.md", str(bad), unsafe_markup(bad.read_text()))]


def test_scans_in_batches_name_each_page_they_refuse(tmp_path: Path) -> None:
    """Pages go to the scanning process in batches, by file: each finding still names its own page, in
    every batch, the last (sent at the end) included, and a page never written publishes nothing."""
    from generator.site.guard import Scans

    names = []
    for i in range(11):
        page = tmp_path / f"p{i}.html"
        bad = i in (0, 4, 5, 10)
        page.write_text(PAGE.replace("<body>", "<body><script>x()</script>") if bad else add_csp(PAGE), "utf-8")
        names.append((f"p{i}.md", str(page)))
    names.insert(3, ("never-written.md", str(tmp_path / "never-written.html")))
    scans = Scans()
    scans.BATCH = 4
    for where, path in names:
        scans.submit(where, path)
    found = scans.findings()
    assert [(w, Path(p).name) for w, p, _ in found] == [(f"p{i}.md", f"p{i}.html") for i in (0, 4, 5, 10)]
    assert len(scans.pending) == 0


def test_a_page_loads_the_scripts_of_what_it_shows_only(seed_site: Path) -> None:
    """The timeline filter and the "new since your last visit" marks are loaded by the pages that have a
    timeline or a list of briefings to mark; the home page, every reader's first, loads neither."""

    def scripts(rel: str) -> set[str]:
        html = (seed_site / rel).read_text(encoding="utf-8")
        return set(re.findall(r'<script src="[./]*javascripts/([a-z-]+\.js)"', html))

    assert scripts("index.html") == {"header-search.js"}
    assert scripts("countries/iran/index.html") == {"header-search.js", "timeline-filter.js", "last-visit.js"}
    assert scripts("timeline/index.html") == {"header-search.js", "timeline-filter.js"}
    for rel in ("countries/iran/index.html", "timeline/index.html"):
        html = (seed_site / rel).read_text(encoding="utf-8")
        assert ("visit-marks" in html) == ("last-visit.js" in scripts(rel))
        assert "timeline-filter-slot" in html
