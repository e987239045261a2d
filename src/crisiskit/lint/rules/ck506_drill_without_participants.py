"""CK506 drill-without-participants."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule


@rule("CK506", "drill-without-participants", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A logged drill has no participants, or misses the holders of critical roles.

    A drill trains people. Log who took part; a drill without anyone holding a
    critical role (primary or backup) rehearsed nobody who will be called.

    Failing example:
    ```yaml
    drills:
      log:
        - date: 2026-10-15
          scenario: takeover-drill
          participants: []
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
          participants: [rina]
        - date: 2026-10-15
          scenario: leak-drill
          participants: [rina, dimas, sari]
    ```
    """
    holders = {
        person
        for role in ctx.plan.roles
        if role.critical
        for person in (role.primary, *role.backups)
    }
    for i, record in enumerate(ctx.plan.drills.log):
        if not record.participants:
            yield Violation(
                ("drills", "log", i),
                f"drill on {record.date.isoformat()} lists no participants",
                "add `participants:` (person ids)",
            )
        elif holders and not holders.intersection(record.participants):
            yield Violation(
                ("drills", "log", i, "participants"),
                f"drill on {record.date.isoformat()} included no holder of a critical role",
                "include the people who will be called in a real incident",
            )
