"""GitHub Actions workflow commands, within GitHub's annotation budget."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crisiskit.diagnostics.findings import Finding, Level
from crisiskit.output.markup import md_cell
from crisiskit.output.visible import visible
from crisiskit.util.wording import plural

# GitHub shows at most 10 error and 10 warning (and 10 notice) annotations per step.
ANNOTATION_BUDGET = 10
# GitHub drops a step summary larger than 1 MiB entirely, so the table stops short of it.
SUMMARY_BYTES = 1024 * 1024
_COMMAND = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "notice"}


def escape_data(value: str) -> str:
    return visible(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    properties = [f"file={escape_property(finding.file)}"]
    if finding.span is not None:
        span = finding.span
        properties += [f"line={span.line}", f"col={span.column}"]
        if span.end_line != span.line:
            properties.append(f"endLine={span.end_line}")
        else:
            properties.append(f"endColumn={span.end_column}")
    properties.append(f"title={escape_property(f'{finding.code} {finding.name}')}")
    message = finding.message
    if finding.path:
        message = f"{finding.path}: {message}"
    if finding.hint:
        message += f"\nhint: {finding.hint}"
    return f"::{_COMMAND[finding.severity]} {','.join(properties)}::{escape_data(message)}"


@dataclass(frozen=True, slots=True)
class GithubOutput:
    annotations: str
    summary: str
    omitted: int


def render_github(findings: Sequence[Finding], files_checked: int) -> GithubOutput:
    """Annotations up to the budget per severity; every finding in the summary table."""
    shown: dict[Level, int] = dict.fromkeys(Level, 0)
    chosen: list[Finding] = []
    for finding in findings:
        if shown[finding.severity] < ANNOTATION_BUDGET:
            shown[finding.severity] += 1
            chosen.append(finding)
    omitted = len(findings) - len(chosen)
    if omitted and shown[Level.INFO] == ANNOTATION_BUDGET:
        # The pointer to the summary is a notice too; GitHub would drop it as the eleventh.
        last_info = max(i for i, f in enumerate(chosen) if f.severity is Level.INFO)
        del chosen[last_info]
        omitted += 1
    lines = [annotation(finding) for finding in chosen]
    if omitted:
        lines.append(
            f"::notice title=crisiskit::{plural(omitted, 'more finding')} "
            f"{'is' if omitted == 1 else 'are'} listed in the job summary"
        )
    return GithubOutput("\n".join(lines), step_summary(findings, files_checked), omitted)


def _cell(text: str) -> str:
    # Plain escaped text, never a code span: inside one, no escape works.
    return md_cell(visible(text))


def step_summary(findings: Sequence[Finding], files_checked: int) -> str:
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Level}
    head = (
        f"### crisiskit: {plural(counts[Level.ERROR], 'error')}, "
        f"{plural(counts[Level.WARNING], 'warning')}, {plural(counts[Level.INFO], 'info')} "
        f"in {plural(files_checked, 'file')}\n"
    )
    if not findings:
        return head + "\nAll clear.\n"
    rows = [
        "| Severity | Code | Location | Path | Message |",
        "| --- | --- | --- | --- | --- |",
    ]
    size = len(head.encode()) + sum(len(row.encode()) + 1 for row in rows) + 200
    for shown, f in enumerate(findings):
        row = (
            f"| {f.severity.value} | {f.code} {f.name} | {_cell(f.file)}:{f.line}:{f.column} "
            f"| {_cell(f.path)} | {_cell(f.message)} |"
        )
        size += len(row.encode()) + 1
        if size > SUMMARY_BYTES:
            rows.append(
                f"\n{plural(len(findings) - shown, 'more finding')} "
                "do not fit in the job summary; "
                "write them with `--output sarif=…` or `--output json=…`."
            )
            break
        rows.append(row)
    return head + "\n" + "\n".join(rows) + "\n"
