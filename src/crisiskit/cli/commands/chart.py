"""`crisiskit chart roles|escalation|threats|coverage`: the plan at a glance."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any

import typer

from crisiskit.cli.boundary import boundary
from crisiskit.cli.options import (
    MAX_YEAR,
    MIN_YEAR,
    ConfigOption,
    DebugOption,
    PlanOption,
    format_option,
    load_valid_plan,
)
from crisiskit.diagnostics.errors import UsageError


class ChartFormat(StrEnum):
    TEXT = "text"
    MERMAID = "mermaid"
    MARKDOWN = "markdown"
    JSON = "json"


chart_app = typer.Typer(
    help="Charts of the plan: roles, escalation, threats, coverage (Rich, Mermaid, "
    "Markdown or JSON).",
    no_args_is_help=True,
)

FormatOption = Annotated[
    ChartFormat, format_option("text on a terminal; mermaid or markdown for a PR; json.")
]


FenceOption = Annotated[
    bool,
    typer.Option(
        "--fence",
        help="With --format mermaid: wrap the chart in a ```mermaid fence, ready to paste "
        "into a pull request.",
    ),
]


def _emit(
    output_format: ChartFormat,
    data: Any,
    rich: Callable[[Any], Any],
    mermaid: Callable[[Any], str],
    markdown: Callable[[Any], str],
    to_json: Callable[[Any], Any],
    fence: bool = False,
) -> None:
    from crisiskit.output.markup import fenced

    if fence and output_format is not ChartFormat.MERMAID:
        raise UsageError("--fence goes with --format mermaid (markdown always has it)")
    if output_format is ChartFormat.JSON:
        print(json.dumps(to_json(data), indent=2, ensure_ascii=False, default=str))
    elif output_format is ChartFormat.MERMAID:
        sys.stdout.write(fenced(mermaid(data), "mermaid") if fence else mermaid(data))
    elif output_format is ChartFormat.MARKDOWN:
        # Tables to read, and the diagram GitHub draws: one paste into a pull request.
        sys.stdout.write(markdown(data).rstrip("\n") + "\n\n" + fenced(mermaid(data), "mermaid"))
    else:
        from crisiskit.cli.console import stdout_console

        # Charts are laid out for the console width (80 when piped); soft wrapping would
        # let long lines run past it and crop tree branches.
        stdout_console().print(rich(data), soft_wrap=False)


@chart_app.command("roles")
@boundary
def roles_command(
    plan: PlanOption = None,
    output_format: FormatOption = ChartFormat.TEXT,
    fence: FenceOption = False,
    config_file: ConfigOption = None,
    debug: DebugOption = False,
) -> None:
    """Roles → responsibilities → primary and backups, with contacts and hours.

    \b
    Example:
      crisiskit chart roles --plan plans/harbor-outdoor.yaml
    """
    from crisiskit.charts import roles
    from crisiskit.validation.configuration import load_config

    limit = load_config(config_file).thresholds.max_critical_roles_per_person
    model = load_valid_plan(plan).plan
    data = roles.build(model, limit)
    _emit(output_format, data, roles.rich, roles.mermaid, roles.markdown, roles.to_json, fence)


@chart_app.command("escalation")
@boundary
def escalation_command(
    plan: PlanOption = None,
    output_format: FormatOption = ChartFormat.TEXT,
    fence: FenceOption = False,
    debug: DebugOption = False,
) -> None:
    """For each severity: the ladder over time, cadence, who is notified and who approves.

    \b
    Example:
      crisiskit chart escalation --plan plans/harbor-outdoor.yaml --format markdown
    """
    from crisiskit.charts import escalation

    model = load_valid_plan(plan).plan
    data = escalation.build(model)
    _emit(
        output_format,
        data,
        escalation.rich,
        escalation.mermaid,
        escalation.markdown,
        escalation.to_json,
        fence,
    )


@chart_app.command("threats")
@boundary
def threats_command(
    plan: PlanOption = None,
    output_format: FormatOption = ChartFormat.TEXT,
    fence: FenceOption = False,
    debug: DebugOption = False,
) -> None:
    """A likelihood × impact heat map of threats, with severity and owner.

    \b
    Example:
      crisiskit chart threats --plan plans/harbor-outdoor.yaml --format mermaid
    """
    from crisiskit.charts import threats

    model = load_valid_plan(plan).plan
    data = threats.build(model)
    _emit(
        output_format, data, threats.rich, threats.mermaid, threats.markdown, threats.to_json, fence
    )


@chart_app.command("coverage")
@boundary
def coverage_command(
    plan: PlanOption = None,
    output_format: FormatOption = ChartFormat.TEXT,
    fence: FenceOption = False,
    tz: Annotated[
        str | None,
        typer.Option("--tz", metavar="ZONE", help="Timezone of the grid (default: the plan's)."),
    ] = None,
    week: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="A date in the week to chart (default: this week)."),
    ] = None,
    debug: DebugOption = False,
) -> None:
    """Weekday × hour grid per critical role: primary, backup only, or nobody.

    \b
    Example:
      crisiskit chart coverage --plan plans/harbor-outdoor.yaml --tz Europe/London \\
        --week 2026-11-24
    """
    from datetime import date, datetime
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from crisiskit.charts import coverage

    model = load_valid_plan(plan).plan
    try:
        zone = ZoneInfo(model.organization.default_timezone if tz is None else tz)
    except (ZoneInfoNotFoundError, ValueError):
        from zoneinfo import available_timezones

        from crisiskit.util.suggest import did_you_mean

        hint = did_you_mean(tz or "", available_timezones()) or "e.g. Asia/Jakarta"
        raise UsageError(f"--tz: '{tz}' is not an IANA timezone; {hint}") from None
    try:
        day = date.fromisoformat(week) if week else datetime.now(zone).date()
    except ValueError:
        raise UsageError(f"--week: '{week}' is not a date; write YYYY-MM-DD") from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise UsageError(f"--week: {day} is out of range; use a year from {MIN_YEAR} to {MAX_YEAR}")
    data = coverage.build(model, zone, day)
    _emit(
        output_format,
        data,
        coverage.rich,
        coverage.mermaid,
        coverage.markdown,
        coverage.to_json,
        fence,
    )
