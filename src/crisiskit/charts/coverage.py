"""`chart coverage`: a weekday × hour grid per critical role: primary, backup only, nobody."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from rich.console import Group, RenderableType
from rich.text import Text

from crisiskit.availability import HourCell, describe_gaps, role_coverage
from crisiskit.model.plan import Plan

_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
# Symbols and colours together, so the grid reads in black and white too.
PRIMARY, BACKUP, NOBODY = "█", "▒", "·"


@dataclass(frozen=True, slots=True)
class RoleGrid:
    role: str
    name: str
    timezone: str
    week_of: date
    cells: list[HourCell]

    @property
    def gaps(self) -> list[str]:
        return describe_gaps(self.cells)

    def symbol(self, cell: HourCell) -> str:
        return PRIMARY if cell.primary else BACKUP if cell.backups else NOBODY

    def rows(self) -> list[tuple[str, list[HourCell]]]:
        return [(_DAYS[day], self.cells[day * 24 : day * 24 + 24]) for day in range(7)]


def build(plan: Plan, zone: ZoneInfo, week_of: date) -> list[RoleGrid]:
    return [
        RoleGrid(role.id, role.name, zone.key, week_of, role_coverage(plan, role, zone, week_of))
        for role in plan.roles
        if role.critical
    ]


def to_json(grids: list[RoleGrid]) -> list[dict[str, Any]]:
    return [
        {
            "role": g.role,
            "name": g.name,
            "timezone": g.timezone,
            "week_of": g.week_of.isoformat(),
            "uncovered_hours": sum(1 for c in g.cells if not c.covered),
            "gaps": g.gaps,
            "hours": [
                {
                    "start": c.start.isoformat(),
                    "primary": c.primary,
                    "backups": list(c.backups),
                }
                for c in g.cells
            ],
        }
        for g in grids
    ]


_LEGEND = f"{PRIMARY} primary  {BACKUP} backup only  {NOBODY} nobody"


def rich(grids: list[RoleGrid]) -> RenderableType:
    parts: list[RenderableType] = []
    for grid in grids:
        parts.append(Text(f"{grid.name} ({grid.role}) — {grid.timezone}", style="bold"))
        parts.append(Text("     " + "".join(f"{h:<3d}" for h in range(0, 24, 3))))
        for day, cells in grid.rows():
            line = Text(f"{day}  ")
            for cell in cells:
                style = "green" if cell.primary else "yellow" if cell.backups else "bold red"
                line.append(grid.symbol(cell), style=style)
            parts.append(line)
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
        lines.append(f"#### {grid.name} ({grid.timezone})")
        lines.append("")
        lines.append("```text")
        lines.append("     " + "".join(f"{h:<3d}" for h in range(0, 24, 3)))
        for day, cells in grid.rows():
            lines.append(f"{day}  " + "".join(grid.symbol(c) for c in cells))
        lines.append("```")
        lines.append("")
        gaps = grid.gaps
        lines.append(f"✗ uncovered: {', '.join(gaps)}" if gaps else "✓ covered around the clock")
        lines.append("")
    lines.append(_LEGEND)
    return "\n".join(lines) + "\n"


def mermaid(grids: list[RoleGrid]) -> str:
    lines = [
        "gantt",
        "  title Coverage of critical roles",
        "  dateFormat YYYY-MM-DD HH:mm",
        "  axisFormat %a %H:%M",
    ]
    for grid in grids:
        lines.append(f"  section {grid.name.replace(':', ' ')}")
        run_start = 0
        for i in range(1, len(grid.cells) + 1):
            if i < len(grid.cells) and grid.symbol(grid.cells[i]) == grid.symbol(
                grid.cells[run_start]
            ):
                continue
            cell = grid.cells[run_start]
            label = "primary" if cell.primary else "backup" if cell.backups else "uncovered"
            tag = "" if cell.primary else "active, " if cell.backups else "crit, "
            start = cell.start.strftime("%Y-%m-%d %H:%M")
            lines.append(f"  {label} :{tag}{start}, {i - run_start}h")
            run_start = i
    return "\n".join(lines) + "\n"
