"""CK109 threat-without-public-statement."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.model.communication import Reach
from crisiskit.model.index import message_reach

FIRST_PUBLIC_KINDS = {"holding-statement", "apology", "update"}


@rule("CK109", "threat-without-public-statement", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A threat's messages include no public first statement.

    The first external message is due within minutes. A threat that links only
    internal alerts leaves the public waiting while someone writes from scratch.
    A threat declared at an internal-only severity needs none.

    Failing example:
    ```yaml
    threats:
      - id: viral-complaint
        name: Viral negative post
        kind: viral-negative-content
        likelihood: likely
        impact: moderate
        severity: sev2
        owner: social-lead
        signals: [A complaint passes 1,000 shares]
        first_steps: [Acknowledge the complaint publicly]
        messages: [internal-alert]
    messages:
      - id: internal-alert
        name: Internal alert
        kind: internal-alert
        audience: internal
        channels: [team-chat]
        variables:
          - name: summary
            description: What happened
            example: a complaint is spreading
        templates:
          - locale: en
            text: "Incident: {{ summary }}. Next update by {{ next_update }}."
    ```

    Passing example:
    ```yaml
    threats:
      - id: viral-complaint
        name: Viral negative post
        kind: viral-negative-content
        likelihood: likely
        impact: moderate
        severity: sev2
        owner: social-lead
        signals: [A complaint passes 1,000 shares]
        first_steps: [Acknowledge the complaint publicly]
        messages: [holding-statement]
    ```
    """
    for i, threat in enumerate(ctx.plan.threats):
        messages = [ctx.messages.get(m) for m in threat.messages]
        known = [m for m in messages if m is not None]
        if not known or len(known) < len(messages):
            continue  # no messages (CK105) or unknown ones (CK014) are reported already
        severity = ctx.severities.get(threat.severity or "")
        if severity is not None and severity.internal_only:
            continue  # nothing public is said at an internal-only severity
        if not any(
            message_reach(ctx.plan, m) is Reach.PUBLIC and m.kind.value in FIRST_PUBLIC_KINDS
            for m in known
        ):
            yield Violation(
                ("threats", i, "messages"),
                f"threat '{threat.id}' has no public holding statement, apology or update",
                "link a public holding statement",
            )
