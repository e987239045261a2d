"""`chart coverage`: a weekday × hour grid per critical role: primary, backup only, nobody.

The grid is wall-clock time in the chart's timezone: row "Sun", column 01 is Sunday
01:00 on the clocks there, also in a week when the clocks change. An hour the clocks skip
has no cell; an hour they repeat counts as covered only if both occurrences are.
Working hours are read in each person's own timezone, DST included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from rich.console import Group, RenderableType
from rich.text import Text

from crisiskit.model.plan import Plan
from crisiskit.model.team import Role
from crisiskit.oncall.availability import week_start, works_hour
from crisiskit.output.markup import md_cell, mermaid_text

_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
# Symbols and colours together, so the grid reads in black and white too.
PRIMARY, BACKUP, NOBODY, SKIPPED = "█", "▒", "·", " "


@dataclass(frozen=True, slots=True)
class Slot:
    """One wall-clock hour of the week in the chart's timezone."""

    day: int  # 0 = Monday
    hour: int
    starts: tuple[datetime, ...]  # none when the clocks skip the hour, two when they repeat it
    primary: bool  # the primary works all of it
    backups: tuple[str, ...]  # backups who work all of it
    covered: bool  # someone works every minute of it

    @property
    def exists(self) -> bool:
        return bool(self.starts)

    @property
    def symbol(self) -> str:
        if not self.exists:
            return SKIPPED
        return PRIMARY if self.primary else BACKUP if self.covered else NOBODY

    @property
    def label(self) -> str:
        return f"{_DAYS[self.day]} {self.hour:02d}:00"


@dataclass(frozen=True, slots=True)
class RoleGrid:
    role: str
    name: str
    timezone: str
    monday: date
    slots: list[Slot]  # 7 × 24, Monday 00:00 first

    @property
    def gaps(self) -> list[str]:
        """Uncovered stretches as readable ranges: ``Sat 20:00–22:00``, ``Fri 22:00–Sat 06:00``."""
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
                    end = f"{_DAYS[end_day % 7]} {end}"
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

    @property
    def uncovered_hours(self) -> int:
        return sum(1 for s in self.slots if s.exists and not s.covered)

    def rows(self) -> list[tuple[str, list[Slot]]]:
        return [(_DAYS[day], self.slots[day * 24 : day * 24 + 24]) for day in range(7)]


def _occurrences(day: date, hour: int, zone: ZoneInfo) -> tuple[datetime, ...]:
    """The instants at which the clocks in ``zone`` show ``day`` ``hour``:00."""
    wall = datetime.combine(day, time(hour))
    found: list[datetime] = []
    for fold in (0, 1):
        moment = wall.replace(tzinfo=zone, fold=fold).astimezone(UTC)
        if moment.astimezone(zone).replace(tzinfo=None) == wall and moment not in found:
            found.append(moment)
    return tuple(found)


def _grid(plan: Plan, role: Role, zone: ZoneInfo, monday: date) -> list[Slot]:
    people = {p.id: p for p in plan.people}
    primary = people.get(role.primary)
    backups = [people[b] for b in role.backups if b in people]
    holders = ([primary] if primary else []) + backups
    slots = []
    for day in range(7):
        for hour in range(24):
            starts = _occurrences(monday + timedelta(days=day), hour, zone)
            slots.append(
                Slot(
                    day=day,
                    hour=hour,
                    starts=starts,
                    primary=bool(starts)
                    and primary is not None
                    and all(works_hour(primary, plan, s) for s in starts),
                    backups=tuple(
                        b.id
                        for b in backups
                        if starts and all(works_hour(b, plan, s) for s in starts)
                    ),
                    covered=bool(starts)
                    and all(any(works_hour(p, plan, s) for p in holders) for s in starts),
                )
            )
    return slots


def build(plan: Plan, zone: ZoneInfo, week_of: date) -> list[RoleGrid]:
    monday = week_start(week_of, zone).date()
    return [
        RoleGrid(role.id, role.name, zone.key, monday, _grid(plan, role, zone, monday))
        for role in plan.roles
        if role.critical
    ]


