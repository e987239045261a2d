"""CK509 drill-action-unknown."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.util.suggest import did_you_mean


@rule("CK509", "drill-action-unknown", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A drill record times an action its scenario does not expect.

    `drill run` writes the scenario's action ids; an id typed by hand, or one the
    scenario has since renamed, is left out of `drill report`'s "expected actions
    on time", so the record says less than the drill showed. Rename it to the
    scenario's id (or restore the id in the scenario).

    Failing example:
    ```yaml
    drills:
      scenarios:
        - id: takeover-drill
          name: Account takeover tabletop
          threat: account-takeover
          severity: sev1
          expected:
            - id: statement-approved
              action: Holding statement approved
              role: spokesperson
              within: 30m
              first_statement: true
      log:
        - date: 2026-10-15
          scenario: takeover-drill
          participants: [rina, dimas, sari]
          actions:
            - {id: statment-approved, within: 30m, at: 25m}
    ```

    Passing example:
    ```yaml
    drills:
      scenarios:
        - id: takeover-drill
          name: Account takeover tabletop
          threat: account-takeover
          severity: sev1
          expected:
            - id: statement-approved
              action: Holding statement approved
              role: spokesperson
              within: 30m
              first_statement: true
      log:
        - date: 2026-10-15
          scenario: takeover-drill
          participants: [rina, dimas, sari]
          actions:
            - {id: statement-approved, within: 30m, at: 25m}
    ```
    """
    scenarios = {s.id: s for s in ctx.plan.drills.scenarios}
    for i, record in enumerate(ctx.plan.drills.log):
        scenario = scenarios.get(record.scenario)
        if scenario is None or not record.actions:
            continue  # an unknown scenario is the reference check's finding
        expected = [action.id for action in scenario.expected]
        for j, action in enumerate(record.actions):
            if action.id in expected:
                continue
            close = did_you_mean(action.id, expected)
            known = ", ".join(expected) if expected else "none"
            yield Violation(
                ("drills", "log", i, "actions", j, "id"),
                f"the drill on {record.date.isoformat()} times action '{action.id}', which "
                f"scenario '{scenario.id}' does not expect (it expects: {known})",
                close or "use one of the scenario's action ids, or add the action to it",
            )
