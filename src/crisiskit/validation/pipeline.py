"""Validate files and directories of plans: discovery, loading, linting, summary."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from crisiskit.config.settings import Config
from crisiskit.diagnostics import checks
from crisiskit.diagnostics.errors import PathError
from crisiskit.diagnostics.findings import Finding, Span
from crisiskit.loader import FileCache, LoadedPlan, load_plan
from crisiskit.loader.discovery import discover
from crisiskit.loader.files import SourceFile
from crisiskit.loader.repository import display_path
from crisiskit.validation.fragments import SharedFindings, check_named_fragment, fragment_itself
from crisiskit.validation.plans import Run
from crisiskit.validation.policy import apply_config, apply_suppressions
from crisiskit.validation.report import ValidationReport
from crisiskit.validation.workers import check_all

__all__ = ["ValidationReport", "known_codes", "validate_paths"]


def validate_paths(
    paths: Sequence[Path],
    today: date,
    config: Config | None = None,
    lint: bool = True,
    jobs: int | None = 1,
) -> ValidationReport:
    """Validate and lint every plan found under ``paths``, in ``jobs`` worker processes
    when there are enough plans (None: one per usable CPU; 1: in this process).

    Raises PathError for paths that do not exist or cannot be read.
    """
    from crisiskit.messages.templates import Renderer

    # Renderers outlive a run in one process (tests, tools embedding crisiskit); what
    # they remember of the files (contents, compiled includes) must not: a run that
    # reuses it would record no read of those files for the findings cache.
    Renderer.for_root.cache_clear()
    config = config or Config()
    report = ValidationReport()
    cache = FileCache()
    refused: list[Path] = []
    candidates = discover(paths, refused)
    report.findings.extend(_refused_link(link) for link in refused)
    fragments: list[tuple[Path, bool]] = []
    included: set[Path] = set()
    shared = SharedFindings()
    run = Run(today, config, lint, jobs)
    checks = check_all([path for path, _ in candidates], cache, run, broken_is_plan=False)
    for (_, explicit), checked in zip(candidates, checks, strict=True):
        if checked.error is not None:
            raise PathError(f"{checked.path}: cannot read: {checked.error}")
        report.files.append(checked.display)
        loaded = checked.loaded
        if loaded is None:
            fragments.append((checked.path, explicit))
            continue
        report.plans.append(loaded)
        included.update(loaded.fragments)
        included.update(loaded.records)
        report.findings.extend(_once_per_run(shared.own(loaded, checked.found), report.findings))
    report.findings.extend(shared.findings())
    for path, explicit in fragments:
        _check_fragment(cache.get(path), explicit, cache, report, run, included)
    findings = apply_config(set(report.findings), config)
    suppressions = cache.suppressions()
    if suppressions:
        before = set(findings)
        findings = apply_suppressions(findings, suppressions, known_codes(), today)
        report.suppressed = len(before - set(findings))
        findings = apply_config(findings, config)
    report.findings = sorted(findings, key=Finding.sort_key)
    # A fragment, record or template file a finding points into was checked too: the
    # summary never says "in 3 files (2 files checked)".
    # (A symlink refused is not read, so not checked.)
    unread = {display_path(link) for link in refused}
    report.files += sorted({f.file for f in report.findings} - set(report.files) - unread)
    return report


def _check_fragment(
    source: SourceFile,
    explicit: bool,
    cache: FileCache,
    report: ValidationReport,
    run: Run,
    included: set[Path],
) -> None:
    """A file of the run that is not a plan: a fragment (or drill record) named on the
    command line is checked with its plans; one found in a directory, by itself."""
    if explicit:
        # Named, as a pull request's changed files are: every plan including it counts.
        check_named_fragment(source, cache, report, run, included)
        return
    if source.path in included:
        return  # its findings came with the plans that include it
    report.findings.extend(fragment_itself(source))
    if not source.composed.ok or not isinstance(source.composed.data, dict):
        return  # broken or empty: not known to be a fragment at all
    report.findings.append(
        checks.ORPHAN_FRAGMENT.finding(
            "no plan in the checked paths includes this fragment, "
            "so its contents are not validated",
            source.display,
            source.composed.source_map.value_span(()),
            hint="add it to a plan's `include:`, or add `crisiskit: 1` if it is meant to be a plan",
        )
    )


def _refused_link(link: Path) -> Finding:
    return checks.INCLUDE_OUTSIDE_REPOSITORY.finding(
        "a symlink out of the repository (or into its .git/, or a loop); it was not read",
        display_path(link),
        Span(1, 1, 1, 2),
        hint="commit the file itself instead of a link to it",
    )


def known_codes() -> set[str]:
    """Codes and names of every check and rule, for suppressions and configuration."""
    from crisiskit.lint.registry import all_rules

    known = {c.code for c in checks.LOADER_CHECKS} | {c.name for c in checks.LOADER_CHECKS}
    for rule in all_rules():
        known.update((rule.code, rule.name))
    return known


def _once_per_run(findings: list[Finding], reported: list[Finding]) -> list[Finding]:
    """A missing repository root is one fact about the run, said once, not once per plan."""
    said = {f.message for f in reported if f.code == checks.NO_REPOSITORY_ROOT.code}
    return [
        f for f in findings if not (f.code == checks.NO_REPOSITORY_ROOT.code and f.message in said)
    ]


def check_plan(
    path: Path, cache: FileCache, today: date, config: Config | None = None
) -> tuple[LoadedPlan, list[Finding]]:
    """One plan loaded from the cache's tree, with the findings `validate` reports for it."""
    loaded = load_plan(path, cache)
    return loaded, plan_findings(loaded, cache, today, config)


def plan_findings(
    loaded: LoadedPlan, cache: FileCache, today: date, config: Config | None = None
) -> list[Finding]:
    """The findings `validate` reports for one loaded plan: lint, configuration, suppressions."""
    from crisiskit.lint.engine import lint_plan
    from crisiskit.loader.repository import display_path

    config = config or Config()
    findings = [*loaded.findings, *lint_plan(loaded, today, config)]
    kept = apply_config(set(findings), config)
    files = {loaded.file, *(display_path(p) for p in loaded.fragments)}
    suppressions = {
        s.display: s.suppressions for s in cache.sources() if s.suppressions and s.display in files
    }
    if suppressions:
        kept = apply_config(apply_suppressions(kept, suppressions, known_codes(), today), config)
    return sorted(kept, key=Finding.sort_key)
