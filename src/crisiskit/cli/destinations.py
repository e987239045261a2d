"""Refuse an output file that cannot be written before any work is done or shown."""

from __future__ import annotations

from pathlib import Path

from crisiskit.diagnostics.errors import UsageError
from crisiskit.util.atomic import check_writable


def check_destination(path: Path, option: str, *, overwrite: bool) -> None:
    """The writers' own check, asked up front and naming the option at fault."""
    try:
        check_writable(path, overwrite=overwrite)
    except UsageError as exc:
        raise UsageError(f"{option}: {exc}") from None
