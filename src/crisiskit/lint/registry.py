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
from crisiskit.diagnostics.metadata import RuleInfo
from crisiskit.loader.sourcemap import DataPath

if TYPE_CHECKING:
    from crisiskit.lint.context import LintContext

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
    """A lint rule: its metadata and the function that checks a valid plan."""

    info: RuleInfo
    check: Check

    @property
    def code(self) -> str:
        return self.info.code

    @property
    def name(self) -> str:
        return self.info.name

    @property
    def severity(self) -> Level:
        return self.info.severity

    @property
    def doc(self) -> str:
        return self.info.doc

    @property
    def summary(self) -> str:
        return self.info.summary

    @property
    def failing(self) -> str:
        return self.info.failing

    @property
    def passing(self) -> str:
        return self.info.passing

    @property
    def examples(self) -> dict[str, str]:
        return {kind.lower(): text for kind, text in _EXAMPLE.findall(self.doc)}


def make_rule(code: str, name: str, severity: Level, check: Check, doc: str) -> Rule:
    """A rule from its code, name, level, function and docstring (with its examples)."""
    examples = {kind.lower(): text for kind, text in _EXAMPLE.findall(doc)}
    info = RuleInfo(
        code,
        name,
        severity,
        doc,
        examples.get("failing", ""),
        examples.get("passing", ""),
        merged_into_base=True,
    )
    return Rule(info, check)


_RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Level) -> Callable[[Check], Check]:
    """Register a rule. Its docstring: summary line, explanation, failing and passing example."""

    def register(check: Check) -> Check:
        if not _CODE.match(code) or not _NAME.match(name):
            raise ValueError(f"bad rule code or name: {code} {name}")
        if code in _RULES and _RULES[code].check is not check:
            raise ValueError(f"rule code {code} registered twice")
        doc = inspect.cleandoc(check.__doc__ or "")
        _RULES[code] = make_rule(code, name, severity, check, doc)
        return check

    return register


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, sorted by code (imports each module of the rules package once)."""
    from crisiskit.lint import rules

    for module in pkgutil.iter_modules(rules.__path__):
        importlib.import_module(f"{rules.__name__}.{module.name}")
    return tuple(sorted(_RULES.values(), key=lambda r: r.code))
