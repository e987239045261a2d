"""CK201 role-without-backup."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.util.wording import plural


@rule("CK201", "role-without-backup", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A role has fewer backups than required (one by default).

    When the primary is asleep, ill or on a plane, nobody else knows the role is
    theirs. The threshold `min-backups` sets how many backups each role needs.

    Failing example:
    ```yaml
    roles:
      - id: social-lead
        name: Social media lead
        responsibilities: [Watch the channels]
        primary: rina
    ```

    Passing example:
    ```yaml
    roles:
      - id: social-lead
        name: Social media lead
        responsibilities: [Watch the channels]
        primary: rina
        backups: [dimas]
    ```
    """
    needed = ctx.config.thresholds.min_backups
    for i, role in enumerate(ctx.plan.roles):
        if len(role.backups) < needed:
            # The first candidate only: listing them all for every role was quadratic.
            other = next(
                (p for p in ctx.people if p != role.primary and p not in role.backups), None
            )
            hint = f"add `backups: [{other}]`" if other else "add a person as backup"
            yield Violation(
                ("roles", i, "backups") if role.backups else ("roles", i),
                f"role '{role.id}' has {plural(len(role.backups), 'backup')}; {needed} needed",
                hint,
            )
