"""CK502 drill-overdue."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule


@rule("CK502", "drill-overdue", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """No drill was held within the drill cadence, or no cadence is set.

    Teams that rehearse respond faster and calmer. `drills.cadence` says how
    often; the newest entry of `drills.log` must be younger than that.

    Failing example:
    ```yaml
    drills:
      cadence: 30d
    ```

    Passing example:
    ```yaml
    drills:
      cadence: 90d
    ```
    """
    drills = ctx.plan.drills
    if drills.cadence is None:
        yield Violation(
            ("drills",),
            "no drill cadence is set",
            "add `drills.cadence:` (e.g. 90d)",
            on_key=True,
        )
        return
    held = [record.date for record in drills.log if record.date <= ctx.today]
    if not held:
        yield Violation(("drills",), "no drill has ever been held", "hold one and log it", True)
        return
    due = max(held) + drills.cadence
    if due < ctx.today:
        yield Violation(
            ("drills", "cadence"),
            f"the last drill was on {max(held).isoformat()}; the next was due on {due.isoformat()}",
            "schedule a drill and add it to `drills.log`",
        )
