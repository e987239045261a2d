"""Human output: findings grouped by file, then a summary line.

Each line is a list of (text, style) segments, so the same lines become Rich text,
plain text, or ANSI written directly (printing 200,000 findings through Rich one line at
a time took over a minute).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import groupby
from typing import TYPE_CHECKING

from crisiskit.diagnostics.findings import Finding, Level
from crisiskit.output.visible import visible
from crisiskit.util.wording import plural

if TYPE_CHECKING:  # Rich loads only for a terminal: a cached report is printed without it
    from rich.text import Text

# A piece of a line and its Rich style ("" for none).
Segment = tuple[str, str]
Line = list[Segment]

_STYLE = {Level.ERROR: "bold red", Level.WARNING: "yellow", Level.INFO: "cyan"}


def finding_lines(findings: Sequence[Finding]) -> Iterator[Line]:
    """One header line per file, then one line per finding (and its hint)."""
    for raw_file, group in groupby(findings, key=lambda f: f.file):
        file = visible(raw_file)
        yield [(file, "bold underline")]
        for finding in group:
            line: Line = [
                ("  ", ""),
                (f"{file}:{finding.line}:{finding.column}", "bold"),
                ("  ", ""),
                (f"{finding.severity.value:<7}", _STYLE[finding.severity]),
                (f" {finding.code} ", "bold"),
            ]
            if finding.path:
                line.append((f"{visible(finding.path)}: ", "dim"))
            line.append((visible(finding.message), ""))
            line.append((f"  [{finding.name}]", "dim"))
            yield line
            if finding.hint:
                yield [(f"      hint: {visible(finding.hint)}", "green")]
        yield []


def summary(findings: Sequence[Finding], files_checked: int, suppressed: int = 0) -> Line:
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Level}
    files = len({f.file for f in findings})
    # Suppressed findings are counted, so "all clear" never hides how much was silenced.
    silenced = f", {plural(suppressed, 'finding')} suppressed" if suppressed else ""
    if not findings:
        return [(f"All clear: {plural(files_checked, 'file')} checked{silenced}.", "bold green")]
    parts = [
        plural(counts[Level.ERROR], "error"),
        plural(counts[Level.WARNING], "warning"),
    ]
    if counts[Level.INFO]:
        parts.append(plural(counts[Level.INFO], "info"))
    style = "bold red" if counts[Level.ERROR] else "bold yellow"
    return [
        (
            f"Found {', '.join(parts)} in {plural(files, 'file')} "
            f"({plural(files_checked, 'file')} checked{silenced}).",
            style,
        )
    ]


def plain_report(findings: Sequence[Finding], files_checked: int, suppressed: int = 0) -> str:
    """The whole report as plain text: what a pipe, a file or a CI log receives."""
    lines = ["".join(text for text, _ in line) for line in finding_lines(findings)]
    lines.append("".join(text for text, _ in summary(findings, files_checked, suppressed)))
    return "\n".join(lines) + "\n"


def rich_line(line: Line) -> Text:
    from rich.text import Text

    return Text.assemble(*((text, style) if style else text for text, style in line))


def render_findings(findings: Sequence[Finding]) -> Iterator[Text]:
    """The finding lines as Rich text."""
    for line in finding_lines(findings):
        yield rich_line(line)


def summary_line(findings: Sequence[Finding], files_checked: int, suppressed: int = 0) -> Text:
    return rich_line(summary(findings, files_checked, suppressed))
