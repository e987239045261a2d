"""Find YAML files under the paths a user gives, and the plan a command works on."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from crisiskit.diagnostics.errors import PathError, UsageError
from crisiskit.loader.repository import display_path, find_root, in_vcs_metadata, marked_root
from crisiskit.loader.tree import Tree
from crisiskit.util import inputs
from crisiskit.util.reading import read_regular_file

YAML_SUFFIXES = (".yaml", ".yml")
PLAN_MARKER = re.compile(r"^crisiskit\s*:", re.MULTILINE)


def discover(paths: Sequence[Path], refused: list[Path] | None = None) -> list[tuple[Path, bool]]:
    """YAML files under ``paths``, each with whether the user named it explicitly.

    A directory is walked inside its repository only, as includes are confined: a
    committed symlink out of it (or into .git/), or a symlink loop, is not followed but
    added to ``refused``. Raises PathError for a path that does not exist or cannot be read.
    """
    found: dict[Path, bool] = {}
    refused = [] if refused is None else refused
    for path in paths:
        inputs.observe(path)
        if not path.exists():
            raise PathError(f"{path}: no such file or directory")
        if path.is_dir():
            try:
                files = sorted(_walk(path, set(), find_root(path), refused))
            except PermissionError as exc:
                raise PathError(f"{exc.filename}: permission denied") from None
            if not files and not refused:
                # A mistyped directory in CI must not pass as "all clear".
                raise PathError(
                    f"{path}: no YAML files (*.yaml, *.yml) in this directory{_skipped(path)}"
                )
            for file in files:
                found.setdefault(file, False)
        elif path.is_symlink() and _links_out_of_repository(path):
            # A file named on the command line is often a pull request's own list
            # (`git diff --name-only`): a committed symlink out is refused there too.
            refused.append(path)
        elif path.is_file():
            found[path] = True
        else:
            raise PathError(f"{path}: not a regular file or directory")
    return list(found.items())


def _skipped(directory: Path) -> str:
    """`; skipped p.yaml: not a regular file` for YAML names that are FIFOs, sockets, …"""
    irregular = []
    for parent, folders, names in os.walk(directory):
        folders[:] = [f for f in folders if not f.startswith(".")]  # never into .git/
        for name in names:
            entry = Path(parent) / name
            if name.startswith(".") or entry.suffix not in YAML_SUFFIXES:
                continue
            if not entry.is_file() and not entry.is_symlink():
                irregular.append(display_path(entry))
    if not irregular:
        return ""
    shown = ", ".join(sorted(irregular)[:3]) + (", …" if len(irregular) > 3 else "")
    return f"; skipped {shown}: not a regular file"


def _walk(directory: Path, seen: set[Path], root: Path, refused: list[Path]) -> Iterable[Path]:
    inputs.listing(directory)
    real = directory.resolve()
    if real in seen:
        return  # a symlink back up the tree: each directory is walked once
    seen.add(real)
    for entry in directory.iterdir():
        if entry.name.startswith("."):
            continue
        if entry.is_symlink() and not _inside(entry, root):
            if entry.suffix in YAML_SUFFIXES or entry.is_dir():
                refused.append(entry)
            continue
        if entry.is_dir():
            yield from _walk(entry, seen, root, refused)
        elif entry.suffix in YAML_SUFFIXES and entry.is_file():
            yield entry


def _links_out_of_repository(link: Path) -> bool:
    """A named symlink leaving its repository; outside any repository, a link is the
    user's own arrangement and is followed."""
    root = marked_root(link.parent)
    return root is not None and not _inside(link, root)


def _inside(link: Path, root: Path) -> bool:
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):  # dangling, or a loop (RuntimeError in Python 3.11)
        return False
    return target.is_relative_to(root) and not in_vcs_metadata(target, root)


def plan_files(directory: Path) -> list[Path]:
    """YAML files under ``directory`` that are plans (top-level `crisiskit:` key)."""
    from crisiskit.loader.compose import MAX_FILE_BYTES

    found = []
    for path, _ in discover([directory]):
        try:
            head = read_regular_file(path, MAX_FILE_BYTES).decode("utf-8", errors="replace")
        except OSError:
            continue
        if PLAN_MARKER.search(head):
            found.append(path)
    return found


def plans_directory() -> Path:
    """The repository's `plans/`: here, or in a directory above, up to the repository root.

    Found the way git finds its root, so a command run from a subdirectory of the
    repository works on the same plans as from the top.
    """
    here = Path.cwd()
    root = marked_root(here)
    for directory in (here, *here.resolve().parents):
        candidate = directory / "plans"
        if candidate.is_dir():
            return Path("plans") if directory == here else Path(display_path(candidate))
        if root is None or directory.resolve() == root:
            break
    where = f"in {here.resolve()}"
    if root is not None and root != here.resolve():
        where += f" or above it up to the repository root {root}"
    raise PathError(f"no plans/ directory {where}; name a plan file or directory")


def plans_in_tree(directory: Path, tree: Tree) -> list[Path]:
    """Plan files under ``directory`` in a tree (a git revision), by absolute path."""
    found: list[Path] = []
    pending = [tree.resolve(directory)]
    seen: set[Path] = set()
    while pending:
        current = pending.pop()
        if current in seen:
            continue  # a symlink back up the tree
        seen.add(current)
        for name in sorted(tree.names(current)):
            entry = current / name
            if name.startswith("."):
                continue
            if tree.is_dir(entry):
                pending.append(tree.resolve(entry))
            elif entry.suffix in YAML_SUFFIXES and tree.is_file(entry):
                try:
                    head = tree.read_bytes(entry).decode("utf-8", errors="replace")
                except OSError:
                    continue
                if PLAN_MARKER.search(head):
                    found.append(entry)
    return sorted(found)


def default_plan(plan: Path | None) -> Path:
    """The plan given with --plan, or the only plan under the repository's plans/."""
    if plan is not None:
        _check_plan_path(plan)
        return plan
    try:
        directory = plans_directory()
    except PathError as exc:
        raise UsageError(f"no --plan given, and {exc}") from None
    candidates = plan_files(directory)
    if not candidates:
        raise UsageError(f"no plan found under {directory}/; give one with --plan")
    if len(candidates) > 1:
        listed = "\n".join(f"  --plan {p}" for p in candidates)
        raise UsageError(f"several plans under {directory}/; choose one:\n{listed}")
    return candidates[0]


def _check_plan_path(plan: Path) -> None:
    """Say what a --plan that is not a plan file is, rather than that it does not exist."""
    if plan.is_file():
        return
    if plan.is_dir():
        inside = plan_files(plan) if any(plan.iterdir()) else []
        example = f"; e.g. --plan {inside[0]}" if inside else ""
        raise PathError(f"--plan: {plan} is a directory; give one plan file{example}")
    if plan.exists():
        raise PathError(
            f"--plan: {plan} is not a regular file (a device, pipe or socket); give a plan file"
        )
    raise PathError(f"--plan: {plan}: no such plan file")
