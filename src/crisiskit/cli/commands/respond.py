"""`crisiskit respond THREAT`: the whole response to a threat in one command.

A command of its own rather than `render-message --threat T --all`: it answers the
question `who` answers (whom to call, what to do first) and adds every draft the threat
prepares, and its `--output` is a directory of files with an index, not one file.
"""

from __future__ import annotations

import sys
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
    OutputDirOption,
    PlanOption,
    VarOption,
    VarsFileOption,
    format_option,
    load_valid_plan,
    parse_at,
)
from crisiskit.cli.overlimit import exit_if_over_limit
from crisiskit.diagnostics.errors import UsageError

if TYPE_CHECKING:
    from crisiskit.loader.plan import ValidPlan
    from crisiskit.messages.response import RenderedResponse, Response


class ResponseFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


@boundary
def respond_command(
    threat: Annotated[str, typer.Argument(metavar="THREAT", help="Threat id (see chart threats).")],
    plan: PlanOption = None,
    severity: Annotated[
        str | None,
        typer.Option(metavar="ID", help="Severity id (default: the threat's)."),
    ] = None,
    locales: LocalesOption = None,
    variables: VarOption = None,
    vars_file: VarsFileOption = None,
    output_format: Annotated[
        ResponseFormat, format_option("text on a terminal; markdown for chat or a ticket; json.")
    ] = ResponseFormat.TEXT,
    output: OutputDirOption = None,
    force: ForceOption = False,
    allow_over_limit: AllowOverLimitOption = False,
    log: LogOption = None,
    config_file: ConfigOption = None,
    at: AtOption = None,
    no_input: NoInputOption = False,
    debug: DebugOption = False,
) -> None:
    """Everything for a threat: call list, first steps, cadence, and every draft it prepares.

    Every message the threat lists is rendered for all its channels and locales, with
    one pass of prompts for the variables still missing. Exit 1 if a draft is over its
    channel's limit (all drafts are still shown or written) unless --allow-over-limit.

    \b
    Example:
      crisiskit respond kyc-data-leak --plan plans/kirana-social/bayar-cepat.yaml \\
        --vars-file examples/kyc-leak.yaml --output response/ --force
    """
    from zoneinfo import ZoneInfo

    from crisiskit.cli.prompts import fill_missing, given_values
    from crisiskit.loader.focus import Focus
    from crisiskit.messages import response as service
    from crisiskit.messages.variables import check_known
    from crisiskit.validation.configuration import load_config

    config = load_config(config_file)
    loaded = load_valid_plan(plan, Focus(threats=(threat,)))
    # Everything that can be refused is refused before anyone is asked to type a value.
    now = parse_at(at, ZoneInfo(loaded.plan.organization.default_timezone))
    response = service.plan_response(loaded, threat, severity, locales, now)
    values = given_values(vars_file, variables)
    check_known(values, service.declared_variables(response), response.locales)
    missing = service.missing_values(loaded, response, values)
    if output is not None:
        _check_directory(output, _planned_files(loaded, response), force)
    if log is not None:
        check_destination(log, "--log", overwrite=True)
    values = fill_missing(values, missing, no_input, f"the response to '{threat}'")
    rendered = service.render_response(loaded, response, values, config)
    if log is not None:
        _log(log, loaded, rendered)
    if output is not None:
        _write(output, rendered, force)
    _show(rendered, output_format, output)
    if output is not None:
        from crisiskit.util.wording import plural

        # Last, so that it is the line under the call list a responder reads.
        print(
            f"wrote {plural(len(rendered.drafts), 'draft')} and index.md to {output}",
            file=sys.stderr,
        )
    exit_if_over_limit(rendered.drafts, allow_over_limit)


