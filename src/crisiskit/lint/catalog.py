"""Every check and rule in one list, for `crisiskit rules`, docs and SARIF metadata."""

from __future__ import annotations

from crisiskit.diagnostics.checks import LOADER_CHECKS
from crisiskit.diagnostics.metadata import RuleInfo
from crisiskit.lint.example_plan import example_plan_text
from crisiskit.lint.registry import all_rules


def catalog() -> list[RuleInfo]:
    """The loader's checks and the lint rules, by code: one source for the list of codes."""
    return sorted([*LOADER_CHECKS, *(r.info for r in all_rules())], key=lambda e: e.code)


def find(code_or_name: str) -> RuleInfo | None:
    wanted = code_or_name.strip()
    for entry in catalog():
        if wanted.upper() == entry.code or wanted.lower() == entry.name:
            return entry
    return None


def example_plan(info: RuleInfo, failing: bool) -> str:
    """A rule's example as a whole plan: merged into the base plan, or as written."""
    example = info.failing if failing else info.passing
    return example_plan_text(example) if info.merged_into_base else example
