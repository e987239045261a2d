"""Plans checked in worker processes when a run holds many of them.

An agency's directory is hundreds of client plans, each loaded, validated and linted on
its own: the work divides plan by plan, and a CI runner has several CPUs. So a run with
enough plans forks workers (they share the parent's imported modules, copy-on-write),
each checks a slice of the plans with a file cache of its own, and the parent takes
their results in the plans' order, so the report is the one a single process makes:
the same findings, files, suppressions and findings-cache inputs (tests compare them).

The parent stays in charge of the run: what a worker could not finish (a crash, a
killed process, a result that could not be sent back) is checked again in the parent,
which then fails exactly as a run without workers fails. Forking is used only where it
is the platform's own way (Linux); elsewhere, and for a few plans, the plans are checked
in this process.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from crisiskit.diagnostics.findings import Finding
from crisiskit.diagnostics.suppressions import Suppression
from crisiskit.loader import FileCache, LoadedPlan
from crisiskit.util import inputs
from crisiskit.util.jobs import usable_cpus
from crisiskit.validation.plans import Run, check_plan_findings

# Below this many plans per worker, starting workers costs more than it saves (a plan
# takes 5-20 ms to check; a worker a few milliseconds to fork and to send results back).
MIN_PLANS_PER_WORKER = 8
# Plans handed to a worker at a time: large enough to send few messages, small enough
# that the workers finish together.
_SLICES_PER_WORKER = 4


@dataclass(slots=True)
class Checked:
    """One path of the run: what it is, and a plan's findings.

    ``error`` is the reason the file could not be read (``display`` is empty then);
    ``loaded`` is None for a file that is not a plan (when plans only were not asked).
    From a worker, ``loaded`` carries what the run needs of the plan (its file, path and
    the fragments and records it read), not its model.
    """

    path: Path
    display: str = ""
    error: str | None = None
    loaded: LoadedPlan | None = None
    found: list[Finding] = field(default_factory=list)


def worker_count(plans: int, jobs: int | None) -> int:
    """How many workers check ``plans`` plans: ``jobs`` (None: one per usable CPU), fewer
    when there are too few plans to share, and none (0) when this process should."""
    wanted = usable_cpus() if jobs is None else jobs
    wanted = min(wanted, plans // MIN_PLANS_PER_WORKER)
    if wanted < 2 or sys.platform != "linux":
        return 0
    return wanted


def check_all(
    paths: Sequence[Path], cache: FileCache, run: Run, broken_is_plan: bool
) -> Iterator[Checked]:
    """Each path checked, in order (see ``check_one``), in ``run.jobs`` worker processes
    when that is worthwhile."""
    workers = worker_count(len(paths), run.jobs)
    if workers == 0:
        for path in paths:
            yield check_one(path, cache, run, broken_is_plan)
        return
    yield from _in_workers(list(paths), cache, run, broken_is_plan, workers)


def check_one(path: Path, cache: FileCache, run: Run, broken_is_plan: bool) -> Checked:
    """A file of the run: a plan loaded and linted; anything else, only read. A file
    whose YAML is broken is checked as the plan it may be when ``broken_is_plan``."""
    try:
        source = cache.get(path)
    except OSError as exc:
        return Checked(path, error=exc.strerror or str(exc))
    broken = not source.composed.ok
    if not source.is_plan and not (broken and broken_is_plan):
        return Checked(path, source.display)
    found, loaded = check_plan_findings(path, cache, run)
    return Checked(path, loaded.file, loaded=loaded, found=found)


def _in_workers(
    paths: list[Path], cache: FileCache, run: Run, broken_is_plan: bool, workers: int
) -> Iterator[Checked]:
    import multiprocessing

    size = max(1, -(-len(paths) // (workers * _SLICES_PER_WORKER)))
    slices = [paths[start : start + size] for start in range(0, len(paths), size)]
    task = _Task(cache, run, broken_is_plan)
    try:
        pool = ProcessPoolExecutor(workers, multiprocessing.get_context("fork"), _start, (task,))
    except (OSError, NotImplementedError):
        # No process pool here (a sandbox without POSIX semaphores): this process does it.
        yield from (check_one(path, cache, run, broken_is_plan) for path in paths)
        return
    try:
        futures = [pool.submit(_check_slice, part) for part in slices]
        for part, future in zip(slices, futures, strict=True):
            yield from _taken(part, future, task)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _taken(
    part: list[Path], future: Future[tuple[list[Checked], _Sent]], task: _Task
) -> Iterator[Checked]:
    """A worker's results, merged into this process's run; what it could not do (any
    failure, even a lost worker) is done here, and fails here as it would alone."""
    try:
        results, sent = future.result()
    except Exception:
        yield from (check_one(path, task.cache, task.run, task.broken_is_plan) for path in part)
        return
    if sent.recorded is not None:
        inputs.merge(sent.recorded)
    task.cache.read_elsewhere(sent.suppressions)
    yield from results


@dataclass(frozen=True, slots=True)
class _Task:
    cache: FileCache
    run: Run
    broken_is_plan: bool


@dataclass(frozen=True, slots=True)
class _Sent:
    """What a worker sends back with a slice's results besides them: the suppression
    comments of every file it has read, and the findings-cache inputs of the slice."""

    suppressions: dict[str, list[Suppression]]
    recorded: dict[str, dict[str, str]] | None


# In a worker: the task it was forked with (its file cache starts as the parent's).
_task: _Task | None = None


def _start(task: _Task) -> None:
    global _task
    _task = task


def _check_slice(part: list[Path]) -> tuple[list[Checked], _Sent]:
    task = _task
    assert task is not None
    with inputs.recording_if_active() as recorded:
        results = [check_one(path, task.cache, task.run, task.broken_is_plan) for path in part]
    for checked in results:
        if checked.loaded is not None:
            checked.loaded = _summary(checked.loaded)
    return results, _Sent(
        task.cache.suppressions(), recorded.as_json() if recorded is not None else None
    )


def _summary(loaded: LoadedPlan) -> LoadedPlan:
    """What the parent needs of a plan checked in a worker: never its model."""
    return LoadedPlan(
        loaded.file,
        loaded.path,
        loaded.root,
        fragments=list(loaded.fragments),
        records=list(loaded.records),
    )
