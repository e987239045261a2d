"""`crisiskit validate`: schema, references and lint rules, for CI and pre-commit."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from crisiskit.cli.boundary import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, boundary
from crisiskit.cli.destinations import check_destination
from crisiskit.cli.options import (
    ConfigOption,
    DebugOption,
    JobsOption,
    OutputsOption,
    TodayOption,
    format_option,
    parse_jobs_option,
    parse_today,
)
from crisiskit.diagnostics.errors import UsageError
from crisiskit.output.formats import OutputFormat

if TYPE_CHECKING:
    from crisiskit.validation.report import ValidationReport


def parse_outputs(values: list[str]) -> list[tuple[OutputFormat, Path]]:
    outputs = []
    for value in values:
        name, sep, file = value.partition("=")
        try:
            output_format = OutputFormat(name)
        except ValueError:
            output_format = None
        if not sep or not file or output_format is None:
            choices = ", ".join(f.value for f in OutputFormat)
            raise UsageError(
                f"--output: '{value}' must be FORMAT=FILE with FORMAT one of {choices}"
            )
        outputs.append((output_format, Path(file)))
    return outputs


def _targets(paths: list[str] | None, extra_outputs: list[tuple[OutputFormat, Path]]) -> list[str]:
    """The paths to validate (plans/ when none is given), once the --output files check."""
    from crisiskit.util.atomic import same_file

    for index, (_, file) in enumerate(extra_outputs):
        check_destination(file, "--output", overwrite=True)
        if any(same_file(file, other) for _, other in extra_outputs[:index]):
            raise UsageError(f"--output: {file} is named twice; give each format its own file")
    if any(not path.strip() for path in paths or []):
        raise UsageError("an empty PATH was given; name a plan file or directory")
    if paths:
        return list(paths)
    # Found from the working directory before the cache is asked: it is part of the key.
    from crisiskit.loader.discovery import plans_directory

    try:
        return [str(plans_directory())]
    except UsageError as exc:
        raise UsageError(f"no PATH given, and {exc}") from None


def _write_report(
    report: ValidationReport,
    output_format: OutputFormat,
    extra_outputs: list[tuple[OutputFormat, Path]],
    strict: bool,
    sarif_rules: list[dict[str, Any]] | None,
) -> None:
    """The report on standard output in its format, and in each --output file."""
    from crisiskit.cli.guard import write_annotations
    from crisiskit.output.formats import render_machine
    from crisiskit.util.atomic import write_atomic

    if output_format is OutputFormat.TEXT:
        from crisiskit.cli.console import print_lines, stdout_console
        from crisiskit.output.text import finding_lines, summary

        lines = finding_lines(report.findings)
        print_lines(
            stdout_console(),
            [*lines, summary(report.findings, len(report.files), report.suppressed)],
        )
    elif output_format is OutputFormat.GITHUB:
        # Its lines are crisiskit's own workflow commands, plan text escaped inside them.
        write_annotations(render_machine(report, output_format, strict))
        _write_step_summary(report)
    else:
        sys.stdout.write(render_machine(report, output_format, strict, sarif_rules))
    for extra_format, file in extra_outputs:
        write_atomic(
            file, render_machine(report, extra_format, strict, sarif_rules), overwrite=True
        )


@boundary
def validate_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH",
            help="Plan files or directories (default: plans/). In a directory, a YAML "
            "file with a top-level `crisiskit:` key is a plan; any other is a fragment.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat, format_option("Format of standard output (text on a terminal).")
    ] = OutputFormat.TEXT,
    outputs: OutputsOption = None,
    strict: Annotated[bool, typer.Option(help="Warnings fail the run too (exit 1).")] = False,
    show_statistics: Annotated[
        bool, typer.Option("--statistics", help="Count findings per rule.")
    ] = False,
    config_file: ConfigOption = None,
    today: TodayOption = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            envvar="CRISISKIT_NO_CACHE",
            help="Check everything again instead of reusing the findings of an earlier run "
            "with the same inputs (kept in .crisiskit_cache/).",
            show_default=False,
        ),
    ] = False,
    jobs: JobsOption = None,
    debug: DebugOption = False,
) -> None:
    """Validate plans: YAML safety, schema, references and lint rules.

    Exit codes: 0 nothing blocking, 1 findings (errors; warnings too with --strict),
    2 usage, configuration or unreadable path, 3 internal error.

    \b
    Example:
      crisiskit validate plans/ --format github --output sarif=crisiskit.sarif
    """
    from crisiskit.diagnostics.checks import INTERNAL_ERROR
    from crisiskit.diagnostics.findings import Level

    extra_outputs = parse_outputs(outputs or [])
    workers = parse_jobs_option(jobs)
    targets = _targets(paths, extra_outputs)
    needs_sarif = OutputFormat.SARIF in (output_format, *(f for f, _ in extra_outputs))
    report, sarif_rules = _report(
        targets, config_file, parse_today(today), not no_cache, needs_sarif, workers
    )

    _write_report(report, output_format, extra_outputs, strict, sarif_rules)

    if show_statistics:
        from crisiskit.output.statistics import render_statistics

        stream = sys.stdout if output_format is OutputFormat.TEXT else sys.stderr
        print(render_statistics(report.findings), file=stream)

    if any(f.code == INTERNAL_ERROR.code for f in report.findings):
        # Reported with everything else, but a crashed check is ours to fix: exit 3.
        raise typer.Exit(EXIT_INTERNAL)
    blocking = report.count(Level.ERROR) + (report.count(Level.WARNING) if strict else 0)
    raise typer.Exit(EXIT_FINDINGS if blocking else EXIT_OK)


def _report(
    paths: list[str],
    config_file: Path | None,
    today: date,
    use_cache: bool,
    needs_sarif: bool,
    jobs: int | None,
) -> tuple[ValidationReport, list[dict[str, Any]] | None]:
    """The run's report, from the findings cache when every input is unchanged."""
    from crisiskit.output.sarif import sarif_rules
    from crisiskit.validation.run import validated

    return validated(paths, config_file, today, use_cache, needs_sarif, sarif_rules, jobs)


def _write_step_summary(report: ValidationReport) -> None:
    from crisiskit.output.github import step_summary

    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    from crisiskit.util.atomic import append_atomic

    append_atomic(Path(target), step_summary(report.findings, len(report.files)))
