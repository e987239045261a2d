"""`crisiskit who`: whom to call now (or at a given time), in order."""

from __future__ import annotations

import sys
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from crisiskit.cli.boundary import boundary
from crisiskit.cli.options import MAX_YEAR, MIN_YEAR, unknown_id
from crisiskit.diagnostics.errors import UsageError


class WhoFormat(StrEnum):
    RICH = "rich"
    MARKDOWN = "markdown"
    JSON = "json"


@boundary
def who_command(
    severity: Annotated[
        str | None, typer.Option(help="Severity id (default: the most severe).")
    ] = None,
    threat: Annotated[
        str | None, typer.Option(help="Threat id: adds its owner, first steps and messages.")
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(
            help="ISO time, e.g. 2026-11-28T23:00 (plan timezone unless an offset is given)."
        ),
    ] = None,
    plan: Annotated[
        Path | None, typer.Option(help="Plan file (default: the only plan under plans/).")
    ] = None,
    output_format: Annotated[WhoFormat, typer.Option("--format", "-f")] = WhoFormat.RICH,
) -> None:
    """The ordered call list: role, person, phone, local time, and who is on duty.

    A backup moves up when the primary is outside working hours.

    Example:  crisiskit who --threat account-takeover --at 2026-11-28T23:00
    """
    from zoneinfo import ZoneInfo

    from crisiskit.cli.options import load_valid_plan
    from crisiskit.oncall.calllist import build
    from crisiskit.output import calllist

    _, model = load_valid_plan(plan)
    if severity is not None and severity not in (ids := [s.id for s in model.severities]):
        raise unknown_id("severity", severity, ids, "--severity")
    if threat is not None and threat not in (ids := [t.id for t in model.threats]):
        raise unknown_id("threat", threat, ids, "--threat")
    zone = ZoneInfo(model.organization.default_timezone)
    if at is None:
        moment = datetime.now(zone)
    else:
        try:
            moment = datetime.fromisoformat(at)
        except ValueError:
            raise UsageError(
                f"--at: '{at}' is not an ISO 8601 time, e.g. 2026-11-28T23:00"
            ) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=zone)
        if not MIN_YEAR <= moment.year <= MAX_YEAR:
            raise UsageError(
                f"--at: {at} is out of range; use a year from {MIN_YEAR} to {MAX_YEAR}"
            )
    calls = build(model, moment, severity, threat)
    if output_format is WhoFormat.JSON:
        sys.stdout.write(calllist.to_json(calls))
    elif output_format is WhoFormat.MARKDOWN:
        sys.stdout.write(calllist.markdown(calls))
    else:
        from crisiskit.cli.console import stdout_console

        # Laid out for the console width (80 when piped), like the charts.
        stdout_console().print(calllist.rich(calls), soft_wrap=False)
