"""CK311 duplicate-severity-level."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule


@rule("CK311", "duplicate-severity-level", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """Two severities share a level.

    Levels order the scale (1 is the most severe); two severities at one level
    make "treat it as the higher severity" impossible to follow.

    Failing example:
    ```yaml
    severities:
      - id: sev2
        name: SEV2 - High
        level: 1
        criteria: [Spreading complaints]
        first_response: 15m
        update_every: 30m
        responder: social-lead
        notify: [crisis-lead]
        approvers: [crisis-lead]
    ```

    Passing example:
    ```yaml
    severities:
      - id: sev2
        name: SEV2 - High
        level: 2
        criteria: [Spreading complaints]
        first_response: 1h
        update_every: 2h
        responder: social-lead
        notify: [crisis-lead]
        approvers: [crisis-lead]
    ```
    """
    seen: dict[int, str] = {}
    for i, severity in enumerate(ctx.plan.severities):
        if severity.level in seen:
            yield Violation(
                ("severities", i, "level"),
                f"'{severity.id}' has level {severity.level}, like '{seen[severity.level]}'",
                "give each severity its own level",
            )
        else:
            seen[severity.level] = severity.id
