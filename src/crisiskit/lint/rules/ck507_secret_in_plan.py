"""CK507 secret-in-plan."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from crisiskit.findings import Severity
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.loader.sourcemap import DataPath

SECRET_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "a password",
        re.compile(
            r"(?i)\b(password|passwd|pwd|passcode|kata ?sandi|sandi|pin)\b"
            r"\s*(is|adalah)?\s*[:=]\s*\S{4,}"
        ),
    ),
    (
        "an API token",
        re.compile(r"(?i)\b(api[_ -]?key|token|secret)\b\s*[:=]\s*[A-Za-z0-9_\-]{12,}"),
    ),
    ("an AWS access key", re.compile(r"\bAKIA[0-9A-Z]{16}\b")),
    ("a GitHub token", re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b")),
    ("a Slack token", re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}")),
    ("a Google API key", re.compile(r"\bAIza[0-9A-Za-z_\-]{35}\b")),
    ("a JSON web token", re.compile(r"\beyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}")),
    ("a private key", re.compile(r"-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----")),
    (
        "recovery codes",
        re.compile(
            r"(?i)\b(recovery|backup|kode pemulihan)\b[^:\n]{0,20}[:=]\s*"
            r"(?:[a-z0-9]{4,8}[- ]?[a-z0-9]{4,8}[ ,;]+){2,}"
        ),
    ),
)


def _strings(value: Any, path: DataPath) -> Iterator[tuple[DataPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _mask(text: str) -> str:
    return text[:3] + "…" if len(text) > 3 else "…"


@rule("CK507", "secret-in-plan", Severity.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A password, token, private key or recovery code is written into the plan.

    Plans live in git and are shared with agencies and printed for drills. Keep
    credentials in a password manager and write only where to find them
    ("recovery codes: in the 'Brand accounts' vault").

    Failing example:
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
        first_steps: ["Log in with password: Kopi2026!Senja"]
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
        first_steps: [Log in with the credentials from the 'Brand accounts' vault]
        messages: [holding-statement]
    ```
    """
    data = ctx.plan.model_dump(by_alias=True, exclude_defaults=True, mode="json")
    for path, text in _strings(data, ()):
        for kind, pattern in SECRET_PATTERNS:
            match = pattern.search(text)
            if match:
                yield Violation(
                    path,
                    f"this looks like {kind} ('{_mask(match.group(0))}')",
                    "remove it from the plan and rotate it; write where to find it instead",
                )
                break
