"""`crisiskit who`: whom to call now (or at a given time), in order."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from crisiskit.cli.boundary import boundary
from crisiskit.cli.options import (
    AtOption,
    DebugOption,
    PlanOption,
    format_option,
    load_valid_plan,
    parse_at,
)
from crisiskit.diagnostics.errors import UsageError
from crisiskit.util.suggest import unknown


class WhoFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


@boundary
def who_command(
    severity: Annotated[
        str | None,
        typer.Option(metavar="ID", help="Severity id (default: the most severe)."),
    ] = None,
    threat: Annotated[
        str | None,
        typer.Option(metavar="ID", help="Threat id: adds its owner, first steps and messages."),
    ] = None,
    at: AtOption = None,
    plan: PlanOption = None,
    output_format: Annotated[
        WhoFormat, format_option("text on a terminal; markdown for a PR or chat; json.")
    ] = WhoFormat.TEXT,
    debug: DebugOption = False,
) -> None:
    """The ordered call list: role, person, phone, local time, and who is on duty.

    A backup moves up when the primary is outside working hours.

    \b
    Example:
      crisiskit who --plan plans/harbor-outdoor.yaml --threat account-takeover \\
        --at 2026-11-28T23:00
    """
    from zoneinfo import ZoneInfo

    from crisiskit.loader.focus import Focus
    from crisiskit.oncall.calllist import build, threat_locales
    from crisiskit.output import calllist

    # Only the threat, severity and the roles they call must be valid.
    needs = Focus(threats=(threat,) if threat else (), severities=(severity,) if severity else ())
    model = load_valid_plan(plan, needs).plan
    if severity is not None and severity not in (ids := [s.id for s in model.severities]):
        raise UsageError(unknown("severity", severity, ids, "--severity"))
    if threat is not None and threat not in (ids := [t.id for t in model.threats]):
        raise UsageError(unknown("threat", threat, ids, "--threat"))
    moment = parse_at(at, ZoneInfo(model.organization.default_timezone))
    calls = build(model, moment, severity, threat, threat_locales(model, threat))
    if output_format is WhoFormat.JSON:
        sys.stdout.write(calllist.to_json(calls))
    elif output_format is WhoFormat.MARKDOWN:
        sys.stdout.write(calllist.markdown(calls))
    else:
        from crisiskit.cli.console import stdout_console

        # Laid out for the console width (80 when piped), like the charts.
        console = stdout_console()
        console.print(calllist.rich(calls, console.width), soft_wrap=False)
