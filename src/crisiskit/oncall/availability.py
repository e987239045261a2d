"""When people can be reached: weekly working hours across timezones and DST.

Working hours are written in each person's own timezone. Coverage is computed on
a concrete week with zoneinfo, never with fixed offsets, so daylight-saving
changes and half-hour zones come out right.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from crisiskit.model.plan import Plan
from crisiskit.model.team import Person, Role

HOURS_PER_WEEK = 168
# Coverage is checked every 15 minutes; an hour is covered only if all four are.
_STEP = timedelta(minutes=15)
_STEPS_PER_HOUR = 4


def person_zone(person: Person, plan: Plan) -> ZoneInfo:
    return ZoneInfo(person.timezone or plan.organization.default_timezone)


# A window as plain values: the days it starts on, and its start and end minutes.
_Window = tuple[frozenset[int], int, int]


def _windows(person: Person) -> tuple[_Window, ...]:
    return tuple(
        (frozenset(day.number for day in w.days), w.start, w.end) for w in person.working_hours
    )


def _in_windows(windows: tuple[_Window, ...], today: int, minute: int) -> bool:
    yesterday = (today - 1) % 7
    for days, start, end in windows:
        if end > start:
            if today in days and start <= minute < end:
                return True
        else:  # crosses midnight: from start on a listed day until end the next day
            if today in days and minute >= start:
                return True
            if yesterday in days and minute < end:
                return True
    return False


def is_available(person: Person, plan: Plan, at: datetime) -> bool:
    """Whether ``at`` (timezone-aware) falls in one of the person's working-hours windows."""
    local = at.astimezone(person_zone(person, plan))
    return _in_windows(_windows(person), local.weekday(), local.hour * 60 + local.minute)


def _works_hour(zone: ZoneInfo, windows: tuple[_Window, ...], start: datetime) -> bool:
    return all(
        _in_windows(windows, local.weekday(), local.hour * 60 + local.minute)
        for local in ((start + _STEP * i).astimezone(zone) for i in range(_STEPS_PER_HOUR))
    )


def works_hour(person: Person, plan: Plan, start: datetime) -> bool:
    """Whether the person works all of the hour from ``start`` (sampled every 15 minutes)."""
    return _works_hour(person_zone(person, plan), _windows(person), start)


@lru_cache(maxsize=4096)
def _whole_hours(zone: ZoneInfo, windows: tuple[_Window, ...], origin: datetime) -> int:
    """Bit ``h`` is set when the person works all of hour ``h`` of the week from ``origin``.

    Memoised: an agency's shared staff appear in every client plan with the same hours.
    """
    mask = 0
    for hour in range(HOURS_PER_WEEK):
        if _works_hour(zone, windows, origin + timedelta(hours=hour)):
            mask |= 1 << hour
    return mask


def _holder_hours(
    plan: Plan, role: Role, zone: ZoneInfo, week_of: date
) -> tuple[datetime, int, list[tuple[str, int]]]:
    """The week's origin (UTC), and the whole-hour masks of the primary and of each backup."""
    people = {p.id: p for p in plan.people}
    origin = week_start(week_of, zone).astimezone(UTC)

    def hours(person: Person) -> int:
        return _whole_hours(person_zone(person, plan), _windows(person), origin)

    primary = people.get(role.primary)
    backups = [(b, hours(people[b])) for b in role.backups if b in people]
    return origin, hours(primary) if primary is not None else 0, backups


def uncovered_hours(plan: Plan, role: Role, zone: ZoneInfo, week_of: date) -> int:
    """How many hours of the week no holder of the role works throughout."""
    _, primary, backups = _holder_hours(plan, role, zone, week_of)
    covered = primary
    for _, mask in backups:
        covered |= mask
    return HOURS_PER_WEEK - covered.bit_count()


@dataclass(frozen=True, slots=True)
class HourCell:
    """One hour of the week in the chart's timezone, and who covers all of it."""

    start: datetime
    primary: bool
    backups: tuple[str, ...]

    @property
    def covered(self) -> bool:
        return self.primary or bool(self.backups)


def week_start(day: date, zone: ZoneInfo) -> datetime:
    """Monday 00:00 of the week containing ``day``, in ``zone``."""
    monday = day - timedelta(days=day.weekday())
    return datetime(monday.year, monday.month, monday.day, tzinfo=zone)


def role_coverage(plan: Plan, role: Role, zone: ZoneInfo, week_of: date) -> list[HourCell]:
    """The 168 hours of the week containing ``week_of``, in ``zone``, for one role.

    Hours are counted in UTC from Monday 00:00 local time, so a DST week still has
    168 cells; each cell's ``start`` is shown in ``zone``.
    """
    origin, primary, backups = _holder_hours(plan, role, zone, week_of)
    return [
        HourCell(
            start=(origin + timedelta(hours=hour)).astimezone(zone),
            primary=bool(primary >> hour & 1),
            backups=tuple(b for b, mask in backups if mask >> hour & 1),
        )
        for hour in range(HOURS_PER_WEEK)
    ]


def uncovered(cells: list[HourCell]) -> list[HourCell]:
    return [cell for cell in cells if not cell.covered]


def describe_gaps(cells: list[HourCell]) -> list[str]:
    """Uncovered stretches as readable ranges: ``Sat 20:00–22:00``."""
    gaps: list[str] = []
    run: list[HourCell] = []
    for cell in [*cells, None]:
        if cell is not None and not cell.covered:
            run.append(cell)
            continue
        if run:
            first, last = run[0].start, run[-1].start + timedelta(hours=1)
            gaps.append(f"{first:%a %H:%M}–{last:%H:%M}" + ("" if len(run) < 24 else " …"))
            run = []
    return gaps
