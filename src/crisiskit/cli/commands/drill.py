"""`crisiskit drill run|status|report`: tabletop exercises, their record and their history."""

from __future__ import annotations

import sys
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from crisiskit.cli.boundary import boundary
from crisiskit.cli.options import (
    AtOption,
    ConfigOption,
    DebugOption,
    PlanOption,
    TodayOption,
    format_option,
    load_valid_plan,
    parse_at,
    parse_today,
)
from crisiskit.diagnostics.errors import UsageError

if TYPE_CHECKING:
    from crisiskit.config.settings import Config
    from crisiskit.drills.records import Destination
    from crisiskit.drills.session import DrillSession
    from crisiskit.loader.plan import ValidPlan
    from crisiskit.model.drills import Scenario

EXIT_INTERRUPTED = 130

drill_app = typer.Typer(
    help="Tabletop drills: run one on a clock and record it, see what is due, and see "
    "whether the team is getting faster.",
    no_args_is_help=True,
)


class ReportFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


FormatOption = Annotated[
    ReportFormat, format_option("text on a terminal; markdown for a PR or chat; json.")
]


@drill_app.command("run")
@boundary
def run_command(
    scenario_id: Annotated[
        str, typer.Argument(metavar="SCENARIO", help="Scenario id (drills.scenarios).")
    ],
    plan: PlanOption = None,
    speed: Annotated[
        float,
        typer.Option("--speed", metavar="N", help="Run the drill clock N times real time."),
    ] = 1.0,
    manual: Annotated[
        bool,
        typer.Option("--manual", help="No clock: move from inject to inject with `next`."),
    ] = False,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="PATH",
            help="Run without a terminal from an answers file (YAML; see the README).",
        ),
    ] = None,
    participants: Annotated[
        list[str] | None,
        typer.Option(
            "--participant",
            metavar="ID",
            help="Person id taking part (repeatable; default: the holders of the scenario's "
            "roles).",
        ),
    ] = None,
    record_name: Annotated[
        str | None,
        typer.Option(
            "--record",
            metavar="NAME",
            help="File name of the record in drills.records (default: DATE-SCENARIO.yaml).",
        ),
    ] = None,
    at: AtOption = None,
    config_file: ConfigOption = None,
    debug: DebugOption = False,
) -> None:
    """Run a tabletop drill: injects on a clock, expected actions marked, a saved record.

    The record is written atomically to the plan's `drills.records` directory (one file
    per drill), or appended to `drills.log` in the plan when it has none. Ctrl-C saves
    what was recorded so far, marked interrupted.

    In a terminal: `crisiskit drill run takeover-tabletop --speed 10` (type help at the
    prompt). Without one, from an answers file:

    \b
    Example:
      crisiskit drill run takeover-tabletop --plan plans/kirana-social/warung-rasa.yaml \\
        --answers examples/warung-rasa-takeover.answers.yaml --at 2026-11-22T10:00
    """
    from zoneinfo import ZoneInfo

    from crisiskit.drills.records import destination
    from crisiskit.drills.scenarios import pick_scenario, runnable_threat
    from crisiskit.validation.configuration import load_config

    if speed <= 0 or speed > 3600:
        raise UsageError(f"--speed: {speed:g} must be above 0 and at most 3600")
    if manual and speed != 1.0:
        raise UsageError("give --manual or --speed, not both")
    config = load_config(config_file)
    loaded = load_valid_plan(plan)
    scenario = pick_scenario(loaded, scenario_id)
    threat = runnable_threat(loaded, scenario)
    # When the drill starts (its record's date); drafts speak of that moment plus drill time.
    started = parse_at(at, ZoneInfo(loaded.plan.organization.default_timezone))
    session = _new_session(loaded, scenario, started.date(), participants)
    # Refused now, before anyone spends an hour on a drill that cannot be saved.
    target = destination(loaded, scenario.id, started.date(), record_name)
    if answers is not None:
        from crisiskit.drills.answers import read_answers

        requested = read_answers(answers, session, list(threat.messages))
        _show_rendered(loaded, scenario, requested.render, config, started)
    else:
        if not sys.stdin.isatty():
            raise UsageError(
                "drill run is interactive: run it in a terminal, or give --answers FILE"
            )
        from crisiskit.cli.tabletop import Tabletop

        Tabletop(
            loaded, scenario, threat, session, config, started, speed=speed, manual=manual
        ).run()
    _finish(loaded, scenario, session, target)


