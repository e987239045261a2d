"""CK504 follow-up-overdue."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule


@rule("CK504", "follow-up-overdue", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A drill follow-up is still open past its due date.

    A drill is only worth what its follow-ups change. Close them, or move the
    due date honestly.

    Failing example:
    ```yaml
    drills:
      log:
        - date: 2026-10-15
          scenario: takeover-drill
          participants: [rina, dimas, sari]
          follow_ups:
            - action: Move recovery codes to the shared vault
              owner: rina
              due: 2026-11-01
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
              due: 2026-11-01
              done: true
    ```
    """
    for path, follow_up in ctx.follow_ups():
        if not follow_up.done and follow_up.due < ctx.today:
            yield Violation(
                (*path, "due"),
                f"follow-up '{follow_up.action}' ({follow_up.owner}) was due on "
                f"{follow_up.due.isoformat()}",
                "finish it and set `done: true`, or agree a new date",
            )
