"""Loading the plan a chart or call-list command works on."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from crisiskit.cli.boundary import EXIT_FINDINGS
from crisiskit.diagnostics.errors import UsageError

if TYPE_CHECKING:  # every command imports this module; only some load plans
    from crisiskit.loader.files import FileCache, SourceFile
    from crisiskit.loader.plan import LoadedPlan
    from crisiskit.model.plan import Plan

# Dates given with --at or --week: wide enough for any plan, narrow enough that a week
# around them (and every timezone offset) stays inside what datetime can hold.
MIN_YEAR, MAX_YEAR = 1900, 9000


def unknown_id(kind: str, value: str, ids: list[str], option: str | None = None) -> UsageError:
    """`--threat: unknown threat 'acount-takeover'; did you mean 'account-takeover'?`"""
    import difflib

    close = difflib.get_close_matches(value, ids, n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"choose from: {', '.join(ids) or 'none'}"
    return UsageError(f"{option + ': ' if option else ''}unknown {kind} '{value}'; {hint}")


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


def load_valid_plan(plan: Path | None) -> tuple[LoadedPlan, Plan]:
    """The plan from --plan (or the only one under plans/); exit 1 if it is invalid."""
    from crisiskit.diagnostics.findings import Severity
    from crisiskit.loader import FileCache, load_plan
    from crisiskit.loader.discovery import default_plan

    path = default_plan(plan)
    cache = FileCache()  # the file is read and composed once, for both questions
    _refuse_fragment(cache.get(path), cache)
    loaded = load_plan(path, cache)
    errors = [f for f in loaded.findings if f.severity is Severity.ERROR]
    if loaded.plan is None or errors:
        for finding in errors:
            print(
                f"{finding.file}:{finding.line}:{finding.column}: {finding.code} {finding.message}",
                file=sys.stderr,
            )
        print(f"crisiskit: {loaded.file} is not valid; run crisiskit validate", file=sys.stderr)
        raise typer.Exit(EXIT_FINDINGS)
    return loaded, loaded.plan
