"""Every option two commands share, defined once, and the plan loading they share.

`--plan`, `--config`, `--at`, `--today`, `--format`, `--output`, `--force` and `--debug`
mean the same thing and accept the same values in every command that has them.
`--output`/`-o` always names where output goes instead of standard output: a file
(`PATH`), a report per format (`FORMAT=PATH`, validate) or a directory (`DIR`, respond).
"""

from __future__ import annotations

import sys
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any
from zoneinfo import ZoneInfo

import typer

from crisiskit.cli.boundary import EXIT_FINDINGS, set_debug
from crisiskit.diagnostics.errors import UsageError

if TYPE_CHECKING:  # every command imports this module; only some load plans
    from crisiskit.diagnostics.findings import Finding
    from crisiskit.loader.files import FileCache, SourceFile
    from crisiskit.loader.focus import Focus
    from crisiskit.loader.plan import ValidPlan

# Dates given with --at, --today or --week: wide enough for any plan, narrow enough that
# a week around them (and every timezone offset and cadence) stays inside what datetime
# can hold.
MIN_YEAR, MAX_YEAR = 1900, 9000


def _debug(value: bool) -> None:
    if value:
        set_debug(True)


PlanOption = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        metavar="PATH",
        help="Plan file (default: the only plan under plans/).",
        show_default=False,
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        metavar="PATH",
        help="Configuration file (default: the nearest crisiskit.toml, or pyproject.toml "
        "with [tool.crisiskit]).",
        show_default=False,
    ),
]
AtOption = Annotated[
    str | None,
    typer.Option(
        "--at",
        metavar="TIME",
        help="As of this ISO 8601 time, e.g. 2026-11-28T23:00 (the plan's timezone unless "
        "an offset is given; default: now).",
        show_default=False,
    ),
]
TodayOption = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="DATE",
        help="Evaluate review and drill dates as of this date, YYYY-MM-DD (default: today).",
        show_default=False,
    ),
]
OutputFileOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="PATH",
        help="Write to PATH instead of standard output (atomically; an existing file only "
        "with --force).",
        show_default=False,
    ),
]
OutputsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FORMAT=PATH",
        help="Also write the report as FORMAT to PATH (repeatable; files are replaced atomically).",
        show_default=False,
    ),
]
OutputDirOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="DIR",
        help="Write one file per draft and an index.md into DIR (each file atomically; "
        "existing files only with --force).",
        show_default=False,
    ),
]
VarOption = Annotated[
    list[str] | None,
    typer.Option(
        "--var",
        metavar="NAME=VALUE",
        help="A variable (repeatable); NAME.LOCALE=VALUE for one locale only.",
        show_default=False,
    ),
]
VarsFileOption = Annotated[
    Path | None,
    typer.Option(
        "--vars-file",
        metavar="PATH",
        help="YAML or JSON mapping of variable names to values, or to values by locale "
        "(summary: {id: …, en: …}); --var wins.",
        show_default=False,
    ),
]
LocalesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--locale",
        metavar="ID",
        help="Locale id (repeatable; default: all of the message's).",
        show_default=False,
    ),
]
NoInputOption = Annotated[
    bool,
    typer.Option("--no-input", help="Never prompt: exit 1 listing the missing variables instead."),
]
AllowOverLimitOption = Annotated[
    bool,
    typer.Option(
        "--allow-over-limit",
        help="Exit 0 even if a draft is over its channel's limit (it is still flagged).",
    ),
]
LogOption = Annotated[
    Path | None,
    typer.Option(
        "--log",
        metavar="PATH",
        help="Append what was rendered to this incident log (JSONL).",
        show_default=False,
    ),
]
JobsOption = Annotated[
    str | None,
    typer.Option(
        "--jobs",
        "-j",
        metavar="N",
        help="Check many plans in N worker processes (default: auto, one per usable "
        "CPU when there are enough plans; 1: in this process). Findings are the same.",
        show_default=False,
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace an existing --output file.")]
DebugOption = Annotated[
    bool,
    typer.Option(
        "--debug",
        callback=_debug,
        is_eager=True,
        expose_value=True,
        help="Show Python tracebacks of internal errors.",
    ),
]


def format_option(help_text: str) -> Any:
    """`--format`/`-f` with the command's own choices (the terminal one is always `text`)."""
    return typer.Option("--format", "-f", help=help_text)


def _check_year(option: str, value: str, year: int) -> None:
    # Beyond these years date arithmetic overflows (a week from 9999-12-31) or lies.
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UsageError(
            f"{option}: {value} is out of range; use a year from {MIN_YEAR} to {MAX_YEAR}"
        )


def parse_at(value: str | None, zone: tzinfo) -> datetime:
    """`--at` as an aware moment: in ``zone`` unless it carries an offset; now if None."""
    if value is None:
        return datetime.now(zone)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"--at: '{value}' is not an ISO 8601 time, e.g. 2026-11-28T23:00"
        ) from None
    _check_year("--at", value, moment.year)
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment


def parse_date(option: str, value: str) -> date:
    """A DATE option's value (YYYY-MM-DD), or a usage error naming the option."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option}: '{value}' is not a date; write YYYY-MM-DD") from None
    _check_year(option, value, day.year)
    return day


def parse_today(value: str | None) -> date:
    """`--today` for reproducible runs; the local date otherwise."""
    if value is None:
        return datetime.now().astimezone().date()
    return parse_date("--today", value)


def parse_jobs_option(value: str | None) -> int | None:
    """`--jobs`: a number of worker processes, or None for one per usable CPU."""
    from crisiskit.util.jobs import parse_jobs

    try:
        return parse_jobs(value)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def parse_zone(option: str, value: str) -> ZoneInfo:
    """An IANA timezone option's value, or a usage error with the closest name."""
    from crisiskit.model.types import load_zone

    zone = load_zone(value)
    if zone is None:
        from zoneinfo import available_timezones

        from crisiskit.util.suggest import did_you_mean

        hint = did_you_mean(value, available_timezones()) or "e.g. Asia/Jakarta"
        raise UsageError(f"{option}: '{value}' is not an IANA timezone; {hint}")
    return zone


def _refuse_fragment(source: SourceFile, cache: FileCache) -> None:
    """A fragment given as --plan would fail with a finding per missing section; say why."""
    from crisiskit.loader.discovery import plan_files
    from crisiskit.loader.repository import display_path
    from crisiskit.model.plan import FRAGMENT_SECTIONS

    data = source.composed.data
    if source.is_plan or not isinstance(data, dict) or not data or set(data) - FRAGMENT_SECTIONS:
        return
    message = f"{source.display} is a fragment, not a plan (no top-level `crisiskit:` key)"
    for plan in plan_files(source.path.parent):
        included = cache.get(plan).composed.data
        entries = included.get("include") if isinstance(included, dict) else None
        if isinstance(entries, list) and any(
            isinstance(entry, str) and (plan.parent / entry).resolve() == source.path
            for entry in entries
        ):
            message += f"; use a plan that includes it, e.g. --plan {display_path(plan)}"
            break
    raise UsageError(message)


def load_valid_plan(plan: Path | None, needs: Focus | None = None) -> ValidPlan:
    """The plan from --plan (or the only one under plans/); exit 1 if it is invalid.

    With ``needs`` (an incident command), only errors in the part of the plan it uses
    block; the others are counted on stderr ("N findings elsewhere") and set aside.
    """
    from crisiskit.loader import FileCache, load_plan
    from crisiskit.loader.discovery import default_plan

    path = default_plan(plan)
    cache = FileCache()  # the file is read and composed once, for both questions
    _refuse_fragment(cache.get(path), cache)
    loaded = load_plan(path, cache)
    if needs is None:
        from crisiskit.loader.focus import Focused, errors_in

        errors = errors_in(loaded.findings)
        focused = Focused(None if errors else loaded, errors)
    else:
        from crisiskit.loader.focus import focus

        focused = focus(loaded, needs)
    valid = focused.loaded.valid() if focused.loaded is not None else None
    if valid is None:
        _report_blocking(loaded.file, focused.blocking, needs is not None)
        raise typer.Exit(EXIT_FINDINGS)
    if focused.elsewhere:
        count = len(focused.elsewhere)
        print(
            f"crisiskit: {count} finding{'s' if count > 1 else ''} elsewhere in "
            f"{loaded.file}, in parts this does not use; run crisiskit validate",
            file=sys.stderr,
        )
    return valid


def _report_blocking(file: str, findings: list[Finding], focused: bool) -> None:
    from crisiskit.output.visible import visible

    for finding in findings:
        where = f" {finding.path}:" if finding.path else ""
        hint = f" ({visible(finding.hint)})" if finding.hint else ""
        print(
            f"{finding.file}:{finding.line}:{finding.column}: {finding.code}{where} "
            f"{visible(finding.message)}{hint}",
            file=sys.stderr,
        )
    what = "the part of it this uses is not valid" if focused else "it is not valid"
    print(f"crisiskit: {file}: {what}; run crisiskit validate", file=sys.stderr)
