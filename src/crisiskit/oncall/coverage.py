"""Round-the-clock coverage of a role: the one model behind CK205 and `chart coverage`.

The week is wall-clock time in one timezone: slot "Sun 01:00" is Sunday 01:00 on the
clocks there, also in a week when the clocks change. An hour the clocks skip has no
occurrence; an hour they repeat has two, and is covered only if both are. Working hours
are read in each person's own timezone, DST included. Uncovered time is counted in real
hours: a repeated hour nobody covers counts twice, a skipped hour not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from crisiskit.model.index import plan_index
from crisiskit.model.plan import Plan
from crisiskit.model.team import Person, Role
from crisiskit.oncall.availability import Window, in_windows, person_zone, week_start, windows
from crisiskit.oncall.rotation import on_call

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_QUARTER = timedelta(minutes=15)
# The week's instants start at most this long before Monday 00:00 UTC-aligned origin and
# last at most 7 days plus a repeated hour and a whole hour after the last slot.
_MARGIN = timedelta(hours=3)
_QUARTERS = (7 * 24 + 6) * 4
_WHOLE_HOUR = 0b1111


@dataclass(frozen=True, slots=True)
class Slot:
    """One wall-clock hour of the week in the grid's timezone."""

    day: int  # 0 = Monday
    hour: int
    starts: tuple[datetime, ...]  # none when the clocks skip the hour, two when they repeat it
    primary: bool  # the primary works all of every occurrence
    backups: tuple[str, ...]  # backups who work all of every occurrence
    uncovered_occurrences: int  # occurrences in which nobody works the whole hour
    on_call: str | None = None  # whom the role's rotation puts on call for the whole hour

    @property
    def first_line(self) -> bool:
        """The primary works, or the rotation has someone on call, throughout."""
        return self.primary or self.on_call is not None

    @property
    def exists(self) -> bool:
        return bool(self.starts)

    @property
    def covered(self) -> bool:
        return self.exists and self.uncovered_occurrences == 0

    @property
    def label(self) -> str:
        return f"{DAYS[self.day]} {self.hour:02d}:00"


@dataclass(frozen=True, slots=True)
class WeekCoverage:
    role: str
    name: str
    timezone: str
    monday: date
    slots: list[Slot]  # 7 × 24, Monday 00:00 first

    @property
    def uncovered_hours(self) -> int:
        """Real hours of the week in which no holder works throughout."""
        return sum(slot.uncovered_occurrences for slot in self.slots)

    @property
    def gaps(self) -> list[str]:
        """Uncovered stretches: ``Sat 20:00–22:00``, ``Fri 22:00–Sat 06:00``, ``all week``."""
        existing = [s for s in self.slots if s.exists]
        if existing and not any(s.covered for s in existing):
            return ["all week"]
        gaps: list[str] = []
        run: list[Slot] = []
        for slot in [*existing, None]:
            if slot is not None and not slot.covered:
                run.append(slot)
                continue
            if run:
                first, last = run[0], run[-1]
                end_day, end_hour = divmod(last.day * 24 + last.hour + 1, 24)
                end = f"{end_hour:02d}:00"
                if end_day != first.day:
                    end = f"{DAYS[end_day % 7]} {end}"
                gaps.append(f"{first.label}–{end}")
                run = []
        return gaps

    @property
    def clock_changes(self) -> list[str]:
        notes = []
        for slot in self.slots:
            if not slot.exists:
                notes.append(f"{slot.label} does not exist (clocks go forward)")
            elif len(slot.starts) > 1:
                notes.append(f"{slot.label} happens twice (clocks go back)")
        return notes

    def rows(self) -> list[tuple[str, list[Slot]]]:
        return [(DAYS[day], self.slots[day * 24 : day * 24 + 24]) for day in range(7)]


def _occurrences(day: date, hour: int, zone: ZoneInfo) -> tuple[datetime, ...]:
    """The instants at which the clocks in ``zone`` show ``day`` ``hour``:00."""
    wall = datetime.combine(day, time(hour))
    found: list[datetime] = []
    for fold in (0, 1):
        moment = wall.replace(tzinfo=zone, fold=fold).astimezone(UTC)
        if moment.astimezone(zone).replace(tzinfo=None) == wall and moment not in found:
            found.append(moment)
    return tuple(found)


@lru_cache(maxsize=256)
def _week_starts(zone: ZoneInfo, monday: date) -> tuple[tuple[datetime, ...], ...]:
    """The occurrences of every wall-clock hour of the week, Monday 00:00 first."""
    return tuple(
        _occurrences(monday + timedelta(days=day), hour, zone)
        for day in range(7)
        for hour in range(24)
    )


