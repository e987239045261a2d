"""The `crisiskit` console script: the plainest `validate` answered before the CLI loads.

Starting Typer and parsing a command's options costs more than answering a plan that has
not changed since the last run (Typer alone takes longer than check-jsonschema's whole
run on a small plan), and is a fifth of a cold run on a typical plan. So for the plainest
form of `crisiskit validate` (paths, ``--today``, ``--config``, ``--strict``,
``--no-cache``, ``--format text|json|github``, not on a terminal) this module asks the
findings cache and, on a miss, runs the same validation the command runs; then it writes
the same bytes and exit code the command would. Anything else (another command or
option, a terminal, an error, an internal error, output the guard would change, any
doubt) goes to the full command line, which checks and reports with every option.

Only the standard library, the cache and the light reporters load here before the
validation itself.
"""

from __future__ import annotations

import gc
import os
import re
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from crisiskit.validation.report import ValidationReport

_FORMATS = ("text", "json", "github")
# The options taking a value that this form accepts, by each of their names.
_VALUED = {
    "--today": "--today",
    "--config": "--config",
    "--format": "--format",
    "-f": "--format",
    "--jobs": "--jobs",
    "-j": "--jobs",
}
_ROOT_MARKERS = (".git", "crisiskit.toml", "pyproject.toml")  # as loader/repository.py
# Environment that makes Rich treat a pipe as a terminal (the full CLI then decides).
_TERMINAL_HINTS = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")
_MIN_YEAR, _MAX_YEAR = 1900, 9000  # as --today accepts (cli/options.py)
# What the command line's output guard (cli/guard.py) would change: control characters
# (any carriage return, to be safe) and a line that starts with `::`. A report holding
# either goes to the full command line, which writes it behind the guard.
_GUARDED_CHARACTER = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)
_WORKFLOW_COMMAND = re.compile(r"^(?:[ \t\f\v]|\x1b\[[0-9;:]*[A-Za-z])*::", re.MULTILINE)


def main() -> None:
    # Set before anything heavy loads (as cli/app.py and _report set it for the work): the
    # default thresholds ran thirty collections over the modules Typer, pydantic and the
    # plan stack import, 4-17 ms of the 0.29 s of CPU a render-message took.
    gc.set_threshold(100_000, 50, 100)
    try:
        _run()
    finally:
        # The process ends here, and what it holds dies with it. The collection the
        # interpreter runs on its way out walked every object the run made (pydantic's
        # and Typer's validators, the plan, its source map: 60 ms of the 0.29 s of CPU a
        # render-message took) to free memory the system takes back anyway. Frozen
        # objects are left out of it; exit handlers still run, standard streams are still
        # flushed, and every file crisiskit writes is closed explicitly before this.
        gc.freeze()


def _run() -> None:
    try:
        answered = _answer_plainly(sys.argv[1:])
    except BrokenPipeError:
        from crisiskit.util.pipes import reader_gone

        raise SystemExit(reader_gone()) from None
    if answered is not None:
        raise SystemExit(answered)
    from crisiskit.cli.app import main as full_main

    full_main()


def _answer_plainly(argv: list[str]) -> int | None:
    """The exit code after writing the report, or None to run the full CLI."""
    request = _parse(argv)
    if request is None or "CRISISKIT_NO_CACHE" in os.environ:
        return None  # the variable's value is read as Typer reads it, by the full CLI
    paths, config, today, output_format, strict, no_cache, jobs = request
    if output_format == "text" and (
        sys.stdout.isatty() or any(os.environ.get(name) for name in _TERMINAL_HINTS)
    ):
        return None
    if output_format == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        return None  # the full CLI appends the step summary and reports its errors
    if paths:
        report = _report(paths, config, today, not no_cache, jobs)
    else:  # plans/, here or above: answered from the cache only, else the CLI finds it
        found = None if no_cache else plans_directory()
        report = None if found is None else _cached((found,), config, today)
    if report is None:
        return None
    from crisiskit.diagnostics.findings import Level
    from crisiskit.output.formats import OutputFormat, render_machine

    text = render_machine(report, OutputFormat(output_format), strict)
    if needs_guard(text, annotations=output_format == "github"):
        return None
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return None  # the full CLI reports what it cannot print
    sys.stdout.write(text)
    sys.stdout.flush()
    blocking = report.count(Level.ERROR) + (report.count(Level.WARNING) if strict else 0)
    return 1 if blocking else 0


