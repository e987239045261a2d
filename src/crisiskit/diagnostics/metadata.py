"""What every check and rule is, the one type `crisiskit rules`, the docs and SARIF read."""

from __future__ import annotations

from dataclasses import dataclass

from crisiskit.diagnostics.findings import Finding, Level, Span

# The hundreds of a code: the stage of a crisis plan it checks.
STAGES = {
    "0": "File and schema",
    "1": "Threats",
    "2": "Team",
    "3": "Communication and escalation",
    "4": "Messages",
    "5": "Drills and review",
}


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """Metadata of one check or lint rule: stable code, kebab-case name, level, docs.

    ``doc``'s first line is the summary. ``failing`` and ``passing`` are YAML examples;
    a test proves the first produces the code and the second does not. A lint rule's
    examples are merged into the example plan; a loader check's are whole files.
    """

    code: str
    name: str
    severity: Level
    doc: str
    failing: str
    passing: str
    merged_into_base: bool = False

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0]

    @property
    def explanation(self) -> str:
        """The docstring without its summary and its examples."""
        body = self.doc.split("\n", 1)[1] if "\n" in self.doc else ""
        return body.split("Failing example:")[0].strip()

    @property
    def stage(self) -> str:
        return STAGES[self.code[2]]

    def finding(
        self,
        message: str,
        file: str,
        span: Span | None = None,
        path: str = "",
        hint: str | None = None,
    ) -> Finding:
        return Finding(
            code=self.code,
            name=self.name,
            severity=self.severity,
            message=message,
            file=file,
            span=span,
            path=path,
            hint=hint,
        )
