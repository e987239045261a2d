"""CK205 coverage-gap."""

from __future__ import annotations

from collections.abc import Iterator
from zoneinfo import ZoneInfo

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.oncall.coverage import uncovered_hours, week_coverage


@rule("CK205", "coverage-gap", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """The holders of a critical role leave hours of the week uncovered.

    Working hours are read in each person's timezone and laid over the current
    week in the plan's timezone (so daylight-saving changes count), with the same
    model `crisiskit chart coverage` draws. An hour in which neither the primary nor
    any backup works throughout, and the role's `rotation:` has nobody on call, is a
    gap; gaps are counted in real hours (an hour the clocks repeat counts twice). The threshold
    `max-uncovered-hours` (default 0) sets how many gap hours are accepted.

    Failing example:
    ```yaml
    people:
      - id: dimas
        name: Dimas Pratama
        phone: "+62 813-1111-2222"
        working_hours:
          - days: [mon, tue, wed, thu, fri]
            start: "12:00"
            end: "24:00"
    ```

    Passing example:
    ```yaml
    people:
      - id: dimas
        name: Dimas Pratama
        phone: "+62 813-1111-2222"
        working_hours:
          - days: [mon, tue, wed, thu, fri, sat, sun]
            start: "12:00"
            end: "24:00"
    ```
    """
    allowed = ctx.config.thresholds.max_uncovered_hours
    zone = ZoneInfo(ctx.plan.organization.default_timezone)
    for i, role in enumerate(ctx.plan.roles):
        if not role.critical or role.primary not in ctx.people:
            continue
        # Counted without the 168 cells; only a role with gaps needs them, to word the gaps.
        gaps = uncovered_hours(ctx.plan, role, zone, ctx.today)
        if gaps > allowed:
            stretches = week_coverage(ctx.plan, role, zone, ctx.today).gaps
            shown = ", ".join(stretches[:4]) + (", …" if len(stretches) > 4 else "")
            yield Violation(
                ("roles", i),
                f"critical role '{role.id}' is uncovered {gaps} h a week ({zone.key}): {shown}",
                "add a backup whose working hours fill the gaps, or an on-call `rotation:` "
                "(see crisiskit chart coverage)",
            )
