"""`crisiskit diff`: the plans of two revisions (or two files), loaded and compared.

Revisions are read from git objects (one ``git cat-file --batch``), never checked out;
the working tree is read from disk. Each plan is loaded with its fragments and templates
from its own side, so a change to a shared fragment reaches every plan including it:
the same change found in several plans is reported once, naming them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from crisiskit.config.settings import Config
from crisiskit.diagnostics.errors import PathError, UsageError
from crisiskit.diagnostics.findings import Finding, Level
from crisiskit.loader.discovery import PLAN_MARKER, plans_in_tree
from crisiskit.loader.files import FileCache
from crisiskit.loader.git import GitRepository, same_content
from crisiskit.loader.plan import LoadedPlan, load_plan
from crisiskit.loader.repository import OutsideRepository, confine, display_path
from crisiskit.loader.tree import WORKING_TREE, Tree
from crisiskit.review.compare import compare_plans
from crisiskit.review.model import Action, Change, DiffReport, PlanDiff, Risk, Stage
from crisiskit.review.wording import Side
from crisiskit.validation.pipeline import plan_findings


@dataclass(frozen=True, slots=True)
class DiffRequest:
    base: str | None = None  # None: the merge-base with the default branch
    head: str | None = None  # None: the working tree
    merge_base: bool = False  # compare from the merge-base of BASE and HEAD
    plan: Path | None = None  # one plan; None: every plan under `directory`
    directory: Path | None = None  # None: the repository's plans/
    today: date = date(2026, 1, 1)
    config: Config | None = None


@dataclass(slots=True)
class Version:
    """One side of the comparison: a tree, how to name it, and its files read once."""

    tree: Tree
    label: str
    # One cache per side: a fragment shared by 300 plans is read and parsed once.
    cache: FileCache = field(init=False)

    def __post_init__(self) -> None:
        self.cache = FileCache(self.tree)


def diff_revisions(request: DiffRequest, cwd: Path) -> DiffReport:
    """Compare the plans of two revisions of the repository around ``cwd``."""
    repository = GitRepository.discover(cwd)
    try:
        base, head = _versions(repository, request)
        directory = request.directory or repository.root / "plans"
        paths = _plan_paths(request, base, head, directory)
        report = DiffReport(base.label, head.label)
        moved = _moved_plans(paths, base, head)
        for path in paths:
            if path in moved:
                _compare(report, moved[path], path, base, head, request)
                report.changes.append(_moved_change(moved[path], path))
            elif path not in moved.values():
                _compare(report, path, path, base, head, request)
        report.changes = _merge(report.changes)
        return report
    finally:
        repository.close()


def _moved_plans(paths: list[Path], base: Version, head: Version) -> dict[Path, Path]:
    """Plans moved to another file: new path → old path, paired by organization."""
    gone = [p for p in paths if base.tree.is_file(p) and not head.tree.is_file(p)]
    came = [p for p in paths if head.tree.is_file(p) and not base.tree.is_file(p)]
    if not gone or not came:
        return {}
    old = {_organization(load_plan(p, base.cache)): p for p in gone}
    moved = {}
    for path in came:
        key = _organization(load_plan(path, head.cache))
        if key is not None and old.get(key) is not None:
            moved[path] = old.pop(key)
    return moved


def _organization(loaded: LoadedPlan) -> str | None:
    if loaded.plan is None:
        return None
    organization = loaded.plan.organization
    return organization.id or organization.name


def _moved_change(old: Path, new: Path) -> Change:
    shown = display_path(new)
    return Change(
        Stage.PLAN, Action.RENAMED, "plan", f"moved from {display_path(old)}", shown, plans=(shown,)
    )


def diff_files(old: Path, new: Path, request: DiffRequest) -> DiffReport:
    """Compare two plan files of the working tree (e.g. a plan and its proposed copy)."""
    for path in (old, new):
        if not path.is_file():
            raise PathError(f"{path}: no such plan file")
    side = Version(WORKING_TREE, "")
    report = DiffReport(display_path(old), display_path(new))
    _compare(report, old, new, side, side, request)
    report.changes = _merge(report.changes)
    return report


def _versions(repository: GitRepository, request: DiffRequest) -> tuple[Version, Version]:
    if request.head is None:
        head = Version(WORKING_TREE, "working tree")
        head_commit = "HEAD"
    else:
        head_commit = repository.commit(request.head)
        head = Version(repository.tree(head_commit, request.head), request.head)
    if request.base is None or request.merge_base:
        against = request.base or repository.default_branch()
        repository.commit(against)
        commit = repository.merge_base(against, head_commit)
        label = f"merge-base with {against} ({commit[:7]})"
    else:
        commit = repository.commit(request.base)
        label = request.base
    return Version(repository.tree(commit, label), label), head


def _plan_paths(request: DiffRequest, base: Version, head: Version, directory: Path) -> list[Path]:
    if request.plan is not None:
        path = request.plan
        trees = [tree for tree in (head.tree, base.tree) if tree.is_file(path)]
        if not trees:
            raise PathError(f"--plan: {path}: no such plan in {base.label} or {head.label}")
        if not PLAN_MARKER.search(trees[0].read_bytes(path).decode("utf-8", "replace")):
            raise UsageError(
                f"--plan: {path} is a fragment, not a plan (no top-level `crisiskit:` key); "
                "leave out --plan to see every plan that includes it"
            )
        return [path]
    if not (base.tree.is_dir(directory) or head.tree.is_dir(directory)):
        raise UsageError(
            f"no {display_path(directory)}/ directory in {base.label} or {head.label}; "
            "give a plan with --plan"
        )
    found = {
        Path(display_path(p)): None
        for tree in (base.tree, head.tree)
        for p in plans_in_tree(directory, tree)
    }
    return sorted(found)


def _compare(
    report: DiffReport, old: Path, new: Path, base: Version, head: Version, request: DiffRequest
) -> None:
    shown = display_path(new)
    entry = PlanDiff(shown, "changed")
    report.plans.append(entry)
    after = load_plan(new, head.cache) if head.tree.is_file(new) else None
    in_base = base.tree.is_file(old)
    if after is not None and in_base and old == new and _unchanged(after, base.tree):
        entry.status = "unchanged"  # nothing it reads changed: not loaded or linted again
        return
    before = load_plan(old, base.cache) if in_base else None
    old_findings = _findings(before, base, request)
    new_findings = _findings(after, head, request)
    old_keys = {_key(f, before.file if before else "", shown): f for f in old_findings}
    new_keys = {_key(f, shown, shown): f for f in new_findings}
    entry.introduced = [f for k, f in new_keys.items() if k not in old_keys]
    entry.fixed = [f for k, f in old_keys.items() if k not in new_keys]
    if after is None:
        entry.status = "removed"
        report.changes.append(
            Change(
                Stage.PLAN,
                Action.REMOVED,
                "plan",
                f"{shown} is deleted",
                shown,
                Risk.MEDIUM,
                f"plan {shown} deleted",
                plans=(shown,),
            )
        )
    elif before is None:
        entry.status = "added"
        report.changes.append(
            Change(Stage.PLAN, Action.ADDED, "plan", f"{shown} is new", shown, plans=(shown,))
        )
    else:
        sides = ((base.label, before, old_findings), (head.label, after, new_findings))
        _compare_loaded(report, entry, sides, request)


def _findings(loaded: LoadedPlan | None, side: Version, request: DiffRequest) -> list[Finding]:
    if loaded is None:
        return []
    return plan_findings(loaded, side.cache, request.today, request.config)


def _unchanged(after: LoadedPlan, base: Tree) -> bool:
    """Whether every file the plan reads (itself, fragments, templates) is the same in BASE.

    The same bytes at the same paths load the same plan, so BASE need not be loaded.
    """
    try:
        return all(
            base.is_file(path) and same_content(after.tree, base, path) for path in _sources(after)
        )
    except OSError:
        return False


def _sources(loaded: LoadedPlan) -> list[Path]:
    files = [loaded.path, *loaded.fragments]
    for message in loaded.plan.messages if loaded.plan else []:
        for variant in message.templates:
            if variant.file is None:
                continue
            try:
                files.append(confine(loaded.path.parent, variant.file, loaded.root, loaded.tree))
            except OutsideRepository:
                continue
    return files


def _compare_loaded(
    report: DiffReport,
    entry: PlanDiff,
    sides: tuple[tuple[str, LoadedPlan, list[Finding]], tuple[str, LoadedPlan, list[Finding]]],
    request: DiffRequest,
) -> None:
    shown = entry.file
    (_, before, _), (_, after, _) = sides
    old_valid, new_valid = before.valid(), after.valid()
    for label, loaded, findings in sides:
        errors = [f for f in findings if f.severity is Level.ERROR]
        if loaded.plan is None:
            first = errors[0] if errors else None
            where = f": {first.file}:{first.line}: {first.message}" if first else ""
            entry.problems.append(f"does not load in {label or loaded.file}{where}")
    if new_valid is None and old_valid is not None:
        report.changes.append(
            Change(
                Stage.PLAN,
                Action.CHANGED,
                "plan",
                "no longer loads",
                shown,
                Risk.HIGH,
                f"plan {shown} no longer loads; run crisiskit validate",
                plans=(shown,),
            )
        )
    if old_valid is None and new_valid is not None:
        report.changes.append(
            Change(Stage.PLAN, Action.CHANGED, "plan", "loads again", shown, plans=(shown,))
        )
    if old_valid is None or new_valid is None:
        entry.status = "invalid"
        return
    config = request.config or Config()
    changes = compare_plans(
        Side(old_valid, config, request.today), Side(new_valid, config, request.today)
    )
    entry.status = "changed" if changes else "unchanged"
    report.changes += [replace(c, plans=(shown,)) for c in changes]


def _key(finding: Finding, plan_file: str, shown: str) -> tuple[str, str, str, str]:
    file = shown if finding.file == plan_file else finding.file
    return (finding.code, file, finding.path, finding.message)


def _merge(changes: list[Change]) -> list[Change]:
    """One change per distinct change, naming every plan it reaches."""
    merged: dict[Change, list[str]] = {}
    for change in changes:
        merged.setdefault(replace(change, plans=()), []).extend(change.plans)
    order = list(Stage)
    return sorted(
        (replace(change, plans=tuple(dict.fromkeys(plans))) for change, plans in merged.items()),
        key=lambda change: order.index(change.stage),
    )
