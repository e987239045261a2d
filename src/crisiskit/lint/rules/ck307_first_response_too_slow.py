"""CK307 first-response-too-slow."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.model.types import format_duration


@rule("CK307", "first-response-too-slow", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """The most severe level allows a slow first response.

    On social media a silent hour reads as hiding. The most severe level's first
    response must come within `max-first-response-sev1` (default 1h), and so must
    the own `communication.first_response` of a threat declared at that level
    (unless it holds public statements until the facts are validated: its own first
    response is then the team's internal one).
    Internal-only levels are not checked.

    Failing example:
    ```yaml
    severities:
      - id: sev1
        name: SEV1 - Critical
        level: 1
        criteria: [Public harm or executive attention]
        first_response: 4h
        update_every: 30m
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
        responder: social-lead
        notify: [crisis-lead]
        approvers: [crisis-lead]
    ```
    """
    public = [s for s in ctx.plan.severities if not s.internal_only]
    if not public:
        return
    limit = ctx.config.thresholds.max_first_response_sev1
    top = min(s.level for s in public)
    for i, severity in enumerate(ctx.plan.severities):
        if severity.internal_only or severity.level != top:
            continue
        if severity.first_response and severity.first_response > limit:
            yield Violation(
                ("severities", i, "first_response"),
                f"{severity.id} allows {format_duration(severity.first_response)} before "
                f"the first response; the limit is {format_duration(limit)}",
                _HINT,
            )
    yield from _threat_targets(ctx, top, limit)


_HINT = "aim for minutes: a holding statement can go out before the facts are known"


def _threat_targets(ctx: LintContext, top: int, limit: timedelta) -> Iterator[Violation]:
    """A threat's own first response at the most severe level answers to the same limit;
    not a threat holding public statements until validation (its own is internal)."""
    for i, threat in enumerate(ctx.plan.threats):
        own = threat.rules.first_response
        severity = ctx.severities.get(threat.severity or "")
        if own is None or severity is None or severity.internal_only or severity.level != top:
            continue
        if threat.rules.holds_public:
            continue
        if own > limit:
            yield Violation(
                ("threats", i, "communication", "first_response"),
                f"threat '{threat.id}' ({severity.id}) allows {format_duration(own)} before "
                f"the first response; the limit is {format_duration(limit)}",
                _HINT,
            )
