"""`chart threats`: a likelihood × impact heat map."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from crisiskit.model.plan import Plan
from crisiskit.model.threats import Impact, Likelihood
from crisiskit.output.markup import md_cell, mermaid_text


@dataclass(frozen=True, slots=True)
class ThreatPoint:
    id: str
    name: str
    likelihood: str
    impact: str
    score: int
    severity: str | None
    owner: str | None


def build(plan: Plan) -> list[ThreatPoint]:
    return sorted(
        (
            ThreatPoint(
                t.id,
                t.name,
                t.likelihood.value,
                t.impact.value,
                t.likelihood.score * t.impact.score,
                t.severity,
                t.owner,
            )
            for t in plan.threats
        ),
        key=lambda p: (-p.score, p.id),
    )


def to_json(points: list[ThreatPoint]) -> list[dict[str, Any]]:
    return [asdict(p) for p in points]


def _band(score: int) -> tuple[str, str]:
    """Colour and symbol together, so the heat reads without colour too."""
    if score >= 15:
        return "on red", "▲▲"
    if score >= 8:
        return "on dark_orange3", "▲"
    if score >= 4:
        return "on yellow4", "●"
    return "on green4", "○"


def rich(points: list[ThreatPoint]) -> RenderableType:
    """The matrix holds numbers; the legend below names each threat, so it fits 80 columns."""
    numbers = {p.id: n for n, p in enumerate(points, start=1)}
    table = Table(title="Likelihood × impact", show_lines=True, pad_edge=False)
    table.add_column("impact", no_wrap=True)
    for likelihood in Likelihood:
        table.add_column(likelihood.value, min_width=8)
    for impact in reversed(list(Impact)):
        cells: list[RenderableType] = [Text(impact.value, style="bold")]
        for likelihood in Likelihood:
            score = likelihood.score * impact.score
            style, symbol = _band(score)
            text = Text(f"{symbol} {score}", style=style)
            here = [
                f"#{numbers[p.id]}"
                for p in points
                if p.likelihood == likelihood.value and p.impact == impact.value
            ]
            if here:
                text.append("\n" + " ".join(here), style="bold")
            cells.append(text)
        table.add_row(*cells)
    legend = Text()
    for point in points:
        legend.append(f"#{numbers[point.id]} ", style="bold")
        legend.append(f"{point.id} — {point.severity or '?'} · owner {point.owner or '?'}\n")
    legend.append("▲▲ ≥15 critical · ▲ ≥8 high · ● ≥4 medium · ○ low", style="dim")
    return Group(table, legend)


def markdown(points: list[ThreatPoint]) -> str:
    header = "| impact \\ likelihood | " + " | ".join(x.value for x in Likelihood) + " |"
    lines = [header, "|" + " --- |" * (len(Likelihood) + 1)]
    for impact in reversed(list(Impact)):
        row = [f"**{impact.value}**"]
        for likelihood in Likelihood:
            score = likelihood.score * impact.score
            symbol = _band(score)[1]
            here = [
                md_cell(f"{p.id} ({p.severity or '?'}, {p.owner or '?'})")
                for p in points
                if p.likelihood == likelihood.value and p.impact == impact.value
            ]
            row.append(f"{symbol} " + "<br>".join(here) if here else symbol)
        lines.append("| " + " | ".join(row) + " |")
    lines += ["", "▲▲ ≥15 critical · ▲ ≥8 high · ● ≥4 medium · ○ low"]
    return "\n".join(lines) + "\n"


def mermaid(points: list[ThreatPoint]) -> str:
    lines = [
        # Wider than the default 500 px, so the labels of neighbouring cells do not collide.
        "---",
        "config:",
        "  quadrantChart:",
        "    chartWidth: 900",
        "    chartHeight: 700",
        "---",
        "quadrantChart",
        "  title Threats: likelihood × impact",
        "  x-axis Rare --> Almost certain",
        "  y-axis Negligible --> Severe",
        "  quadrant-1 Act now",
        "  quadrant-2 Prepare",
        "  quadrant-3 Watch",
        "  quadrant-4 Reduce",
    ]
    cells: dict[tuple[str, str], list[ThreatPoint]] = {}
    for p in points:
        cells.setdefault((p.likelihood, p.impact), []).append(p)
    for (likelihood, impact), here in cells.items():
        x = (Likelihood(likelihood).score - 0.5) / 5
        y = (Impact(impact).score - 0.5) / 5
        if y == 0.5:
            # Above the midline: just below it Mermaid writes the lower quadrants' names.
            y = 0.56
        # Threats in the same cell are spread vertically inside it instead of overlapping.
        step = min(0.05, 0.16 / len(here))
        for j, p in enumerate(here):
            dy = ((len(here) - 1) / 2 - j) * step
            # The owner is left to the other formats: a longer label runs into the next cell.
            label = f"{p.id} ({p.severity or '?'})"
            lines.append(f'  "{mermaid_text(label)}": [{x:.2f}, {y + dy:.2f}]')
    return "\n".join(lines) + "\n"
