"""JSON Schema for each content kind, written into site_config/schemas/."""

from __future__ import annotations

import json
from pathlib import Path

from .models import SCHEMAS


def schema_texts() -> dict[str, str]:
    out = {}
    for kind, model in SCHEMAS.items():
        schema = model.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"{kind}.schema.json"
        out[f"{kind}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    return out


def stale_schemas(folder: Path) -> list[str]:
    return [name for name, text in schema_texts().items()
            if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text]


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
