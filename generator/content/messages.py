"""Turn pydantic's validation errors into messages a contributor can act on."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from .load import Loc, RawDocument
from .models import Suggested
from .problems import Edit, Problem


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text ('{value[:40]}')"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    return type(value).__name__


def problems_from(doc: RawDocument, model: type[BaseModel], errors: list[ErrorDetails]) -> list[Problem]:
    out = []
    # A misspelt field ('titel') is reported once, as unknown with a suggestion, not also as 'title' missing.
    suggested = {
        (*err["loc"][:-1], near)
        for err in errors
        if err["type"] == "extra_forbidden"
        for near in _near(str(err["loc"][-1]), _fields_at(model, tuple(err["loc"][:-1])))
    }
    for err in errors:
        loc: Loc = tuple(err["loc"])
        kind = err["type"]
        ctx = err.get("ctx") or {}
        value = err.get("input")
        if kind == "missing":
            if loc in suggested:
                continue
            name = loc[-1]
            where = loc[:-1]
            out.append(doc.problem(where, f"required field '{name}' is missing; add `{name}:`"))
            continue
        if kind == "extra_forbidden":
            name = str(loc[-1])
            fields = _fields_at(model, loc[:-1])
            near = _near(name, fields)
            hint = f"did you mean '{near[0]}'?" if near else "allowed: " + ", ".join(fields)
            out.append(doc.problem(loc, f"unknown field '{name}'; {hint}", key=True))
            continue
        out.append(doc.problem(loc, _message(kind, ctx, value, err["msg"]), fixes=_fixes(doc, loc, ctx)))
    return out


def _fixes(doc: RawDocument, loc: Loc, ctx: dict[str, Any]) -> tuple[Edit, ...]:
    """The edit that writes a validator's suggestion (models.Suggested) in place of the value."""
    error = ctx.get("error")
    if not isinstance(error, Suggested):
        return ()
    edit = doc.edit(loc, error.value, error.suggestion, error.kind)
    return (edit,) if edit is not None else ()


def _near(name: str, fields: list[str]) -> list[str]:
    return difflib.get_close_matches(name, fields, n=1, cutoff=0.6)


def _string(ctx: dict[str, Any], value: Any, default: str) -> str:
    if value is None:
        return "is empty; write a value after the ':' (or '-')"
    if isinstance(value, bool):
        return (
            f"must be text, found {describe(value)}: YAML reads unquoted yes, no, on, off, true and false "
            f"as true/false; put the value in quotes"
        )
    if isinstance(value, int | float):
        return f"must be text, found {describe(value)}; put it in quotes"
    return f"must be text, found {describe(value)}"


def _mapping(ctx: dict[str, Any], value: Any, default: str) -> str:
    return f"must be a mapping of 'field: value' lines, found {describe(value)}"


def _too_few(ctx: dict[str, Any], value: Any, default: str) -> str:
    n = ctx.get("min_length")
    return f"needs at least {n} item{'s' if n != 1 else ''}"


def _not_allowed(ctx: dict[str, Any], value: Any, default: str) -> str:
    allowed = ctx.get("expected", "").replace("'", "")
    return f"must be one of {allowed}; found {describe(value)}"


# pydantic's error type -> the message, from the error's context, the value found and pydantic's own message.
MESSAGES: dict[str, Callable[[dict[str, Any], Any, str], str]] = {
    "string_type": _string,
    "list_type": lambda ctx, value, default: f"must be a list (one '- item' per line), found {describe(value)}",
    "model_type": _mapping,
    "dict_type": _mapping,
    "model_attributes_type": _mapping,
    "string_too_short": lambda ctx, value, default: "must not be empty",
    "string_too_long": lambda ctx, value, default: (
        f"is too long ({len(value)} characters, at most {ctx.get('max_length')}); shorten it"
    ),
    "too_short": _too_few,
    "too_long": lambda ctx, value, default: (
        f"has too many items ({ctx.get('actual_length')}, at most {ctx.get('max_length')})"
    ),
    "literal_error": _not_allowed,
    "value_error": lambda ctx, value, default: default.removeprefix("Value error, "),
}
# Other types with these prefixes (date_from_datetime_parsing, bool_parsing, int_parsing, ...): pydantic's
# message and the value found.
WITH_VALUE = ("date", "bool", "int")


def _message(kind: str, ctx: dict[str, Any], value: Any, default: str) -> str:
    message = MESSAGES.get(kind)
    if message is not None:
        return message(ctx, value, default)
    if kind.startswith(WITH_VALUE):
        return f"{default.lower()}, found {describe(value)}"
    return default


def field_description(model: type[BaseModel], loc: Loc) -> str | None:
    """The description of the field at loc (list indices skipped), or None."""
    current: Any = model
    found = None
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if _is_model(current) else None
        if field is None:
            return None
        found = field.description
        current = _inner_model(field.annotation)
    return found


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if _is_model(current) else None
        if field is None:
            return []
        current = _inner_model(field.annotation)
    return list(current.model_fields) if _is_model(current) else []


def _is_model(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, BaseModel)


def _inner_model(annotation: Any) -> Any:
    if _is_model(annotation):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None
