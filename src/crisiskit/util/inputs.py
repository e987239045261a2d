"""Every fact about the file system a run depended on, so a later run can check them all.

The findings cache (``crisiskit.validation.cache``) may reuse a report only if nothing
the report was computed from has changed. Each place that reads a file, asks whether a
path exists, resolves a path or lists a directory tells the active :class:`Inputs`:

- ``read(path, data)``: the bytes read (kept as a digest);
- ``observe(path)``: what the path is (missing, file, directory, other), and for each
  component on the way there whether it is a symlink and to what: resolution, existence
  and confinement answers depend on exactly these;
- ``listing(directory)``: the names in a directory and what each is (discovery and
  "did you mean" hints depend on them).

A later run re-checks every recorded fact (:meth:`Inputs.unchanged`). Recording is
off (each hook returns at once) unless a run is inside :func:`recording`.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

# The cache's own directory is never an input (it changes with every run that stores).
CACHE_DIR_NAME = ".crisiskit_cache"
# Symlinks followed while recording one path; a loop stops here, as the OS stops it.
_MAX_LINKS = 40


@dataclass
class Inputs:
    """What one run read: file digests, path facts and directory listings."""

    files: dict[str, str] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)
    listings: dict[str, str] = field(default_factory=dict)
    # Recording only: the working directory, and the paths already walked (an agency run
    # asks for the same template path tens of thousands of times).
    cwd: str = field(default_factory=os.getcwd, compare=False, repr=False)
    observed: set[str] = field(default_factory=set, compare=False, repr=False)

    def as_json(self) -> dict[str, dict[str, str]]:
        return {"files": self.files, "paths": self.paths, "listings": self.listings}

    @staticmethod
    def from_json(data: object) -> Inputs | None:
        if not isinstance(data, dict):
            return None
        parts = [data.get(key) for key in ("files", "paths", "listings")]
        if not all(
            isinstance(part, dict)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in part.items())
            for part in parts
        ):
            return None
        files, paths, listings = parts
        assert isinstance(files, dict) and isinstance(paths, dict) and isinstance(listings, dict)
        return Inputs(dict(files), dict(paths), dict(listings))

    def unchanged(self) -> bool:
        """Whether every recorded fact still holds (any error reading one: it does not)."""
        try:
            return (
                all(path_fact(path) == fact for path, fact in self.paths.items())
                and all(listing_fact(path) == fact for path, fact in self.listings.items())
                and all(file_digest(path) == digest for path, digest in self.files.items())
            )
        except (OSError, ValueError):
            return False


_active: Inputs | None = None


@contextmanager
def recording() -> Iterator[Inputs]:
    """Record the inputs of the code run inside the ``with`` block."""
    global _active
    previous, _active = _active, Inputs()
    try:
        yield _active
    finally:
        _active = previous


@contextmanager
def recording_if_active() -> Iterator[Inputs | None]:
    """In a worker process of a recording run: record its part apart (the parent merges
    it); elsewhere, nothing."""
    if _active is None:
        yield None
        return
    with recording() as part:
        yield part


def merge(part: dict[str, dict[str, str]]) -> None:
    """Facts another process recorded for this run (``Inputs.as_json``), added to it."""
    if _active is not None:
        _active.files.update(part["files"])
        _active.paths.update(part["paths"])
        _active.listings.update(part["listings"])


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: str) -> str:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        return "missing"
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return "not-a-regular-file"  # a pipe now: never read (it could block)
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _absolute(path: Path | str) -> str:
    # Not normalised: `a/link/../b` is not `a/b` when `link` is a symlink.
    return os.path.join(_active.cwd if _active is not None else os.getcwd(), os.fspath(path))


def read_bytes(path: Path) -> bytes:
    """``path.read_bytes()``, recorded."""
    raw = path.read_bytes()
    read(path, raw)
    return raw


def decode_text(raw: bytes) -> str:
    """As ``Path.read_text(encoding="utf-8")`` decodes: strict UTF-8, universal newlines."""
    return raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def read(path: Path | str, data: bytes) -> None:
    """``data`` (the bytes as read, before decoding) was read from ``path``."""
    if _active is not None:
        read_digest(path, digest(data))


def read_digest(path: Path | str, known: str) -> None:
    """``path`` was used with content of digest ``known`` (read earlier and memoised)."""
    if _active is not None:
        _active.files[_absolute(path)] = known
        observe(path)


def unreadable(path: Path | str) -> None:
    """``path`` was refused (too large): a digest no file has, so the entry never hits."""
    if _active is not None:
        read_digest(path, "unreadable")


def observe(path: Path | str) -> None:
    """The run depended on what ``path`` is and how it resolves."""
    if _active is not None:
        absolute = _absolute(path)
        if absolute not in _active.observed:
            _active.observed.add(absolute)
            _resolve(_active, absolute, 0)


def listing(directory: Path | str) -> None:
    """The run depended on the names in ``directory`` and what each one is."""
    if _active is None:
        return
    absolute = _absolute(directory)
    observe(absolute)
    _active.listings[absolute] = listing_fact(absolute)
    try:
        links = [entry.path for entry in os.scandir(absolute) if entry.is_symlink()]
    except OSError:
        return
    for link in links:
        observe(link)  # what a symlinked entry points at is a fact too


def _resolve(inputs: Inputs, path: str, links: int) -> str:
    """Walk ``path`` as the OS does, recording every component; return the real path."""
    current = "/"
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            current = os.path.dirname(current)  # ``current`` is real: its parent is too
            continue
        candidate = os.path.join(current, part)
        fact = inputs.paths.get(candidate)
        if fact is None:
            fact = inputs.paths[candidate] = path_fact(candidate)
        if fact.startswith("link:") and links < _MAX_LINKS:
            target = os.readlink(candidate) if os.path.islink(candidate) else candidate
            current = _resolve(inputs, os.path.join(current, target), links + 1)
        else:
            current = candidate
    return current


def path_fact(path: str) -> str:
    """What ``path`` is, without following a final symlink (whose target is recorded)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return "missing"
    except NotADirectoryError:
        return "not-under-a-directory"
    except OSError as exc:
        return f"error:{exc.errno}"
    if stat.S_ISLNK(info.st_mode):
        return f"link:{os.readlink(path)}"
    return _kind(info.st_mode)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "dir"
    if stat.S_ISREG(mode):
        return "file"
    return "other"


def listing_fact(directory: str) -> str:
    """The sorted names in ``directory`` with what each is, as one digest."""
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except FileNotFoundError:
        return "missing"
    except NotADirectoryError:
        return "not-a-directory"
    parts = []
    for entry in entries:
        if entry.name == CACHE_DIR_NAME:
            continue
        if entry.is_symlink():
            kind = f"link:{os.readlink(entry.path)}"
        else:
            kind = _kind(entry.stat(follow_symlinks=False).st_mode)
        parts.append(f"{entry.name}\0{kind}")
    return digest("\n".join(parts).encode("utf-8", "surrogateescape"))
