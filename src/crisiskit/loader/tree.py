"""Where a plan's files are read from: the working tree, or a git revision.

The loader, the template renderer and the rules that read files ask a :class:`Tree`
rather than the file system, so the same loader reads a plan as it is on disk or as it
was in a commit (``crisiskit diff``), with includes, templates and symlinks resolved
inside that revision.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Hashable, Iterator
from pathlib import Path
from typing import Literal, Protocol

from crisiskit.util import inputs
from crisiskit.util.reading import read_regular_file

# What any file of a plan's repository may be, at most (a plan itself: 32 MiB).
MAX_READ_BYTES = 64 * 1024 * 1024

# What a directory entry is, its symlinks not followed ("other": a pipe, a submodule...).
EntryKind = Literal["dir", "file", "link", "other"]


class Tree(Protocol):
    """A read-only view of the repository's files under absolute paths."""

    def __hash__(self) -> int:  # renderers are cached per (root, tree)
        ...

    @property
    def label(self) -> str:
        """How the user names it: 'working tree', or the revision."""
        ...

    def read_bytes(self, path: Path, limit: int = MAX_READ_BYTES) -> bytes:
        """The file's bytes; FileNotFoundError, IsADirectoryError or OSError otherwise.

        A file over ``limit`` bytes raises FileTooLarge (from the working tree before it
        is read); a pipe or device NotRegularFile, never blocking.
        """
        ...

    def resolve(self, path: Path) -> Path:
        """The absolute path with every symlink resolved (missing parts kept as written)."""
        ...

    def exists(self, path: Path) -> bool: ...

    def is_file(self, path: Path) -> bool: ...

    def is_dir(self, path: Path) -> bool: ...

    def names(self, directory: Path) -> list[str]:
        """The entries of a directory (empty if it is none)."""
        ...

    def kinds(self, directory: Path) -> dict[str, EntryKind]:
        """The entries of a directory with what each is, symlinks not followed (empty if
        it is none): a walk over thousands of files needs no call per file."""
        ...

    def version(self, path: Path) -> Hashable:
        """A value that changes when the file's content does (for caches)."""
        ...

    def lines(self, path: Path) -> Iterator[str]:
        """The file's lines with their line breaks, decoded as UTF-8 (BOM dropped)."""
        ...


class WorkingTree:
    """The files on disk: what every command but `diff` reads."""

    label = "working tree"

    def __reduce__(self) -> str:
        # One working tree per process: a plan sent back by a worker reads the same one.
        return "WORKING_TREE"

    def read_bytes(self, path: Path, limit: int = MAX_READ_BYTES) -> bytes:
        return read_regular_file(path, limit)

    # Each answer is a fact the findings cache re-checks (util/inputs.py).
    def resolve(self, path: Path) -> Path:
        inputs.observe(path)
        # A symlink loop must raise, as Path.resolve() did up to Python 3.12 (RuntimeError):
        # from 3.13 it returns the looping path as it is, so ask strictly first and keep the
        # lenient answer (missing parts kept as written) for every other error.
        try:
            return path.resolve(strict=True)
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise
        return path.resolve()

    def exists(self, path: Path) -> bool:
        inputs.observe(path)
        return path.exists()

    def is_file(self, path: Path) -> bool:
        inputs.observe(path)
        return path.is_file()

    def is_dir(self, path: Path) -> bool:
        inputs.observe(path)
        return path.is_dir()

    def names(self, directory: Path) -> list[str]:
        inputs.listing(directory)
        try:
            return [entry.name for entry in directory.iterdir()]
        except OSError:
            return []

    def kinds(self, directory: Path) -> dict[str, EntryKind]:
        inputs.listing(directory)  # names and what each is: the facts answered here
        try:
            with os.scandir(directory) as entries:
                return {entry.name: _kind(entry) for entry in entries}
        except OSError:
            return {}

    def version(self, path: Path) -> Hashable:
        inputs.observe(path)
        stat = path.stat()
        return (stat.st_mtime_ns, stat.st_size)

    def lines(self, path: Path) -> Iterator[str]:
        # Streamed: a 10 MB plan is not held a second time as a list of lines. (The loader
        # read these bytes first and recorded them for the findings cache.)
        inputs.observe(path)
        with path.open(encoding="utf-8-sig", newline="") as handle:
            yield from handle


def _kind(entry: os.DirEntry[str]) -> EntryKind:
    # The type comes with the listing (d_type) on most file systems: no stat per entry.
    try:
        if entry.is_symlink():
            return "link"
        if entry.is_dir(follow_symlinks=False):
            return "dir"
        return "file" if entry.is_file(follow_symlinks=False) else "other"
    except OSError:
        return "other"  # gone, or unreadable, since the listing


WORKING_TREE = WorkingTree()
