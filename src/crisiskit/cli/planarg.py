"""Loading the plan a chart or call-list command works on."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from crisiskit.cli.boundary import EXIT_FINDINGS
from crisiskit.loader.plan import LoadedPlan
from crisiskit.model.plan import Plan


def load_valid_plan(plan: Path | None) -> tuple[LoadedPlan, Plan]:
    """The plan from --plan (or the only one under plans/); exit 1 if it is invalid."""
    from crisiskit.discovery import default_plan
    from crisiskit.findings import Severity
    from crisiskit.loader import load_plan

    loaded = load_plan(default_plan(plan))
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
