"""`crisiskit chart roles|escalation|threats|coverage`: the plan at a glance."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from crisiskit.cli.boundary import boundary
from crisiskit.cli.options import MAX_YEAR, MIN_YEAR
from crisiskit.diagnostics.errors import UsageError


class ChartFormat(StrEnum):
    RICH = "rich"
    MERMAID = "mermaid"
    MARKDOWN = "markdown"
    JSON = "json"


chart_app = typer.Typer(
    help="Charts of the plan: roles, escalation, threats, coverage (Rich, Mermaid, "
    "Markdown or JSON).",
    no_args_is_help=True,
)

PlanOption = Annotated[
    Path | None, typer.Option("--plan", help="Plan file (default: the only plan under plans/).")
]
FormatOption = Annotated[
    ChartFormat,
    typer.Option("--format", "-f", help="rich on a terminal; mermaid/markdown for PRs; json."),
]


def _emit(
    output_format: ChartFormat,
    data: Any,
    rich: Callable[[Any], Any],
    mermaid: Callable[[Any], str],
    markdown: Callable[[Any], str],
    to_json: Callable[[Any], Any],
) -> None:
    if output_format is ChartFormat.JSON:
        print(json.dumps(to_json(data), indent=2, ensure_ascii=False, default=str))
    elif output_format is ChartFormat.MERMAID:
        sys.stdout.write(mermaid(data))
    elif output_format is ChartFormat.MARKDOWN:
        sys.stdout.write(markdown(data))
    else:
        from crisiskit.cli.console import stdout_console

        # Charts are laid out for the console width (80 when piped); soft wrapping would
        # let long lines run past it and crop tree branches.
        stdout_console().print(rich(data), soft_wrap=False)


@chart_app.command("roles")
@boundary
def roles_command(plan: PlanOption = None, output_format: FormatOption = ChartFormat.RICH) -> None:
    """Roles → responsibilities → primary and backups, with contacts and hours.

    Example:  crisiskit chart roles --plan plans/harbor-outdoor.yaml
    """
    from crisiskit.charts import roles
    from crisiskit.cli.options import load_valid_plan
    from crisiskit.validation.configuration import load_config

    _, model = load_valid_plan(plan)
    limit = load_config().thresholds.max_critical_roles_per_person
    data = roles.build(model, limit)
    _emit(output_format, data, roles.rich, roles.mermaid, roles.markdown, roles.to_json)


@chart_app.command("escalation")
@boundary
def escalation_command(
    plan: PlanOption = None, output_format: FormatOption = ChartFormat.RICH
) -> None:
    """For each severity: the ladder over time, cadence, who is notified and who approves.

    Example:  crisiskit chart escalation --format markdown
    """
    from crisiskit.charts import escalation
    from crisiskit.cli.options import load_valid_plan

    _, model = load_valid_plan(plan)
    data = escalation.build(model)
    _emit(
        output_format,
        data,
        escalation.rich,
        escalation.mermaid,
        escalation.markdown,
        escalation.to_json,
    )


@chart_app.command("threats")
@boundary
def threats_command(
    plan: PlanOption = None, output_format: FormatOption = ChartFormat.RICH
) -> None:
    """A likelihood × impact heat map of threats, with severity and owner.

    Example:  crisiskit chart threats --format mermaid
    """
    from crisiskit.charts import threats
    from crisiskit.cli.options import load_valid_plan

    _, model = load_valid_plan(plan)
    data = threats.build(model)
    _emit(output_format, data, threats.rich, threats.mermaid, threats.markdown, threats.to_json)


@chart_app.command("coverage")
@boundary
def coverage_command(
    plan: PlanOption = None,
    output_format: FormatOption = ChartFormat.RICH,
    tz: Annotated[
        str | None, typer.Option("--tz", help="Timezone of the grid (default: the plan's).")
    ] = None,
    week: Annotated[
        str | None, typer.Option(help="A date in the week to chart (default: this week).")
    ] = None,
) -> None:
    """Weekday × hour grid per critical role: primary, backup only, or nobody.

    Example:  crisiskit chart coverage --tz Europe/London --week 2026-11-24
    """
    from datetime import date, datetime
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from crisiskit.charts import coverage
    from crisiskit.cli.options import load_valid_plan

    _, model = load_valid_plan(plan)
    try:
        zone = ZoneInfo(model.organization.default_timezone if tz is None else tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(f"--tz: '{tz}' is not an IANA timezone, e.g. Asia/Jakarta") from None
    try:
        day = date.fromisoformat(week) if week else datetime.now(zone).date()
    except ValueError:
        raise UsageError(f"--week: '{week}' is not a date; write YYYY-MM-DD") from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise UsageError(f"--week: {day} is out of range; use a year from {MIN_YEAR} to {MAX_YEAR}")
    data = coverage.build(model, zone, day)
    _emit(output_format, data, coverage.rich, coverage.mermaid, coverage.markdown, coverage.to_json)
