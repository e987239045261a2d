"""CK204 person-unreachable."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule


@rule("CK204", "person-unreachable", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A person has no phone, e-mail or chat handle.

    A name without contact details cannot be called at 2 a.m.

    Failing example:
    ```yaml
    people:
      - id: sari
        name: Sari Putri
        working_hours:
          - days: [mon, tue, wed, thu, fri, sat, sun]
            start: "00:00"
            end: "24:00"
    ```

    Passing example:
    ```yaml
    people:
      - id: sari
        name: Sari Putri
        phone: "+62 811-2222-3333"
        working_hours:
          - days: [mon, tue, wed, thu, fri, sat, sun]
            start: "00:00"
            end: "24:00"
    ```
    """
    for i, person in enumerate(ctx.plan.people):
        if not (person.phone or person.email or person.chat):
            yield Violation(
                ("people", i),
                f"'{person.id}' has no phone, e-mail or chat handle",
                "add at least a phone number (it works when the internet does not)",
            )
