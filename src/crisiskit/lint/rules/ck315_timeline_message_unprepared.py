"""CK315 timeline-message-unprepared."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule


@rule("CK315", "timeline-message-unprepared", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A severity's timeline names a message that no threat at that severity prepares.

    Each `timeline:` entry is a message due at a time: `respond` looks it up among
    the threat's messages. An entry whose message id (or kind) none of the threats
    declared at the severity links is a deadline nobody has a draft for.

    Failing example:
    ```yaml
    severities:
      - id: sev1
        name: SEV1 - Critical
        level: 1
        criteria: [Public harm or executive attention]
        first_response: 15m
        update_every: 30m
        timeline:
          - {kind: holding-statement, within: 15m}
          - {kind: update, after: 15m}
        responder: social-lead
        notify: [crisis-lead]
        approvers: [crisis-lead]
    ```

    Passing example:
    ```yaml
    severities:
      - id: sev1
        name: SEV1 - Critical
        level: 1
        criteria: [Public harm or executive attention]
        first_response: 15m
        update_every: 30m
        timeline:
          - {kind: holding-statement, within: 15m}
          - {message: holding-statement, after: 30m}
        responder: social-lead
        notify: [crisis-lead]
        approvers: [crisis-lead]
    ```
    """
    for i, severity in enumerate(ctx.plan.severities):
        threats = [t for t in ctx.plan.threats if t.severity == severity.id]
        if not severity.timeline or not threats:
            continue  # a severity no threat starts at may still be declared by hand
        prepared = [ctx.messages[m] for t in threats for m in t.messages if m in ctx.messages]
        ids = {m.id for m in prepared}
        kinds = {m.kind for m in prepared}
        for j, entry in enumerate(severity.timeline):
            if entry.message is not None and entry.message not in ids:
                key, what = "message", f"message '{entry.message}'"
            elif entry.kind is not None and entry.kind not in kinds:
                key, what = "kind", f"kind {entry.kind.value}"
            else:
                continue
            yield Violation(
                ("severities", i, "timeline", j, key),
                f"{severity.id}'s timeline entry {j + 1} names {what}, which no threat at "
                f"{severity.id} prepares",
                "link the message to the threats at this severity, or drop the entry",
            )
