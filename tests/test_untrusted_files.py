"""Files a contributor controls besides the front matter: site_config/*.yml, file names, symbolic links.
Each is checked with the same rules as content, and refused with its file and line named."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.sites import briefing_cli


def check(root: Path) -> list[str]:
    result = briefing_cli("--root", str(root), "check")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.stdout.splitlines()


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "label: Diplomacy",
            'label: "Diplomacy<script>alert(1)</script>"',
            "site_config/topics.yml:5:10: error: 0.label: raw HTML is not allowed",
        ),
        (
            "label: Diplomacy",
            'label: "Diplo\\u202emacy"',
            "site_config/topics.yml:5:10: error: 0.label: contains a bidirectional override (U+202E)",
        ),
        (
            "label: Diplomacy",
            "label: Diplomacy\n  label: Statecraft",
            "site_config/topics.yml:6:3: error: field 'label' is given twice; keep one",
        ),
        ("- id: diplomacy", "- id: index", "site_config/topics.yml:4:7: error: 0.id: 'index' names the index page"),
        ("- id: diplomacy", '- id: "2026"', "site_config/topics.yml:4:7: error: 0.id: '2026' is all digits"),
    ],
)
def test_topics_yml_is_checked_like_content(project: Callable[..., Path], old: str, new: str, expected: str) -> None:
    root = project(with_content=False)
    topics = root / "site_config/topics.yml"
    text = topics.read_text(encoding="utf-8")
    assert old in text
    topics.write_text(text.replace(old, new, 1), encoding="utf-8")
    lines = check(root)
    assert any(line.startswith(expected) for line in lines), lines


def test_country_names_in_countries_yml_are_checked(project: Callable[..., Path]) -> None:
    root = project(with_content=False)
    countries = root / "site_config/countries.yml"
    text = countries.read_text(encoding="utf-8")
    countries.write_text(text.replace("name: Iran,", 'name: "Iran<img src=x onerror=alert(1)>",'), encoding="utf-8")
    lines = check(root)
    assert any(
        line.startswith("site_config/countries.yml:") and "IR.name: raw HTML is not allowed" in line for line in lines
    ), lines


@pytest.mark.parametrize("name", ["index", "2026", "con", "nul", "lpt1"])
def test_reserved_file_names_are_refused(project: Callable[..., Path], name: str) -> None:
    root = project()
    person = root / "content/people/andrei-rudenko.md"
    (root / f"content/people/{name}.md").write_text(
        person.read_text(encoding="utf-8")
        .replace("Andrei Rudenko", "Someone Else")
        .replace("aliases: [Rudenko]", "aliases: []"),
        encoding="utf-8",
    )
    lines = check(root)
    assert any(
        line.startswith(f"content/people/{name}.md:1:1: error: file name '{name}.md' cannot be used") for line in lines
    ), lines


def test_symbolic_links_are_refused_without_reading_their_target(project: Callable[..., Path], tmp_path: Path) -> None:
    root = project()
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: secret\n---\nThe host's secret.\n", encoding="utf-8")
    (root / "content/briefings/leak.md").symlink_to(secret)
    (root / "content/briefings/dangling.md").symlink_to(tmp_path / "does-not-exist.md")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.md").write_text("---\nname: X\n---\n", encoding="utf-8")
    (root / "content/organizations/linked").symlink_to(elsewhere, target_is_directory=True)
    lines = check(root)
    assert (
        "content/briefings/leak.md:1:1: error: this file is a symbolic link; content files must be regular "
        "files in the repository" in lines
    )
    assert (
        "content/briefings/dangling.md:1:1: error: this file is a symbolic link; content files must be "
        "regular files in the repository" in lines
    )  # the same words whether the target exists or not
    assert any(
        line.startswith("content/organizations/linked:1:1: error: this folder is a symbolic link") for line in lines
    ), lines
    assert not any("secret" in line or str(tmp_path) in line for line in lines), lines


def test_a_symlinked_topics_file_is_refused(project: Callable[..., Path], tmp_path: Path) -> None:
    root = project(with_content=False)
    topics = root / "site_config/topics.yml"
    moved = tmp_path / "topics.yml"
    os.replace(topics, moved)
    topics.symlink_to(moved)
    assert "site_config/topics.yml:1:1: error: is a symbolic link; site data files must be regular files" in check(root)


def test_a_file_too_large_is_refused_before_it_is_parsed(project: Callable[..., Path]) -> None:
    root = project()
    big = root / "content/briefings/big.md"
    big.write_text("---\ntitle: x\n---\n" + "word " * 30_000, encoding="utf-8")
    assert any(
        line.startswith("content/briefings/big.md:1:1: error: file is too large (150,017 bytes, at most 100,000)")
        for line in check(root)
    )


def test_a_country_id_taken_twice_is_refused(project: Callable[..., Path]) -> None:
    root = project()
    countries = root / "site_config/countries.yml"
    countries.write_text(countries.read_text(encoding="utf-8") + "FR: {id: iran, name: France}\n", encoding="utf-8")
    lines = check(root)
    assert any(
        line.startswith("site_config/countries.yml:") and "FR.id: 'iran' is already the id of Iran (IR)" in line
        for line in lines
    ), lines
