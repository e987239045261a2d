"""CK102 threat-without-severity."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule


@rule("CK102", "threat-without-severity", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A threat has no default severity.

    The default severity sets who is notified and how fast the first response
    must be. Without it the team argues about severity while the clock runs.

    Failing example:
    ```yaml
    threats:
      - id: viral-complaint
        name: Viral negative post
        kind: viral-negative-content
        likelihood: likely
        impact: moderate
        owner: social-lead
        signals: [A complaint passes 1,000 shares]
        first_steps: [Acknowledge the complaint publicly]
        messages: [holding-statement]
    ```

    Passing example:
    ```yaml
    threats:
      - id: viral-complaint
        name: Viral negative post
        kind: viral-negative-content
        likelihood: likely
        impact: moderate
        severity: sev2
        owner: social-lead
        signals: [A complaint passes 1,000 shares]
        first_steps: [Acknowledge the complaint publicly]
        messages: [holding-statement]
    ```
    """
    for i, threat in enumerate(ctx.plan.threats):
        if threat.severity is None:
            yield Violation(
                ("threats", i),
                f"threat '{threat.id}' has no default severity",
                "add `severity:`; if unsure, choose the higher one",
            )
