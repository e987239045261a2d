"""CK107 data-leak-without-regulator."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.model.regulations import Regulation, regulation_registry
from crisiskit.model.threats import Step, ThreatKind
from crisiskit.model.types import format_duration

# GDPR art. 33: 72 hours; Indonesia's UU No. 27/2022 art. 46: 3 x 24 hours.
LEGAL_DEADLINE = timedelta(hours=72)


@rule("CK107", "data-leak-without-regulator", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A data-leak threat has no regulator notification step with its deadline.

    Data protection laws set hard deadlines: 72 hours to notify the authority
    under GDPR art. 33, 3 × 24 hours under Indonesia's UU No. 27/2022 art. 46.
    Write the step with `regulator:` and `within:` so nobody has to look it up, or
    name its law with `regulation:`: built-in `gdpr-art-33` and `uu-pdp-art-46`, or
    one the plan adds under `regulations:` with its deadline and how it is counted
    (SEC 8-K item 1.05: 4 business days; a US state law: 30 calendar days). A step
    is checked against its own law; a step naming none against the 72 hours.

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
          - action: File Form 8-K
            regulation: sec-8k-1-05
        messages: [holding-statement]
    regulations:
      - id: sec-8k-1-05
        name: SEC Form 8-K item 1.05
        within: 4d
        counting: business-days
        authority: SEC
    ```
    """
    registry = regulation_registry(ctx.plan.regulations)
    for i, threat in enumerate(ctx.plan.threats):
        if threat.kind is not ThreatKind.DATA_LEAK:
            continue
        steps = [(j, s) for j, s in enumerate(threat.first_steps) if s.regulator or s.regulation]
        if not steps:
            yield Violation(
                ("threats", i, "first_steps") if threat.first_steps else ("threats", i),
                f"data-leak threat '{threat.id}' has no regulator notification step",
                "add a step with `regulator:` (e.g. ICO, Komdigi) and `within: 72h`, "
                "or `regulation: gdpr-art-33`",
            )
            continue
        for j, step in steps:
            yield from _check_deadline(("threats", i, "first_steps", j), step, registry)


def _check_deadline(
    path: tuple[str | int, ...], step: Step, registry: dict[str, Regulation]
) -> Iterator[Violation]:
    """The step's deadline against its own regulation, or the 72 hours of GDPR and UU PDP."""
    regulation = registry.get(step.regulation) if step.regulation else None
    if regulation is not None:
        if step.within is not None and step.within > regulation.within:
            yield Violation(
                (*path, "within"),
                f"regulator deadline {format_duration(step.within)} is later than the "
                f"{regulation.deadline_text} of {regulation.name}",
                f"{regulation.name} allows {regulation.deadline_text} at most; shorten "
                "`within`, or leave it out to use the law's deadline",
            )
        return
    if step.within is None:
        yield Violation(
            path,
            f"regulator notification to {step.regulator} has no deadline",
            "add `within: 72h` (GDPR art. 33; UU No. 27/2022 art. 46), or name the law "
            "with `regulation:`",
        )
    elif step.within > LEGAL_DEADLINE:
        yield Violation(
            (*path, "within"),
            f"regulator deadline {format_duration(step.within)} is later than the legal 72 hours",
            "GDPR art. 33 and UU No. 27/2022 art. 46 both allow 72 hours at most; "
            "another law: add it to `regulations:`",
        )
