"""CK501 review-overdue."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.util.wording import plural


@rule("CK501", "review-overdue", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """The plan's review is overdue, or the plan has no review section.

    People leave, phone numbers change, new channels appear: a plan that is not
    reviewed on its cadence fails on the day.

    Failing example:
    ```yaml
    review:
      last_reviewed: 2025-06-01
      cadence: 90d
      owner: rina
    ```

    Passing example:
    ```yaml
    review:
      last_reviewed: 2026-10-01
      cadence: 90d
      owner: rina
    ```
    """
    review = ctx.plan.review
    if review is None:
        yield Violation(
            ("crisiskit",),
            "the plan has no `review:` section",
            "add `review:` with `last_reviewed:` and `cadence:` (e.g. 90d)",
            on_key=True,
        )
        return
    due = review.last_reviewed + review.cadence
    if due < ctx.today:
        yield Violation(
            ("review", "last_reviewed"),
            f"review was due on {due.isoformat()} ({plural((ctx.today - due).days, 'day')} ago)",
            "review the plan, then update `last_reviewed:`",
        )