def _report(
    paths: tuple[str, ...], config: str | None, today: date, use_cache: bool, jobs: int | None
) -> ValidationReport | None:
    """The report as `validate` makes it (cached or not); None when the full CLI must
    answer: an error it reports with exit 2, or a crashed check (exit 3)."""
    from crisiskit.diagnostics.checks import INTERNAL_ERROR
    from crisiskit.validation.run import validated

    try:
        # As the full CLI sets it (cli/app.py): a large plan is many short-lived objects.
        gc.set_threshold(100_000, 50, 100)
        config_file = Path(config) if config else None
        report, _ = validated(paths, config_file, today, use_cache, False, _sarif_rules, jobs)
    except KeyboardInterrupt:
        print("crisiskit: interrupted", file=sys.stderr)
        raise SystemExit(130) from None
    except Exception:
        return None  # the full CLI runs again and says what is wrong, as it always does
    if any(finding.code == INTERNAL_ERROR.code for finding in report.findings):
        return None
    return report


def _cached(paths: tuple[str, ...], config: str | None, today: date) -> ValidationReport | None:
    from crisiskit.validation.cache import Invocation, lookup

    hit = lookup(Invocation(paths, config, today))
    return hit.report if hit is not None else None


def plans_directory() -> str | None:
    """The `plans/` that `validate` without PATH checks, as the command names it, or None.

    As ``loader.discovery.plans_directory`` finds it (a test compares them in many
    layouts), without importing the loader: the nearest `plans/` from here up to the
    repository root.
    """
    here = Path.cwd()
    resolved = here.resolve()
    root = next(
        (
            directory
            for directory in (resolved, *resolved.parents)
            if any((directory / marker).exists() for marker in _ROOT_MARKERS)
        ),
        None,
    )
    for directory in (here, *resolved.parents):
        candidate = directory / "plans"
        if candidate.is_dir():
            if directory == here:
                return "plans"
            relative = os.path.relpath(candidate)
            return str(Path(str(candidate) if relative.startswith("..") else relative))
        if root is None or directory.resolve() == root:
            break
    return None


def _sarif_rules() -> list[dict[str, Any]]:
    from crisiskit.output.sarif import sarif_rules

    return sarif_rules()


def needs_guard(text: str, annotations: bool = False) -> bool:
    """Whether the output guard would change ``text`` (crisiskit's own annotations may
    start lines with `::`)."""
    if _GUARDED_CHARACTER.search(text):
        return True
    return not annotations and _WORKFLOW_COMMAND.search(text) is not None


class _Request(NamedTuple):
    paths: tuple[str, ...]
    config: str | None
    today: date
    output_format: str
    strict: bool
    no_cache: bool
    jobs: int | None


def _parse(argv: list[str]) -> _Request | None:
    """`validate`'s arguments when they are all of the plain form, else None."""
    if not argv or argv[0] != "validate":
        return None
    paths: list[str] = []
    values: dict[str, str] = {}
    strict = no_cache = False
    tokens = iter(argv[1:])
    for token in tokens:
        name, equals, inline = token.partition("=")
        if name in _VALUED and not token.startswith(("-f=", "-j=")):
            value = inline if equals else next(tokens, None)
            if value is None:
                return None
            values[_VALUED[name]] = value
        elif token in ("--strict", "--no-strict"):
            strict = token == "--strict"
        elif token == "--no-cache":
            no_cache = True
        elif token.startswith("-") or not token.strip():
            return None  # another option, or an empty path: the full CLI handles it
        else:
            paths.append(token)
    output_format = values.get("--format", "text")
    today = _today(values.get("--today"))
    config = values.get("--config")
    if output_format not in _FORMATS or today is None or config == "":
        return None
    from crisiskit.util.jobs import parse_jobs

    try:
        jobs = parse_jobs(values.get("--jobs"))
    except ValueError:
        return None  # the full CLI says what is wrong with it
    return _Request(
        tuple(paths),
        str(Path(config)) if config is not None else None,
        today,
        output_format,
        strict,
        no_cache,
        jobs,
    )


def _today(value: str | None) -> date | None:
    """As ``parse_today`` reads --today; None when it would refuse the value."""
    if value is None:
        from datetime import datetime

        return datetime.now().astimezone().date()
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return day if _MIN_YEAR <= day.year <= _MAX_YEAR else None
