"""Render a validation report in any machine or human format."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the CLI imports OutputFormat at start-up; keep that light
    from crisiskit.validation.report import ValidationReport


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"
    JUNIT = "junit"


def render_machine(
    report: ValidationReport,
    output_format: OutputFormat,
    strict: bool = False,
    sarif_rules: list[dict[str, Any]] | None = None,
) -> str:
    """Text for the machine formats (and plain text for files); never Rich markup."""
    from crisiskit.output.visible import no_workflow_commands

    if output_format is OutputFormat.JSON:
        from crisiskit.output.json import render_json

        return render_json(report.findings, report.files) + "\n"
    if output_format is OutputFormat.SARIF:
        from crisiskit.output.sarif import render_sarif

        return render_sarif(report.findings, sarif_rules) + "\n"
    if output_format is OutputFormat.JUNIT:
        from crisiskit.output.junit import render_junit

        return no_workflow_commands(render_junit(report.findings, report.files, strict))
    if output_format is OutputFormat.GITHUB:
        from crisiskit.output.github import render_github

        annotations = render_github(report.findings, len(report.files)).annotations
        # No findings, no annotations: not even an empty line in the log.
        return annotations + "\n" if annotations else ""
    from crisiskit.output.text import plain_report

    return no_workflow_commands(plain_report(report.findings, len(report.files), report.suppressed))
