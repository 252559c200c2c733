import datetime as dt
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from tests.sites import ROOT, briefing_cli, mkdocs_build

run_briefing = briefing_cli


def test_check_counts_what_it_read(seed_project: Path) -> None:
    result = run_briefing("--root", str(seed_project), "check")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == "ok: 1 briefings, 12 countries, 6 people, 5 organizations\n"


def test_new_briefing_is_valid_and_dated_today(project: Callable[..., Path]) -> None:
    root = project()
    result = run_briefing("--root", str(root), "new", "briefing", "Oman hosts new talks")
    assert result.exit_code == 0, result.stderr
    rel = result.stdout.strip()
    assert rel == f"content/briefings/{dt.date.today().isoformat()}-oman-hosts-new-talks.md"
    text = (root / rel).read_text()
    assert 'title: "Oman hosts new talks"' in text and f"date: {dt.date.today().isoformat()}" in text
    assert "# " in text  # commented placeholders
    # Left as the template wrote it, the file is not finished: each placeholder is an error, nothing else.
    check = run_briefing("--root", str(root), "check")
    assert check.exit_code == 1
    fields = [line.split(": ")[2] for line in check.stdout.splitlines()]
    assert fields == ["dek", "sources[0].publisher", "sources[0].url", "body"], check.stdout
    # Filled in, it passes.
    template = dict(re.findall(r'(?m)^\s*-? ?(dek|publisher|url): ("[^"]*")', text))
    text = text.replace(template["dek"], '"Oman hosts a new round of indirect talks."')
    text = text.replace(template["publisher"], '"Gulf Times"').replace(template["url"], '"https://news.test/oman"')
    text = text.split("\n---\n", 1)[0] + "\n---\n\nOman hosted a new round of talks.\n"
    (root / rel).write_text(text)
    check = run_briefing("--root", str(root), "check")
    assert check.exit_code == 0, check.stdout + check.stderr


def test_new_refuses_to_overwrite(project: Callable[..., Path]) -> None:
    root = project()
    assert run_briefing("--root", str(root), "new", "person", "Jane Roe").exit_code == 0
    path = root / "content/people/jane-roe.md"
    path.write_text(path.read_text() + "\nEdited.\n")
    again = run_briefing("--root", str(root), "new", "person", "Jane Roe")
    assert again.exit_code == 1
    assert "already exists" in again.stderr
    assert path.read_text().endswith("Edited.\n")


def test_new_person_organization_and_country_check_clean_once_filled_in(project: Callable[..., Path]) -> None:
    root = project()
    assert run_briefing("--root", str(root), "new", "person", "Jane Roe").exit_code == 0
    assert run_briefing("--root", str(root), "new", "organization", "Gulf Forum").exit_code == 0
    made = run_briefing("--root", str(root), "new", "country", "FR")
    assert made.stdout.strip() == "content/countries/france.md"
    check = run_briefing("--root", str(root), "check")
    assert check.exit_code == 1  # the templates' placeholders: one error each
    found = sorted(line.split(": ")[0].split(":")[0] + " " + line.split(": ")[2] for line in check.stdout.splitlines())
    assert found == [
        "content/countries/france.md body",
        "content/organizations/gulf-forum.md description",
        "content/people/jane-roe.md description",
    ], check.stdout
    for rel in ("content/people/jane-roe.md", "content/organizations/gulf-forum.md"):
        path = root / rel
        path.write_text(re.sub(r'(?m)^description: "[^"]*"', 'description: "Envoy"', path.read_text()))
    france = root / "content/countries/france.md"
    france.write_text(france.read_text().split("\n---\n", 1)[0] + "\n---\n\nA republic in western Europe.\n")
    check = run_briefing("--root", str(root), "check")
    assert check.exit_code == 0, check.stdout


def test_new_country_rejects_unknown_name_with_suggestion(project: Callable[..., Path]) -> None:
    result = run_briefing("--root", str(project()), "new", "country", "Frence")
    assert result.exit_code == 1
    assert "did you mean 'france'?" in result.stderr


def test_github_format_prints_annotations(project: Callable[..., Path]) -> None:
    root = project()
    bad = root / "content/briefings/typo.md"
    seed = next((root / "content/briefings").glob("*.md")).read_text()
    bad.write_text(seed.replace("countries:\n  - iran\n", "countires:\n  - iran\n", 1))
    result = run_briefing("--root", str(root), "check", "--format", "github")
    assert result.exit_code == 1
    assert "::error file=content/briefings/typo.md,line=" in result.stdout
    assert "unknown field 'countires'; did you mean 'countries'?" in result.stdout


def test_schemas_are_up_to_date() -> None:
    result = run_briefing("--root", str(ROOT), "schema", "--check")
    assert result.exit_code == 0, result.output


