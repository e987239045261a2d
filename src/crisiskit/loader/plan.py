"""Load a plan with its included fragments into a validated model and findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from crisiskit.diagnostics import checks
from crisiskit.diagnostics.findings import Finding, Span, format_path
from crisiskit.loader.files import FileCache, SourceFile
from crisiskit.loader.references import check_references
from crisiskit.loader.repository import (
    ROOT_MARKERS,
    OutsideRepository,
    UnusablePath,
    confine,
    display_path,
    find_root,
    marked_root,
)
from crisiskit.loader.shapes import shape_mismatch
from crisiskit.loader.sourcemap import DataPath, SourceMap
from crisiskit.loader.translate import merge_id_findings, translate_errors
from crisiskit.loader.tree import WORKING_TREE, Tree
from crisiskit.model.plan import FRAGMENT_SECTIONS, LIST_SECTIONS, Plan
from crisiskit.model.types import region_problem
from crisiskit.util.suggest import did_you_mean


@dataclass(slots=True)
class LoadedPlan:
    """A plan file, its fragments, the validated model (if valid) and its findings."""

    file: str
    path: Path
    root: Path
    plan: Plan | None = None
    findings: list[Finding] = field(default_factory=list)
    sources: dict[str, SourceMap] = field(default_factory=dict)
    # For each list section: where each merged item was written (file, index there).
    origins: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    fragments: list[Path] = field(default_factory=list)
    # Drill record files (`drills.records`), and where each entry of `drills.log` is
    # written: (file, data path of the entry in that file).
    records: list[Path] = field(default_factory=list)
    log_origins: list[tuple[str, DataPath]] = field(default_factory=list)
    # The plan and its fragments merged, before validation, and the validation context:
    # what `loader.focus` prunes when an incident needs only part of an invalid plan.
    data: dict[str, Any] | None = None
    context: dict[str, Any] = field(default_factory=dict)
    # Where its files were read: the working tree, or a git revision (`crisiskit diff`).
    tree: Tree = WORKING_TREE

    def locate(self, path: DataPath, key: bool = False) -> tuple[str, Span | None, str]:
        """The file, span and as-written data path of a path of the merged plan."""
        file, source_path = self.file, path
        if len(path) >= 2 and isinstance(path[1], int) and path[0] in self.origins:
            items = self.origins[str(path[0])]
            if path[1] < len(items):
                file, index = items[path[1]]
                source_path = (path[0], index, *path[2:])
        elif _log_entry(path) < len(self.log_origins):
            file, prefix = self.log_origins[_log_entry(path)]
            source_path = (*prefix, *path[3:])
        source_map = self.sources.get(file)
        if source_map is None:
            return file, None, format_path(source_path)
        span = source_map.key_span(source_path) if key else source_map.value_span(source_path)
        return file, span, format_path(source_path)

    def finding(
        self, check: checks.Check, message: str, path: DataPath, hint: str | None = None
    ) -> Finding:
        file, span, shown = self.locate(path)
        return check.finding(message, file, span, shown, hint)

    def valid(self) -> ValidPlan | None:
        """The plan as a valid plan, or None if its model did not validate."""
        return ValidPlan(self, self.plan) if self.plan is not None else None


def _log_entry(path: DataPath) -> int:
    """The index of the drill log entry a path is in (a very large number if none)."""
    if path[:2] == ("drills", "log") and len(path) >= 3 and isinstance(path[2], int):
        return path[2]
    return 1 << 62


@dataclass(frozen=True, slots=True)
class ValidPlan:
    """A loaded plan whose model validated: what every service after the loader works on.

    Its ``plan`` is never None, so no service has to check (or assert) it again.
    """

    loaded: LoadedPlan
    plan: Plan

    @property
    def file(self) -> str:
        return self.loaded.file

    @property
    def path(self) -> Path:
        return self.loaded.path

    @property
    def root(self) -> Path:
        return self.loaded.root

    @property
    def fragments(self) -> list[Path]:
        return self.loaded.fragments

    @property
    def origins(self) -> dict[str, list[tuple[str, int]]]:
        return self.loaded.origins

    @property
    def records(self) -> list[Path]:
        return self.loaded.records

    @property
    def tree(self) -> Tree:
        return self.loaded.tree

    def locate(self, path: DataPath, key: bool = False) -> tuple[str, Span | None, str]:
        return self.loaded.locate(path, key)


# A chain of fragments including fragments; an agency needs two or three levels.
MAX_INCLUDE_DEPTH = 32


def load_plan(path: Path, cache: FileCache | None = None) -> LoadedPlan:
    """Load and validate the plan at ``path``. Raises OSError only if it is unreadable."""
    cache = cache or FileCache()
    source = cache.get(path)
    tree = cache.tree
    loaded = LoadedPlan(
        file=source.display, path=source.path, root=find_root(source.path.parent, tree), tree=tree
    )
    loaded.sources[source.display] = source.composed.source_map
    loaded.findings.extend(source.composed.findings)
    if marked_root(source.path.parent, tree) is None:
        loaded.findings.append(_no_repository_root(loaded))
    data = source.composed.data
    if not source.composed.ok:
        return loaded
    if not isinstance(data, dict):
        loaded.findings.append(not_a_mapping(source))
        return loaded

    merged: dict[str, Any] = dict(data)
    for section in LIST_SECTIONS:
        items = data.get(section)
        if isinstance(items, list):
            merged[section] = list(items)
            loaded.origins[section] = [(source.display, i) for i in range(len(items))]
    _include_all(loaded, source, data, cache, chain=[source.path], seen=set())

    organization = data.get("organization")
    context = _validation_context(organization if isinstance(organization, dict) else {})
    for fragment_path in loaded.fragments:
        fragment = cache.get(fragment_path)
        _merge(loaded, merged, fragment)
    _load_records(loaded, source, merged, cache)
    loaded.data, loaded.context = merged, context
    validate_merged(loaded)
    return loaded


def _validation_context(organization: dict[str, Any]) -> dict[str, Any]:
    """What person fields are read with: the organization's region and timezone.

    A ``default_region`` that is no region (``id``, ``[ID]``, ``62``) is reported once, at
    itself; national phone numbers are then not read at all rather than each reported too.
    """
    region = organization.get("default_region")
    context: dict[str, Any] = {"default_timezone": organization.get("default_timezone")}
    if isinstance(region, str) and region_problem(region) is None:
        context["region"] = region
    elif region is not None:
        context["region_unknown"] = True
    return context


def validate_merged(loaded: LoadedPlan) -> None:
    """Validate ``loaded.data`` into ``loaded.plan``, adding schema and reference findings."""
    assert loaded.data is not None
    try:
        loaded.plan = Plan.model_validate(loaded.data, context=loaded.context)
    except ValidationError as error:
        loaded.findings.extend(translate_errors(error, Plan, loaded.data, loaded.locate))
    loaded.findings[:] = merge_id_findings(loaded.findings, check_references(loaded, loaded.data))


def not_a_mapping(source: SourceFile) -> Finding:
    kind = type(source.composed.data).__name__
    shown = {"list": "a list", "str": "a single text", "NoneType": "empty"}.get(kind, kind)
    return checks.NOT_A_MAPPING.finding(
        f"the top level is {shown}, not a mapping of sections",
        source.display,
        source.composed.source_map.value_span(()),
        hint="a plan starts with `crisiskit: 1`; a fragment with sections such as `people:`",
    )


def _include_all(
    loaded: LoadedPlan,
    source: SourceFile,
    data: dict[str, Any],
    cache: FileCache,
    chain: list[Path],
    seen: set[Path],
) -> None:
    entries = data.get("include")
    if not isinstance(entries, list):
        return  # the schema reports a wrong type for plans; fragments are checked below
    for index, entry in enumerate(entries):
        if not isinstance(entry, str):
            continue
        found = _include_target(loaded, source, entry, index, cache, chain, seen)
        if found is None:
            continue
        target, fragment = found
        where = source.composed.source_map.value_span(("include", index))
        shown = format_path(("include", index))
        loaded.sources[fragment.display] = fragment.composed.source_map
        loaded.findings.extend(fragment.composed.findings)
        if not fragment.composed.ok:
            continue
        fragment_data = fragment.composed.data
        if not isinstance(fragment_data, dict):
            loaded.findings.append(not_a_mapping(fragment))
            continue
        if "crisiskit" in fragment_data:
            loaded.findings.append(
                checks.INCLUDE_ERROR.finding(
                    f"'{entry}' is a plan (it has `crisiskit:`), not a fragment",
                    source.display,
                    where,
                    shown,
                    hint="a plan cannot include another plan; move shared sections into a fragment",
                )
            )
            continue
        problems = check_fragment_sections(fragment)
        loaded.findings.extend(problems)
        loaded.fragments.append(target)
        _include_all(loaded, fragment, fragment_data, cache, [*chain, target], seen)


def _include_target(
    loaded: LoadedPlan,
    source: SourceFile,
    entry: str,
    index: int,
    cache: FileCache,
    chain: list[Path],
    seen: set[Path],
) -> tuple[Path, SourceFile] | None:
    """The fragment ``entry`` names, read; or None, with the finding that says why not."""
    where = source.composed.source_map.value_span(("include", index))
    shown = format_path(("include", index))
    try:
        target = confine(source.path.parent, entry, loaded.root, cache.tree)
    except UnusablePath as exc:
        loaded.findings.append(checks.INCLUDE_ERROR.finding(str(exc), source.display, where, shown))
        return None
    except OutsideRepository as exc:
        loaded.findings.append(
            checks.INCLUDE_OUTSIDE_REPOSITORY.finding(
                str(exc), source.display, where, shown, hint="keep fragments in the repository"
            )
        )
        return None
    if target in chain:
        cycle = " -> ".join(cache.get(p).display for p in [*chain, target])
        loaded.findings.append(
            checks.INCLUDE_ERROR.finding(f"include cycle: {cycle}", source.display, where, shown)
        )
        return None
    if target in seen:
        return None  # included twice (diamond): its items count once
    if len(chain) >= MAX_INCLUDE_DEPTH:
        loaded.findings.append(
            checks.INCLUDE_ERROR.finding(
                f"includes are nested more than {MAX_INCLUDE_DEPTH} files deep",
                source.display,
                where,
                shown,
                hint="include shared fragments from the plan itself, not in a chain",
            )
        )
        return None
    fragment = _read_fragment(loaded, source, entry, target, cache, index)
    if fragment is None:
        return None
    seen.add(target)
    return target, fragment


def _read_fragment(
    loaded: LoadedPlan, source: SourceFile, entry: str, target: Path, cache: FileCache, index: int
) -> SourceFile | None:
    """The included file, read and composed; or None, with the finding that says why not."""
    where = source.composed.source_map.value_span(("include", index))
    shown = format_path(("include", index))
    try:
        return cache.get(target)
    except OSError as exc:
        hint = None
        if isinstance(exc, IsADirectoryError):
            message = f"'{entry}' is a directory; include a YAML file"
            hint = _nearby_hint(target, cache.tree)
        elif isinstance(exc, FileNotFoundError | NotADirectoryError):
            message = f"included file '{entry}' does not exist"
            hint = _nearby_hint(target, cache.tree)
        else:
            message = f"included file '{entry}' cannot be read: {exc.strerror}"
        loaded.findings.append(
            checks.INCLUDE_ERROR.finding(message, source.display, where, shown, hint=hint)
        )
        return None


def check_fragment_sections(fragment: SourceFile) -> list[Finding]:
    """Findings for top-level keys a fragment may not have, or sections that are not lists."""
    findings = []
    data = fragment.composed.data
    assert isinstance(data, dict)
    source_map = fragment.composed.source_map
    for key, value in data.items():
        if key not in FRAGMENT_SECTIONS:
            hint = did_you_mean(str(key), sorted(FRAGMENT_SECTIONS)) or (
                "a fragment may hold: " + ", ".join(sorted(FRAGMENT_SECTIONS))
            )
            findings.append(
                checks.UNKNOWN_KEY.finding(
                    f"section '{key}' cannot be in a fragment",
                    fragment.display,
                    source_map.key_span((key,)),
                    str(key),
                    hint,
                )
            )
        elif not isinstance(value, list):
            # The path column names the section already: the message says what is wrong.
            shape = shape_mismatch(Plan, (key,), value)
            message, hint = shape if shape else ("must be a list", "")
            findings.append(
                checks.INVALID_VALUE.finding(
                    message, fragment.display, source_map.value_span((key,)), str(key), hint or None
                )
            )
    return findings


def _merge(loaded: LoadedPlan, merged: dict[str, Any], fragment: SourceFile) -> None:
    data = fragment.composed.data
    assert isinstance(data, dict)
    for section in LIST_SECTIONS:
        items = data.get(section)
        if not isinstance(items, list):
            continue
        merged.setdefault(section, [])
        if not isinstance(merged[section], list):
            continue  # the plan's own value is wrong; the schema reports it
        merged[section] = [*merged[section], *items]
        loaded.origins.setdefault(section, []).extend(
            (fragment.display, i) for i in range(len(items))
        )


def _load_records(
    loaded: LoadedPlan, source: SourceFile, merged: dict[str, Any], cache: FileCache
) -> None:
    """Add each drill record file under `drills.records` to the merged `drills.log`.

    One file per drill keeps parallel pull requests (two teams logging drills) free of
    merge conflicts; a finding in a record file points into that file.
    """
    drills = merged.get("drills")
    if not isinstance(drills, dict):
        return
    log = drills.get("log")
    entries = list(log) if isinstance(log, list) else []
    loaded.log_origins = [(source.display, ("drills", "log", i)) for i in range(len(entries))]
    directory = drills.get("records")
    if not isinstance(directory, str) or (log is not None and not isinstance(log, list)):
        return
    for path in _record_files(loaded, source, directory):
        try:
            record = cache.get(path)
        except OSError as exc:
            loaded.findings.append(_records_finding(source, f"{path.name}: {exc.strerror}"))
            continue
        loaded.sources[record.display] = record.composed.source_map
        loaded.findings.extend(record.composed.findings)
        if not record.composed.ok:
            continue
        if not isinstance(record.composed.data, dict):
            loaded.findings.append(not_a_mapping(record))
            continue
        loaded.records.append(record.path)
        entries.append(record.composed.data)
        loaded.log_origins.append((record.display, ()))
    merged["drills"] = {**drills, "log": entries}


def _record_files(loaded: LoadedPlan, source: SourceFile, directory: str) -> list[Path]:
    try:
        target = confine(source.path.parent, directory, loaded.root, loaded.tree)
    except OutsideRepository as exc:
        where = source.composed.source_map.value_span(("drills", "records"))
        loaded.findings.append(
            checks.INCLUDE_OUTSIDE_REPOSITORY.finding(
                str(exc),
                source.display,
                where,
                "drills.records",
                hint="keep records in the repository",
            )
        )
        return []
    tree = loaded.tree
    if not tree.is_dir(target):
        loaded.findings.append(
            _records_finding(
                source,
                f"drill records directory '{directory}' does not exist",
                hint="create it: `crisiskit drill run` writes one file per drill there",
            )
        )
        return []
    files = []
    for path in sorted(target / name for name in tree.names(target)):
        # Hidden names are skipped: an unfinished atomic write is a hidden temporary file.
        if path.name.startswith(".") or path.suffix not in (".yaml", ".yml"):
            continue
        if not tree.resolve(path).is_relative_to(tree.resolve(loaded.root)):
            loaded.findings.append(
                _records_finding(
                    source, f"'{path.name}' is a symlink pointing out of the repository"
                )
            )
            continue
        if tree.is_file(path):
            files.append(path)
    return files


def _records_finding(source: SourceFile, message: str, hint: str | None = None) -> Finding:
    where = source.composed.source_map.value_span(("drills", "records"))
    return checks.INCLUDE_ERROR.finding(message, source.display, where, "drills.records", hint)


def _nearby_hint(target: Path, tree: Tree) -> str | None:
    names = [name for name in tree.names(target.parent) if name.endswith((".yaml", ".yml"))]
    return did_you_mean(target.name, names)


def _no_repository_root(loaded: LoadedPlan) -> Finding:
    markers = ", ".join(ROOT_MARKERS)
    return checks.NO_REPOSITORY_ROOT.finding(
        f"no repository root found (no directory above the plan holds {markers}); "
        f"includes and templates are confined to {display_path(loaded.root)}",
        loaded.file,
        hint="run `git init` (or add a crisiskit.toml) at the top of the directory holding "
        "your plans and templates",
    )
