"""CK104 threat-without-first-steps."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule


@rule("CK104", "threat-without-first-steps", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A threat has no first steps.

    The first minutes decide how big a crisis gets. Write down what to do first,
    so nobody has to think of it at 2 a.m.

    Failing example:
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
        if not threat.first_steps:
            yield Violation(
                ("threats", i),
                f"threat '{threat.id}' has no first steps",
                "add `first_steps:` with what to do in the first minutes",
            )
