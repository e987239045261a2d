"""`crisiskit render-message`: approval-ready drafts for every channel and locale."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer

from crisiskit.cli.boundary import EXIT_FINDINGS, boundary
from crisiskit.cli.destinations import check_destination
from crisiskit.cli.options import unknown_id
from crisiskit.diagnostics.errors import UsageError

if TYPE_CHECKING:
    from crisiskit.config.settings import Config
    from crisiskit.loader.plan import LoadedPlan
    from crisiskit.model.messages import Message


class DraftFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


class _Selection(NamedTuple):
    channels: list[str]
    locales: list[str]
    severity: str | None
    update_every: timedelta | None
    now: datetime


def _parse_vars(pairs: list[str]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--var: '{pair}' must be NAME=VALUE")
        values[name.strip()] = value
    return values


def _load(plan: Path | None) -> LoadedPlan:
    from crisiskit.diagnostics.findings import Severity
    from crisiskit.loader import load_plan
    from crisiskit.loader.discovery import default_plan

    path = default_plan(plan)
    loaded = load_plan(path)
    errors = [f for f in loaded.findings if f.severity is Severity.ERROR]
    if loaded.plan is None or errors:
        for finding in errors:
            print(
                f"{finding.file}:{finding.line}:{finding.column}: {finding.code} {finding.message}",
                file=sys.stderr,
            )
        print(f"crisiskit: {loaded.file} is not valid; run crisiskit validate", file=sys.stderr)
        raise typer.Exit(EXIT_FINDINGS)
    return loaded


def _list(loaded: LoadedPlan, message_id: str | None, channels: list[str]) -> None:
    """What can be rendered: one message if named, those on the given channels, or all."""
    from rich.text import Text

    from crisiskit.cli.console import stdout_console

    assert loaded.plan is not None
    known = [c.id for c in loaded.plan.channels]
    for channel in channels:
        if channel not in known:
            raise unknown_id("channel", channel, known, "--channel")
    messages = [_pick_message(loaded, message_id)] if message_id else loaded.plan.messages
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
    plan: Annotated[
        Path | None, typer.Option(help="Plan file (default: the only plan under plans/).")
    ] = None,
    threat: Annotated[
        str | None, typer.Option(help="Threat id: sets the severity and its cadence.")
    ] = None,
    severity: Annotated[
        str | None, typer.Option(help="Severity id (overrides the threat's).")
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
        Path | None, typer.Option(help="YAML or JSON mapping of variable names to values.")
    ] = None,
    output_format: Annotated[
        DraftFormat, typer.Option("--format", "-f", help="Output format.")
    ] = DraftFormat.TEXT,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the drafts to FILE.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite --output if it exists.")
    ] = False,
    log: Annotated[
        Path | None, typer.Option(help="Append what was rendered to this incident log (JSONL).")
    ] = None,
    config_file: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Configuration with channel limits (default: the nearest crisiskit.toml, "
            "or pyproject.toml with [tool.crisiskit]), as validate reads it.",
        ),
    ] = None,
    at: Annotated[
        str | None, typer.Option(help="Render as of this ISO time (default: now).")
    ] = None,
    list_messages: Annotated[
        bool, typer.Option("--list", help="List messages, their variables and channels.")
    ] = False,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Never prompt for missing variables.")
    ] = False,
) -> None:
    """Render a message draft for its channels and locales, with lengths and approvals.

    \b
    Example:
      crisiskit render-message holding-statement --plan plans/harbor-outdoor.yaml \\
        --channel x --var issue="reports that some tents collapse"
    """
    from crisiskit.validation.configuration import load_config

    # The same limits as validate, so a draft CI accepted is not flagged here, or back.
    config = load_config(config_file)
    loaded = _load(plan)
    assert loaded.plan is not None
    if list_messages:
        _list(loaded, message_id, channels or [])
        return
    if channels and all_channels:
        raise UsageError("give --channel or --all-channels, not both")
    message = _pick_message(loaded, message_id)
    # Everything that can be refused is refused before anyone is asked to type a variable.
    selection = _select(loaded, message, channels, locales, threat, severity, at)
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

    needed = _needed_variables(loaded, message, selection)
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

    drafts = _render(loaded, message, values, selection, config)
    from crisiskit.messages.drafts import approval_chain

    approvers = approval_chain(loaded, message, selection.severity)
    if log is not None:
        # Logged before anything is shown: a draft that reaches a screen is in the log.
        from crisiskit.messages.incident_log import log_drafts

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
        print(f"wrote {len(drafts)} draft(s) to {output}", file=sys.stderr)
    elif text is not None:
        sys.stdout.write(text)
    for draft in drafts:
        if draft.over_limit:
            from crisiskit.output.drafts import status

            print(
                f"crisiskit: warning: {draft.channel} ({draft.locale}) is {status(draft)}",
                file=sys.stderr,
            )


def _needed_variables(loaded: LoadedPlan, message: Message, selection: _Selection) -> set[str]:
    """Variables used by the templates that will render.

    A template that cannot be read or parsed raises TemplateError here, so the error
    names the template instead of asking for variables it could never use.
    """
    from crisiskit.messages.templates import Renderer, pick_variant

    renderer = Renderer.for_root(loaded.root)
    needed: set[str] = set()
    for locale in selection.locales:
        for channel in selection.channels:
            variant = pick_variant(message, locale, channel)
            if variant is not None:
                needed |= renderer.names_used(*renderer.source(loaded, variant))
    return needed


def _pick_message(loaded: LoadedPlan, message_id: str | None) -> Message:
    assert loaded.plan is not None
    ids = [m.id for m in loaded.plan.messages]
    if message_id is None:
        raise UsageError("name a MESSAGE: " + ", ".join(ids) + " (details: --list)")
    for message in loaded.plan.messages:
        if message.id == message_id:
            return message
    raise unknown_id("message", message_id, ids)


def _select(
    loaded: LoadedPlan,
    message: Message,
    channels: list[str] | None,
    locales: list[str] | None,
    threat: str | None,
    severity: str | None,
    at: str | None,
) -> _Selection:
    """Check the requested threat, severity, channels, locales and time against the plan."""
    from zoneinfo import ZoneInfo

    from crisiskit.messages.drafts import default_severity

    plan = loaded.plan
    assert plan is not None
    if threat is not None and threat not in {t.id for t in plan.threats}:
        raise unknown_id("threat", threat, [t.id for t in plan.threats], "--threat")
    if severity is not None and severity not in {s.id for s in plan.severities}:
        raise unknown_id("severity", severity, [s.id for s in plan.severities], "--severity")
    severity_id = severity or default_severity(loaded, message, threat)
    cadence = next((s.update_every for s in plan.severities if s.id == severity_id), None)
    wanted_channels = list(dict.fromkeys(channels or message.channels))
    for channel in wanted_channels:
        if channel not in message.channels:
            raise UsageError(
                f"'{message.id}' is not published on '{channel}' "
                f"(channels: {', '.join(message.channels)})"
            )
    message_locales = message.locales or [x.id for x in plan.locales]
    wanted_locales = list(dict.fromkeys(locales or message_locales))
    for locale in wanted_locales:
        if locale not in message_locales:
            raise UsageError(
                f"'{message.id}' has no locale '{locale}' (locales: {', '.join(message_locales)})"
            )
    now = _parse_at(at, ZoneInfo(plan.organization.default_timezone))
    return _Selection(wanted_channels, wanted_locales, severity_id, cadence, now)


def _render(
    loaded: LoadedPlan,
    message: Message,
    values: dict[str, str],
    selection: _Selection,
    config: Config,
) -> list[Any]:
    from crisiskit.messages.drafts import render_draft
    from crisiskit.messages.templates import Renderer

    plan = loaded.plan
    assert plan is not None
    renderer = Renderer.for_root(loaded.root)
    by_id = {c.id: c for c in plan.channels}
    drafts = []
    for locale in selection.locales:
        for channel in selection.channels:
            draft = render_draft(
                loaded,
                renderer,
                message,
                locale,
                by_id.get(channel),
                values,
                selection.now,
                selection.update_every,
                config,
                severity=selection.severity,
            )
            if draft is not None:
                drafts.append(draft)
    return drafts


def _parse_at(at: str | None, zone: Any) -> datetime:
    if at is None:
        return datetime.now(zone)
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        raise UsageError(f"--at: '{at}' is not an ISO 8601 time, e.g. 2026-11-28T23:00") from None
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment


def _format(
    output_format: DraftFormat,
    message: Message,
    severity_id: str | None,
    values: dict[str, str],
    drafts: list[Any],
    approvers: list[Any],
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
