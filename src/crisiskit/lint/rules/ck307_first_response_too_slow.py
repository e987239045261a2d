"""CK307 first-response-too-slow."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.model.types import format_duration


@rule("CK307", "first-response-too-slow", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """The most severe level allows a slow first response.

    On social media a silent hour reads as hiding. The most severe level's first
    response must come within `max-first-response-sev1` (default 1h).

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
    if not ctx.plan.severities:
        return
    limit = ctx.config.thresholds.max_first_response_sev1
    top = min(s.level for s in ctx.plan.severities)
    for i, severity in enumerate(ctx.plan.severities):
        if severity.level == top and severity.first_response and severity.first_response > limit:
            yield Violation(
                ("severities", i, "first_response"),
                f"{severity.id} allows {format_duration(severity.first_response)} before "
                f"the first response; the limit is {format_duration(limit)}",
                "aim for minutes: a holding statement can go out before the facts are known",
            )
