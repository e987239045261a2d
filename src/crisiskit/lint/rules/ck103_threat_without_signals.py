"""CK103 threat-without-signals."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule


@rule("CK103", "threat-without-signals", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A threat lists no warning signals.

    Signals tell the person on watch that this threat is starting: a spike of
    mentions, a login alert, a journalist's question. Without them, incidents
    are declared late.

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
        if not threat.signals:
            yield Violation(
                ("threats", i),
                f"threat '{threat.id}' lists no warning signals",
                "add `signals:` that tell the person on watch it is starting",
            )
