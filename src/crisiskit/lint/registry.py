"""The rule registry: one module per rule under :mod:`crisiskit.lint.rules`."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from crisiskit.diagnostics.findings import Level, Span
from crisiskit.loader.sourcemap import DataPath

if TYPE_CHECKING:
    from crisiskit.lint.context import LintContext

STAGES = {
    "0": "File and schema",
    "1": "Threats",
    "2": "Team",
    "3": "Communication and escalation",
    "4": "Messages",
    "5": "Drills and review",
}
_CODE = re.compile(r"^CK[0-5]\d\d$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_EXAMPLE = re.compile(r"(Failing|Passing) example:\s*```yaml\n(.*?)```", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Violation:
    """What a rule reports: where (data path of the merged plan), what, and how to fix."""

    path: DataPath
    message: str
    hint: str | None = None
    # Point at the key that introduces `path` (e.g. a section name) rather than its value.
    on_key: bool = False
    # An exact place (file as shown, span) for what has no data path, such as a comment.
    at: tuple[str, Span] | None = None


Check = Callable[["LintContext"], Iterable[Violation]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Level
    check: Check
    doc: str

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0]

    @property
    def stage(self) -> str:
        return STAGES[self.code[2]]

    @property
    def examples(self) -> dict[str, str]:
        return {kind.lower(): text for kind, text in _EXAMPLE.findall(self.doc)}

    @property
    def failing(self) -> str:
        return self.examples["failing"]

    @property
    def passing(self) -> str:
        return self.examples["passing"]


_RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Level) -> Callable[[Check], Check]:
    """Register a rule. Its docstring: summary line, explanation, failing and passing example."""

    def register(check: Check) -> Check:
        if not _CODE.match(code) or not _NAME.match(name):
            raise ValueError(f"bad rule code or name: {code} {name}")
        if code in _RULES and _RULES[code].check is not check:
            raise ValueError(f"rule code {code} registered twice")
        doc = inspect.cleandoc(check.__doc__ or "")
        _RULES[code] = Rule(code, name, severity, check, doc)
        return check

    return register


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, sorted by code (imports each module of the rules package once)."""
    from crisiskit.lint import rules

    for module in pkgutil.iter_modules(rules.__path__):
        importlib.import_module(f"{rules.__name__}.{module.name}")
    return tuple(sorted(_RULES.values(), key=lambda r: r.code))
