"""What a validation run checked and found: all a reporter needs, light to import.

A report answered from the findings cache is rendered from this without loading the
plan model, the loader or the rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from crisiskit.diagnostics.findings import Finding, Level

if TYPE_CHECKING:
    from crisiskit.loader.plan import LoadedPlan


@dataclass(slots=True)
class ValidationReport:
    """What one run checked and found (``plans`` is empty when it came from the cache)."""

    files: list[str] = field(default_factory=list)
    plans: list[LoadedPlan] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    suppressed: int = 0  # findings silenced by inline suppressions

    def count(self, severity: Level) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def files_with_findings(self) -> int:
        return len({f.file for f in self.findings})
