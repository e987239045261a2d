"""CK505 drill-in-future."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule


@rule("CK505", "drill-in-future", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """The drill log records a drill dated in the future.

    The log records drills that were held; a future date is usually a typo in
    the year, and it would hide an overdue drill.

    Failing example:
    ```yaml
    drills:
      log:
        - date: 2062-10-15
          scenario: takeover-drill
          participants: [rina, dimas, sari]
        - date: 2026-10-15
          scenario: leak-drill
          participants: [rina, dimas, sari]
    ```

    Passing example:
    ```yaml
    drills:
      log:
        - date: 2026-10-15
          scenario: takeover-drill
          participants: [rina, dimas, sari]
        - date: 2026-10-15
          scenario: leak-drill
          participants: [rina, dimas, sari]
    ```
    """
    for i, record in enumerate(ctx.plan.drills.log):
        if record.date > ctx.today:
            yield Violation(
                ("drills", "log", i, "date"),
                f"drill dated {record.date.isoformat()} is in the future",
                "log drills after they are held; check the year",
            )
