"""CK113 public-at-internal-severity."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.model.communication import Reach
from crisiskit.model.index import message_reach


@rule("CK113", "public-at-internal-severity", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A threat declared at an internal-only severity prepares a public message.

    A severity with `internal_only: true` (SEV4/SEV5 tickets) makes no public
    response: no public first response, update cadence or decision maker is demanded
    of it, so there may be none. A public message prepared at that level has no public
    timing to follow (its drafts promise no next update, and `respond` and
    `render-message` warn); raise the threat's severity, or keep its messages internal.

    Failing example:
    ```yaml
    severities:
      - id: sev2
        name: SEV2 - Ticket
        level: 2
        criteria: [Spreading complaints]
        internal_only: true
        responder: social-lead
    ```

    Passing example:
    ```yaml
    severities:
      - id: sev2
        name: SEV2 - High
        level: 2
        criteria: [Spreading complaints]
        first_response: 1h
        update_every: 2h
        responder: social-lead
        notify: [crisis-lead]
        approvers: [crisis-lead]
    ```
    """
    for i, threat in enumerate(ctx.plan.threats):
        severity = ctx.severities.get(threat.severity or "")
        if severity is None or not severity.internal_only:
            continue
        for j, message_id in enumerate(threat.messages):
            message = ctx.messages.get(message_id)
            if message is not None and message_reach(ctx.plan, message) is Reach.PUBLIC:
                yield Violation(
                    ("threats", i, "messages", j),
                    f"threat '{threat.id}' is declared at internal-only {severity.id} but "
                    f"prepares public message '{message_id}'",
                    "declare it at a public severity, or link only internal messages",
                )
