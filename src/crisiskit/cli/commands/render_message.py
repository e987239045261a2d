"""`crisiskit render-message`: approval-ready drafts for every channel and locale."""

from __future__ import annotations

import sys
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from crisiskit.cli.boundary import EXIT_FINDINGS, boundary
from crisiskit.cli.destinations import check_destination
from crisiskit.cli.options import (
    AtOption,
    ConfigOption,
    DebugOption,
    ForceOption,
    OutputFileOption,
    PlanOption,
    format_option,
    load_valid_plan,
    parse_at,
)
from crisiskit.diagnostics.errors import UsageError
from crisiskit.util.wording import plural

if TYPE_CHECKING:
    from crisiskit.loader.plan import ValidPlan
    from crisiskit.messages.drafts import Approver, Draft
    from crisiskit.model.messages import Message


class DraftFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


def _parse_vars(pairs: list[str]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--var: '{pair}' must be NAME=VALUE")
        values[name.strip()] = value
    return values


def _list(loaded: ValidPlan, message_id: str | None, channels: list[str]) -> None:
    """What can be rendered: one message if named, those on the given channels, or all."""
    from rich.text import Text

    from crisiskit.cli.console import stdout_console
    from crisiskit.messages.service import check_channels, pick_message

    check_channels(loaded, channels)
    messages = [pick_message(loaded, message_id)] if message_id else loaded.plan.messages
    if channels:
        messages = [m for m in messages if set(channels) & set(m.channels)]
    console = stdout_console()
    for message in messages:
        # Plan text is printed as written: `[Nama Gerai]` in an example is not Rich markup.
        console.print(
            Text(f"{message.id}", style="bold"),
            f"({message.kind.value}, {message.audience.value}) — {message.name}",
            markup=False,
        )
        locales = message.locales or [x.id for x in loaded.plan.locales]
        console.print(f"  channels: {', '.join(message.channels)}", markup=False)
        console.print(f"  locales:  {', '.join(locales)}", markup=False)
        for variable in message.variables:
            console.print(
                f"  --var {variable.name}=…  {variable.description} (e.g. {variable.example})",
                markup=False,
            )
        console.print()


def _interactive() -> bool:
    return sys.stdin.isatty()


def _prompt_missing(message: Message, missing: list[str]) -> dict[str, str]:
    declared = {v.name: v for v in message.variables}
    answers = {}
    for name in missing:
        variable = declared[name]
        answers[name] = typer.prompt(
            f"{name} — {variable.description} (e.g. {variable.example})", err=True
        )
    return answers


@boundary
def render_message_command(
    message_id: Annotated[
        str | None, typer.Argument(metavar="MESSAGE", help="Message id (see --list).")
    ] = None,
    plan: PlanOption = None,
    threat: Annotated[
        str | None,
        typer.Option(metavar="ID", help="Threat id: sets the severity and its cadence."),
    ] = None,
    severity: Annotated[
        str | None, typer.Option(metavar="ID", help="Severity id (overrides the threat's).")
    ] = None,
    channels: Annotated[
        list[str] | None,
        typer.Option(
            "--channel",
            metavar="ID",
            help="Channel id (repeatable; default: all of the message's).",
        ),
    ] = None,
    all_channels: Annotated[
        bool, typer.Option("--all-channels", help="Every channel of the message.")
    ] = False,
    locales: Annotated[
        list[str] | None,
        typer.Option(
            "--locale", metavar="ID", help="Locale id (repeatable; default: all of the message's)."
        ),
    ] = None,
    variables: Annotated[
        list[str] | None,
        typer.Option("--var", metavar="NAME=VALUE", help="A variable (repeatable)."),
    ] = None,
    vars_file: Annotated[
        Path | None,
        typer.Option(metavar="PATH", help="YAML or JSON mapping of variable names to values."),
    ] = None,
    output_format: Annotated[
        DraftFormat, format_option("text on a terminal; json; markdown for a PR or chat.")
    ] = DraftFormat.TEXT,
    output: OutputFileOption = None,
    force: ForceOption = False,
    log: Annotated[
        Path | None,
        typer.Option(metavar="PATH", help="Append what was rendered to this incident log (JSONL)."),
    ] = None,
    config_file: ConfigOption = None,
    at: AtOption = None,
    list_messages: Annotated[
        bool, typer.Option("--list", help="List messages, their variables and channels.")
    ] = False,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Never prompt for missing variables.")
    ] = False,
    debug: DebugOption = False,
) -> None:
    """Render a message draft for its channels and locales, with lengths and approvals.

    \b
    Example:
      crisiskit render-message holding-statement --plan plans/harbor-outdoor.yaml \\
        --channel x --var issue="reports that some tents collapse"
    """
    from zoneinfo import ZoneInfo

    from crisiskit.messages import service
    from crisiskit.validation.configuration import load_config

    # The same limits as validate, so a draft CI accepted is not flagged here, or back.
    config = load_config(config_file)
    loaded = load_valid_plan(plan)
    if list_messages:
        _list(loaded, message_id, channels or [])
        return
    if channels and all_channels:
        raise UsageError("give --channel or --all-channels, not both")
    message = service.pick_message(loaded, message_id)
    # Everything that can be refused is refused before anyone is asked to type a variable.
    now = parse_at(at, ZoneInfo(loaded.plan.organization.default_timezone))
    selection = service.select(loaded, message, channels, locales, threat, severity, now)
    if output is not None:
        check_destination(output, "--output", overwrite=force)
    if log is not None:
        check_destination(log, "--log", overwrite=True)
    given: dict[str, str] = {}
    if vars_file is not None:
        from crisiskit.messages.varsfile import read_vars_file

        given = read_vars_file(vars_file)
    given.update(_parse_vars(variables or []))

    from crisiskit.messages.drafts import check_variables

    needed = service.needed_variables(loaded, message, selection)
    checked = check_variables(message, given, needed)
    if checked.unknown:
        names = ", ".join(v.name for v in message.variables) or "none"
        raise UsageError(
            f"unknown variable {', '.join(checked.unknown)} for '{message.id}' "
            f"(it declares: {names})"
        )
    values = checked.values
    if checked.missing:
        if _interactive() and not no_input:
            values.update(_prompt_missing(message, checked.missing))
        else:
            declared = {v.name: v for v in message.variables}
            lines = "\n".join(
                f"  --var {name}=…  {declared[name].description} (e.g. {declared[name].example})"
                for name in checked.missing
            )
            print(f"crisiskit: missing variables for '{message.id}':\n{lines}", file=sys.stderr)
            raise typer.Exit(EXIT_FINDINGS)

    drafts = service.render_drafts(loaded, message, values, selection, config)
    from crisiskit.messages.drafts import approval_chain

    approvers = approval_chain(loaded, message, selection.severity)
    if log is not None:
        # Logged before anything is shown: a draft that reaches a screen is in the log.
        from crisiskit.messages.incident_log import log_drafts

        try:
            log_drafts(
                log,
                loaded,
                message.id,
                drafts,
                speaks_of=selection.now,
                severity=selection.severity,
                threat=threat,
                variables=values,
            )
        except UsageError as exc:
            # Written after the up-front check passed (a full disk, a lock): name the option.
            raise UsageError(f"--log: {exc}") from None
    text = _format(
        output_format,
        message,
        selection.severity,
        values,
        drafts,
        approvers,
        selection.now,
        for_file=output is not None,
    )
    if output is not None:
        from crisiskit.util.atomic import write_atomic

        write_atomic(output, text or "", overwrite=force)
        print(f"wrote {plural(len(drafts), 'draft')} to {output}", file=sys.stderr)
    elif text is not None:
        sys.stdout.write(text)
    for draft in drafts:
        if draft.over_limit:
            from crisiskit.output.drafts import status

            print(
                f"crisiskit: warning: {draft.channel} ({draft.locale}) is {status(draft)}",
                file=sys.stderr,
            )


def _format(
    output_format: DraftFormat,
    message: Message,
    severity_id: str | None,
    values: dict[str, str],
    drafts: list[Draft],
    approvers: list[Approver],
    now: datetime,
    for_file: bool,
) -> str | None:
    from crisiskit.output import drafts as report

    if output_format is DraftFormat.JSON:
        return report.json_drafts(
            message.id, severity_id, values, drafts, approvers, now.isoformat(timespec="seconds")
        )
    if output_format is DraftFormat.MARKDOWN:
        return report.markdown_drafts(message.name, drafts, approvers)
    if for_file or not sys.stdout.isatty():
        # Piped: only the drafts on stdout; the approval chain goes to stderr.
        from crisiskit.cli.console import stderr_console

        stderr_console().print(report.approvals_text(approvers))
        return report.plain_drafts(drafts)
    from crisiskit.cli.console import stdout_console

    stdout_console().print(report.rich_drafts(drafts, approvers))
    return None
