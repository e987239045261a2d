"""Match the items of two plans by id, detect renames, and list what changed in each.

Items are compared as plain data (the model's JSON form), so every field of every
section is covered; :mod:`crisiskit.review.risks` then says which changes are risky.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

# Two items are the same item renamed when at least this share of their fields agree.
RENAME_SIMILARITY = 0.6
MAX_SHOWN_CHARS = 120

Dump = dict[str, Any]


def dump(model: BaseModel) -> Dump:
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


@dataclass(frozen=True, slots=True)
class Pair:
    """An item on both sides (possibly renamed), or on one side only."""

    old_key: str | None
    new_key: str | None
    old_index: int | None
    new_index: int | None


def similarity(old: Dump, new: Dump, ignore: str) -> float:
    keys = (set(old) | set(new)) - {ignore}
    if not keys:
        return 0.0
    return sum(1 for key in keys if old.get(key) == new.get(key)) / len(keys)


def match(
    old: Sequence[Dump], new: Sequence[Dump], key: Callable[[Dump], str], renames: bool
) -> list[Pair]:
    """Pairs by key; an unmatched old item similar enough to an unmatched new one is renamed."""
    old_keys = {key(item): i for i, item in enumerate(old)}
    new_keys = {key(item): i for i, item in enumerate(new)}
    pairs = [Pair(k, k, i, new_keys[k]) for k, i in old_keys.items() if k in new_keys]
    gone = [k for k in old_keys if k not in new_keys]
    came = [k for k in new_keys if k not in old_keys]
    if renames and gone and came:
        scored = sorted(
            (
                (similarity(old[old_keys[g]], new[new_keys[c]], "id"), g, c)
                for g in gone
                for c in came
            ),
            reverse=True,
        )
        for score, g, c in scored:
            if score < RENAME_SIMILARITY or g not in gone or c not in came:
                continue
            pairs.append(Pair(g, c, old_keys[g], new_keys[c]))
            gone.remove(g)
            came.remove(c)
    pairs += [Pair(k, None, old_keys[k], None) for k in gone]
    pairs += [Pair(None, k, None, new_keys[k]) for k in came]
    return pairs


def rename_values(value: Any, renames: Mapping[str, str]) -> Any:
    """``value`` with every reference to a renamed id written with its new id."""
    if isinstance(value, str):
        return renames.get(value, value)
    if isinstance(value, list):
        return [rename_values(item, renames) for item in value]
    if isinstance(value, dict):
        return {k: rename_values(v, renames) for k, v in value.items()}
    return value


def changed_fields(old: Dump, new: Dump, skip: frozenset[str]) -> list[tuple[str, Any, Any]]:
    """(field, old value, new value) for every field that differs, in the new order."""
    keys = [*new, *(k for k in old if k not in new)]
    return [(k, old.get(k), new.get(k)) for k in keys if k not in skip and old.get(k) != new.get(k)]


def shown(value: Any) -> str:
    """A value in one short line, as a reviewer reads it."""
    if value is None or value == [] or value == {}:
        text = "(none)"
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, list):
        text = ", ".join(shown(item) for item in value)
    elif isinstance(value, dict):
        text = "; ".join(f"{k}: {shown(v)}" for k, v in value.items())
    else:
        text = " ".join(str(value).split())
    return text if len(text) <= MAX_SHOWN_CHARS else text[: MAX_SHOWN_CHARS - 1] + "…"


def list_change(old: Any, new: Any) -> str:
    """How a list changed: its items added and removed, or its order."""
    if not isinstance(old, list) or not isinstance(new, list):
        return f"{shown(old)} → {shown(new)}"
    if (
        len(old) == len(new)
        and all(isinstance(item, dict) for item in [*old, *new])
        and sum(1 for a, b in zip(old, new, strict=True) if a != b) == 1
    ):
        # One item of a list of mappings edited (a first step's deadline): say what changed.
        index, (a, b) = next(
            (i, p) for i, p in enumerate(zip(old, new, strict=True)) if p[0] != p[1]
        )
        fields = changed_fields(a, b, frozenset())
        return f"[{index + 1}] " + "; ".join(f"{k}: {shown(x)} → {shown(y)}" for k, x, y in fields)
    as_text = [json.dumps(item, sort_keys=True) for item in old]
    new_text = [json.dumps(item, sort_keys=True) for item in new]
    removed = [old[i] for i, t in enumerate(as_text) if t not in new_text]
    added = [new[i] for i, t in enumerate(new_text) if t not in as_text]
    if not removed and not added:
        return "reordered: " + shown(new)
    parts = [f"+ {shown(item)}" for item in added] + [f"− {shown(item)}" for item in removed]
    return "; ".join(parts)


def describe(old: Any, new: Any) -> str:
    if isinstance(old, list) or isinstance(new, list):
        return list_change(old or [], new or [])
    if isinstance(old, dict) and isinstance(new, dict):
        # Only the keys that changed (a threat's `communication:`): the whole mapping in one
        # line is cut short, and 10m → 5m would read as the same line twice.
        fields = changed_fields(old, new, frozenset())
        return "; ".join(f"{k}: {describe(x, y)}" for k, x, y in fields)
    return f"{shown(old)} → {shown(new)}"
