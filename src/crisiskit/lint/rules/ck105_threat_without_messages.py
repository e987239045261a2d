"""CK105 threat-without-messages."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule


@rule("CK105", "threat-without-messages", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A threat uses no prepared message.

    Writing a statement from scratch under pressure is slow and risky. Link the
    threat to the prepared messages it needs, at least a holding statement.

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
        first_steps: [Acknowledge the complaint publicly]
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
        if not threat.messages:
            yield Violation(
                ("threats", i),
                f"threat '{threat.id}' uses no prepared message",
                "add `messages:` with at least a holding statement",
            )
