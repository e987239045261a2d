"""`chart coverage`: a weekday × hour grid per critical role: primary, backup only, nobody.

The grid is the one coverage model (:mod:`crisiskit.oncall.coverage`) that CK205 reads
too, drawn in wall-clock time in the chart's timezone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from rich.console import Group, RenderableType
from rich.text import Text

from crisiskit.model.plan import Plan
from crisiskit.oncall.coverage import DAYS, Slot, WeekCoverage, week_coverage
from crisiskit.output.markup import md_cell, mermaid_text

# Symbols and colours together, so the grid reads in black and white too.
PRIMARY, BACKUP, NOBODY, SKIPPED = "█", "▒", "·", " "


def symbol(slot: Slot) -> str:
    if not slot.exists:
        return SKIPPED
    return PRIMARY if slot.first_line else BACKUP if slot.covered else NOBODY


def build(plan: Plan, zone: ZoneInfo, week_of: date) -> list[WeekCoverage]:
    return [week_coverage(plan, role, zone, week_of) for role in plan.roles if role.critical]


def to_json(grids: list[WeekCoverage]) -> list[dict[str, Any]]:
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
                    "day": DAYS[s.day],
                    "hour": s.hour,
                    "starts": [
                        start.astimezone(ZoneInfo(g.timezone)).isoformat() for start in s.starts
                    ],
                    "primary": s.primary,
                    "backups": list(s.backups),
                    "on_call": s.on_call,
                    "covered": s.covered,
                }
                for s in g.slots
            ],
        }
        for g in grids
    ]


_LEGEND = f"{PRIMARY} primary  {BACKUP} backup only  {NOBODY} nobody"
_HOURS = "     " + "".join(f"{h:<3d}" for h in range(0, 24, 3))


def _title(grid: WeekCoverage) -> str:
    return f"{grid.name} — {grid.timezone}, week of Mon {grid.monday.isoformat()}"


def rich(grids: list[WeekCoverage]) -> RenderableType:
    parts: list[RenderableType] = []
    for grid in grids:
        parts.append(Text(_title(grid), style="bold"))
        parts.append(Text(_HOURS))
        for day, slots in grid.rows():
            line = Text(f"{day}  ")
            for slot in slots:
                style = "green" if slot.first_line else "yellow" if slot.covered else "bold red"
                line.append(symbol(slot), style=style)
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


def markdown(grids: list[WeekCoverage]) -> str:
    lines: list[str] = []
    for grid in grids:
        lines.append(f"#### {md_cell(_title(grid))}")
        lines.append("")
        lines.append("```text")
        lines.append(_HOURS)
        for day, slots in grid.rows():
            lines.append(f"{day}  " + "".join(symbol(s) for s in slots))
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


@dataclass(frozen=True, slots=True)
class GanttWords:
    """The chart's own words; the time axis is Mermaid's (its weekdays are English)."""

    title: str = "Coverage of critical roles"
    primary: str = "primary"
    backup: str = "backup"
    uncovered: str = "uncovered"


def mermaid(grids: list[WeekCoverage], words: GanttWords | None = None) -> str:
    words = words or GanttWords()
    timezones = sorted({g.timezone for g in grids})
    lines = [
        # Compact: a role's runs share one row instead of a staircase of 168 hours.
        "---",
        "displayMode: compact",
        "---",
        "gantt",
        f"  title {mermaid_text(words.title)} ({mermaid_text(', '.join(timezones))})",
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
            if k < len(existing) and symbol(existing[k][1]) == symbol(existing[run_start][1]):
                continue
            first, slot = existing[run_start]
            last = existing[k - 1][0]
            label = (
                words.primary
                if slot.first_line
                else words.backup
                if slot.covered
                else words.uncovered
            )
            tag = "" if slot.first_line else "active, " if slot.covered else "crit, "
            lines.append(
                f"  {label} :{tag}{_wall(grid.monday, first)}, {_wall(grid.monday, last + 1)}"
            )
            run_start = k
    return "\n".join(lines) + "\n"
