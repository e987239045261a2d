"""The canonical order of a plan's keys: the order of the fields in the plan model.

`crisiskit fmt` puts keys in this order, so every plan reads the same way and a reviewer
finds `primary:` and `backups:` in the same place in every role.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import BaseModel


@dataclass(frozen=True, slots=True)
class KeyOrder:
    """The keys of one kind of mapping, in order, and what each key's value holds.

    ``items`` describes the mappings inside a list (a list of people, of steps).
    """

    keys: tuple[str, ...] = ()
    children: dict[str, KeyOrder] = field(default_factory=dict)
    items: KeyOrder | None = None

    def child(self, key: object) -> KeyOrder | None:
        return self.children.get(key) if isinstance(key, str) else None

    def rank(self, key: object) -> int | None:
        """Position of ``key`` in the canonical order, None for a key the schema lacks."""
        try:
            return self.keys.index(key) if isinstance(key, str) else None
        except ValueError:
            return None


def _models_in(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The model an annotation holds (directly or in a list) and whether it is a list."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _models_in(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        for option in typing.get_args(annotation):
            model, is_list = _models_in(option)
            if model is not None:
                return model, is_list
        return None, False
    if origin is list:
        model, _ = _models_in(typing.get_args(annotation)[0])
        return model, True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    return None, False


@cache
def order_of(model: type[BaseModel]) -> KeyOrder:
    """The key order of ``model``'s mappings, following its nested models."""
    keys: list[str] = []
    children: dict[str, KeyOrder] = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        keys.append(key)
        nested, is_list = _models_in(info.annotation)
        if nested is not None:
            order = order_of(nested)
            children[key] = KeyOrder(items=order) if is_list else order
    return KeyOrder(tuple(keys), children)


def plan_order() -> KeyOrder:
    """The order of a plan; a fragment's sections are a subset, in the same order."""
    from crisiskit.model.plan import Plan

    return order_of(Plan)
