"""`crisiskit validate`: schema, references and lint rules, for CI and pre-commit."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from crisiskit.cli.boundary import EXIT_FINDINGS, EXIT_OK, boundary
from crisiskit.errors import UsageError


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def parse_today(value: str | None) -> date:
    """`--today` for reproducible runs; the local date otherwise."""
    if value is None:
        return datetime.now().astimezone().date()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--today: '{value}' is not a date; write YYYY-MM-DD") from None


@boundary
def validate_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Plan files or directories (default: plans/). In a directory, a YAML "
            "file with a top-level `crisiskit:` key is a plan; any other is a fragment.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.TEXT,
    config_file: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Configuration file (default: the nearest crisiskit.toml, or "
            "pyproject.toml with [tool.crisiskit]).",
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(help="Evaluate review and drill dates as of this date (YYYY-MM-DD)."),
    ] = None,
) -> None:
    """Validate plans: YAML safety, schema, references and lint rules.

    Exit codes: 0 nothing blocking, 1 findings, 2 usage or unreadable path, 3 internal error.

    Example:  crisiskit validate plans/ --format json
    """
    from crisiskit.config import load_config
    from crisiskit.findings import Severity
    from crisiskit.validate import validate_paths

    config = load_config(config_file)
    report = validate_paths(paths or [Path("plans")], parse_today(today), config)
    if output_format is OutputFormat.JSON:
        from crisiskit.report.json import render_json

        print(render_json(report.findings, report.files))
    else:
        from crisiskit.cli.console import stdout_console
        from crisiskit.report.text import render_findings, summary_line

        console = stdout_console()
        for line in render_findings(report.findings):
            console.print(line)
        console.print(summary_line(report.findings, len(report.files)))
    blocking = report.count(Severity.ERROR) > 0
    raise typer.Exit(EXIT_FINDINGS if blocking else EXIT_OK)
