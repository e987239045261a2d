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
