"""`crisiskit render-message`: approval-ready drafts for every channel and locale."""

from __future__ import annotations

import dataclasses
import sys
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from crisiskit.cli.boundary import boundary
from crisiskit.cli.destinations import check_destination
from crisiskit.cli.options import (
    AllowOverLimitOption,
    AtOption,
    ConfigOption,
    DebugOption,
    ForceOption,
    LocalesOption,
    LogOption,
    NoInputOption,
    OutputFileOption,
    PlanOption,
    VarOption,
    VarsFileOption,
    format_option,
    load_valid_plan,
    parse_at,
)
from crisiskit.cli.overlimit import exit_if_over_limit
from crisiskit.diagnostics.errors import UsageError
from crisiskit.util.atomic import same_file
from crisiskit.util.suggest import unknown
from crisiskit.util.wording import plural

if TYPE_CHECKING:
    from crisiskit.loader.focus import Focus
    from crisiskit.loader.plan import ValidPlan
    from crisiskit.messages.drafts import Approver, Draft
    from crisiskit.messages.service import Selection
    from crisiskit.messages.variables import Values
    from crisiskit.model.messages import Message


class DraftFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


def _list(
    loaded: ValidPlan, message_id: str | None, channels: list[str], threat: str | None
) -> None:
    """What can be rendered: one message if named, those on the given channels or of the
    given threat, or all."""
    from rich.text import Text

    from crisiskit.cli.console import stdout_console
    from crisiskit.messages.service import check_channels, pick_message

    check_channels(loaded, channels)
    messages = [pick_message(loaded, message_id)] if message_id else loaded.plan.messages
    if channels:
        messages = [m for m in messages if set(channels) & set(m.channels)]
    if threat is not None:
        threats = {t.id: t for t in loaded.plan.threats}
        if threat not in threats:
            raise UsageError(unknown("threat", threat, list(threats), "--threat"))
        messages = [m for m in messages if m.id in threats[threat].messages]
    console = stdout_console()
    for message in messages:
        # Plan text is printed as written: `[Nama Gerai]` in an example is not Rich markup.
        console.print(
            Text(f"{message.id}", style="bold"),
            f"({message.kind.value}, {message.audience}) — {message.name}",
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


def _declared(value: str | None, now: datetime) -> datetime | None:
    if value is None:
        return None
    try:
        moment = parse_at(value, now.tzinfo or UTC)
    except UsageError as exc:
        raise UsageError(str(exc).replace("--at", "--declared", 1)) from None
    if moment > now:
        raise UsageError(f"--declared: {value} is after the draft's time (--at)")
    return moment


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
    locales: LocalesOption = None,
    variables: VarOption = None,
    vars_file: VarsFileOption = None,
    output_format: Annotated[
        DraftFormat, format_option("text on a terminal; json; markdown for a PR or chat.")
    ] = DraftFormat.TEXT,
    output: OutputFileOption = None,
    force: ForceOption = False,
    log: LogOption = None,
    config_file: ConfigOption = None,
    at: AtOption = None,
    declared: Annotated[
        str | None,
        typer.Option(
            metavar="TIME",
            help="When the incident was declared (ISO 8601; default: --at): places the "
            "draft in the severity's phases for next_update.",
            show_default=False,
        ),
    ] = None,
    list_messages: Annotated[
        bool, typer.Option("--list", help="List messages, their variables and channels.")
    ] = False,
    no_input: NoInputOption = False,
    allow_over_limit: AllowOverLimitOption = False,
    debug: DebugOption = False,
) -> None:
    """Render a message draft for its channels and locales, with lengths and approvals.

    \b
    Example:
      crisiskit render-message holding-statement --plan plans/harbor-outdoor.yaml \\
        --channel x --var issue="reports that some tents collapse"
    """
    from zoneinfo import ZoneInfo

    from crisiskit.cli.prompts import fill_missing, given_values
    from crisiskit.messages import service
    from crisiskit.messages.variables import check_known
    from crisiskit.messages.variables import missing as missing_values
    from crisiskit.validation.configuration import load_config

    # The same limits as validate, so a draft CI accepted is not flagged here, or back.
    config = load_config(config_file)
    # Only what this run renders must be valid: a mistake elsewhere is counted, not fatal.
    loaded = load_valid_plan(plan, None if list_messages else _needs(message_id, threat, severity))
    if list_messages:
        _list(loaded, message_id, channels or [], threat)
        return
    if channels and all_channels:
        raise UsageError("give --channel or --all-channels, not both")
    message = service.pick_message(loaded, message_id)
    # Everything that can be refused is refused before anyone is asked to type a variable.
    now = parse_at(at, ZoneInfo(loaded.plan.organization.default_timezone))
    selection = service.select(
        loaded, message, channels, locales, threat, severity, now, _declared(declared, now)
    )
    _check_destinations(output, log, force)
    values = given_values(vars_file, variables)
    check_known(values, message.variables, selection.locales)
    needed = service.needed_variables(loaded, message, selection)
    blank = service.blank_codename_warning(message, selection, needed)
    if blank is not None:
        selection = dataclasses.replace(selection, warnings=(*selection.warnings, blank))
    missing = missing_values(values, [(message, selection.locales, needed)])
    values = fill_missing(values, missing, no_input, f"'{message.id}'")

    drafts = service.render_drafts(loaded, message, values, selection, config)
    from crisiskit.messages.drafts import approval_chain

    approvers = approval_chain(
        loaded, message, selection.severity, selection.now, selection.locales
    )
    if log is not None:
        _log(log, loaded, message, drafts, selection, threat, values)
    _warn(selection.warnings)
    text = _format(
        output_format,
        message,
        selection,
        values.as_json(),
        drafts,
        approvers,
        for_file=output is not None,
    )
    if output is not None:
        from crisiskit.util.atomic import write_atomic

        write_atomic(output, text or "", overwrite=force)
        print(f"wrote {plural(len(drafts), 'draft')} to {output}", file=sys.stderr)
    elif text is not None:
        sys.stdout.write(text)
    exit_if_over_limit(drafts, allow_over_limit)


