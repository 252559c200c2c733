"""The projects the tests build: fixture trees under tests/fixtures/, and the repository itself.

Behaviour is tested on fixture trees, whose content never changes unless a test changes it. A
fixture project is assembled from the repository's code-like parts (templates, theme overrides,
`briefing new` templates, docs/, mkdocs.yml) and the fixture's own data: its content/ and the
site_config/*.yml files it holds (the topic vocabulary, country overrides), which contributors
edit in the repository. Its site_url and edit_url_base are pinned, so a fork that sets its own
still runs the same tests.

The repository's own content is only ever tested by invariants (tests/invariants.py).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from click.testing import CliRunner, Result

if TYPE_CHECKING:
    from generator.content.entities import Corpus

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
BIN = Path(sys.executable).parent
OUTPUT = ROOT / "test-output"

# What a fixture project's mkdocs.yml says, whatever the repository's says.
SITE_URL = "https://briefing-site.github.io/briefing/"
EDIT_URL_BASE = "https://github.com/briefing-site/briefing/edit/main"
CONTENT_FOLDERS = ("briefings", "people", "organizations", "countries")

# Never copied with a project: build output, caches, tools.
_IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "node_modules",
    "site",
    "test-output",
    "__pycache__",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".hypothesis",
    "*.egg-info",
)


def pinned_mkdocs_yml(text: str, site_url: str = SITE_URL, edit_url_base: str = EDIT_URL_BASE) -> str:
    """The repository's mkdocs.yml with site_url and the plugin's edit_url_base set to fixed values."""
    text, found = re.subn(r"(?m)^site_url:.*$", f"site_url: {site_url}", text, count=1)
    if not found:
        text = f"site_url: {site_url}\n{text}"
    text, found = re.subn(r"(?m)^(\s+)edit_url_base:.*$", rf"\g<1>edit_url_base: {edit_url_base}", text, count=1)
    if not found:
        raise AssertionError("mkdocs.yml has no edit_url_base under the briefing plugin")
    return text


def make_project(dest: Path, fixture: str | None = "seed") -> Path:
    """A project at dest: the repository's templates, docs and mkdocs.yml, with the content and the
    site data of tests/fixtures/<fixture> (or no content at all with fixture=None)."""
    shutil.copytree(ROOT / "site_config", dest / "site_config", ignore=_IGNORE)
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=_IGNORE)
    (dest / "mkdocs.yml").write_text(
        pinned_mkdocs_yml((ROOT / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8"
    )
    if fixture is None:
        for folder in CONTENT_FOLDERS:
            (dest / "content" / folder).mkdir(parents=True)
        return dest
    source = FIXTURES / fixture
    shutil.copytree(source / "content", dest / "content")
    for folder in CONTENT_FOLDERS:
        (dest / "content" / folder).mkdir(parents=True, exist_ok=True)
    for data in sorted((source / "site_config").glob("*.yml")):
        shutil.copy(data, dest / "site_config" / data.name)
    return dest


# A second briefing for the seed fixture: Iran and Oman are then covered by two briefings, and their pair's page
# becomes a search result of its own (a pair one briefing covers is found through that briefing).
SECOND_BRIEFING = (
    "2026-03-05-oman-keeps-the-channel-open.md",
    """---
title: "Oman keeps the channel between Tehran and Washington open"
date: 2026-03-05
dek: "Muscat hosts another round of indirect talks and asks both sides for patience."
sources:
  - publisher: Gulf Desk
    url: "https://gulf-desk.test/oman-channel"
    published: 2026-03-05
countries: [iran, oman, united-states]
topics: [diplomacy]
relations:
  - countries: [iran, oman]
    stance: cooperative
    note: "Oman relays messages and offers its capital for the next round."
---

Omani mediators carried messages between the Iranian and American delegations, who sat in separate rooms.
""",
)


def with_second_briefing(project: Path) -> Path:
    name, text = SECOND_BRIEFING
    (project / "content" / "briefings" / name).write_text(text, encoding="utf-8")
    return project


# An earlier briefing for the seed fixture: it calls Iran-Russia cooperative in December 2025, so the seed's
# "strained" of February 2026 is a change, and the stance tracker lists Iran-Russia as deteriorated then.
EARLIER_BRIEFING = (
    "2025-12-10-iran-and-russia-sign-a-treaty.md",
    """---
title: "Iran and Russia sign a partnership treaty"
date: 2025-12-10
dek: "The two governments call their ties a strategic partnership."
sources:
  - publisher: Example Desk
    url: "https://example.test/treaty"
    published: 2025-12-10
countries: [iran, russia]
topics: [diplomacy]
relations:
  - countries: [iran, russia]
    stance: cooperative
    note: "Both sides praise the new treaty."
---

Iran and Russia signed a partnership treaty.
""",
)


def with_earlier_briefing(project: Path) -> Path:
    name, text = EARLIER_BRIEFING
    (project / "content" / "briefings" / name).write_text(text, encoding="utf-8")
    return project


def copy_repository(dest: Path) -> Path:
    """A copy of the repository as a contributor's clone holds it (no build output or caches)."""
    shutil.copytree(ROOT, dest, ignore=_IGNORE)
    return dest


def mkdocs_build(project: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """A strict MkDocs build of a project folder into out, with MkDocs' own 2.0 notice silenced."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(out)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )


def build_ok(project: Path, out: Path) -> Path:
    """mkdocs_build, asserting it passed with no warning; returns out."""
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr[-4000:]
    assert "WARNING" not in result.stderr, result.stderr[-4000:]
    return out


def briefing_cli(*args: str) -> Result:
    """The `briefing` command, run in this process (no interpreter start-up per call)."""
    from generator.cli import main

    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def run_briefing(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """The installed `briefing` command in a subprocess: for what must run end to end (serve, exit codes)."""
    return subprocess.run([str(BIN / "briefing"), *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def seed_corpus() -> Corpus:
    """The seed fixture's content, read and validated in this process (no site is built)."""
    from generator.content.project import Project, read_project

    corpus, problems = read_project(Project.at(FIXTURES / "seed"))
    assert problems == [], [p.text() for p in problems]
    return corpus
