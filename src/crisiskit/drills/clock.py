"""Drill time: real time, sped up, or advanced by hand from inject to inject."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from crisiskit.model.drills import Inject


@dataclass
class DrillClock:
    """Drill time since the start: wall-clock time × ``speed``, or set by hand (manual)."""

    speed: float = 1.0
    manual: bool = False
    monotonic: Callable[[], float] = time.monotonic
    _start: float = field(init=False)
    _manual_time: timedelta = field(init=False, default=timedelta(0))
    _skipped: timedelta = field(init=False, default=timedelta(0))

    def __post_init__(self) -> None:
        self._start = self.monotonic()

    def elapsed(self) -> timedelta:
        if self.manual:
            return self._manual_time
        seconds = (self.monotonic() - self._start) * self.speed
        return timedelta(seconds=int(seconds)) + self._skipped

    def advance_to(self, moment: timedelta) -> None:
        """Move drill time forward (never back) to ``moment``: `next` skips ahead."""
        if self.manual:
            self._manual_time = max(self._manual_time, moment)
        else:
            self._skipped += max(timedelta(0), moment - self.elapsed())

    def seconds_until(self, moment: timedelta) -> float | None:
        """Real seconds until drill time reaches ``moment``; None in manual mode."""
        if self.manual:
            return None
        remaining = (moment - self.elapsed()).total_seconds() / self.speed
        return max(0.0, remaining)


@dataclass
class InjectFeed:
    """The scenario's injects in time order, each handed out once when its time comes."""

    injects: list[Inject]
    shown: int = 0

    def __post_init__(self) -> None:
        self.injects = sorted(self.injects, key=lambda inject: inject.at)

    def due(self, now: timedelta) -> list[Inject]:
        """Injects whose time has come and that were not shown yet."""
        ready = []
        while self.shown < len(self.injects) and self.injects[self.shown].at <= now:
            ready.append(self.injects[self.shown])
            self.shown += 1
        return ready

    def next_at(self) -> timedelta | None:
        """When the next inject is due, or None when all were shown."""
        return self.injects[self.shown].at if self.shown < len(self.injects) else None
