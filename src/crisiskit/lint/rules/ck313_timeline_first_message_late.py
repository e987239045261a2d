"""CK313 timeline-first-message-late."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.model.types import format_duration


@rule("CK313", "timeline-first-message-late", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A severity's timeline puts its first message after its first-response deadline.

    The `timeline:` says which prepared message is due when; its first entry is
    the first response, so it cannot be due later than the severity's
    `first_response`. `respond` would show two deadlines for the same message.
    Likewise a threat's own `communication.first_response` (which moves that first
    entry) must not be slower than its severity's.

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
          - {kind: holding-statement, within: 30m}
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
          - {kind: update, after: 15m}
        responder: social-lead
        notify: [crisis-lead]
        approvers: [crisis-lead]
    ```
    """
    for i, severity in enumerate(ctx.plan.severities):
        deadlines = severity.timeline_deadlines()
        if not deadlines or severity.first_response is None:
            continue
        entry, due = deadlines[0]
        if due > severity.first_response:
            key = "within" if entry.within is not None else "after"
            yield Violation(
                ("severities", i, "timeline", 0, key),
                f"{severity.id}'s first timeline message ({entry.what}) is due "
                f"{format_duration(due)} after declaration, later than its first response "
                f"({format_duration(severity.first_response)})",
                "make the first entry due by the first response",
            )
    yield from _threat_first_responses(ctx)


def _threat_first_responses(ctx: LintContext) -> Iterator[Violation]:
    """A threat's own first response, which moves its first message, slower than its
    severity's: the threat's rules are meant to be stricter, never looser."""
    for i, threat in enumerate(ctx.plan.threats):
        own = threat.rules.first_response
        severity = ctx.severities.get(threat.severity or "")
        if own is None or severity is None or severity.first_response is None:
            continue
        if own > severity.first_response:
            yield Violation(
                ("threats", i, "communication", "first_response"),
                f"threat '{threat.id}' allows {format_duration(own)} before its first "
                f"message, later than {severity.id}'s first response "
                f"({format_duration(severity.first_response)})",
                "make the threat's first response at most its severity's",
            )
