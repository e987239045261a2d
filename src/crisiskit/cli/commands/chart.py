"""`crisiskit chart roles|escalation|threats|coverage`: the plan at a glance."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated, Any, Protocol

import typer

from crisiskit.cli.boundary import boundary
from crisiskit.cli.options import (
    ConfigOption,
    DebugOption,
    PlanOption,
    format_option,
    load_valid_plan,
    parse_date,
    parse_zone,
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


class Chart(Protocol):
    """What each module in `charts/` offers: the four renderings of its data."""

    def rich(self, data: Any, /) -> Any: ...
    def mermaid(self, data: Any, /) -> str: ...
    def markdown(self, data: Any, /) -> str: ...
    def to_json(self, data: Any, /) -> Any: ...


def _emit(output_format: ChartFormat, chart: Chart, data: Any, fence: bool) -> None:
    from crisiskit.output.markup import fenced

    if fence and output_format is not ChartFormat.MERMAID:
        raise UsageError("--fence goes with --format mermaid (markdown always has it)")
    if output_format is ChartFormat.JSON:
        print(json.dumps(chart.to_json(data), indent=2, ensure_ascii=False, default=str))
    elif output_format is ChartFormat.MERMAID:
        diagram = chart.mermaid(data)
        sys.stdout.write(fenced(diagram, "mermaid") if fence else diagram)
    elif output_format is ChartFormat.MARKDOWN:
        # Tables to read, and the diagram GitHub draws: one paste into a pull request.
        tables = chart.markdown(data).rstrip("\n")
        sys.stdout.write(tables + "\n\n" + fenced(chart.mermaid(data), "mermaid"))
    else:
        from crisiskit.cli.console import stdout_console

        # Charts are laid out for the console width (80 when piped); soft wrapping would
        # let long lines run past it and crop tree branches.
        stdout_console().print(chart.rich(data), soft_wrap=False)


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
    _emit(output_format, roles, roles.build(model, limit), fence)


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
    _emit(output_format, escalation, escalation.build(model), fence)


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
    _emit(output_format, threats, threats.build(model), fence)


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
    from datetime import datetime

    from crisiskit.charts import coverage

    model = load_valid_plan(plan).plan
    zone = parse_zone("--tz", model.organization.default_timezone if tz is None else tz)
    day = parse_date("--week", week) if week else datetime.now(zone).date()
    _emit(output_format, coverage, coverage.build(model, zone, day), fence)
