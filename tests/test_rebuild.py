"""The preview's memory between rebuilds: which pages a dirty rebuild writes again, and which it removes."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.site.rebuild import Rebuilds, RenderCache
from generator.site.render import Page


def page(uri: str, html: str = "<p>x</p>") -> Page:
    return Page(uri, 'title: "T"\n', html)


def test_only_pages_whose_output_changed_are_written_again(tmp_path: Path) -> None:
    theme = tmp_path / "overrides"
    theme.mkdir()
    (theme / "main.html").write_text("a")
    r = Rebuilds()
    r.start([theme])
    assert r.modified(page("a.md"), "/s/a") and r.modified(page("b.md"), "/s/b")  # the first build writes everything
    assert r.finish({"a.md": page("a.md"), "b.md": page("b.md")}) == []
    r.start([theme])
    assert not r.modified(page("a.md"), "/s/a") and r.modified(page("b.md", "<p>y</p>"), "/s/b")
    assert r.finish({"a.md": page("a.md")}) == ["/s/b"]  # b is gone: its output goes
    (theme / "main.html").write_text("changed")
    r.start([theme])
    assert r.modified(page("a.md"), "/s/a")  # a new theme: every page again
    r.finish({"a.md": page("a.md")})
    r.start([theme])
    assert not r.modified(page("a.md"), "/s/a")
    r.broke()
    assert r.modified(page("a.md"), "/s/a")  # after content problems showed on every page


def test_the_render_cache_forgets_when_a_template_changes(tmp_path: Path) -> None:
    cache = RenderCache()
    (tmp_path / "home.html.j2").write_text("one")
    cache.check(tmp_path)
    cache.pages["key"] = ("front", "html")
    cache.check(tmp_path)
    assert "key" in cache.pages
    (tmp_path / "home.html.j2").write_text("two, longer")
    cache.check(tmp_path)
    assert cache.pages == {}


def test_the_preview_memory_reads_and_checks_as_a_fresh_run_does(project: Callable[..., Path]) -> None:
    """With the memory of earlier runs (files read, checks done, pages rendered), each run gives what a run
    without it gives: the same problems after an edit breaks a file, the same pages after it is fixed."""
    from generator.build import Memory, generate
    from generator.content.problems import ContentError
    from generator.content.project import Project, read_project

    root = project()
    target = Project.at(root)
    memory = Memory()
    first = generate(target, memory=memory)
    seed = next((root / "content/briefings").glob("*.md"))
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("title:", "titel:", 1).rstrip("\n") + "\n\nA <b>bold</b> claim.\n", encoding="utf-8")
    with pytest.raises(ContentError) as broken:
        generate(target, memory=memory)
    assert broken.value.problems == read_project(target)[1] and len(broken.value.problems) == 2
    seed.write_text(text.rstrip("\n") + "\n\nOne more sentence.\n", encoding="utf-8")
    again = generate(target, memory=memory)
    fresh = generate(target)
    assert [(p.uri, p.front, p.html, p.body) for p in again.pages] == [
        (p.uri, p.front, p.html, p.body) for p in fresh.pages
    ]
    assert [p.body for p in again.pages] != [p.body for p in first.pages]


def test_the_theme_stays_compiled_between_rebuilds_until_a_template_changes(tmp_path: Path) -> None:
    import jinja2

    from generator.site.rebuild import Bytecode

    cache = Bytecode()
    (tmp_path / "main.html").write_text("one {{ x }}", encoding="utf-8")

    def render() -> str:  # MkDocs makes a new environment for each rebuild
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), bytecode_cache=cache)
        return env.get_template("main.html").render(x=1)

    assert render() == "one 1" and len(cache.store) == 1
    kept = dict(cache.store)
    assert render() == "one 1" and cache.store == kept  # loaded, not compiled again
    (tmp_path / "main.html").write_text("two {{ x }}", encoding="utf-8")
    assert render() == "two 1" and cache.store != kept  # the edited template is compiled again


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="Linux: a thread's nice value")
def test_the_preview_indexes_at_low_priority_and_pagefind_inherits_it() -> None:
    """The preview's Pagefind run must not slow the next rebuild: the thread that starts it lowers its own
    priority, and the process it starts (Pagefind) inherits it. The build's own thread is left alone."""
    import subprocess
    import threading

    from generator.site.pagefind import _yield_cpu

    def nice_of_child() -> int:
        stat = subprocess.run(["cat", "/proc/self/stat"], capture_output=True, text=True, check=True).stdout
        return int(stat[stat.rfind(")") + 2 :].split()[16])  # field 19: nice

    seen: list[int] = []

    def indexing() -> None:
        _yield_cpu()
        seen.append(nice_of_child())

    thread = threading.Thread(target=indexing)
    thread.start()
    thread.join()
    assert seen and seen[0] >= 15
    assert nice_of_child() == os.nice(0)  # this thread's children keep its priority
