"""Plans checked in worker processes when a run holds many of them.

An agency's directory is hundreds of client plans, each loaded, validated and linted on
its own: the work divides plan by plan, and a CI runner has several CPUs. So a run with
enough plans checks its first plan itself, which loads the rules, builds the validators
and reads the shared fragment, then forks workers that share all that (copy-on-write);
each checks a slice of the other plans with its copy of the file cache, and the parent takes
their results in the plans' order, so the report is the one a single process makes:
the same findings, files, suppressions and findings-cache inputs (tests compare them).

The parent stays in charge of the run: what a worker could not finish (a crash, a
killed process, a result that could not be sent back) is checked again in the parent,
which then fails exactly as a run without workers fails. Forking is used only where it
is the platform's own way (Linux); elsewhere, and for a few plans, the plans are checked
in this process.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from crisiskit.diagnostics.findings import Finding
from crisiskit.diagnostics.suppressions import Suppression
from crisiskit.loader import FileCache, LoadedPlan
from crisiskit.util import inputs
from crisiskit.util.jobs import usable_cpus
from crisiskit.validation.plans import Run, check_plan_findings

if TYPE_CHECKING:  # the pool's modules load only for a run that starts workers
    from concurrent.futures import Future, ProcessPoolExecutor

# Below this many plans per worker, starting workers costs more than it saves: a plan
# takes 5-20 ms of CPU to check; forked warm, the workers of 17 plans added no CPU time
# measurable in their run (0.38 s with and without), but a fork and its results' trip
# back are some milliseconds of wall time each.
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
    when that is worthwhile.

    The files up to the first plan are checked here first: that plan loads what every
    check needs (the rules, the validators pydantic builds on first use, the sandbox,
    the shared fragment in the file cache), which the workers forked next then share
    instead of each loading it again.
    """
    if worker_count(len(paths), run.jobs) == 0:
        yield from (check_one(path, cache, run, broken_is_plan) for path in paths)
        return
    start = 0
    while start < len(paths):
        checked = check_one(paths[start], cache, run, broken_is_plan)
        start += 1
        yield checked
        if checked.loaded is not None:
            break
    rest = list(paths[start:])
    workers = worker_count(len(rest), run.jobs)
    if workers == 0:
        yield from (check_one(path, cache, run, broken_is_plan) for path in rest)
    else:
        yield from _in_workers(rest, cache, run, broken_is_plan, workers)


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
    task = _Task(cache, run, broken_is_plan)
    size = max(1, -(-len(paths) // (workers * _SLICES_PER_WORKER)))
    slices = [paths[start : start + size] for start in range(0, len(paths), size)]
    pool = _pool(workers, task)
    if pool is None:  # no process pool here (a sandbox without POSIX semaphores)
        yield from (check_one(path, cache, run, broken_is_plan) for path in paths)
        return
    finished = False
    try:
        with _interrupts_held():  # until the workers, forked in submit(), ignore them
            futures = [pool.submit(_check_slice, part) for part in slices]
        for part, future in zip(slices, futures, strict=True):
            yield from _taken(part, future, task)
        finished = True
    finally:
        if not finished:  # interrupted, or an error: the slices queued are not wanted
            _stop(pool)
        pool.shutdown(wait=True, cancel_futures=True)


def _pool(workers: int, task: _Task) -> ProcessPoolExecutor | None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        return ProcessPoolExecutor(
            workers, multiprocessing.get_context("fork"), _start, (task, os.getpid())
        )
    except (OSError, NotImplementedError):
        return None


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """Ctrl-C is the run's to take (it then ends its workers): one arriving while workers
    are forked waits until they ignore it, so none is killed half started."""
    import signal

    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Ends the workers now: Ctrl-C must not wait for the slices already queued to them.
    (Python 3.14 has ``terminate_workers()``; before it, the pool's own process table.)"""
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        process.kill()


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


def _start(task: _Task, parent: int) -> None:
    import signal

    global _task
    _task = task
    # Ctrl-C reaches every process of the terminal's group: the run takes it and ends
    # the workers; a worker would only print a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _end_with(parent)


def _end_with(parent: int) -> None:
    """A worker ends when its run does: a run killed alone (SIGTERM to the one process, as
    CI runners and supervisors send) would leave it waiting forever for plans."""
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # without prctl: the parent's own exit still stops its pool
    if os.getppid() != parent:  # the run ended before the request took effect
        os._exit(1)


_PR_SET_PDEATHSIG = 1  # <sys/prctl.h>


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
