"""CK304 critical-role-never-reached."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.oncall.escalation import ladder


@rule("CK304", "critical-role-never-reached", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A critical role is never reached by any severity.

    A critical role that no severity names as responder, notifies, asks for
    approval or escalates to, and that owns no threat and no first step, will not
    hear about the incident.

    Failing example:
    ```yaml
    roles:
      - id: legal
        name: Legal counsel
        responsibilities: [Review statements about liability]
        primary: sari
        backups: [rina]
        critical: true
    ```

    Passing example:
    ```yaml
    roles:
      - id: legal
        name: Legal counsel
        responsibilities: [Review statements about liability]
        primary: sari
        backups: [rina]
        critical: true
    severities:
      - id: sev1
        name: SEV1 - Critical
        level: 1
        criteria: [Public harm or executive attention]
        first_response: 15m
        update_every: 30m
        responder: social-lead
        notify: [crisis-lead, legal]
        approvers: [crisis-lead]
    ```
    """
    reached: set[str] = set()
    for severity in ctx.plan.severities:
        reached.update(r.role for r in ladder(ctx.plan, severity))
        reached.update(severity.notify)
        reached.update(severity.approvers)
    for threat in ctx.plan.threats:
        reached.update(r for r in [threat.owner, *(s.role for s in threat.first_steps)] if r)
    for i, role in enumerate(ctx.plan.roles):
        if role.critical and role.id not in reached:
            yield Violation(
                ("roles", i),
                f"critical role '{role.id}' is never notified, asked or escalated to",
                "add it to a severity's `notify:` or to an escalation rule",
            )