def _log(log: Path, loaded: ValidPlan, rendered: RenderedResponse) -> None:
    """Every draft in the incident log, before any is shown (as render-message does)."""
    from crisiskit.messages.incident_log import log_drafts

    response = rendered.response
    for part in rendered.parts:
        try:
            log_drafts(
                log,
                loaded,
                part.message.id,
                part.drafts,
                speaks_of=response.now,
                severity=response.severity.id if response.severity else None,
                threat=response.threat.id,
                variables=rendered.values.as_json(),
                held=any(
                    p.message.id == part.message.id and p.selection.held for p in response.parts
                ),
            )
        except UsageError as exc:
            raise UsageError(f"--log: {exc}") from None


def _planned_files(loaded: ValidPlan, response: Response) -> list[str]:
    """The files the response will write, known before any variable is asked."""
    from crisiskit.messages.drafts import shown_title
    from crisiskit.messages.templates import pick_variant
    from crisiskit.output.response import INDEX, draft_file

    channels = {c.id: c for c in loaded.plan.channels}
    names = []
    for part in response.parts:
        for locale in part.selection.locales:
            for channel in part.selection.channels:
                variant = pick_variant(part.message, locale, channel)
                if variant is not None:
                    name = draft_file(part.message.id, channel, locale)
                    names.append(name)
                    if shown_title(part.message, variant, channels.get(channel)) is not None:
                        names.append(name.removesuffix(".txt") + ".title.txt")
    return [*names, INDEX]


def _check_directory(directory: Path, names: list[str], force: bool) -> None:
    from crisiskit.util.atomic import check_writable

    if directory.exists() and not directory.is_dir():
        raise UsageError(f"--output: {directory} is not a directory")
    if not force:
        existing = [n for n in names if (directory / n).exists()]
        if existing:
            shown = ", ".join(existing[:3]) + (", …" if len(existing) > 3 else "")
            raise UsageError(
                f"--output: {directory} already holds {shown}; use --force to replace them"
            )
    for name in names:
        if (directory / name).exists():
            check_writable(directory / name, overwrite=force)


def _write(directory: Path, rendered: RenderedResponse, force: bool) -> None:
    from crisiskit.output.response import INDEX, files, title_file_name
    from crisiskit.util.atomic import write_atomic

    directory.mkdir(parents=True, exist_ok=True)
    written = files(rendered)
    # The index last: when it is there, every draft it lists is too.
    for name in sorted(written, key=lambda n: n == INDEX):
        write_atomic(directory / name, written[name], overwrite=force)
    if force:
        # A subject written by an earlier run for a draft that now has no title would
        # be sent with the new text: it goes.
        for draft in rendered.drafts:
            stale = directory / title_file_name(draft)
            if draft.title is None and stale.is_file():
                stale.unlink()


def _show(rendered: RenderedResponse, output_format: ResponseFormat, output: Path | None) -> None:
    from crisiskit.output import response as report

    if output_format is ResponseFormat.JSON:
        sys.stdout.write(report.to_json(rendered))
        return
    if output_format is ResponseFormat.MARKDOWN:
        sys.stdout.write(report.markdown(rendered, with_files=output is not None))
        return
    from rich.text import Text

    from crisiskit.cli.console import stdout_console
    from crisiskit.output import calllist
    from crisiskit.output.visible import visible

    console = stdout_console()
    title, facts = report.heading(rendered.response)
    # Plan text on a terminal: control characters shown escaped, never interpreted.
    console.print(Text(visible(title), style="bold"))
    console.print(Text(visible(facts)))
    for warning in report.warning_lines(rendered.response):
        console.print(Text(visible(warning), style="bold yellow"))
    timeline = report.timeline_lines(rendered.response)
    if timeline:
        console.print(Text("Timeline:", style="bold"))
        for line in timeline:
            console.print(Text(visible(line)))
    console.print()
    console.print(calllist.rich(rendered.calls, console.width), soft_wrap=False)
    if output is None:
        console.print()
        console.file.flush()
        sys.stdout.write(report.text_drafts(rendered))
