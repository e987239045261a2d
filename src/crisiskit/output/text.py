"""Human output: findings grouped by file, then a summary line."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import groupby

from rich.text import Text

from crisiskit.diagnostics.findings import Finding, Level
from crisiskit.output.visible import visible
from crisiskit.util.wording import plural

_STYLE = {Level.ERROR: "bold red", Level.WARNING: "yellow", Level.INFO: "cyan"}


def render_findings(findings: Sequence[Finding]) -> Iterator[Text]:
    """One header line per file, then one line per finding (and its hint)."""
    for raw_file, group in groupby(findings, key=lambda f: f.file):
        file = visible(raw_file)
        yield Text(file, style="bold underline")
        for finding in group:
            line = Text("  ")
            line.append(f"{file}:{finding.line}:{finding.column}", style="bold")
            line.append("  ")
            line.append(f"{finding.severity.value:<7}", style=_STYLE[finding.severity])
            line.append(f" {finding.code} ", style="bold")
            if finding.path:
                line.append(f"{visible(finding.path)}: ", style="dim")
            line.append(visible(finding.message))
            line.append(f"  [{finding.name}]", style="dim")
            yield line
            if finding.hint:
                yield Text(f"      hint: {visible(finding.hint)}", style="green")
        yield Text("")


def summary_line(findings: Sequence[Finding], files_checked: int, suppressed: int = 0) -> Text:
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Level}
    files = len({f.file for f in findings})
    # Suppressed findings are counted, so "all clear" never hides how much was silenced.
    silenced = f", {plural(suppressed, 'finding')} suppressed" if suppressed else ""
    if not findings:
        return Text(
            f"All clear: {plural(files_checked, 'file')} checked{silenced}.", style="bold green"
        )
    parts = [
        plural(counts[Level.ERROR], "error"),
        plural(counts[Level.WARNING], "warning"),
    ]
    if counts[Level.INFO]:
        parts.append(plural(counts[Level.INFO], "info"))
    style = "bold red" if counts[Level.ERROR] else "bold yellow"
    return Text(
        f"Found {', '.join(parts)} in {plural(files, 'file')} "
        f"({plural(files_checked, 'file')} checked{silenced}).",
        style=style,
    )
