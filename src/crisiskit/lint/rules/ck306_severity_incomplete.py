"""CK306 severity-incomplete."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule

_NEEDED = {
    "first_response": "how soon the first public response is due",
    "update_every": "how often updates follow",
    "responder": "which role takes the incident first",
}
# Public timings: a severity with `internal_only: true` has none to give.
_PUBLIC = frozenset({"first_response", "update_every"})


@rule("CK306", "severity-incomplete", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A severity lacks its first-response deadline, update cadence or responder.

    Published practice: a first external message within minutes of declaring an
    incident, then updates every 20–30 minutes in the first hours. Write both
    down per severity, with the role that responds first. A severity with
    `internal_only: true` (no public response, e.g. SEV4 tickets) needs only its
    responder.

    Failing example:
    ```yaml
    severities:
      - id: sev2
        name: SEV2 - High
        level: 2
        criteria: [Spreading complaints]
        responder: social-lead
        notify: [crisis-lead]
        approvers: [crisis-lead]
    ```

    Passing example:
    ```yaml
    severities:
      - id: sev2
        name: SEV2 - High
        level: 2
        criteria: [Spreading complaints]
        first_response: 1h
        update_every: 2h
        responder: social-lead
        notify: [crisis-lead]
        approvers: [crisis-lead]
    ```
    """
    for i, severity in enumerate(ctx.plan.severities):
        needed = [n for n in _NEEDED if n not in _PUBLIC] if severity.internal_only else _NEEDED
        missing = [name for name in needed if getattr(severity, name) is None]
        if missing:
            yield Violation(
                ("severities", i),
                f"severity '{severity.id}' has no " + ", no ".join(missing),
                "; ".join(f"{name}: {_NEEDED[name]}" for name in missing),
            )
