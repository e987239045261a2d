"""Refuse an output file that cannot be written before any work is done or shown."""

from __future__ import annotations

import os
from pathlib import Path

from crisiskit.errors import PathError, UsageError


def check_destination(path: Path, option: str, *, overwrite: bool) -> None:
    """Raise a usage error when ``path`` cannot be written (or exists, without ``overwrite``)."""
    directory = path.parent
    if path.is_dir():
        raise PathError(f"{option}: {path} is a directory; give a file name")
    if not directory.is_dir():
        raise PathError(f"{option}: {path}: directory {directory} does not exist")
    if not overwrite and path.exists():
        raise UsageError(f"{option}: {path} already exists; use --force to overwrite it")
    if not os.access(directory, os.W_OK | os.X_OK) or (
        path.exists() and not os.access(path, os.R_OK)
    ):
        raise PathError(f"{option}: {path}: permission denied")
