"""CK203 person-overloaded."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule


@rule("CK203", "person-overloaded", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """One person is the primary of too many critical roles.

    In an incident every critical role is busy at once; one person cannot lead
    the response and also watch the channels. The threshold
    `max-critical-roles-per-person` (default 2) sets the limit.

    Failing example:
    ```yaml
    roles:
      - id: crisis-lead
        name: Crisis lead
        responsibilities: [Decide on the response and approve statements]
        primary: rina
        backups: [dimas]
        critical: true
        decision_maker: true
      - id: spokesperson
        name: Spokesperson
        responsibilities: [Speak for the company]
        primary: rina
        backups: [sari]
        critical: true
    ```

    Passing example:
    ```yaml
    roles:
      - id: spokesperson
        name: Spokesperson
        responsibilities: [Speak for the company]
        primary: sari
        backups: [rina]
        critical: true
    ```
    """
    limit = ctx.config.thresholds.max_critical_roles_per_person
    held: dict[str, list[int]] = defaultdict(list)
    for i, role in enumerate(ctx.plan.roles):
        if role.critical:
            held[role.primary].append(i)
    for person, indexes in held.items():
        if len(indexes) > limit:
            names = ", ".join(ctx.plan.roles[i].id for i in indexes)
            yield Violation(
                ("roles", indexes[limit], "primary"),
                f"'{person}' is primary of {len(indexes)} critical roles ({names}); "
                f"the limit is {limit}",
                "give one of these roles another primary, or raise `max-critical-roles-per-person`",
            )
