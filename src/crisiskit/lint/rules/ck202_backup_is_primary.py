"""CK202 backup-is-primary."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule


@rule("CK202", "backup-is-primary", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A role's backup is its primary, or the same backup is listed twice.

    A backup who is the primary is no backup at all: when that person is away,
    the role is empty.

    Failing example:
    ```yaml
    roles:
      - id: social-lead
        name: Social media lead
        responsibilities: [Watch the channels and declare incidents]
        primary: rina
        backups: [rina]
        critical: true
    ```

    Passing example:
    ```yaml
    roles:
      - id: social-lead
        name: Social media lead
        responsibilities: [Watch the channels and declare incidents]
        primary: rina
        backups: [dimas]
        critical: true
    ```
    """
    for i, role in enumerate(ctx.plan.roles):
        seen: set[str] = set()
        for j, backup in enumerate(role.backups):
            if backup == role.primary:
                yield Violation(
                    ("roles", i, "backups", j),
                    f"'{backup}' is both primary and backup of role '{role.id}'",
                    "name another person as backup",
                )
            elif backup in seen:
                yield Violation(
                    ("roles", i, "backups", j),
                    f"'{backup}' is listed twice as backup of role '{role.id}'",
                    "remove the repetition",
                )
            seen.add(backup)
