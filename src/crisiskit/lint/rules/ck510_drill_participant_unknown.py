"""CK510 drill-participant-unknown."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.util.suggest import did_you_mean


@rule("CK510", "drill-participant-unknown", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A drill participant is not in `people` and looks like a typo of someone who is.

    A drill record is history: people who took part and have left the plan since stay
    in it, and are not reported. An id one slip away from a current person's is
    reported, because the drill then seems to have been held without them.

    Failing example:
    ```yaml
    drills:
      log:
        - date: 2026-10-15
          scenario: takeover-drill
          participants: [rina, dimsa, sari]
    ```

    Passing example:
    ```yaml
    drills:
      log:
        - date: 2026-10-15
          scenario: takeover-drill
          participants: [rina, dimas, sari, bambang-left-2026]
    ```
    """
    for i, record in enumerate(ctx.plan.drills.log):
        for j, participant in enumerate(record.participants):
            if participant in ctx.people:
                continue
            close = did_you_mean(participant, ctx.people)
            if close is None:
                continue  # someone who has left; the record keeps who was there
            yield Violation(
                ("drills", "log", i, "participants", j),
                f"participant '{participant}' of the drill on {record.date.isoformat()} "
                "is not in the plan's people",
                close,
            )
