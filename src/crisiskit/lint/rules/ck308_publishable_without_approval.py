"""CK308 publishable-without-approval."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.model.communication import Reach
from crisiskit.model.index import message_reach


@rule("CK308", "publishable-without-approval", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """An outward message can be published without anyone approving it.

    A message whose audience is not internal (public, customers, press, regulators,
    …, or a plan's audience with `reach: public` or `external`) needs approvers of
    its own, or every threat that uses it must have a default severity with
    approvers. Otherwise the first draft goes straight out, typos and all.

    Failing example:
    ```yaml
    severities:
      - id: sev1
        name: SEV1 - Critical
        level: 1
        criteria: [Public harm or executive attention]
        first_response: 15m
        update_every: 30m
        responder: social-lead
        notify: [crisis-lead]
        approvers: []
    ```

    Passing example:
    ```yaml
    messages:
      - id: holding-statement
        name: Holding statement
        kind: holding-statement
        channels: [x]
        approvers: [crisis-lead]
        variables:
          - name: issue
            description: What happened, in a few words
            example: a problem with our app
        templates:
          - locale: en
            text: >-
              We know about {{ issue }} and are looking into it now.
              Next update by {{ next_update }}; help: {{ org.help_url }}
    severities:
      - id: sev1
        name: SEV1 - Critical
        level: 1
        criteria: [Public harm or executive attention]
        first_response: 15m
        update_every: 30m
        responder: social-lead
        notify: [crisis-lead]
        approvers: []
    ```
    """
    users: dict[str, list[str | None]] = {}
    for threat in ctx.plan.threats:
        for message_id in threat.messages:
            users.setdefault(message_id, []).append(threat.severity)
    for i, message in enumerate(ctx.plan.messages):
        # Whatever leaves the organisation (posts, a notice to customers or regulators).
        if message_reach(ctx.plan, message) is Reach.INTERNAL or message.approvers:
            continue
        severities = users.get(message.id, [None])
        unapproved = [
            s
            for s in severities
            if s is None or not getattr(ctx.severities.get(s), "approvers", [])
        ]
        if unapproved:
            shown = ", ".join(sorted({s or "no severity" for s in unapproved}))
            yield Violation(
                ("messages", i),
                f"{message.audience} message '{message.id}' can be published without approval "
                f"(at {shown})",
                "add `approvers:` to the message or to every severity that uses it",
            )
