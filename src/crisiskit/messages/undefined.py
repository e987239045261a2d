"""Undefined names in a template, explained: what the object has, and the nearest key.

Jinja says `'dict object' has no attribute 'nmae'` for `{{ org.nmae }}`. The author
needs the expression (`org.nmae`), the keys `org` has and the one they meant. Imported
only when a template is compiled (Jinja is loaded lazily).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from jinja2 import StrictUndefined, nodes

from crisiskit.util.suggest import did_you_mean

# Past these, a name is what a hostile template built, not what an author wrote.
_MAX_NAME = 40
_MAX_KEYS = 12
_NO_KEY = re.compile(r"has no key '([^'\n]{1,40})'")


class ExplainingUndefined(StrictUndefined):
    """StrictUndefined whose error lists the keys of the object that lacked one."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        owner, name = self._undefined_obj, self._undefined_name
        if (
            self._undefined_hint is None
            and isinstance(owner, Mapping)
            and isinstance(name, str)
            and _shown(name)
        ):
            return missing_key(name, owner)
        kind = _KINDS.get(type(owner))
        if self._undefined_hint is None and kind and isinstance(name, str) and _shown(name):
            return f"has no key '{name}' (it is {kind}, with no keys)"
        return str(super()._undefined_message)


# What a template author calls the plain values a context holds.
_KINDS = {str: "a text", int: "a number", float: "a number", bool: "true or false"}


def missing_key(name: str, owner: Mapping[Any, Any]) -> str:
    """`has no key 'nmae'; did you mean 'name'? (it has: handles, help_url, name, website)`"""
    keys = sorted(k for k in owner if isinstance(k, str) and _shown(k))
    close = did_you_mean(name, keys)
    listed = ", ".join(keys[:_MAX_KEYS]) + (", …" if len(keys) > _MAX_KEYS else "")
    has = f"it has: {listed}" if keys else "it has no keys"
    return f"has no key '{name}'" + (f"; {close}" if close else "") + f" ({has})"


def explain(
    message: str,
    source: nodes.Template | None,
    names: list[str],
    context: Mapping[str, Any] | None = None,
) -> str:
    """The undefined-variable message of a render, naming the expression that failed.

    ``source`` is the parsed template (None if unavailable); ``names`` the top-level
    names the template could use, for "did you mean" on an undefined variable;
    ``context`` what the template saw, to tell which of several reads of a key failed.
    """
    missing = _NO_KEY.search(message)
    if missing is not None:
        path = None
        if source is not None and context is not None:
            path = _expression(source, missing[1], context)
        if path is not None:
            owner = path.rsplit(".", 1)[0]
            explained = message[missing.start() :].replace("(it has", f"({owner} has")
            return f"'{path}' is undefined: {owner} {explained}"
        return f"undefined variable: the object {message[missing.start() :]}"
    top = re.fullmatch(r"'([^'\n]{1,40})' is undefined", message)
    if top is not None:
        close = did_you_mean(top[1], names)
        return f"undefined variable: {message}" + (f"; {close}" if close else "")
    return f"undefined variable: {message}"


# A path longer than this is what a hostile template built; the message says no path.
_MAX_PATH = 80
_NOTHING = object()


def _expression(source: nodes.Template, key: str, context: Mapping[str, Any]) -> str | None:
    """`org.nmae`: the one plain name path reading ``key`` that fails in ``context``.

    Several reads of the same key (`org.name`, `channel.name`) are told apart by looking
    each owner up in what the template saw; when more than one (or none) fails, no
    expression is named rather than a wrong one.
    """
    failing: set[str] = set()
    for node in source.find_all((nodes.Getattr, nodes.Getitem)):
        if _key_of(node) != key:
            continue
        parts = _parts_shown(node)
        if parts is None or not _lacks(_owner(parts[:-1], context), key):
            continue
        failing.add(".".join(parts))
        if len(failing) > 1:
            return None
    return next(iter(failing), None)


def _owner(parts: list[str], context: Mapping[str, Any]) -> Any:
    """The value ``parts`` lead to in ``context`` (as Jinja reads plain data), if any."""
    value: Any = context.get(parts[0], _NOTHING)
    for part in parts[1:]:
        if not isinstance(value, Mapping) or part not in value:
            return _NOTHING
        value = value[part]
    return value


def _lacks(owner: Any, key: str) -> bool:
    if owner is _NOTHING:
        return False
    if isinstance(owner, Mapping):
        return key not in owner
    return type(owner) in _KINDS


def _key_of(node: nodes.Node) -> str | None:
    if isinstance(node, nodes.Getattr):
        return str(node.attr)
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        value = node.arg.value
        return value if isinstance(value, str) else None
    return None


def _parts_shown(node: nodes.Node) -> list[str] | None:
    """The names of a plain path (`org.handles.x`), each safe to show, short; else None."""
    parts: list[str] = []
    length = 0
    while isinstance(node, nodes.Getattr | nodes.Getitem):
        key = _key_of(node)
        length += len(key or "") + 1
        if key is None or not _shown(key) or length > _MAX_PATH:
            return None
        parts.append(key)
        node = node.node
    if not isinstance(node, nodes.Name) or not _shown(str(node.name)):
        return None
    return [str(node.name), *reversed(parts)]


def _shown(name: str) -> bool:
    return 0 < len(name) <= _MAX_NAME and name.isprintable() and "'" not in name
