"""CK302 escalation-cycle."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.oncall.escalation import find_cycle


@rule("CK302", "escalation-cycle", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """Escalation goes round in a circle.

    If A escalates to B and B back to A, the incident never reaches someone who
    can decide; it bounces between two inboxes.

    Failing example:
    ```yaml
    escalation:
      - from: social-lead
        to: crisis-lead
        after: 15m
      - from: crisis-lead
        to: social-lead
        after: 30m
    ```

    Passing example:
    ```yaml
    escalation:
      - from: social-lead
        to: crisis-lead
        after: 15m
    ```
    """
    reported: set[tuple[int, ...]] = set()
    for severity in ctx.plan.severities:
        cycle = find_cycle(ctx.plan, severity)
        if cycle is None or tuple(sorted(cycle)) in reported:
            continue
        reported.add(tuple(sorted(cycle)))
        roles = [ctx.plan.escalation[i].source for i in cycle]
        path = " → ".join([*roles, roles[0]])
        yield Violation(
            ("escalation", cycle[-1]),
            f"escalation cycle for {severity.id}: {path}",
            "escalate upwards only, ending at a decision maker",
        )
