"""The front-matter reference, made from the same pydantic models that validate content.

`briefing schema` writes it to docs/format.md (with the JSON Schemas), so it is a real file that
docs/contributing.md links to, readable on GitHub as on the site; `briefing schema --check` and the
tests fail when it is stale.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..kinds import event_model, file_schemas, spec
from .dates import parse_date
from .models import Quote, Relation, Source
from .siteconf import HistoricalEntry

DATE_EXAMPLES = [
    "2025-04-13",
    "2025-04",
    "2025",
    "2025-21",
    "194X",
    "18XX",
    "2025-04~",
    "2025-04?",
    "2025-06-13/2025-06-24",
    "1905/1911",
    "2010/..",
]


@dataclass(frozen=True)
class FieldDoc:
    name: str
    type: str
    required: bool
    description: str
    limit: str = ""  # "at most 160 characters", "at most 100 items"


@dataclass(frozen=True)
class ModelDoc:
    name: str
    summary: str
    fields: tuple[FieldDoc, ...]
    folder: str = ""  # content/<folder>/, for a kind of content file
    id_rule: str = ""  # what its file name (its id) must be


def _type_name(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _type_name(typing.get_args(annotation)[0])
    if origin is list:
        return f"list of {_type_name(typing.get_args(annotation)[0])}"
    if origin is typing.Literal:
        return " | ".join(str(a) for a in typing.get_args(annotation))
    if isinstance(annotation, types.UnionType) or origin is typing.Union:
        return " or ".join(_type_name(a) for a in typing.get_args(annotation) if a is not type(None))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation.__name__.lower()
    return {"str": "text", "date": "day (YYYY-MM-DD)", "int": "whole number"}.get(
        getattr(annotation, "__name__", ""), str(annotation)
    )


def model_doc(name: str, model: type[BaseModel]) -> ModelDoc:
    fields = []
    for field_name, info in model.model_fields.items():
        type_name = _type_name(info.annotation)
        if field_name == "date" and model is event_model():
            type_name = "EDTF date"
        shown = info.alias or field_name  # `from`, written `from_` in Python
        fields.append(FieldDoc(shown, type_name, info.is_required(), info.description or "", _limit(info)))
    return ModelDoc(name, (model.__doc__ or "").strip(), tuple(fields))


def _limit(info: Any) -> str:
    """The largest value a field takes, from the same constraints that validate it."""
    most = next((m.max_length for m in info.metadata if hasattr(m, "max_length")), None)
    if most is None:
        inner = [a for a in typing.get_args(info.annotation) if a is not type(None)]
        meta = [m for a in inner if typing.get_origin(a) is typing.Annotated for m in typing.get_args(a)[1:]]
        most = next((getattr(m, "max_length", None) for m in meta if getattr(m, "max_length", None)), None)
    if most is None:
        return ""
    unit = "items" if typing.get_origin(info.annotation) is list else "characters"
    return f"at most {most} {unit}"


def format_docs() -> list[ModelDoc]:
    kinds = [
        dataclasses.replace(model_doc(kind, model), folder=f"content/{spec(kind).folder}/", id_rule=spec(kind).id_rule)
        for kind, model in file_schemas().items()
    ]
    parts = [model_doc(m.__name__.lower(), m) for m in (Source, Relation, event_model(), Quote)]
    return kinds + parts


def format_page(templates: Path) -> str:
    """docs/format.md: the reference page, from format.md.j2 in the site's templates."""
    from ..site.render import environment
    from .load import MAX_FILE_BYTES
    from .models import MAX_URL
    from .validate import MAX_BODY_BRACKETS, MAX_BRACKETS, MAX_PARAGRAPH

    limits = {
        "file": MAX_FILE_BYTES,
        "paragraph": MAX_PARAGRAPH,
        "brackets": MAX_BRACKETS,
        "body_brackets": MAX_BODY_BRACKETS,
        "url": MAX_URL,
    }
    return (
        environment(templates)
        .get_template("format.md.j2")
        .render(
            docs=format_docs(),
            date_examples=[(e, parse_date(e).label) for e in DATE_EXAMPLES],
            limits=limits,
            historical=model_doc("historical state", HistoricalEntry),
        )
    )
