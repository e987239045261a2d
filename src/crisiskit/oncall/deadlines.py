"""When a deadline falls, counted the way its law counts it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from crisiskit.model.regulations import Counting

_SATURDAY = 5


def due(at: datetime, within: timedelta, counting: Counting = Counting.HOURS) -> datetime:
    """The moment a deadline of ``within`` from ``at`` falls due, in ``at``'s timezone.

    Hours are absolute time (a clock change does not move 72 hours). Days keep the
    local clock time of ``at``; business days skip Saturdays and Sundays, so 4
    business days from a Friday fall on the next Thursday. Public holidays differ
    per country and year and are not counted.
    """
    if counting is Counting.HOURS:
        return (at.astimezone(UTC) + within).astimezone(at.tzinfo)
    days = within.days
    local = at.replace(tzinfo=None)
    if counting is Counting.CALENDAR_DAYS:
        return _localize(local + timedelta(days=days), at)
    while days > 0:
        local += timedelta(days=1)
        if local.weekday() < _SATURDAY:
            days -= 1
    return _localize(local, at)


def _localize(local: datetime, at: datetime) -> datetime:
    # Same wall-clock time in the zone of `at`; fold 0 resolves a repeated hour.
    moment = local.replace(tzinfo=at.tzinfo)
    return moment.astimezone(UTC).astimezone(at.tzinfo)
