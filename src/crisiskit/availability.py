"""When people can be reached: weekly working hours across timezones and DST.

Working hours are written in each person's own timezone. Coverage is computed on
a concrete week with zoneinfo, never with fixed offsets, so daylight-saving
changes and half-hour zones come out right.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from crisiskit.model.plan import Plan
from crisiskit.model.team import Person, Role

HOURS_PER_WEEK = 168
# Coverage is checked every 15 minutes; an hour is covered only if all four are.
_STEP = timedelta(minutes=15)


def person_zone(person: Person, plan: Plan) -> ZoneInfo:
    return ZoneInfo(person.timezone or plan.organization.default_timezone)


def is_available(person: Person, plan: Plan, at: datetime) -> bool:
    """Whether ``at`` (timezone-aware) falls in one of the person's working-hours windows."""
    local = at.astimezone(person_zone(person, plan))
    minute = local.hour * 60 + local.minute
    today = local.weekday()
    yesterday = (today - 1) % 7
    for window in person.working_hours:
        days = {day.number for day in window.days}
        if window.end > window.start:
            if today in days and window.start <= minute < window.end:
                return True
        else:  # crosses midnight: from start on a listed day until end the next day
            if today in days and minute >= window.start:
                return True
            if yesterday in days and minute < window.end:
                return True
    return False


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


def _covers_whole_hour(person: Person, plan: Plan, start: datetime) -> bool:
    return all(is_available(person, plan, start + _STEP * i) for i in range(4))


def role_coverage(plan: Plan, role: Role, zone: ZoneInfo, week_of: date) -> list[HourCell]:
    """The 168 hours of the week containing ``week_of``, in ``zone``, for one role.

    Hours are counted in UTC from Monday 00:00 local time, so a DST week still has
    168 cells; each cell's ``start`` is shown in ``zone``.
    """
    people = {p.id: p for p in plan.people}
    primary = people.get(role.primary)
    backups = [people[b] for b in role.backups if b in people]
    origin = week_start(week_of, zone).astimezone(ZoneInfo("UTC"))
    cells = []
    for hour in range(HOURS_PER_WEEK):
        start = (origin + timedelta(hours=hour)).astimezone(zone)
        cells.append(
            HourCell(
                start=start,
                primary=primary is not None and _covers_whole_hour(primary, plan, start),
                backups=tuple(b.id for b in backups if _covers_whole_hour(b, plan, start)),
            )
        )
    return cells


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
