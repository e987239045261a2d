"""Read a file from a pull request without hanging on a pipe or swallowing a huge file."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from crisiskit.util import inputs


class NotRegularFile(OSError):
    """A FIFO, device, socket or directory where a file was expected."""


class FileTooLarge(OSError):
    """A file over the size its reader accepts."""

    def __init__(self, path: Path, limit: int) -> None:
        super().__init__(errno.EFBIG, f"larger than the limit of {limit:,} bytes", str(path))
        self.limit = limit


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, refusing anything else before reading.

    Opening never blocks (a FIFO with no writer would wait forever), the type and size
    are taken from the opened file itself (no race with a swapped path), and at most
    ``limit`` bytes are read even from a file that grows or lies about its size (/proc).
    Raises FileNotFoundError, NotRegularFile, FileTooLarge or another OSError.
    """
    inputs.observe(path)  # for the findings cache: what the path is, however this ends
    data = _read(path, limit)
    inputs.read(path, data)
    return data


def _read(path: Path, limit: int) -> bytes:
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        status = os.fstat(fd)
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(status.st_mode):
            raise NotRegularFile(
                errno.EINVAL, "not a regular file (a pipe, device or socket)", str(path)
            )
        if status.st_size > limit:
            inputs.unreadable(path)  # a run that refused it is never answered from the cache
            raise FileTooLarge(path, limit)
        chunks: list[bytes] = []
        remaining = limit + 1
        # The whole file in one read, and no join: a 1 MiB buffer per read cost more than
        # the reading itself for a repository of small files, and a join copied large ones.
        size = max(status.st_size + 1, 1 << 16)
        while remaining > 0:
            chunk = os.read(fd, min(remaining, size))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
            size = 1 << 16  # the rest of a file that grew, or that lied about its size
        if remaining <= 0:
            inputs.unreadable(path)
            raise FileTooLarge(path, limit)
        return b"".join(chunks)
    finally:
        os.close(fd)
