"""CK309 no-backup-coordination."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule


@rule("CK309", "no-backup-coordination", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """The plan has no fallback channel for internal coordination.

    An account takeover or an outage can take the usual chat and single sign-on
    with it. Write down where the team meets when those are down
    (`organization.coordination.backup`, e.g. a Signal group or a phone bridge).

    Failing example:
    ```yaml
    organization:
      name: Example Coffee
      default_timezone: Asia/Jakarta
      coordination:
        war_room: "Slack #crisis"
    ```

    Passing example:
    ```yaml
    organization:
      name: Example Coffee
      default_timezone: Asia/Jakarta
      coordination:
        war_room: "Slack #crisis"
        backup: Signal group "Crisis team"
    ```
    """
    coordination = ctx.plan.organization.coordination
    if coordination is None:
        yield Violation(
            ("organization",),
            "the plan does not say where the team coordinates during an incident",
            "add `organization.coordination` with `war_room:` and a `backup:` channel",
            on_key=True,
        )
    elif coordination.backup is None:
        yield Violation(
            ("organization", "coordination"),
            "internal coordination has no fallback if the usual tools are compromised",
            "add `backup:` (e.g. a Signal group or a phone bridge)",
            on_key=True,
        )
