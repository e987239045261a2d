"""Count findings per rule, most frequent first."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from crisiskit.diagnostics.findings import Finding


def statistics(findings: Sequence[Finding]) -> list[tuple[int, str, str, str]]:
    """(count, code, name, severity) per rule."""
    counts = Counter((f.code, f.name, f.severity.value) for f in findings)
    return sorted(
        ((n, code, name, severity) for (code, name, severity), n in counts.items()),
        key=lambda row: (-row[0], row[1]),
    )


def render_statistics(findings: Sequence[Finding]) -> str:
    rows = statistics(findings)
    if not rows:
        return "No findings."
    return "\n".join(f"{n:5d}  {code}  {name} [{severity}]" for n, code, name, severity in rows)
