"""Every check and rule in one list, for `crisiskit rules`, docs and SARIF metadata."""

from __future__ import annotations

from dataclasses import dataclass

from crisiskit.diagnostics.checks import LOADER_CHECKS
from crisiskit.diagnostics.findings import Level
from crisiskit.lint.example_plan import example_plan_text
from crisiskit.lint.registry import STAGES, all_rules


@dataclass(frozen=True, slots=True)
class Entry:
    code: str
    name: str
    severity: Level
    doc: str
    failing: str
    passing: str
    # Rule examples are merged into the base example plan; check examples are whole files.
    merged_into_base: bool

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0]

    @property
    def explanation(self) -> str:
        """The docstring without its summary and its examples."""
        body = self.doc.split("\n", 1)[1] if "\n" in self.doc else ""
        return body.split("Failing example:")[0].strip()

    @property
    def stage(self) -> str:
        return STAGES[self.code[2]]

    def failing_plan(self) -> str:
        return example_plan_text(self.failing) if self.merged_into_base else self.failing

    def passing_plan(self) -> str:
        return example_plan_text(self.passing) if self.merged_into_base else self.passing


def catalog() -> list[Entry]:
    entries = [
        Entry(c.code, c.name, c.severity, c.doc, c.failing, c.passing, False) for c in LOADER_CHECKS
    ]
    entries += [
        Entry(r.code, r.name, r.severity, r.doc, r.failing, r.passing, True) for r in all_rules()
    ]
    return sorted(entries, key=lambda e: e.code)


def find(code_or_name: str) -> Entry | None:
    wanted = code_or_name.strip()
    for entry in catalog():
        if wanted.upper() == entry.code or wanted.lower() == entry.name:
            return entry
    return None