def _new_session(
    loaded: ValidPlan, scenario: Scenario, day: date, participants: list[str] | None
) -> DrillSession:
    from crisiskit.drills.scenarios import default_participants, statement_target
    from crisiskit.drills.session import DrillSession
    from crisiskit.util.suggest import unknown

    people = frozenset(p.id for p in loaded.plan.people)
    for person in participants or []:
        if person not in people:
            raise UsageError(unknown("person", person, sorted(people), "--participant"))
    return DrillSession(
        scenario=scenario,
        day=day,
        participants=list(participants or default_participants(loaded, scenario)),
        statement_target=statement_target(loaded, scenario),
        people=people,
    )


def _show_rendered(
    loaded: ValidPlan,
    scenario: Scenario,
    messages: list[str],
    config: Config,
    started: datetime,
) -> None:
    from crisiskit.drills.drafts import render_for_drill
    from crisiskit.drills.scenarios import runnable_threat
    from crisiskit.output.drafts import plain_drafts

    threat = runnable_threat(loaded, scenario)
    for message_id in messages:
        rendered = render_for_drill(loaded, scenario, threat, message_id, [], config, started)
        sys.stdout.write(f"===== {message_id} =====\n{plain_drafts(rendered.drafts)}\n")


def _finish(
    loaded: ValidPlan, scenario: Scenario, session: DrillSession, target: Destination
) -> None:
    from crisiskit.drills.records import write_record
    from crisiskit.drills.session import action_outcomes
    from crisiskit.output.drills import drill_summary

    record = session.record()
    write_record(target, record, "crisiskit drill run")
    roles = {r.id: r.name for r in loaded.plan.roles}
    sys.stdout.write(drill_summary(record, scenario, action_outcomes(record, scenario), roles))
    where = "appended to the drill log in" if target.plan_log else "saved to"
    state = " (interrupted)" if session.interrupted else ""
    print(f"\nDrill record{state} {where} {target.display}", file=sys.stderr)
    if session.interrupted:
        raise typer.Exit(EXIT_INTERRUPTED)


@drill_app.command("status")
@boundary
def status_command(
    plan: PlanOption = None,
    today: TodayOption = None,
    output_format: FormatOption = ReportFormat.TEXT,
    debug: DebugOption = False,
) -> None:
    """Per threat: the last drill, whether one is overdue, the next due date, open follow-ups.

    Example:  crisiskit drill status --plan plans/harbor-outdoor.yaml
    """
    from crisiskit.drills.history import drill_status
    from crisiskit.output import drills as report

    loaded = load_valid_plan(plan)
    status = drill_status(loaded, parse_today(today))
    if output_format is ReportFormat.JSON:
        sys.stdout.write(report.status_json(status))
    elif output_format is ReportFormat.MARKDOWN:
        sys.stdout.write(report.status_markdown(status))
    else:
        from crisiskit.cli.console import stdout_console

        stdout_console().print(report.status_rich(status), soft_wrap=False)


@drill_app.command("report")
@boundary
def report_command(
    plan: PlanOption = None,
    output_format: FormatOption = ReportFormat.TEXT,
    debug: DebugOption = False,
) -> None:
    """Drill history: time to first statement per drill against target, actions on time.

    Example:  crisiskit drill report --plan plans/harbor-outdoor.yaml
    """
    from crisiskit.drills.history import drill_history
    from crisiskit.output import drills as report

    history = drill_history(load_valid_plan(plan))
    if output_format is ReportFormat.JSON:
        sys.stdout.write(report.report_json(history))
    elif output_format is ReportFormat.MARKDOWN:
        sys.stdout.write(report.report_markdown(history))
    elif sys.stdout.isatty():
        from crisiskit.cli.console import stdout_console

        stdout_console().print(report.report_rich(history), soft_wrap=False)
    else:
        sys.stdout.write(report.report_plain(history))
