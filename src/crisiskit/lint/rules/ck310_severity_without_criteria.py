"""CK310 severity-without-criteria."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule


@rule("CK310", "severity-without-criteria", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A severity level has no criteria.

    Without criteria the person on watch cannot tell SEV2 from SEV3, and the
    team argues while the clock runs. When unsure, declare the higher severity.

    Failing example:
    ```yaml
    severities:
      - id: sev2
        name: SEV2 - High
        level: 2
        first_response: 1h
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
    for i, severity in enumerate(ctx.plan.severities):
        if not severity.criteria:
            yield Violation(
                ("severities", i),
                f"severity '{severity.id}' has no criteria",
                "add `criteria:` that tell when an incident has this severity",
            )
