"""Variable values: one for every locale, or one per locale, checked before anything renders.

`--var summary="…"` gives every locale the same value; `--var summary.en="…"` (or, in a
vars file, `summary: {id: "…", en: "…"}`) gives one locale its own. A locale's own value
wins over the shared one. An empty or blank value counts as not given: a draft reading
"We are aware of  and …" must never be published.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from crisiskit.diagnostics.errors import UsageError
from crisiskit.model.messages import Message, Variable
from crisiskit.util.suggest import did_you_mean

# NAME or NAME.LOCALE before the `=` of --var.
_NAME = re.compile(r"(?P<name>[a-z_][a-z0-9_]*)(?:\.(?P<locale>[A-Za-z0-9_-]+))?")

# What a vars file or --var gives for one name: one text, or texts by locale.
GivenValue = str | Mapping[str, str]


@dataclass(slots=True)
class Values:
    """Values by variable name: shared by every locale, and per locale."""

    shared: dict[str, str] = field(default_factory=dict)
    by_locale: dict[str, dict[str, str]] = field(default_factory=dict)

    def get(self, name: str, locale: str) -> str | None:
        own = self.by_locale.get(name, {}).get(locale)
        return own if own is not None else self.shared.get(name)

    def set(self, name: str, locale: str | None, value: str) -> None:
        if locale is None:
            self.shared[name] = value
        else:
            self.by_locale.setdefault(name, {})[locale] = value

    def names(self) -> list[str]:
        return list(dict.fromkeys([*self.shared, *self.by_locale]))

    def for_locale(self, names: Iterable[str], locale: str) -> dict[str, str]:
        """What a template in ``locale`` sees: every declared name, blank when not given."""
        return {name: self.get(name, locale) or "" for name in names}

    def as_json(self) -> dict[str, str | dict[str, str]]:
        result: dict[str, str | dict[str, str]] = dict(self.shared)
        for name, per_locale in self.by_locale.items():
            shared = self.shared.get(name)
            result[name] = {**({"*": shared} if shared is not None else {}), **per_locale}
        return result


@dataclass(frozen=True, slots=True)
class Missing:
    """A variable a draft needs and nobody gave (for one locale when ``locale`` is set)."""

    variable: Variable
    locale: str | None

    @property
    def option(self) -> str:
        suffix = f".{self.locale}" if self.locale else ""
        return f"--var {self.variable.name}{suffix}=…"

    @property
    def label(self) -> str:
        return self.variable.name + (f" ({self.locale})" if self.locale else "")


def parse_var_options(pairs: Sequence[str]) -> Values:
    """`--var NAME=VALUE` and `--var NAME.LOCALE=VALUE`, in the order given."""
    values = Values()
    for pair in pairs:
        written, sep, value = pair.partition("=")
        match = _NAME.fullmatch(written.strip())
        if not sep or match is None:
            raise UsageError(f"--var: '{pair}' must be NAME=VALUE or NAME.LOCALE=VALUE")
        values.set(match["name"], match["locale"], value)
    return values


def from_mapping(given: Mapping[str, GivenValue]) -> Values:
    values = Values()
    for name, value in given.items():
        if isinstance(value, str):
            values.set(name, None, value)
        else:
            for locale, text in value.items():
                values.set(name, locale, text)
    return values


def merge(base: Values, override: Values) -> Values:
    """``override`` (the command line) wins over ``base`` (a vars file), name by name."""
    merged = Values(dict(base.shared), {k: dict(v) for k, v in base.by_locale.items()})
    for name, value in override.shared.items():
        merged.shared[name] = value
        merged.by_locale.pop(name, None)  # `--var x=…` replaces every locale's value
    for name, per_locale in override.by_locale.items():
        merged.by_locale.setdefault(name, {}).update(per_locale)
    return merged


def check_known(values: Values, declared: Sequence[Variable], locales: Sequence[str]) -> None:
    """Refuse a name no rendered message declares, or a locale nothing renders in."""
    names = list(dict.fromkeys(v.name for v in declared))
    for name in values.names():
        if name not in names:
            hint = did_you_mean(name, names)
            known = ", ".join(names) or "none"
            raise UsageError(
                f"unknown variable '{name}'" + (f"; {hint}" if hint else f" (declared: {known})")
            )
    for name, per_locale in values.by_locale.items():
        for locale in per_locale:
            if locale not in locales:
                raise UsageError(
                    f"variable '{name}' has a value for locale '{locale}', which is not "
                    f"rendered (locales: {', '.join(locales)})"
                )


def missing(
    values: Values, rendered: Sequence[tuple[Message, Sequence[str], set[str]]]
) -> list[Missing]:
    """Required variables without a non-blank value, in the order they are declared.

    ``rendered`` holds each message with the locales it renders in and the names its
    selected templates read. A per-locale variable is missing once per locale that lacks
    it; any other once, whichever locale lacks it.
    """
    found: dict[tuple[str, str | None], Missing] = {}
    for message, locales, used in rendered:
        for variable in message.variables:
            if not variable.required or variable.name not in used:
                continue
            for locale in locales:
                value = values.get(variable.name, locale)
                if value is None or not value.strip():
                    key = (variable.name, locale if variable.per_locale else None)
                    found.setdefault(key, Missing(variable, key[1]))
    return list(found.values())