@lru_cache(maxsize=4096)
def _quarters_worked(zone: ZoneInfo, hours: tuple[Window, ...], origin: datetime) -> int:
    """Bit ``q`` is set when the person works at ``origin + 15 min × q``.

    Every timezone offset and clock change is a multiple of 15 minutes, so a whole hour
    from any slot start is four consecutive bits. Memoised: an agency's shared staff
    appear in every client plan with the same hours.
    """
    mask = 0
    for quarter in range(_QUARTERS):
        local = (origin + _QUARTER * quarter).astimezone(zone)
        if in_windows(hours, local.weekday(), local.hour * 60 + local.minute):
            mask |= 1 << quarter
    return mask


def _works(mask: int, origin: datetime, start: datetime) -> bool:
    index = (start - origin) // _QUARTER
    return mask >> index & _WHOLE_HOUR == _WHOLE_HOUR


def _holders(
    plan: Plan, role: Role, zone: ZoneInfo, week_of: date
) -> tuple[date, list[str], tuple[tuple[int, int], ...]]:
    """The week's Monday, the backups present, and the role's slot pattern."""
    people = plan_index(plan).people  # per critical role: built once per plan, not per role
    monday = week_start(week_of, zone).date()
    origin = week_start(week_of, zone).astimezone(UTC) - _MARGIN

    def mask(person: Person) -> int:
        return _quarters_worked(person_zone(person, plan), windows(person), origin)

    primary_person = people.get(role.primary)
    primary = mask(primary_person) if primary_person is not None else 0
    backups = [(b, mask(people[b])) for b in role.backups if b in people]
    # The rotation is one more holder: whoever is on call covers the hours they hold it.
    rota = _rotation_mask(plan, role, origin)
    masks = (primary, *(m for _, m in backups), rota)
    pattern = _slot_pattern(zone, monday, origin, masks)
    return monday, [b for b, _ in backups], pattern


def uncovered_hours(plan: Plan, role: Role, zone: ZoneInfo, week_of: date) -> int:
    """``week_coverage(…).uncovered_hours`` without building the week's 168 slots."""
    return sum(uncovered for _, uncovered in _holders(plan, role, zone, week_of)[2])


def week_coverage(plan: Plan, role: Role, zone: ZoneInfo, week_of: date) -> WeekCoverage:
    """Who covers each wall-clock hour of the week containing ``week_of``, in ``zone``."""
    monday, backups, pattern = _holders(plan, role, zone, week_of)
    slots = [
        Slot(
            day=index // 24,
            hour=index % 24,
            starts=starts,
            primary=bool(whole & 1),
            backups=tuple(b for k, b in enumerate(backups) if whole >> (k + 1) & 1),
            uncovered_occurrences=uncovered,
            on_call=_on_call_throughout(plan, role, starts)
            if role.rotation is not None and whole >> (len(backups) + 1) & 1
            else None,
        )
        for index, (starts, (whole, uncovered)) in enumerate(
            zip(_week_starts(zone, monday), pattern, strict=True)
        )
    ]
    return WeekCoverage(role.id, role.name, zone.key, monday, slots)


def _rotation_mask(plan: Plan, role: Role, origin: datetime) -> int:
    """Bit ``q`` is set when the role's rotation has someone on call at that quarter."""
    if role.rotation is None:
        return 0
    people = {p.id for p in plan.people}
    mask = 0
    for quarter in range(_QUARTERS):
        person = on_call(role.rotation, plan, origin + _QUARTER * quarter)
        if person is not None and person in people:
            mask |= 1 << quarter
    return mask


def _on_call_throughout(plan: Plan, role: Role, starts: tuple[datetime, ...]) -> str | None:
    # Handoffs fall on the hour or quarter; the slot names who is on call as it starts.
    assert role.rotation is not None
    return on_call(role.rotation, plan, starts[0])


@lru_cache(maxsize=1024)
def _slot_pattern(
    zone: ZoneInfo, monday: date, origin: datetime, masks: tuple[int, ...]
) -> tuple[tuple[int, int], ...]:
    """Per slot: which holders (bit k for ``masks[k]``) work all of every occurrence, and
    in how many occurrences nobody works the whole hour.

    Memoised on the holders' schedules: roles held by people on the same shifts (hundreds
    of critical roles in a large plan, an agency's shared staff) are computed once.
    """
    pattern = []
    for starts in _week_starts(zone, monday):
        whole = 0
        if starts:
            for k, mask in enumerate(masks):
                if all(_works(mask, origin, s) for s in starts):
                    whole |= 1 << k
        # One person must work the whole hour: a hand-over inside it is a gap.
        uncovered = sum(1 for s in starts if not any(_works(m, origin, s) for m in masks))
        pattern.append((whole, uncovered))
    return tuple(pattern)
