"""CK314 timeline-out-of-order."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.model.types import format_duration


@rule("CK314", "timeline-out-of-order", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A timeline entry is due before the entry above it.

    A severity's `timeline:` lists its messages in the order they go out: each
    `within` (counted from the declaration) must come after the deadline of the
    entry before it. Use `after:` to count from the previous entry instead. A threat's
    own `communication.first_response` moves the first entry: it must not move it past
    the entries after it either.

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
          - {kind: update, within: 10m}
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
          - {kind: update, within: 25m}
        responder: social-lead
        notify: [crisis-lead]
        approvers: [crisis-lead]
    ```
    """
    for i, severity in enumerate(ctx.plan.severities):
        previous = None
        for j, (entry, due) in enumerate(severity.timeline_deadlines()):
            if previous is not None and entry.within is not None and due <= previous:
                yield Violation(
                    ("severities", i, "timeline", j, "within"),
                    f"{severity.id}'s timeline entry {j + 1} ({entry.what}) is due at "
                    f"{format_duration(due)}, not after entry {j} "
                    f"({format_duration(previous)})",
                    "list the entries in the order they go out, or use `after:`",
                )
            previous = due

    yield from _threat_timelines(ctx)


def _threat_timelines(ctx: LintContext) -> Iterator[Violation]:
    """Each threat's effective timeline: its own first response in the first entry."""
    for i, threat in enumerate(ctx.plan.threats):
        own = threat.rules.first_response
        severity = ctx.severities.get(threat.severity or "")
        if own is None or severity is None:
            continue
        later = [
            (j, entry, due)
            for j, (entry, due) in enumerate(severity.timeline_deadlines(own))
            if j > 0 and due <= own
        ]
        if later:
            j, entry, due = later[0]
            yield Violation(
                ("threats", i, "communication", "first_response"),
                f"threat '{threat.id}' moves its first message to {format_duration(own)}, "
                f"not before {severity.id}'s timeline entry {j + 1} ({entry.what}, due "
                f"{format_duration(due)})",
                "make the threat's first response sooner than the entries after the first",
            )
