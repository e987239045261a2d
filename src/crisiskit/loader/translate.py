"""Translate Pydantic validation errors into findings at the place they were written."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError

from crisiskit.diagnostics import checks
from crisiskit.diagnostics.findings import Finding, Span, format_path
from crisiskit.loader.shapes import shape_mismatch
from crisiskit.loader.sourcemap import DataPath
from crisiskit.model.types import ID_PATTERN, id_form
from crisiskit.util.suggest import did_you_mean

Locate = Callable[[DataPath, bool], tuple[str, Span | None, str]]
"""Map a data path of the merged plan to (file, span, path as written in that file).

The boolean asks for the key's span rather than the value's.
"""


def _models_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _models_in(arg)
        if found is not None:
            return found
    if isinstance(annotation, types.UnionType):  # pragma: no cover - get_args covers it
        return None
    return None


def _model_at(root: type[BaseModel], loc: DataPath) -> type[BaseModel] | None:
    model: type[BaseModel] | None = root
    for part in loc:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        field = _field(model, part)
        if field is None:
            return None
        model = _models_in(field.annotation)
    return model


def _field(model: type[BaseModel], name: str) -> Any:
    for field_name, field in model.model_fields.items():
        if (field.alias or field_name) == name:
            return field
    return None


def field_names(model: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()]


def _clean_message(message: str) -> str:
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message


def _where(path: DataPath) -> str:
    return format_path(path) or "the top level"


def translate_errors(
    error: ValidationError, root: type[BaseModel], data: Any, locate: Locate
) -> list[Finding]:
    findings = []
    for item in error.errors(include_url=False):
        loc: DataPath = tuple(part for part in item["loc"] if isinstance(part, str | int))
        loc = _strip_union_tags(loc, data)
        kind = item["type"]
        if kind == "extra_forbidden":
            file, span, shown = locate(loc, True)
            model = _model_at(root, loc[:-1])
            key = str(loc[-1])
            allowed = field_names(model) if model else []
            hint = did_you_mean(key, allowed)
            if hint is None and allowed:
                hint = "allowed keys: " + ", ".join(allowed)
            findings.append(
                checks.UNKNOWN_KEY.finding(
                    f"unknown key '{key}' in {_where(loc[:-1])}", file, span, shown, hint
                )
            )
        elif kind == "missing":
            file, span, shown = locate(loc[:-1], False)
            findings.append(
                checks.MISSING_KEY.finding(
                    f"missing required key '{loc[-1]}' in {_where(loc[:-1])}",
                    file,
                    span,
                    format_path(loc) if not shown else f"{shown}.{loc[-1]}",
                    hint=_missing_hint(root, loc),
                )
            )
        elif loc == ("crisiskit",):
            file, span, shown = locate(loc, False)
            findings.append(
                checks.UNSUPPORTED_VERSION.finding(
                    f"plan format version {_as_written(item.get('input'))} is not supported",
                    file,
                    span,
                    shown,
                    hint="this release reads `crisiskit: 1`",
                )
            )
        else:
            file, span, shown = locate(loc, False)
            message, hint = _explain(root, loc, item, data)
            findings.append(checks.INVALID_VALUE.finding(message, file, span, shown, hint))
    return findings


def _explain(root: type[BaseModel], loc: DataPath, item: Any, data: Any) -> tuple[str, str | None]:
    """The message and hint of an invalid value: a wrong shape, a bad id, or Pydantic's."""
    value = item.get("input")
    shape = shape_mismatch(root, loc, value)
    if shape is not None:
        return shape
    pattern = (item.get("ctx") or {}).get("pattern")
    if item["type"] == "string_pattern_mismatch" and pattern == ID_PATTERN:
        return id_problem(str(value), _sibling_ids(data, loc))
    expected = (item.get("ctx") or {}).get("expected")
    hint = None
    if item["type"] == "enum" and isinstance(value, str) and expected:
        options = [o.strip(" '") for o in str(expected).replace(" or ", ",").split(",")]
        hint = did_you_mean(value, [o for o in options if o])
    return _clean_message(item["msg"]), hint


_ID_RULE = "ids are lowercase kebab-case (a-z, 0-9, '-' and '_', starting with a letter or digit)"


def id_problem(value: str, taken: frozenset[str] = frozenset()) -> tuple[str, str]:
    """`SEV1` is not an id; ids are lowercase kebab-case: write `sev1`. ``taken`` are
    the ids of the other items of its section: a form one of them has would clash."""
    message = f"'{value}' is not a valid id: {_ID_RULE}"
    form = id_form(value)
    if not form:
        return message, "e.g. crisis-lead"
    if form in taken:
        return message, f"'{form}' is already the id of another item; choose another id"
    return message, f"write '{form}'"


def _sibling_ids(data: Any, loc: DataPath) -> frozenset[str]:
    """The ids of the other items of the list ``loc`` defines an id in (`people[2].id`)."""
    if len(loc) < 2 or loc[-1] != "id" or not isinstance(loc[-2], int):
        return frozenset()
    node = data
    for part in loc[:-2]:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return frozenset()
    if not isinstance(node, list):
        return frozenset()
    return frozenset(
        item["id"]
        for i, item in enumerate(node)
        if i != loc[-2] and isinstance(item, dict) and isinstance(item.get("id"), str)
    )


def _missing_hint(root: type[BaseModel], loc: DataPath) -> str | None:
    model = _model_at(root, loc[:-1])
    if model is None:
        return None
    field = _field(model, str(loc[-1]))
    if field is None or not field.description:
        return None
    return f"{loc[-1]}: {field.description}"


def _strip_union_tags(loc: DataPath, data: Any) -> DataPath:
    """Drop the model and type names Pydantic puts in locations of union members."""
    out: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            out.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            out.append(part)
            node = node[part]
        else:
            # a key that is not in the data: the missing or extra key itself, or a tag
            if isinstance(node, dict) and part == loc[-1]:
                out.append(part)
            node = None
    return tuple(out)


def _as_written(value: object) -> str:
    """A value as YAML shows it: `true`, not Python's `True`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def merge_id_findings(findings: list[Finding], references: list[Finding]) -> list[Finding]:
    """One finding for a reference written `Dimaz`: the invalid id, hinted with the id
    it most likely meant (`did you mean 'dimas'?`) rather than its lowercase form.

    A reference close to no id (`Budi Santoso`, `XYZZY`) is the unknown reference, with
    the known ids: its lowercase form would name nothing either."""
    invalid_ids = {
        (f.file, f.span): i
        for i, f in enumerate(findings)
        if f.code == checks.INVALID_VALUE.code and f.message.endswith(_ID_RULE)
    }
    merged = list(findings)
    for reference in references:
        at = invalid_ids.get((reference.file, reference.span))
        if at is None:
            merged.append(reference)
        elif reference.hint and reference.hint.startswith("did you mean"):
            merged[at] = dataclasses.replace(merged[at], hint=reference.hint)
        else:
            merged[at] = reference
    return merged
