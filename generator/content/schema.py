"""JSON Schema for each content kind, written into site_config/schemas/, and the front-matter reference
written to docs/format.md: files generated from the models and committed, checked for freshness."""

from __future__ import annotations

import json
from pathlib import Path

from ..kinds import file_schemas


def schema_texts() -> dict[str, str]:
    out = {}
    for kind, model in file_schemas().items():
        schema = model.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"{kind}.schema.json"
        out[f"{kind}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    return out


def generated_files(schemas: Path, templates: Path, docs: Path) -> dict[Path, str]:
    """Every file made from the models: the JSON Schemas and docs/format.md."""
    from .formatdoc import format_page

    files = {schemas / name: text for name, text in schema_texts().items()}
    files[docs / "format.md"] = format_page(templates)
    return files


def stale_files(files: dict[Path, str]) -> list[Path]:
    return [path for path, text in files.items() if not path.is_file() or path.read_text(encoding="utf-8") != text]


def write_files(files: dict[Path, str]) -> list[Path]:
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)