def to_json(grids: list[RoleGrid]) -> list[dict[str, Any]]:
    return [
        {
            "role": g.role,
            "name": g.name,
            "timezone": g.timezone,
            "week_of": g.monday.isoformat(),
            "uncovered_hours": g.uncovered_hours,
            "gaps": g.gaps,
            "clock_changes": g.clock_changes,
            "hours": [
                {
                    "day": _DAYS[s.day],
                    "hour": s.hour,
                    "starts": [
                        start.astimezone(ZoneInfo(g.timezone)).isoformat() for start in s.starts
                    ],
                    "primary": s.primary,
                    "backups": list(s.backups),
                    "covered": s.covered,
                }
                for s in g.slots
            ],
        }
        for g in grids
    ]


_LEGEND = f"{PRIMARY} primary  {BACKUP} backup only  {NOBODY} nobody"
_HOURS = "     " + "".join(f"{h:<3d}" for h in range(0, 24, 3))


def _title(grid: RoleGrid) -> str:
    return f"{grid.name} — {grid.timezone}, week of Mon {grid.monday.isoformat()}"


def rich(grids: list[RoleGrid]) -> RenderableType:
    parts: list[RenderableType] = []
    for grid in grids:
        parts.append(Text(_title(grid), style="bold"))
        parts.append(Text(_HOURS))
        for day, slots in grid.rows():
            line = Text(f"{day}  ")
            for slot in slots:
                style = "green" if slot.primary else "yellow" if slot.covered else "bold red"
                line.append(slot.symbol, style=style)
            parts.append(line)
        for note in grid.clock_changes:
            parts.append(Text(f"  ⟳ {note}", style="dim"))
        gaps = grid.gaps
        parts.append(
            Text(
                f"  ✗ uncovered: {', '.join(gaps)}" if gaps else "  ✓ covered around the clock",
                style="bold red" if gaps else "green",
            )
        )
        parts.append(Text(""))
    parts.append(Text(_LEGEND, style="dim"))
    return Group(*parts)


def markdown(grids: list[RoleGrid]) -> str:
    lines: list[str] = []
    for grid in grids:
        lines.append(f"#### {md_cell(_title(grid))}")
        lines.append("")
        lines.append("```text")
        lines.append(_HOURS)
        for day, slots in grid.rows():
            lines.append(f"{day}  " + "".join(s.symbol for s in slots))
        lines.append("```")
        lines.append("")
        lines += [f"⟳ {note}  " for note in grid.clock_changes]
        gaps = grid.gaps
        lines.append(f"✗ uncovered: {', '.join(gaps)}" if gaps else "✓ covered around the clock")
        lines.append("")
    lines.append(_LEGEND)
    return "\n".join(lines) + "\n"


def _wall(monday: date, index: int) -> str:
    """Slot ``index`` of the week as the wall-clock time Mermaid reads, e.g. 2026-11-23 07:00."""
    moment = datetime.combine(monday, time()) + timedelta(hours=index)
    return moment.strftime("%Y-%m-%d %H:%M")


def mermaid(grids: list[RoleGrid]) -> str:
    timezones = sorted({g.timezone for g in grids})
    lines = [
        # Compact: a role's runs share one row instead of a staircase of 168 hours.
        "---",
        "displayMode: compact",
        "---",
        "gantt",
        f"  title Coverage of critical roles ({mermaid_text(', '.join(timezones))})",
        "  dateFormat YYYY-MM-DD HH:mm",
        "  axisFormat %a %H:%M",
        "  todayMarker off",
    ]
    for grid in grids:
        lines.append(f"  section {mermaid_text(grid.name)}")
        # Wall-clock start and end, not durations: a run across a clock change still
        # spans the hours its clocks show.
        existing = [(i, s) for i, s in enumerate(grid.slots) if s.exists]
        run_start = 0
        for k in range(1, len(existing) + 1):
            if k < len(existing) and existing[k][1].symbol == existing[run_start][1].symbol:
                continue
            first, slot = existing[run_start]
            last = existing[k - 1][0]
            label = "primary" if slot.primary else "backup" if slot.covered else "uncovered"
            tag = "" if slot.primary else "active, " if slot.covered else "crit, "
            lines.append(
                f"  {label} :{tag}{_wall(grid.monday, first)}, {_wall(grid.monday, last + 1)}"
            )
            run_start = k
    return "\n".join(lines) + "\n"
