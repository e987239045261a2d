"""Who a rotation puts on call at a moment: handoffs at local time, overrides first."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from crisiskit.model.plan import Plan
from crisiskit.model.team import Rotation


def rotation_zone(rotation: Rotation, plan: Plan) -> ZoneInfo:
    return ZoneInfo(rotation.timezone or plan.organization.default_timezone)


def on_call(rotation: Rotation, plan: Plan, at: datetime) -> str | None:
    """The person id on call at ``at`` (timezone-aware); None before the rotation starts.

    Handoffs happen at the same wall-clock time in the rotation's timezone, also across a
    clock change (a weekly shift then lasts 167 or 169 hours). The last override that
    covers the moment wins.
    """
    local = at.astimezone(rotation_zone(rotation, plan)).replace(tzinfo=None)
    for override in reversed(rotation.overrides):
        if override.start <= local < override.end:
            return override.person
    first = datetime.combine(rotation.start, time()) + timedelta(minutes=rotation.handoff_time)
    if local < first:
        return None
    shifts = (local - first) // rotation.length
    return rotation.members[shifts % len(rotation.members)]
