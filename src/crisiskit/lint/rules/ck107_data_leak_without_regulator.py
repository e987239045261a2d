"""CK107 data-leak-without-regulator."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.model.threats import ThreatKind
from crisiskit.model.types import format_duration

# GDPR art. 33: 72 hours; Indonesia's UU No. 27/2022 art. 46: 3 x 24 hours.
LEGAL_DEADLINE = timedelta(hours=72)


@rule("CK107", "data-leak-without-regulator", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A data-leak threat has no regulator notification step with its deadline.

    Data protection laws set hard deadlines: 72 hours to notify the authority
    under GDPR art. 33, 3 × 24 hours under Indonesia's UU No. 27/2022 art. 46.
    Write the step with `regulator:` and `within:` so nobody has to look it up.

    Failing example:
    ```yaml
    threats:
      - id: data-leak
        name: Customer data leak
        kind: data-leak
        likelihood: unlikely
        impact: severe
        severity: sev1
        owner: crisis-lead
        signals: [Customer data offered online]
        first_steps: [Contain the leak]
        messages: [holding-statement]
    ```

    Passing example:
    ```yaml
    threats:
      - id: data-leak
        name: Customer data leak
        kind: data-leak
        likelihood: unlikely
        impact: severe
        severity: sev1
        owner: crisis-lead
        signals: [Customer data offered online]
        first_steps:
          - Contain the leak
          - action: Notify the data protection authority
            regulator: Komdigi
            within: 72h
        messages: [holding-statement]
    ```
    """
    for i, threat in enumerate(ctx.plan.threats):
        if threat.kind is not ThreatKind.DATA_LEAK:
            continue
        steps = [(j, s) for j, s in enumerate(threat.first_steps) if s.regulator]
        if not steps:
            yield Violation(
                ("threats", i, "first_steps") if threat.first_steps else ("threats", i),
                f"data-leak threat '{threat.id}' has no regulator notification step",
                "add a step with `regulator:` (e.g. ICO, Komdigi) and `within: 72h`",
            )
            continue
        for j, step in steps:
            if step.within is None:
                yield Violation(
                    ("threats", i, "first_steps", j),
                    f"regulator notification to {step.regulator} has no deadline",
                    "add `within: 72h` (GDPR art. 33; UU No. 27/2022 art. 46)",
                )
            elif step.within > LEGAL_DEADLINE:
                yield Violation(
                    ("threats", i, "first_steps", j, "within"),
                    f"regulator deadline {format_duration(step.within)} is later than the "
                    "legal 72 hours",
                    "GDPR art. 33 and UU No. 27/2022 art. 46 both allow 72 hours at most",
                )
