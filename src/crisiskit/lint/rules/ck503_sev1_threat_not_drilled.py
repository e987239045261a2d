"""CK503 sev1-threat-not-drilled."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.model.types import format_duration


@rule("CK503", "sev1-threat-not-drilled", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A threat at the most severe level has not been drilled recently.

    Every threat whose default severity is the top level should have been
    exercised in a drill within `sev1-drill-max-age` (default 365d).

    Failing example:
    ```yaml
    drills:
      log:
        - date: 2026-10-15
          scenario: takeover-drill
          participants: [rina, dimas, sari]
          time_to_first_statement: 20m
    ```

    Passing example:
    ```yaml
    drills:
      log:
        - date: 2026-10-15
          scenario: takeover-drill
          participants: [rina, dimas, sari]
          time_to_first_statement: 20m
        - date: 2026-03-15
          scenario: leak-drill
          participants: [rina, dimas]
          time_to_first_statement: 40m
    ```
    """
    if not ctx.plan.severities:
        return
    top = min(s.level for s in ctx.plan.severities)
    max_age = ctx.config.thresholds.sev1_drill_max_age
    scenario_threat = {s.id: s.threat for s in ctx.plan.drills.scenarios}
    last: dict[str, date] = {}
    for record in ctx.plan.drills.log:
        drilled = scenario_threat.get(record.scenario)
        if drilled and record.date <= ctx.today:
            last[drilled] = max(record.date, last.get(drilled, record.date))
    for i, threat in enumerate(ctx.plan.threats):
        severity = ctx.severities.get(threat.severity or "")
        if severity is None or severity.level != top:
            continue
        when = last.get(threat.id)
        if when is None or ctx.today - when > max_age:
            detail = f"last drilled {when}" if when else "never drilled"
            yield Violation(
                ("threats", i),
                f"{severity.id} threat '{threat.id}' is {detail} "
                f"(limit {format_duration(max_age)})",
                "add a scenario for it and run a tabletop drill",
            )
