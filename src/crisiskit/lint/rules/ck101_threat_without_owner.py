"""CK101 threat-without-owner."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule


@rule("CK101", "threat-without-owner", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A threat names no owning role.

    When the threat materialises, someone must own the response from the first
    minute. Name the role (not a person: people change, roles stay).

    Failing example:
    ```yaml
    threats:
      - id: viral-complaint
        name: Viral negative post
        kind: viral-negative-content
        likelihood: likely
        impact: moderate
        severity: sev2
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
        if threat.owner is None:
            yield Violation(
                ("threats", i),
                f"threat '{threat.id}' has no owner role",
                "add `owner:` with the role that leads the response",
            )
