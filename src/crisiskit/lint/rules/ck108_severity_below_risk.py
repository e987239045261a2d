"""CK108 severity-below-risk."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.model.threats import Impact

# Likelihood x impact on 1..5 scales; 15 and above is the red zone of a risk matrix.
HIGH_RISK = 15


@rule("CK108", "severity-below-risk", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A likely, high-impact threat is declared at a low default severity.

    A threat in the red corner of the risk matrix (likelihood × impact ≥ 15), or
    with severe impact, should start at one of the two most severe levels. When
    unsure, treat an incident as the higher severity.

    Failing example:
    ```yaml
    threats:
      - id: viral-complaint
        name: Viral negative post
        kind: viral-negative-content
        likelihood: almost-certain
        impact: major
        severity: sev3
        owner: social-lead
        signals: [A complaint passes 1,000 shares]
        first_steps: [Acknowledge the complaint publicly]
        messages: [holding-statement]
    severities:
      - id: sev3
        name: SEV3 - Medium
        level: 3
        criteria: [A complaint in one community]
        first_response: 2h
        update_every: 4h
        responder: social-lead
        notify: [crisis-lead]
        approvers: [crisis-lead]
    ```

    Passing example:
    ```yaml
    threats:
      - id: viral-complaint
        name: Viral negative post
        kind: viral-negative-content
        likelihood: almost-certain
        impact: major
        severity: sev1
        owner: social-lead
        signals: [A complaint passes 1,000 shares]
        first_steps: [Acknowledge the complaint publicly]
        messages: [holding-statement]
    ```
    """
    levels = sorted({s.level for s in ctx.plan.severities})
    top_two = set(levels[:2])
    for i, threat in enumerate(ctx.plan.threats):
        severity = ctx.severities.get(threat.severity or "")
        if severity is None or severity.level in top_two:
            continue
        score = threat.likelihood.score * threat.impact.score
        if score >= HIGH_RISK or threat.impact is Impact.SEVERE:
            yield Violation(
                ("threats", i, "severity"),
                f"threat '{threat.id}' ({threat.likelihood.value} × {threat.impact.value}) "
                f"starts at {severity.name}",
                "start it at one of the two most severe levels; if unsure, go higher",
            )
