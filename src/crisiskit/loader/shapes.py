"""A list where one value is expected, one value where a list is, and the like.

Pydantic says "Input should be a valid string" for `owner: [crisis-lead, pr-lead]`; a
plan's author needs "expects one role id, got a list of 2". The shape a field expects
is read from the model's annotations, for every field; what its values are called
("role id") from the reference table, so the words follow the plan format by themselves.
"""

from __future__ import annotations

import json
import types
import typing
from typing import Any, Literal

from pydantic import BaseModel

from crisiskit.loader.references import KINDS, REFERENCES
from crisiskit.loader.sourcemap import DataPath

Shape = Literal["one", "list", "mapping"]
_LISTS = (list, tuple, set, frozenset)


def shape_mismatch(root: type[BaseModel], loc: DataPath, value: Any) -> tuple[str, str] | None:
    """(message, hint) when ``value`` at ``loc`` has the wrong shape for its field."""
    expected = _shape(_annotation_at(root, loc))
    given = _given(value)
    if expected is None or given is None or expected == given:
        return None
    key = loc[-1] if loc and isinstance(loc[-1], str) else None
    if expected == "one":
        message, hint = _one_expected(loc, key, value)
        # `channel: [x, bluesky]` where the item also takes `channels:`: say so.
        plural = f"{key}s" if key else None
        if given == "list" and plural and _shape(_annotation_at(root, (*loc[:-1], plural))):
            hint = f"`{key}` takes one; for several write `{plural}: [...]` instead"
        return message, hint
    if expected == "list":
        return _list_expected(root, loc, key, value)
    got = f"a list of {len(value)}" if given == "list" else "a single value"
    return (
        f"expects a mapping (key: value on their own lines), got {got}",
        f"write the keys under `{key}:`, indented" if key else "write key: value pairs",
    )


def _one_expected(loc: DataPath, key: str | None, value: Any) -> tuple[str, str]:
    what = _noun(loc, plural=False)
    if isinstance(value, dict):
        return (
            f"expects one {what}, got a mapping",
            f"write the value itself after `{key}:`" if key else "write the value itself",
        )
    if len(value) == 1 and _given(value[0]) == "one" and key:
        return (
            f"expects one {what}, got a list of 1",
            f"write it without brackets: `{key}: {_scalar(value[0])}`",
        )
    if key is None:
        return (
            f"expects one {what} per item, got a list of {len(value)}",
            "list the values one per item, without nested brackets",
        )
    return (
        f"expects one {what}, got a list of {len(value)}",
        f"`{key}` takes one {what}; choose one",
    )


def _list_expected(
    root: type[BaseModel], loc: DataPath, key: str | None, value: Any
) -> tuple[str, str]:
    if _shape(_annotation_at(root, (*loc, 0))) == "mapping":
        got = "a single mapping" if isinstance(value, dict) else "one value"
        return (
            f"expects a list of mappings, got {got}",
            "start each item with '- ' and write its keys (key: value) beneath it",
        )
    what = _noun((*loc, 0), plural=True)
    if isinstance(value, dict):
        return (
            f"expects a list of {what}, got a single mapping",
            "start each item with '- ' (a list of one is fine)",
        )
    written = f"`{key}: [{_scalar(value)}]`" if key else f"`[{_scalar(value)}]`"
    return f"expects a list of {what}, got one value", f"write it as a list: {written}"


def _noun(loc: DataPath, plural: bool) -> str:
    """`role id`, `person ids`, `value`: what the values at ``loc`` are."""
    for pattern, section in REFERENCES:
        if _matches(pattern, loc):
            kind = KINDS[section][0]
            return f"{kind} ids" if plural else f"{kind} id"
    return "values" if plural else "value"


def _matches(pattern: tuple[str, ...], loc: DataPath) -> bool:
    if len(pattern) != len(loc):
        return False
    return all(
        (p == "*" and isinstance(part, int)) or p == part
        for p, part in zip(pattern, loc, strict=True)
    )


def _annotation_at(root: type[BaseModel], loc: DataPath) -> Any:
    """The type a value at ``loc`` must have, or None where the path leaves the model."""
    annotation: Any = root
    for part in loc:
        annotation = _bare(annotation)
        if annotation is None:
            return None
        if isinstance(part, int):
            if typing.get_origin(annotation) not in _LISTS:
                return None
            annotation = typing.get_args(annotation)[0]
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = next(
                (f for n, f in annotation.model_fields.items() if (f.alias or n) == part), None
            )
            if field is None:
                return None
            annotation = field.annotation
        elif typing.get_origin(annotation) is dict:
            annotation = typing.get_args(annotation)[1]
        else:
            return None
    return annotation


def _bare(annotation: Any) -> Any:
    """Without `Annotated` and `None`; None for a union of several kinds of value."""
    if typing.get_origin(annotation) is typing.Annotated:
        return _bare(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        shapes = {_shape(m) for m in members}
        if len(members) == 1:
            return _bare(members[0])
        return _bare(members[0]) if len(shapes) == 1 and None not in shapes else None
    return annotation


def _shape(annotation: Any) -> Shape | None:
    annotation = _bare(annotation)
    if annotation is None or annotation is Any:
        return None
    origin = typing.get_origin(annotation)
    if origin in _LISTS:
        return "list"
    if origin is dict or (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
        return "mapping"
    if origin is typing.Literal or isinstance(annotation, type):
        return "one"
    return None


def _given(value: Any) -> Shape | None:
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, str | int | float | bool):
        return "one"
    return None


# A value longer than this is shortened in a hint: the hint shows the form, not the data.
_MAX_SHOWN = 40


def _scalar(value: Any) -> str:
    """``value`` as YAML on one line: plain when it reads back as itself, else quoted
    (JSON's quoting is YAML's), so a newline in it never starts a line of output."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if not isinstance(value, str):
        return str(value)
    shown = value if len(value) <= _MAX_SHOWN else value[: _MAX_SHOWN - 1] + "…"
    if _reads_back(shown):
        return shown
    return json.dumps(shown, ensure_ascii=not shown.isprintable())


def _reads_back(text: str) -> bool:
    """Whether ``text`` written plain inside `[…]` is that same text to YAML."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    if not text.isprintable() or text != text.strip():
        return False
    try:
        return bool(YAML(typ="safe", pure=True).load(f"[{text}]") == [text])
    except YAMLError:
        return False