def zensical_build(project: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """Zensical reads the same mkdocs.yml; it builds into site/ beside it."""
    zensical = Path(sys.executable).parent / "zensical"
    done = subprocess.run([str(zensical), "build"], cwd=project, capture_output=True, text=True, timeout=600)
    if done.returncode == 0 and out != project / "site":
        shutil.move(project / "site", out)
    return done


BUILDERS = {"mkdocs": mkdocs_build, "zensical": zensical_build}


@pytest.mark.slow
@pytest.mark.parametrize("builder", sorted(BUILDERS))
def test_generated_tree_builds_without_the_plugin(seed_project: Path, tmp_path: Path, builder: str) -> None:
    """`briefing generate --out` gives a docs folder that a builder running no plugin (plain MkDocs, or
    Zensical where it installs) builds into the same site: pages, bodies, feeds, head data, the
    Content Security Policy and the marks Pagefind indexes."""
    if builder == "zensical":
        pytest.importorskip("zensical")
    out = tmp_path / "docs"
    result = run_briefing("--root", str(seed_project), "generate", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert (out / "briefings/2026-02-27-iran-rethinks-its-bet-on-russia.md").is_file()
    assert (out / "feeds/all.xml").is_file() and (out / "data/briefings.json").is_file()
    assert (out / "assets/flags/ir.svg").is_file(), "the flag images the pages show"
    config = yaml.safe_load((seed_project / "mkdocs.yml").read_text())
    config["docs_dir"] = "docs"
    config.pop("plugins", None)
    shutil.copytree(seed_project / "site_config/overrides", tmp_path / "overrides")
    config["theme"]["custom_dir"] = "overrides"
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config))
    built = BUILDERS[builder](tmp_path, tmp_path / "site")
    assert built.returncode == 0, (built.stdout + built.stderr)[-2000:]
    site = tmp_path / "site"
    page = (site / "countries/russia/index.html").read_text()
    assert "Rudenko tells the Duma" in page and "data-pagefind-body" in page
    briefing = (site / "briefings/2026-02-27-iran-rethinks-its-bet-on-russia/index.html").read_text()
    assert re.search(r'<a href="\.\./\.\./countries/iran/">Iran</a> has treated', briefing), "the body is converted"
    assert 'markdown="1"' not in briefing
    assert briefing.count('http-equiv="Content-Security-Policy"') == 1
    assert re.search(r'type="application/atom\+xml" title="Briefing: all briefings"', briefing)
    assert 'type="application/ld+json"' in briefing
    assert 'data-pagefind-filter="kind">Briefing<' in briefing  # the header search's filters
    assert (site / "feeds/all.xml").is_file()
    # from the site's root (its path in site_url): the two builders read a relative image address differently
    base = urlsplit(config["site_url"]).path
    assert f'src="{base}assets/flags/ir.svg"' in briefing and (site / "assets/flags/ir.svg").is_file()


def test_schema_errors_do_not_hide_reference_and_body_errors(seed_project: Path, tmp_path: Path) -> None:
    source = Path(__file__).parent / "broken/briefings/unknown-country-typo.md"
    folder = tmp_path / "briefings"
    folder.mkdir()
    bad = folder / "three-problems.md"
    text = source.read_text().replace("dek:", "dekk:", 1)
    bad.write_text(text.rstrip("\n") + "\n\nA <b>bold</b> claim.\n")
    result = run_briefing("--root", str(seed_project), "check", str(bad))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert any("unknown field 'dekk'; did you mean 'dek'?" in line for line in lines)
    assert any("unknown country 'chnia'; did you mean 'china'?" in line for line in lines)
    assert any("raw HTML is not allowed in the summary" in line for line in lines)


def test_checking_briefings_reads_no_other_briefing(
    project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`briefing check FILE` on briefings (the pre-commit hook) reads the entity files and those briefings
    only, and still reports a briefing of the same name as a duplicate."""
    import generator.content.project

    root = project()
    seed = next((root / "content/briefings").glob("*.md"))
    other = root / "content/briefings/2026-02-27-other.md"  # the seed's day: the file name agrees with `date`
    other.write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    read: list[str] = []
    real = generator.content.project.load_paths

    def spy(paths: list[Path], *args: object, **kwargs: object) -> object:
        paths = list(paths)
        read.extend(p.name for p in paths)
        return real(paths, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(generator.content.project, "load_paths", spy)
    result = run_briefing("--root", str(root), "check", str(other))
    assert result.exit_code == 0, result.output
    assert result.stderr == "ok: 1 file(s)\n"
    assert other.name in read and seed.name not in read
    assert "andrei-rudenko.md" in read  # the entity files are read

    elsewhere = root / "incoming" / "briefings" / seed.name
    elsewhere.parent.mkdir(parents=True)
    elsewhere.write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    read.clear()
    result = run_briefing("--root", str(root), "check", str(elsewhere))
    assert result.exit_code == 1
    assert seed.name in read  # the briefing of the same name, for the duplicate check
    assert f"duplicate briefing id '{seed.stem}'" in result.stdout
