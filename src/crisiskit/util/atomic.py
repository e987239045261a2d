"""Atomic writes: a reader, or a crash, never sees a half-written file."""

from __future__ import annotations

import contextlib
import glob
import os
import re
import stat
import tempfile
from pathlib import Path

from crisiskit.diagnostics.errors import UsageError


def check_writable(path: Path, *, overwrite: bool) -> None:
    """Raise UsageError when ``path`` cannot be written, or exists and ``overwrite`` is off.

    The CLI asks before doing any work; the writers below ask again at the last moment.
    """
    directory = path.parent
    if path.is_dir():
        raise UsageError(f"{path} is a directory; give a file name")
    _check_regular(path)
    if not directory.is_dir():
        raise UsageError(f"{path}: directory {directory} does not exist")
    if not overwrite and path.exists():
        raise UsageError(f"{path} already exists; use --force to overwrite it")
    if not os.access(directory, os.W_OK | os.X_OK) or (
        path.exists() and not os.access(path, os.R_OK)
    ):
        raise UsageError(f"{path}: permission denied")


def _check_regular(path: Path) -> None:
    """Refuse to replace or append to a symlink, device, pipe or socket.

    `--force` replaces a file; it must not turn `/dev/stdout` into a regular file or
    write through a committed symlink to wherever it points.
    """
    try:
        mode = path.lstat().st_mode
    except OSError:  # missing, or under a non-directory: the directory check says so
        return
    if stat.S_ISLNK(mode):
        raise UsageError(f"{path} is a symlink; give the file it points to, or another name")
    if not stat.S_ISREG(mode):
        raise UsageError(f"{path} is not a regular file (a device, pipe or socket); give a file")


def same_file(first: Path, second: Path) -> bool:
    """Whether two paths name one file (also through links, or before either exists)."""
    try:
        return first.samefile(second)
    except OSError:
        return first.resolve() == second.resolve()


# Temporary files carry the writer's process id, so a later run can tell one left by a
# writer that was killed (SIGKILL runs no clean-up) from one still being written.
_TEMPORARY = re.compile(r"\.(?P<name>.+)\.crisiskit-(?P<pid>\d+)\.[a-z0-9_]+\.tmp")


def _temporary_prefix(path: Path) -> str:
    return f".{path.name}.crisiskit-{os.getpid()}."


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Remove temporary files of earlier writes of ``path`` whose writer is gone."""
    removed = []
    for candidate in path.parent.glob(f".{glob.escape(path.name)}.crisiskit-*.tmp"):
        match = _TEMPORARY.fullmatch(candidate.name)
        if match is None or match["name"] != path.name or _alive(int(match["pid"])):
            continue
        with contextlib.suppress(OSError):
            candidate.unlink()
            removed.append(candidate)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: another user's live process
        return True
    return True


def write_atomic(path: Path, content: str | bytes, *, overwrite: bool = False) -> None:
    """Write ``content`` to ``path`` through a temporary file in the same directory.

    Without ``overwrite``, an existing file is never replaced: the final step is
    a hard link, which fails if the name exists, so even a race cannot clobber it.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    check_writable(path, overwrite=overwrite)
    try:
        _write(path, path.parent, data, overwrite)
    except OSError as exc:
        # A read-only directory or a full disk is the user's to fix, not a crash.
        raise UsageError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _write(path: Path, directory: Path, data: bytes, overwrite: bool) -> None:
    mode = _mode_of(path)
    remove_stale_temporaries(path)
    fd, temporary = tempfile.mkstemp(prefix=_temporary_prefix(path), suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        if overwrite:
            os.replace(temporary, path)
        else:
            try:
                os.link(temporary, path)
            except FileExistsError:
                raise UsageError(f"{path} already exists; use --force to overwrite it") from None
            finally:
                os.unlink(temporary)
        _fsync_directory(directory)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def append_atomic(path: Path, content: str) -> None:
    """Append ``content`` (whole lines) so that no writer's lines are lost or interleaved.

    One ``O_APPEND`` write under an exclusive lock: concurrent appenders (two people
    rendering during one incident) each add their lines whole, and earlier lines are
    never rewritten. A line torn by a crash is fenced off with a newline by the next
    append, so it cannot swallow the next record.
    """
    import fcntl

    data = content.encode("utf-8")
    check_writable(path, overwrite=True)
    try:
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o666)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            data = b"\n" + data
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write: {exc.strerror or exc}") from None
    finally:
        os.close(fd)  # releases the lock


def _mode_of(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
