"""CK207 holder-without-hours."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule


@rule("CK207", "holder-without-hours", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A person holding a critical role has no working hours.

    Without working hours crisiskit cannot tell when the person can be reached:
    `who` cannot move a backup up, and coverage counts them as never available.

    Failing example:
    ```yaml
    people:
      - id: sari
        name: Sari Putri
        phone: "+62 811-2222-3333"
    roles:
      - id: social-lead
        name: Social media lead
        responsibilities: [Watch the channels and declare incidents]
        primary: rina
        backups: [dimas, sari]
        critical: true
    ```

    Passing example:
    ```yaml
    people:
      - id: sari
        name: Sari Putri
        phone: "+62 811-2222-3333"
        working_hours:
          - days: [mon, tue, wed, thu, fri]
            start: "09:00"
            end: "17:00"
    roles:
      - id: social-lead
        name: Social media lead
        responsibilities: [Watch the channels and declare incidents]
        primary: rina
        backups: [dimas, sari]
        critical: true
    ```
    """
    holders: set[str] = set()
    for role in ctx.plan.roles:
        if role.critical:
            holders.update([role.primary, *role.backups])
    for i, person in enumerate(ctx.plan.people):
        if person.id in holders and not person.working_hours:
            yield Violation(
                ("people", i),
                f"'{person.id}' holds a critical role but has no working hours",
                "add `working_hours:` (days, start, end in their timezone)",
            )
