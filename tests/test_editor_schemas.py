"""Editor help: the JSON Schemas describe and exemplify every field, and each file `briefing new` writes
names its schema in its front matter by a path that works from where the file is written."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.content.schema import schema_texts
from generator.kinds import file_schemas, spec
from tests.sites import ROOT, briefing_cli, make_project

MODELINE = re.compile(r"^# yaml-language-server: \$schema=(?P<path>\S+)$")
TITLES = {"briefing": "Oman hosts new talks", "person": "Jane Roe", "organization": "Gulf Forum", "country": "FR"}


def properties(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property declared anywhere in a JSON Schema ($defs, nested objects, items), with its path."""
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            yield f"{where}/properties/{name}", prop
        for key, value in node.items():
            yield from properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from properties(value, f"{where}/{n}")


def test_the_walk_finds_properties_in_defs() -> None:
    schema = {"properties": {"a": {}}, "$defs": {"B": {"properties": {"b": {"items": {"properties": {"c": {}}}}}}}}
    assert [path for path, _ in properties(schema, "#")] == [
        "#/properties/a",
        "#/$defs/B/properties/b",
        "#/$defs/B/properties/b/items/properties/c",
    ]


@pytest.mark.parametrize("name", sorted(schema_texts()))
def test_every_property_has_a_description_and_examples(name: str) -> None:
    schema = json.loads(schema_texts()[name])
    found = list(properties(schema, name))
    assert found
    missing = [path for path, prop in found if not prop.get("description") or not prop.get("examples")]
    assert missing == []


@pytest.mark.parametrize("name", sorted(schema_texts()))
def test_the_examples_fit_their_property(name: str) -> None:
    """An example is a value of the property's JSON type (a list field's example is a list)."""
    schema = json.loads(schema_texts()[name])
    kinds = {"string": str, "array": list, "object": dict, "integer": int}
    for path, prop in properties(schema, name):
        types = [prop.get("type")] + [option.get("type") for option in prop.get("anyOf", [])]
        allowed = tuple(kinds[t] for t in types if t in kinds)
        if "$ref" in prop or not allowed:
            continue
        for example in prop["examples"]:
            assert isinstance(example, allowed), (path, example)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A file of each kind, made by `briefing new` in a fixture project."""
    project = make_project(tmp_path_factory.mktemp("editor") / "project")
    out = {}
    for kind in file_schemas():
        result = briefing_cli("--root", str(project), "new", kind, TITLES[kind])
        assert result.exit_code == 0, result.output
        path = Path(result.output.strip().splitlines()[-1])
        out[kind] = path if path.is_absolute() else project / path
    return out


def test_every_kind_has_a_template() -> None:
    assert {p.stem for p in (ROOT / "site_config" / "new").glob("*.md")} == set(file_schemas())


@pytest.mark.parametrize("kind", sorted(file_schemas()))
def test_a_new_file_names_its_schema_by_a_path_that_works_from_it(kind: str, written: dict[str, Path]) -> None:
    """The template's front matter opens with the modeline (the file itself must start with '---'),
    and the path, taken from the folder `briefing new` writes to, is the kind's schema."""
    template = (ROOT / "site_config" / "new" / f"{kind}.md").read_text(encoding="utf-8").splitlines()
    lines = written[kind].read_text(encoding="utf-8").splitlines()
    assert template[0] == lines[0] == "---"
    match = MODELINE.match(lines[1])
    assert match, lines[1]
    assert template[1] == lines[1]
    target = (written[kind].parent / match["path"]).resolve()
    assert target.is_file(), target
    assert target.name == f"{kind}.schema.json" and target.parent.name == "schemas"
    assert target.read_text(encoding="utf-8") == schema_texts()[f"{kind}.schema.json"]


@pytest.mark.parametrize("kind", sorted(file_schemas()))
def test_the_modeline_moves_no_line_number(kind: str, written: dict[str, Path]) -> None:
    """The modeline is a YAML comment: a mistake on a later line of the front matter is reported on
    that very line."""
    path = written[kind]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    field = next(n for n, line in enumerate(lines) if re.match(r"[a-z]+:", line))
    lines[field] = "bogus_field: 1\n" + lines[field]
    path.write_text("".join(lines), encoding="utf-8")
    project = path.parents[2]
    result = briefing_cli("--root", str(project), "check", str(path))
    rel = path.relative_to(project).as_posix()
    assert f"{rel}:{field + 1}:1: error: bogus_field: unknown field" in result.output, result.output


def test_the_committed_vscode_settings_map_each_content_folder_to_its_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapped = settings["yaml.schemas"]
    for kind in file_schemas():
        schema = f"./site_config/schemas/{kind}.schema.json"
        assert (ROOT / schema).is_file()
        assert mapped[schema] == [f"content/{spec(kind).folder}/*.md"]
