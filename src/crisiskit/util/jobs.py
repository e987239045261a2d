"""How many worker processes a run may use: `--jobs N`, or one per usable CPU."""

from __future__ import annotations

import os

MAX_JOBS = 64


def usable_cpus() -> int:
    """The CPUs this process may use: those it may run on (taskset, a container's
    cpuset), no more than a container's CPU quota (`docker run --cpus 2` on a large host)."""
    affinity = getattr(os, "sched_getaffinity", None)
    cpus = len(affinity(0)) if affinity is not None else (os.cpu_count() or 1)
    quota = cpu_quota()
    return max(1, min(cpus, quota) if quota is not None else cpus)


# cgroup v2, then v1: the quota of CPU time per period ("max" or -1: none).
_CGROUP_QUOTAS = (
    ("/sys/fs/cgroup/cpu.max", None),
    ("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "/sys/fs/cgroup/cpu/cpu.cfs_period_us"),
)


def cpu_quota(files: tuple[tuple[str, str | None], ...] = _CGROUP_QUOTAS) -> int | None:
    """Whole CPUs a cgroup quota allows (rounded up), or None without a quota."""
    for quota_file, period_file in files:
        try:
            with open(quota_file, encoding="ascii") as handle:
                words = handle.read().split()
            if period_file is not None:
                with open(period_file, encoding="ascii") as handle:
                    words += handle.read().split()
        except (OSError, UnicodeDecodeError):
            continue
        try:
            quota, period = int(words[0]), int(words[1])
        except (ValueError, IndexError):
            return None  # "max": no quota
        return -(-quota // period) if quota > 0 and period > 0 else None
    return None


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
