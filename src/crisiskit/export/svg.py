"""Charts drawn as inline SVG: no JavaScript, no network, so they print and work offline.

Plan text inside a chart is escaped like any other text in HTML (markupsafe.escape).
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from crisiskit.charts.escalation import SeverityLadder
from crisiskit.oncall.coverage import WeekCoverage

# Dark for the primary, light for a backup only, red for nobody; with a pattern-free
# legend in the text beside it, so a black-and-white printout still reads.
_PRIMARY, _BACKUP, _NOBODY, _SKIPPED = "#1f4e79", "#9dc3e6", "#c00000", "#ffffff"


def coverage_svg(grid: WeekCoverage, days: Sequence[str]) -> Markup:
    """The week as a weekday × hour grid; ``days`` names the rows, Monday first."""
    cell, left, top = 14, 34, 16
    width, height = left + 24 * cell + 2, top + 7 * cell + 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" class="coverage">',
        f"<title>{escape(grid.name)}</title>",
    ]
    for hour in range(0, 24, 3):
        parts.append(f'<text x="{left + hour * cell}" y="11" font-size="9">{hour:02d}</text>')
    for day, slots in enumerate(grid.rows()):
        y = top + day * cell
        parts.append(f'<text x="0" y="{y + 10}" font-size="9">{escape(days[day])}</text>')
        for hour, slot in enumerate(slots[1]):
            colour = (
                _SKIPPED
                if not slot.exists
                else _PRIMARY
                if slot.first_line
                else _BACKUP
                if slot.covered
                else _NOBODY
            )
            parts.append(
                f'<rect x="{left + hour * cell}" y="{y}" width="{cell - 1}" height="{cell - 1}" '
                f'fill="{colour}"><title>{escape(days[day])} {hour:02d}:00</title></rect>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def ladder_svg(ladder: SeverityLadder) -> Markup:
    """The ladder as a vertical timeline: one rung per row, time growing downwards."""
    row, left = 22, 70
    height = 10 + row * max(len(ladder.steps), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 520 {height}" '
        f'width="520" height="{height}" class="ladder">',
        f"<title>{escape(ladder.name)}</title>",
        f'<line x1="{left}" y1="8" x2="{left}" y2="{height - 8}" stroke="#444" />',
    ]
    for i, step in enumerate(ladder.steps):
        y = 14 + i * row
        who = f" ({step.person})" if step.person else ""
        parts.append(f'<text x="0" y="{y + 4}" font-size="11">{escape(step.at)}</text>')
        parts.append(f'<circle cx="{left}" cy="{y}" r="5" fill="{_PRIMARY}" />')
        parts.append(
            f'<text x="{left + 12}" y="{y + 4}" font-size="11">'
            f"{escape(step.role_name + who)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
