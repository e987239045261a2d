"""Plans checked one by one, and a shared fragment named on its own.

`crisiskit validate plans/agency/agency-team.yaml` cannot check the fragment's references,
coverage or rules without a plan, since they depend on the plan that includes it. Alone
the fragment is checked for YAML, its sections, each item's schema and duplicate ids;
then every plan of the repository including it, directly or through other fragments, is
checked too, and the run says so (CK025).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from crisiskit.diagnostics import checks
from crisiskit.diagnostics.findings import Finding, Level
from crisiskit.loader import FileCache, LoadedPlan
from crisiskit.loader.files import SourceFile
from crisiskit.loader.plan import check_fragment_sections, not_a_mapping
from crisiskit.loader.repository import display_path
from crisiskit.util.wording import plural
from crisiskit.validation.plans import Run, check_plan_findings
from crisiskit.validation.report import ValidationReport


@dataclass
class SharedFindings:
    """Findings inside fragments that several plans of a run include, with the plans.

    A finding every including plan reports is said once, as before; one that only some
    of them report (a reference resolving in one client and not another) names them.
    """

    _through: dict[Finding, list[str]] = field(default_factory=dict)
    _including: dict[str, int] = field(default_factory=dict)

    def own(self, loaded: LoadedPlan, found: list[Finding]) -> list[Finding]:
        """The plan's findings outside its fragments; those inside are kept for later."""
        fragments = {display_path(p) for p in loaded.fragments}
        for file in fragments:
            self._including[file] = self._including.get(file, 0) + 1
        own = []
        for finding in found:
            if finding.file in fragments:
                names = self._through.setdefault(finding, [])
                if loaded.file not in names:
                    names.append(loaded.file)
            else:
                own.append(finding)
        return own

    def findings(self) -> list[Finding]:
        return [
            f if len(names) >= self._including[f.file] else _through(f, names)
            for f, names in self._through.items()
        ]


def _through(finding: Finding, names: list[str]) -> Finding:
    return replace(finding, message=f"{finding.message} (through {_listed(names)})")


def fragment_itself(source: SourceFile) -> list[Finding]:
    """What a fragment's own file shows: YAML, a mapping, sections a fragment may hold."""
    if not source.composed.ok:
        return list(source.composed.findings)
    if not isinstance(source.composed.data, dict):
        return [*source.composed.findings, not_a_mapping(source)]
    return [*source.composed.findings, *check_fragment_sections(source)]


# What a fragment alone can and cannot show, said in CK025 and CK019.
_ALONE = "checked alone for YAML, its sections, each item's schema and duplicate ids"
_NEEDS_PLAN = "references, national phone numbers and the lint rules need a plan"


def check_named_fragment(
    source: SourceFile, cache: FileCache, report: ValidationReport, run: Run, included: set[Path]
) -> None:
    """A fragment named on the command line: every plan of the repository including it
    is checked, not only those of this run; alone, it is checked by itself as well.

    Findings the added plans report inside the fragment name the plans they were found
    through: a reference may resolve in one client and not another. A drill record named
    alone is checked in the plan whose `drills.records` holds it instead.
    """
    from crisiskit.loader.includers import check_alone

    if _named_record(source, cache, report, run):
        return
    in_run = source.path in included  # its own findings came with those plans
    readable = source.composed.ok and isinstance(source.composed.data, dict)
    itself: list[Finding] = []
    if not in_run:
        itself = fragment_itself(source)
        if readable:
            itself += check_alone(source)
        report.findings.extend(itself)
    including = [p.file for p in report.plans if source.path in p.fragments]
    through: dict[Finding, list[str]] = {}
    added = _add_plans(source, cache, report, run)
    said = {*itself, *report.findings}
    for loaded, found in added:
        including.append(loaded.file)
        for finding in found:
            if finding in said:
                continue
            if finding.file == source.display:
                through.setdefault(finding, []).append(loaded.file)
            else:  # the plan's own, a record's, another fragment's: said once
                said.add(finding)
                report.findings.append(finding)
    report.findings.extend(
        replace(f, message=f"{f.message} ({_seen_in(names, len(including))})")
        for f, names in through.items()
    )
    if not including:
        if readable:  # an empty or broken file is not known to be a fragment at all
            report.findings.append(_orphan_alone(source))
    elif added or not in_run:
        report.findings.append(_checked_alone(source, sorted(including), in_run))