def _check_destinations(output: Path | None, log: Path | None, force: bool) -> None:
    """Refuse files that cannot be written before anyone is asked for a variable."""
    if output is not None:
        check_destination(output, "--output", overwrite=force)
    if log is not None:
        check_destination(log, "--log", overwrite=True)
        if output is not None and same_file(log, output):
            # Replacing the draft file would wipe every record of the incident.
            raise UsageError(f"--log and --output name the same file ({log}); give two files")


def _needs(message_id: str | None, threat: str | None, severity: str | None) -> Focus:
    from crisiskit.loader.focus import Focus

    return Focus(
        threats=(threat,) if threat else (),
        messages=(message_id,) if message_id else (),
        severities=(severity,) if severity else (),
        # Without --threat, the threats using the message decide its severity.
        threats_using_messages=threat is None,
    )


def _log(
    log: Path,
    loaded: ValidPlan,
    message: Message,
    drafts: list[Draft],
    selection: Selection,
    threat: str | None,
    values: Values,
) -> None:
    """Logged before anything is shown: a draft that reaches a screen is in the log."""
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
            variables=values.as_json(),
            held=selection.held,
        )
    except UsageError as exc:
        # Written after the up-front check passed (a full disk, a lock): name the option.
        raise UsageError(f"--log: {exc}") from None


def _warn(warnings: tuple[str, ...]) -> None:
    """On stderr, whatever the format: seen on a terminal, kept out of a piped draft."""
    from crisiskit.output.visible import visible

    for warning in warnings:
        print(f"warning: {visible(warning)}", file=sys.stderr)


def _format(
    output_format: DraftFormat,
    message: Message,
    selection: Selection,
    values: dict[str, str | dict[str, str]],
    drafts: list[Draft],
    approvers: list[Approver],
    for_file: bool,
) -> str | None:
    from crisiskit.output import drafts as report
    from crisiskit.output.markup import md_text

    if output_format is DraftFormat.JSON:
        generated = selection.now.isoformat(timespec="seconds")
        return report.json_drafts(
            message.id,
            selection.severity,
            values,
            drafts,
            approvers,
            generated,
            warnings=selection.warnings,
        )
    if output_format is DraftFormat.MARKDOWN:
        held = "".join(f"**⚠ {md_text(w)}**\n\n" for w in selection.warnings)
        return held + report.markdown_drafts(message.name, drafts, approvers)
    if for_file or not sys.stdout.isatty():
        # Piped: only the drafts on stdout; the approval chain goes to stderr.
        from crisiskit.cli.plainprint import print_plainly

        if not print_plainly(report.approvals_plain(approvers), stderr=True):
            from crisiskit.cli.console import stderr_console

            stderr_console().print(report.approvals_text(approvers))
        if len(drafts) == 1 and drafts[0].title is not None:
            from crisiskit.output.visible import visible

            # One draft stays bare for the clipboard (`| pbcopy`); its title (the e-mail
            # subject) goes to stderr with the approvals, to paste into its own field.

            print(f"Title: {visible(drafts[0].title)}", file=sys.stderr)
            return drafts[0].text + "\n"
        return report.plain_drafts(drafts)
    from crisiskit.cli.console import stdout_console

    stdout_console().print(report.rich_drafts(drafts, approvers))
    return None
