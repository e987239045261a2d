"""One plan checked for a run: loaded, linted, its findings as validate reports them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from crisiskit.config.settings import Config
from crisiskit.diagnostics import checks
from crisiskit.diagnostics.findings import Finding, Level
from crisiskit.loader import FileCache, LoadedPlan, load_plan
from crisiskit.util.wording import plural


@dataclass(frozen=True, slots=True)
class Run:
    """What every plan of one run is checked with."""

    today: date
    config: Config
    lint: bool
    # Worker processes for many plans (None: one per usable CPU; 1: none).
    jobs: int | None = 1


def check_plan_findings(path: Path, cache: FileCache, run: Run) -> tuple[list[Finding], LoadedPlan]:
    """A plan loaded, with its findings (lint too when the run lints)."""
    loaded = load_plan(path, cache)
    found = list(loaded.findings)
    if run.lint and loaded.plan is not None:
        from crisiskit.lint.engine import lint_plan

        found += lint_plan(loaded, run.today, run.config)
    return fold_outside(found), loaded


def fold_outside(findings: list[Finding]) -> list[Finding]:
    """Without a repository root, one CK024 says why templates and includes were not read.

    Each of them would otherwise be its own error that it "leads out of the repository",
    a page of findings about one missing `.git` (or crisiskit.toml).
    """
    root = next((f for f in findings if f.code == checks.NO_REPOSITORY_ROOT.code), None)
    if root is None:
        return findings
    outside = [f for f in findings if f is not root and "out of the repository" in f.message]
    if not outside:
        return findings
    # An error now: what the plan publishes was never read, so it cannot pass as checked.
    folded = replace(
        root,
        severity=Level.ERROR,
        message=f"{root.message}; "
        f"{plural(len(outside), 'template or include', 'templates or includes')} "
        "outside it could not be read",
    )
    return [folded if f is root else f for f in findings if f not in outside]
