"""CK303 escalation-without-decision-maker."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.oncall.escalation import ladder


@rule("CK303", "escalation-without-decision-maker", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A severity's escalation never reaches a decision maker.

    Follow the ladder from the severity's responder through the escalation rules
    that apply to it: it must reach a role with `decision_maker: true`, or the
    team can spend the night waiting for a decision nobody may take. The role
    where the ladder stops is a dead end. A severity with `internal_only: true`
    takes no public decision and is not checked.

    Failing example:
    ```yaml
    # replace: escalation
    escalation: []
    ```

    Passing example:
    ```yaml
    escalation:
      - from: social-lead
        to: crisis-lead
        after: 15m
    ```
    """
    for i, severity in enumerate(ctx.plan.severities):
        if severity.internal_only:
            continue  # a ticket queue needs no decision on a public statement
        rungs = ladder(ctx.plan, severity)
        if not rungs:
            continue  # no responder: CK306 reports it
        if any(ctx.roles.get(r.role) and ctx.roles[r.role].decision_maker for r in rungs):
            continue
        last = rungs[-1]
        path = (
            ("escalation", last.rule_index, "to")
            if last.rule_index is not None
            else (
                "severities",
                i,
                "responder",
            )
        )
        yield Violation(
            path,
            f"escalation for {severity.id} stops at '{last.role}' without reaching "
            "a decision maker",
            f"add an escalation rule from '{last.role}' to a role with decision_maker: true",
        )