def _add_plans(
    source: SourceFile, cache: FileCache, report: ValidationReport, run: Run
) -> list[tuple[LoadedPlan, list[Finding]]]:
    """The plans of the repository including ``source`` and not checked yet (or naming it
    and unloadable: a broken includer is reported, never taken for no includer), checked
    (in workers, for many) and added to the report in the order of their paths."""
    from crisiskit.loader.includers import plans_including
    from crisiskit.validation.workers import check_all

    done = {loaded.path for loaded in report.plans}
    including: dict[Path, tuple[LoadedPlan, list[Finding]]] = {}
    candidates = plans_including(source.path, cache)
    while candidates := [path for path in candidates if path not in done]:
        done.update(candidates)
        fragments_found = False
        for outcome in check_all(candidates, cache, run, broken_is_plan=True):
            loaded, found = outcome.loaded, outcome.found
            if loaded is None:
                # Taken for a plan by its text, it is not one: read here, it is known for
                # what it is, and a fragment naming ``source`` is searched through.
                fragments_found = fragments_found or _read(outcome.path, cache)
            elif _holds(loaded, source.path) or _broken(loaded, found):
                including[outcome.path] = (loaded, found)
            # else: it names another file of the same name
        candidates = plans_including(source.path, cache) if fragments_found else []
    added = [including[path] for path in sorted(including)]
    for loaded, _ in added:
        report.plans.append(loaded)
        report.files.append(loaded.file)
    return added


def _read(path: Path, cache: FileCache) -> bool:
    try:
        cache.get(path)
    except OSError:
        return False
    return True


def _holds(loaded: LoadedPlan, path: Path) -> bool:
    return path in loaded.fragments or path in loaded.records


def _broken(loaded: LoadedPlan, found: list[Finding]) -> bool:
    """Errors in the plan's own file: its YAML, or an include that could not be read."""
    return any(f.severity is Level.ERROR and f.file == loaded.file for f in found)


def _named_record(source: SourceFile, cache: FileCache, report: ValidationReport, run: Run) -> bool:
    """A drill record named alone (a pull request's changed files): the plans keeping it
    in their `drills.records` are checked, and it is not taken for a fragment."""
    from crisiskit.loader.includers import plans_recording

    if any(source.path in loaded.records for loaded in report.plans):
        return True  # checked with its plan in this run
    if source.is_plan or not source.composed.ok:
        return False
    keeping = []
    for path in plans_recording(source.path, cache):
        if path in {loaded.path for loaded in report.plans}:
            continue
        found, loaded = check_plan_findings(path, cache, run)
        if source.path in loaded.records:
            keeping.append((loaded, found))
    for loaded, found in keeping:
        report.plans.append(loaded)
        report.files.append(loaded.file)
        said = set(report.findings)
        report.findings.extend(f for f in found if f not in said)
    return bool(keeping)


def _checked_alone(source: SourceFile, including: list[str], in_run: bool) -> Finding:
    done = "" if in_run else f"fragment {_ALONE}; {_NEEDS_PLAN}: "
    return checks.FRAGMENT_CHECKED_ALONE.finding(
        f"{done}checked in the {plural(len(including), 'plan')} including it: {_listed(including)}",
        source.display,
        source.composed.source_map.value_span(()),
        hint="findings in this fragment name the plans they were found through",
    )


def _orphan_alone(source: SourceFile) -> Finding:
    return checks.ORPHAN_FRAGMENT.finding(
        f"no plan in the repository includes this fragment: {_ALONE}; "
        f"{_NEEDS_PLAN}, so they were not checked",
        source.display,
        source.composed.source_map.value_span(()),
        hint="add it to a plan's `include:`, or add `crisiskit: 1` if it is meant to be a plan",
    )


def _listed(names: Sequence[str], most: int = 5) -> str:
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def _seen_in(names: list[str], of: int) -> str:
    if len(names) == of and of > 1:
        return f"in all {of} plans including it"
    return f"through {_listed(names)}"
