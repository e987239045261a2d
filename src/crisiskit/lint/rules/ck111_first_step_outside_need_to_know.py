"""CK111 first-step-outside-need-to-know."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.model.threats import Threat
from crisiskit.oncall.escalation import ladder


@rule("CK111", "first-step-outside-need-to-know", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A first step of a need-to-know threat involves a role outside the circle.

    A threat with `communication.need_to_know` is handled by few people: the roles
    listed, its owner, and those its severity already calls (responder, escalation,
    approvers, and the approvers of its messages). A first step given to any other
    role brings someone outside the circle into the incident. The severity's
    responder, escalation and approvers are not flagged: the incident cannot be taken,
    escalated or approved without them, and `need_to_know` replaces only its `notify`
    list; `who` and `respond` mark them "outside need-to-know" instead.

    Failing example:
    ```yaml
    threats:
      - id: data-leak
        name: Customer data leak
        kind: data-leak
        likelihood: unlikely
        impact: severe
        severity: sev1
        owner: crisis-lead
        signals: [Customer data offered online]
        first_steps:
          - action: Contain the leak
            role: spokesperson
          - action: Notify the data protection authority
            regulator: Komdigi
            within: 72h
        messages: [holding-statement]
        communication:
          need_to_know: [crisis-lead]
    ```

    Passing example:
    ```yaml
    threats:
      - id: data-leak
        name: Customer data leak
        kind: data-leak
        likelihood: unlikely
        impact: severe
        severity: sev1
        owner: crisis-lead
        signals: [Customer data offered online]
        first_steps:
          - action: Contain the leak
            role: spokesperson
          - action: Notify the data protection authority
            regulator: Komdigi
            within: 72h
        messages: [holding-statement]
        communication:
          need_to_know: [crisis-lead, spokesperson]
    ```
    """
    for i, threat in enumerate(ctx.plan.threats):
        listed = threat.rules.need_to_know
        if listed is None:
            continue
        circle = _circle(ctx, threat, listed)
        for j, step in enumerate(threat.first_steps):
            if step.role and step.role not in circle:
                yield Violation(
                    ("threats", i, "first_steps", j, "role"),
                    f"first step {j + 1} of need-to-know threat '{threat.id}' goes to "
                    f"'{step.role}', who is not in its need_to_know list",
                    f"add '{step.role}' to `need_to_know:` or give the step to a role in it",
                )


def _circle(ctx: LintContext, threat: Threat, listed: list[str]) -> set[str]:
    circle = {*listed, *([threat.owner] if threat.owner else [])}
    severity = ctx.severities.get(threat.severity or "")
    if severity is not None:
        circle.update(rung.role for rung in ladder(ctx.plan, severity))
        circle.update(severity.approvers)
    for message_id in threat.messages:
        message = ctx.messages.get(message_id)
        circle.update(message.approvers if message else [])
    return circle
