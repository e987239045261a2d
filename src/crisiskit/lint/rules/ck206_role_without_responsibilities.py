"""CK206 role-without-responsibilities."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule


@rule("CK206", "role-without-responsibilities", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A role has no written responsibilities.

    A backup stepping in at night must know what the role does without asking.

    Failing example:
    ```yaml
    roles:
      - id: spokesperson
        name: Spokesperson
        primary: sari
        backups: [rina]
    ```

    Passing example:
    ```yaml
    roles:
      - id: spokesperson
        name: Spokesperson
        responsibilities: [Speak for the company]
        primary: sari
        backups: [rina]
    ```
    """
    for i, role in enumerate(ctx.plan.roles):
        if not role.responsibilities:
            yield Violation(
                ("roles", i),
                f"role '{role.id}' has no written responsibilities",
                "add `responsibilities:` in plain sentences",
            )
