"""Loading the plan a chart or call-list command works on."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from crisiskit.cli.boundary import EXIT_FINDINGS
from crisiskit.errors import UsageError

if TYPE_CHECKING:  # every command imports this module; only some load plans
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


def _refuse_fragment(path: Path) -> None:
    """A fragment given as --plan would fail with a finding per missing section; say why."""
    from crisiskit.discovery import plan_files

    if path.suffix.lower() not in (".yaml", ".yml"):
        return
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return  # the loader reports unreadable files
    if re.search(r"^crisiskit\s*:", text, re.MULTILINE) or not re.search(
        r"^(people|roles|severities|escalation|threats|messages|channels|locales|include)\s*:",
        text,
        re.MULTILINE,
    ):
        return
    including = [
        plan
        for plan in plan_files(path.parent)
        if path.name in plan.read_text(encoding="utf-8", errors="replace")
    ]
    hint = f"; use a plan that includes it, e.g. --plan {including[0]}" if including else ""
    raise UsageError(f"{path} is a fragment, not a plan (no top-level `crisiskit:` key){hint}")


def load_valid_plan(plan: Path | None) -> tuple[LoadedPlan, Plan]:
    """The plan from --plan (or the only one under plans/); exit 1 if it is invalid."""
    from crisiskit.discovery import default_plan
    from crisiskit.findings import Severity
    from crisiskit.loader import load_plan

    path = default_plan(plan)
    _refuse_fragment(path)
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
    return loaded, loaded.plan
