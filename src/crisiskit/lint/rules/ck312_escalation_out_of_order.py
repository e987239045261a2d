"""CK312 escalation-out-of-order."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.model.types import format_duration
from crisiskit.oncall.escalation import ladder


@rule("CK312", "escalation-out-of-order", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """An escalation step comes no later than the step before it.

    `after` counts from the declaration of the incident, so each step up the
    ladder must come later than the one below it.

    Failing example:
    ```yaml
    roles:
      - id: spokesperson
        name: Spokesperson
        responsibilities: [Speak for the company]
        primary: sari
        backups: [rina]
        decision_maker: true
    escalation:
      - from: social-lead
        to: crisis-lead
        after: 30m
      - from: crisis-lead
        to: spokesperson
        after: 15m
    ```

    Passing example:
    ```yaml
    roles:
      - id: spokesperson
        name: Spokesperson
        responsibilities: [Speak for the company]
        primary: sari
        backups: [rina]
        decision_maker: true
    escalation:
      - from: social-lead
        to: crisis-lead
        after: 15m
      - from: crisis-lead
        to: spokesperson
        after: 30m
    ```
    """
    reported: set[int] = set()
    for severity in ctx.plan.severities:
        rungs = ladder(ctx.plan, severity)
        for below, above in itertools.pairwise(rungs):
            if above.rule_index is None or above.rule_index in reported:
                continue
            if below.rule_index is not None and above.after <= below.after:
                reported.add(above.rule_index)
                yield Violation(
                    ("escalation", above.rule_index, "after"),
                    f"escalation to '{above.role}' at T+{format_duration(above.after)} "
                    f"is not later than to '{below.role}' at T+{format_duration(below.after)}",
                    "`after` counts from the declaration; make each step later",
                )
