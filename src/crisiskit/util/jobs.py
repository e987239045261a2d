"""How many worker processes a run may use: `--jobs N`, or one per usable CPU."""

from __future__ import annotations

import os

MAX_JOBS = 64


def usable_cpus() -> int:
    """The CPUs this process may run on (a container's or taskset's limit included)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def parse_jobs(value: str | None) -> int | None:
    """`--jobs`: a number of processes, or None for `auto` (one per usable CPU).

    Raises ValueError, its message the option's whole complaint.
    """
    if value is None or value.strip().lower() == "auto":
        return None
    text = value.strip()
    if text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_JOBS:
        return int(text)
    raise ValueError(
        f"--jobs: '{value}' is not a number of processes from 1 to {MAX_JOBS}, or auto"
    )
