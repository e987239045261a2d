"""When people can be reached: weekly working hours across timezones and DST.

Working hours are written in each person's own timezone. Coverage is computed on
a concrete week with zoneinfo, never with fixed offsets, so daylight-saving
changes and half-hour zones come out right.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from crisiskit.model.plan import Plan
from crisiskit.model.team import Person


def person_zone(person: Person, plan: Plan) -> ZoneInfo:
    return ZoneInfo(person.timezone or plan.organization.default_timezone)


# A window as plain values: the days it starts on, and its start and end minutes.
Window = tuple[frozenset[int], int, int]


def windows(person: Person) -> tuple[Window, ...]:
    return tuple(
        (frozenset(day.number for day in w.days), w.start, w.end) for w in person.working_hours
    )


def in_windows(hours: tuple[Window, ...], today: int, minute: int) -> bool:
    yesterday = (today - 1) % 7
    for days, start, end in hours:
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
    return in_windows(windows(person), local.weekday(), local.hour * 60 + local.minute)


def week_start(day: date, zone: ZoneInfo) -> datetime:
    """Monday 00:00 of the week containing ``day``, in ``zone``."""
    monday = day - timedelta(days=day.weekday())
    return datetime(monday.year, monday.month, monday.day, tzinfo=zone)
