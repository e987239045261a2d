"""The repository a plan lives in: includes and templates may not leave it."""

from __future__ import annotations

import os
from pathlib import Path

from crisiskit.loader.tree import WORKING_TREE, Tree
from crisiskit.util import inputs

ROOT_MARKERS = (".git", "crisiskit.toml", "pyproject.toml")
# Version-control metadata: a checkout's .git/config can hold the CI job's auth header.
VCS_METADATA = frozenset({".git", ".hg", ".svn", ".bzr", "_darcs", ".jj", ".pijul", ".fslckout"})


def marked_root(start: Path, tree: Tree = WORKING_TREE) -> Path | None:
    """The nearest ancestor holding .git, crisiskit.toml or pyproject.toml, if any."""
    start = tree.resolve(start)
    for directory in (start, *start.parents):
        if any(tree.exists(directory / marker) for marker in ROOT_MARKERS):
            return directory
    return None


def find_root(start: Path, tree: Tree = WORKING_TREE) -> Path:
    """The repository root: the nearest ancestor holding a marker (``ROOT_MARKERS``).

    Without one (a copy of some plans outside any repository), the working directory
    when the plan is inside it, as the user runs crisiskit from the top of their copy;
    otherwise the directory of the plan itself.
    """
    marked = marked_root(start, tree)
    if marked is not None:
        return marked
    start, here = tree.resolve(start), Path.cwd().resolve()
    return here if start.is_relative_to(here) else start


class OutsideRepository(Exception):
    """A path leaves the repository."""


class UnusablePath(OutsideRepository):
    """A path that names nothing readable: empty, or a symlink loop."""


class SymlinkLoop(UnusablePath):
    """A path whose symlinks point at each other and so never resolve."""


def in_vcs_metadata(path: Path, root: Path) -> bool:
    """Whether ``path`` (resolved, inside ``root``) lies in a .git/ or similar directory."""
    return any(part in VCS_METADATA for part in path.relative_to(root).parts)


def confine(base: Path, relative: str, root: Path, tree: Tree = WORKING_TREE) -> Path:
    """Resolve ``relative`` against ``base`` and prove it stays inside ``root``.

    Raises :class:`OutsideRepository` with the reason when it does not.
    """
    if not relative or not relative.strip():
        raise UnusablePath("the path is empty; give a file name")
    if relative.startswith(("~", "/", "\\")) or os.path.isabs(relative):
        # Includes and template files resolve against the naming file's directory,
        # {% include %} against the repository root: name the one that applies.
        base_shown = (
            "the repository root" if base.resolve() == root.resolve() else "the file that names it"
        )
        raise OutsideRepository(
            f"absolute paths are not allowed; use a path relative to {base_shown}"
        )
    if "\x00" in relative:
        raise OutsideRepository("the path contains a NUL character")
    candidate = base / relative
    inputs.observe(candidate)
    lexical = Path(os.path.normpath(candidate))
    root = tree.resolve(root)
    if not lexical.is_relative_to(root):
        raise OutsideRepository(f"'{relative}' leads out of the repository ({root})")
    try:
        resolved = tree.resolve(candidate)
    except (RuntimeError, OSError):  # Python 3.11 raises RuntimeError for a symlink loop
        raise SymlinkLoop(f"'{relative}' is a symlink loop") from None
    if not resolved.is_relative_to(root):
        raise OutsideRepository(f"'{relative}' is a symlink pointing out of the repository")
    if in_vcs_metadata(lexical, root) or in_vcs_metadata(resolved, root):
        raise OutsideRepository(
            f"'{relative}' is version-control metadata, which crisiskit never reads"
        )
    return resolved


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working directory if inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative
