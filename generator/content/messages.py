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


def problems_from(
    doc: RawDocument,
    model: type[BaseModel],
    errors: list[ErrorDetails],
    known: dict[Loc, tuple[str, str]] | None = None,
) -> list[Problem]:
    """One problem per error. known: a value the file itself gives for a field, with where it comes
    from (a briefing's `date`: the day its file name starts with), to write where the field is
    missing or wrong."""
    known = known or {}
    out = []
    # A misspelt field ('titel') is reported once, as unknown with a suggestion, not also as 'title' missing;
    # so is a renamed one ('summary' for 'dek'): the one unknown field where one required field is missing.
    renamed = _renamed(model, errors)
    suggested = {
        (*err["loc"][:-1], near)
        for err in errors
        if err["type"] == "extra_forbidden"
        for near in _near(str(err["loc"][-1]), _fields_at(model, tuple(err["loc"][:-1])))
    } | {(*loc[:-1], name) for loc, name in renamed.items()}
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
            if loc in known:
                day, why = known[loc]
                message = f"required field '{name}' is missing; add `{name}: {day}` ({why})"
            else:
                message = f"required field '{name}' is missing; add `{name}:`"
            out.append(doc.problem(where, message))
            continue
        if kind == "extra_forbidden":
            name = str(loc[-1])
            fields = _fields_at(model, loc[:-1])
            near = _near(name, fields) or ([renamed[loc]] if loc in renamed else [])
            hint = f"did you mean '{near[0]}'?" if near else "allowed: " + ", ".join(fields)
            out.append(doc.problem(loc, f"unknown field '{name}'; {hint}", key=True))
            continue
        message = _message(kind, ctx, value, err["msg"], doc, model, loc)
        fixes = _fixes(doc, loc, ctx)
        if loc in known and not fixes:
            day, why = known[loc]
            message += f"; write `{loc[-1]}: {day}` ({why})"
            fixes = _known_fix(doc, loc, value, day)
        out.append(doc.problem(loc, message, fixes=fixes))
    return out


def _renamed(model: type[BaseModel], errors: list[ErrorDetails]) -> dict[Loc, str]:
    """Unknown field -> the required field it most likely stands for: where, in one mapping, exactly one
    field is unknown and exactly one required field is missing."""
    extra: dict[Loc, list[Loc]] = {}
    missing: dict[Loc, list[str]] = {}
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "extra_forbidden":
            extra.setdefault(loc[:-1], []).append(loc)
        elif err["type"] == "missing":
            missing.setdefault(loc[:-1], []).append(str(loc[-1]))
    return {
        unknown[0]: missing[parent][0]
        for parent, unknown in extra.items()
        if len(unknown) == 1 and len(missing.get(parent, ())) == 1
    }


def _known_fix(doc: RawDocument, loc: Loc, value: Any, new: str) -> tuple[Edit, ...]:
    """The edit writing a known value (the file name's day) in place of a wrong or empty one."""
    if isinstance(value, str | int) and not isinstance(value, bool) and str(value):
        edit = doc.edit(loc, str(value), new, "file-date")
        return (edit,) if edit is not None else ()
    if value is None and loc in doc.values:
        line = doc.values[loc][0]
        text = doc.line_text(line).rstrip()
        if text.endswith(":") and len(loc) == 1 and text.rstrip(":").strip() == loc[0]:
            return (Edit(line, len(text) + 1, "", f" {new}", "file-date"),)
    return ()


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
    words = [w.strip() for w in allowed.replace(" or ", ", ").split(",") if w.strip()]
    near = difflib.get_close_matches(str(value).casefold(), words, n=1, cutoff=0.6) if isinstance(value, str) else []
    hint = f"; did you mean '{near[0]}'?" if near else ""
    return f"must be one of {allowed}; found {describe(value)}{hint}"


# pydantic's error type -> the message, from the error's context, the value found and pydantic's own message.
MESSAGES: dict[str, Callable[[dict[str, Any], Any, str], str]] = {
    "string_type": _string,
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
    "value_error": lambda ctx, value, default: default.removeprefix("Value error, "),
}
# Other types with these prefixes (date_from_datetime_parsing, bool_parsing, int_parsing, ...): pydantic's
# message and the value found.
WITH_VALUE = ("date", "bool", "int")


def _message(
    kind: str, ctx: dict[str, Any], value: Any, default: str, doc: RawDocument, model: type[BaseModel], loc: Loc
) -> str:
    if kind == "list_type":
        return _not_a_list(value, doc, model, loc)
    if kind == "literal_error":
        return _not_allowed(ctx, value, default)
    if kind == "too_short" and value is not None:
        example = field_example(model, loc)
        shown = f", as in `{loc[-1]}: {_flow(example)}`" if _plain_list(example) else ""
        return _too_few(ctx, value, default) + shown
    message = MESSAGES.get(kind)
    if message is not None:
        return message(ctx, value, default)
    if kind.startswith(WITH_VALUE):
        return f"{default.lower()}, found {describe(value)}"
    return default


def _not_a_list(value: Any, doc: RawDocument, model: type[BaseModel], loc: Loc) -> str:
    """What to write for a list written as something else: its items in brackets, each item of a list of
    mappings started with '- ', or, for an empty field, the field's example."""
    found = f"must be a list, found {describe(value)}"
    name = loc[-1] if loc else ""
    if isinstance(value, str) and "\n" not in value and len(value) <= 200:
        items = [part.strip() for part in value.split(",") if part.strip()]
        return f"{found}; write the items in brackets: `{name}: {_flow(items)}`"
    if isinstance(value, dict) and value:
        first = next(iter(value))
        return f"{found}; start each item with '- ', as in `- {first}: ...`"
    if value is None:
        example = field_example(model, loc)
        shown = f": `{name}: {_flow(example)}`" if _plain_list(example) else ""
        return f"{found}; write its items after it{shown}, or remove the line"
    return f"{found} (one '- item' per line)"


def _plain_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(i, str) for i in value)


def _flow(items: list[Any]) -> str:
    """A short list of words as YAML's flow style writes it: [a, b]."""
    return "[" + ", ".join(str(i) for i in items) + "]"


def _field_at(model: type[BaseModel], loc: Loc) -> Any:
    """The pydantic field at loc (list indices skipped), or None."""
    current: Any = model
    found = None
    for part in loc:
        if isinstance(part, int):
            continue
        found = current.model_fields.get(part) if _is_model(current) else None
        if found is None:
            return None
        current = _inner_model(found.annotation)
    return found


def field_example(model: type[BaseModel], loc: Loc) -> Any:
    """The first example of the field at loc (list indices skipped), or None."""
    field = _field_at(model, loc)
    return field.examples[0] if field is not None and field.examples else None


def field_description(model: type[BaseModel], loc: Loc) -> str | None:
    """The description of the field at loc (list indices skipped), or None."""
    field = _field_at(model, loc)
    return field.description if field is not None else None


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
