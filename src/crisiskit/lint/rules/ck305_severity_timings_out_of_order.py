"""CK305 severity-timings-out-of-order."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.model.types import format_duration


@rule("CK305", "severity-timings-out-of-order", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A more severe level responds or updates more slowly than a less severe one.

    SEV1 must never be slower than SEV2: the first response and the update
    cadence shrink as severity grows. Levels with `internal_only: true` are left
    out of the comparison.

    Failing example:
    ```yaml
    severities:
      - id: sev2
        name: SEV2 - High
        level: 2
        criteria: [Spreading complaints]
        first_response: 10m
        update_every: 2h
        responder: social-lead
        notify: [crisis-lead]
        approvers: [crisis-lead]
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
    # An internal-only level's timings are for the team, not the public: not compared.
    public = [(j, s) for j, s in enumerate(ctx.plan.severities) if not s.internal_only]
    ordered = sorted(public, key=lambda pair: pair[1].level)
    for field in ("first_response", "update_every"):
        # A level without this timing is CK306's; compare across it, not up to it.
        timed = [(j, severity) for j, severity in ordered if getattr(severity, field) is not None]
        for (_, higher), (j, lower) in itertools.pairwise(timed):
            fast, slow = getattr(higher, field), getattr(lower, field)
            if higher.level == lower.level:
                continue
            if slow < fast:
                yield Violation(
                    ("severities", j, field),
                    f"{lower.id} ({field} {format_duration(slow)}) is faster than the more "
                    f"severe {higher.id} ({format_duration(fast)})",
                    "a more severe level must be at least as fast",
                )
