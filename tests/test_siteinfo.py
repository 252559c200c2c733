"""`briefing generate` reads mkdocs.yml as MkDocs does, and makes the same SiteInfo as the plugin.

Each test edits a fixture project's mkdocs.yml, then runs the CLI in process.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from generator.content.project import Project
from generator.plugin import BriefingPlugin
from generator.siteinfo import SiteConfigError, SiteInfo, load_site_info, site_info
from tests.sites import SITE_URL, briefing_cli

ENV_URL = "https://env.example/news/"
FALLBACK_URL = "https://fallback.example/"
ENV_SITE_URL = f"site_url: !ENV [BRIEFING_TEST_URL, '{FALLBACK_URL}']"


def set_yml(root: Path, *lines: str, text: str | None = None) -> Path:
    """Replace mkdocs.yml's top-level keys named in `lines` (or add them at the top); with `text`,
    write exactly that."""
    path = root / "mkdocs.yml"
    if text is None:
        text = path.read_text(encoding="utf-8")
        for line in lines:
            key = line.split(":", 1)[0]
            text, found = re.subn(rf"(?m)^{re.escape(key)}:.*$", line.replace("\\", "\\\\"), text, count=1)
            if not found:
                text = f"{line}\n{text}"
    path.write_text(text, encoding="utf-8")
    return path


def generate(root: Path, out: Path) -> Result:
    return briefing_cli("--root", str(root), "generate", "--out", str(out))


def feed(out: Path) -> str:
    return (out / "feeds/all.xml").read_text(encoding="utf-8")


def briefing_urls(out: Path) -> list[str]:
    data = json.loads((out / "data/briefings.json").read_text(encoding="utf-8"))
    return [b["url"] for b in data["briefings"]]


def test_env_site_url_is_honoured(
    project: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project()
    set_yml(root, ENV_SITE_URL)
    monkeypatch.setenv("BRIEFING_TEST_URL", ENV_URL)
    out = tmp_path / "out"
    result = generate(root, out)
    assert result.exit_code == 0, result.output
    text = feed(out)
    assert f'href="{ENV_URL}feeds/all.xml"' in text
    assert SITE_URL not in text and FALLBACK_URL not in text
    assert briefing_urls(out) and all(url.startswith(ENV_URL) for url in briefing_urls(out))

    monkeypatch.delenv("BRIEFING_TEST_URL")  # the !ENV tag's fallback
    again = tmp_path / "again"
    assert generate(root, again).exit_code == 0
    assert f'href="{FALLBACK_URL}feeds/all.xml"' in feed(again)


def test_use_directory_urls_false_gives_html_addresses(project: Callable[..., Path], tmp_path: Path) -> None:
    root = project()
    set_yml(root, "use_directory_urls: false")
    out = tmp_path / "out"
    result = generate(root, out)
    assert result.exit_code == 0, result.output
    urls = briefing_urls(out)
    assert urls and all(url.startswith(SITE_URL) and url.endswith(".html") for url in urls), urls
    entry_links = re.findall(r'<link rel="alternate" type="text/html" href="([^"]+)"', feed(out))
    assert f"{urls[0]}" in entry_links
    assert all(link.endswith(".html") for link in entry_links), entry_links


def test_theme_language_reaches_the_feeds(project: Callable[..., Path], tmp_path: Path) -> None:
    root = project()
    path = root / "mkdocs.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("  language: en\n", "  language: fr\n", 1), encoding="utf-8"
    )
    out = tmp_path / "out"
    assert generate(root, out).exit_code == 0
    assert 'xml:lang="fr"' in feed(out)


def test_yaml_syntax_error_fails_and_writes_nothing(project: Callable[..., Path], tmp_path: Path) -> None:
    root = project()
    path = root / "mkdocs.yml"
    path.write_text(path.read_text(encoding="utf-8") + "extra: [unclosed\n", encoding="utf-8")
    out = tmp_path / "out"
    result = generate(root, out)
    assert result.exit_code == 1
    assert "mkdocs.yml" in result.stderr
    assert "error parsing the configuration file" in result.stderr
    assert "nothing written" in result.stderr
    assert not out.exists()
    message = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(message) == 1 and "mkdocs.yml" in message[0], result.stderr


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("use_directory_urls: maybe", "use_directory_urls:"),
        ("docs_dir: no-such-folder", "docs_dir:"),
        ("site_url: ftp://example.org/", "site_url: site URL must be an absolute http(s) URL"),
    ],
)
def test_invalid_config_names_the_file_and_the_problem(
    project: Callable[..., Path], tmp_path: Path, line: str, reason: str
) -> None:
    root = project()
    set_yml(root, line)
    out = tmp_path / "out"
    result = generate(root, out)
    assert result.exit_code == 1
    error = result.stderr.strip().splitlines()[-1]
    assert error.startswith(f"Error: {root / 'mkdocs.yml'}: ") and reason in error, result.stderr
    assert not out.exists()


def test_missing_mkdocs_yml_fails(project: Callable[..., Path], tmp_path: Path) -> None:
    root = project()
    (root / "mkdocs.yml").unlink()
    out = tmp_path / "out"
    result = generate(root, out)
    assert result.exit_code == 1
    assert f"{root / 'mkdocs.yml'}: no such file" in result.stderr
    assert not out.exists()
    with pytest.raises(SiteConfigError, match="no such file"):
        load_site_info(root / "mkdocs.yml")


def test_no_site_url_is_said(project: Callable[..., Path], tmp_path: Path) -> None:
    root = project()
    set_yml(root, "site_url: !ENV [BRIEFING_TEST_UNSET_URL]")
    out = tmp_path / "out"
    result = generate(root, out)
    assert result.exit_code == 0, result.output
    assert "no site_url in mkdocs.yml, so no feeds or data export" in result.stderr
    assert not (out / "feeds").exists() and (out / "briefings/index.md").is_file()


def test_inherit_is_followed(project: Callable[..., Path], tmp_path: Path) -> None:
    """site_url, docs_dir and the theme come from the inherited file; the theme's language is
    overridden by the inheriting one (MkDocs merges the two deeply)."""
    root = project()
    (root / "docs").rename(root / "handwritten")
    base = set_yml(root, "docs_dir: handwritten").rename(root / "base.yml")
    assert f"site_url: {SITE_URL}" in base.read_text(encoding="utf-8")
    set_yml(root, text="INHERIT: base.yml\nuse_directory_urls: false\ntheme:\n  language: de\n")
    out = tmp_path / "out"
    result = generate(root, out)
    assert result.exit_code == 0, result.output
    assert (out / "about.md").is_file()  # the hand-written docs, from the inherited docs_dir
    text = feed(out)
    assert 'xml:lang="de"' in text and f'href="{SITE_URL}feeds/all.xml"' in text
    assert all(url.endswith(".html") for url in briefing_urls(out))


def test_plugin_and_cli_make_the_same_site_info(
    project: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.cli
    from generator.build import write_tree

    root = project()
    path = set_yml(root, ENV_SITE_URL, "use_directory_urls: false", "site_description: Env briefings")
    path.write_text(
        path.read_text(encoding="utf-8").replace("  language: en\n", "  language: fr\n", 1), encoding="utf-8"
    )
    monkeypatch.setenv("BRIEFING_TEST_URL", ENV_URL)
    expected = SiteInfo(ENV_URL, name="Briefing", description="Env briefings", use_directory_urls=False, language="fr")

    config = load_config(config_file=str(path))
    assert site_info(config) == expected
    assert BriefingPlugin().site_info(config) == expected  # what the plugin hands the feeds

    passed: list[SiteInfo | None] = []

    def spy(project: Project, out: Path, docs: Path | None, site: SiteInfo | None) -> int:
        passed.append(site)
        return write_tree(project, out, docs, site)

    monkeypatch.setattr(generator.cli, "write_tree", spy)
    result = generate(root, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert passed == [expected]  # what the CLI hands the feeds
    assert load_site_info(path) == (expected, root / "docs")


def test_plugin_reports_an_unusable_site_url(project: Callable[..., Path]) -> None:
    root = project()
    config = load_config(config_file=str(set_yml(root, "site_url: ftp://example.org/")))
    with pytest.raises(PluginError, match="must be an absolute http"):
        BriefingPlugin().site_info(config)
