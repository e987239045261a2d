"""CK508 follow-up-owner-left."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.util.suggest import did_you_mean


@rule("CK508", "follow-up-owner-left", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """An open drill follow-up is owned by someone who is no longer in the plan.

    People leave; their open follow-ups quietly stop moving. Hand each one to
    someone in `people` (a finished follow-up may keep its historical owner).

    Failing example:
    ```yaml
    drills:
      log:
        - date: 2026-10-15
          scenario: takeover-drill
          participants: [rina, dimas, sari]
          follow_ups:
            - action: Move recovery codes to the shared vault
              owner: budi
              due: 2027-01-15
    ```

    Passing example:
    ```yaml
    drills:
      log:
        - date: 2026-10-15
          scenario: takeover-drill
          participants: [rina, dimas, sari]
          follow_ups:
            - action: Move recovery codes to the shared vault
              owner: rina
              due: 2027-01-15
            - action: Write the recovery runbook
              owner: budi
              due: 2026-10-30
              done: true
    ```
    """
    for path, follow_up in ctx.follow_ups():
        if follow_up.done or follow_up.owner in ctx.people:
            continue
        close = did_you_mean(follow_up.owner, ctx.people)
        yield Violation(
            (*path, "owner"),
            f"open follow-up '{follow_up.action}' is owned by '{follow_up.owner}', "
            "who is not in the plan's people",
            close or "hand it to someone in `people:`, or set `done: true` if it is finished",
        )
