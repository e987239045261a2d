"""CK208 person-without-role."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule


@rule("CK208", "person-without-role", Level.INFO)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A person holds no role in this plan.

    People who hold no role are never called. Either give them a role, or remove
    them so the contact list stays current. (People of an included agency
    fragment who serve other clients are not reported.)

    Failing example:
    ```yaml
    people:
      - id: tono
        name: Tono Santoso
        email: tono@example.com
    ```

    Passing example:
    ```yaml
    people:
      - id: tono
        name: Tono Santoso
        email: tono@example.com
    roles:
      - id: spokesperson
        name: Spokesperson
        responsibilities: [Speak for the company]
        primary: sari
        backups: [rina, tono]
    ```
    """
    holders: set[str] = set()
    for role in ctx.plan.roles:
        holders.update([role.primary, *role.backups])
        if role.rotation is not None:  # on call in turn, or covering as an override
            holders.update(role.rotation.members)
            holders.update(o.person for o in role.rotation.overrides)
    owners = {ctx.plan.organization.owner, ctx.plan.review.owner if ctx.plan.review else None}
    origins = ctx.loaded.origins.get("people", [])
    for i, person in enumerate(ctx.plan.people):
        if person.id in holders or person.id in owners:
            continue
        if i < len(origins) and origins[i][0] != ctx.loaded.file:
            continue  # shared agency staff, written in a fragment
        yield Violation(
            ("people", i),
            f"'{person.id}' holds no role",
            "give them a role (primary, backup or rotation member) or remove them",
        )
