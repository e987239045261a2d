"""CK106 core-threats-missing."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.model.threats import ThreatKind

# Each group is covered by any one of its kinds.
CORE_GROUPS = (
    ("account takeover or cyber attack", {ThreatKind.ACCOUNT_TAKEOVER, ThreatKind.CYBER_ATTACK}),
    ("data leak", {ThreatKind.DATA_LEAK}),
    ("viral negative content", {ThreatKind.VIRAL_NEGATIVE_CONTENT}),
)


@rule("CK106", "core-threats-missing", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """The plan does not cover account takeover, data leak and viral negative content.

    These three threats hit almost every brand on social media. If one truly does
    not apply, say why with a suppression on the `threats:` line:
    `# crisiskit: ignore[CK106] reason="we hold no customer data"`.

    Failing example:
    ```yaml
    # replace: threats
    threats:
      - id: account-takeover
        name: Account takeover
        kind: account-takeover
        likelihood: possible
        impact: severe
        severity: sev1
        owner: social-lead
        signals: [Posts nobody on the team wrote]
        first_steps: [Reset passwords and revoke sessions]
        messages: [holding-statement]
    ```

    Passing example:
    ```yaml
    threats:
      - id: account-takeover
        name: Account takeover
        kind: account-takeover
        likelihood: possible
        impact: severe
        severity: sev1
        owner: social-lead
        signals: [Posts nobody on the team wrote]
        first_steps: [Reset passwords and revoke sessions]
        messages: [holding-statement]
    ```
    """
    kinds = {threat.kind for threat in ctx.plan.threats}
    missing = [name for name, group in CORE_GROUPS if not kinds & group]
    if missing:
        yield Violation(
            ("threats",),
            "the plan has no threat for " + ", ".join(missing),
            'add the threat, or say why not: # crisiskit: ignore[CK106] reason="…"',
            on_key=True,
        )
