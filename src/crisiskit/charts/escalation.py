"""`chart escalation`: for each severity, the ladder over time and who approves."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from crisiskit.model.plan import Plan
from crisiskit.model.types import format_duration
from crisiskit.oncall.escalation import ladder
from crisiskit.output.markup import md_cell, mermaid_text


@dataclass(frozen=True, slots=True)
class Step:
    at: str  # T+ duration
    role: str
    role_name: str
    person: str | None


@dataclass(frozen=True, slots=True)
class SeverityLadder:
    id: str
    name: str
    level: int
    first_response: str | None
    update_every: str | None
    steps: list[Step]
    notify: list[str]
    approvers: list[str]
    reaches_decision_maker: bool
    internal_only: bool = False  # no public response: no timings or decision demanded


def build(plan: Plan) -> list[SeverityLadder]:
    roles = {r.id: r for r in plan.roles}
    people = {p.id: p for p in plan.people}

    def who(role_id: str) -> str | None:
        role = roles.get(role_id)
        person = people.get(role.primary) if role else None
        return person.name if person else None

    result = []
    for severity in sorted(plan.severities, key=lambda s: s.level):
        rungs = ladder(plan, severity)
        steps = [
            Step(
                f"T+{format_duration(r.after)}",
                r.role,
                roles[r.role].name if r.role in roles else r.role,
                who(r.role),
            )
            for r in rungs
        ]
        result.append(
            SeverityLadder(
                id=severity.id,
                name=severity.name,
                level=severity.level,
                first_response=format_duration(severity.first_response)
                if severity.first_response
                else None,
                update_every=format_duration(severity.update_every)
                if severity.update_every
                else None,
                steps=steps,
                notify=[roles[n].name if n in roles else n for n in severity.notify],
                approvers=[roles[a].name if a in roles else a for a in severity.approvers],
                reaches_decision_maker=any(
                    roles[s.role].decision_maker for s in steps if s.role in roles
                ),
                internal_only=severity.internal_only,
            )
        )
    return result


def to_json(ladders: list[SeverityLadder]) -> list[dict[str, Any]]:
    return [asdict(ladder_) for ladder_ in ladders]


def _timings(item: SeverityLadder, missing: str = "✗ none", joint: str = " · ") -> str:
    """`first response 15m · updates every 30m`; an internal-only level says so instead
    of marking absent public timings as missing."""
    if item.internal_only and not (item.first_response or item.update_every):
        return "internal only: no public response"
    prefix = "internal only · " if item.internal_only else ""
    return (
        f"{prefix}first response {item.first_response or missing}{joint}"
        f"updates every {item.update_every or missing}"
    )


def _approvers(item: SeverityLadder, missing: str = "✗ nobody") -> str:
    return " → ".join(item.approvers) or ("—" if item.internal_only else missing)


def _stops_short(item: SeverityLadder) -> bool:
    return bool(item.steps) and not item.reaches_decision_maker and not item.internal_only


def _step_label(step: Step) -> str:
    return f"{step.at} {step.role_name}" + (f" ({step.person})" if step.person else "")


# Colour marks the most severe levels at a glance; the name and id say it without colour.
_LEVEL_COLOURS = {1: "red", 2: "dark_orange3", 3: "yellow"}


def rich(ladders: list[SeverityLadder]) -> RenderableType:
    """One rung per line, so the ladder reads top to bottom as time passes and fits 80 columns."""
    parts: list[RenderableType] = []

    def indented(text: Text) -> None:
        # Padding rather than leading spaces: a long line wraps under its own start.
        parts.append(Padding(text, (0, 0, 0, 2), expand=False))

    for item in ladders:
        parts.append(
            Text(f"{item.name} ({item.id})", style=f"bold {_LEVEL_COLOURS.get(item.level, '')}")
        )
        width = max((len(step.at) for step in item.steps), default=0)
        for i, step in enumerate(item.steps):
            line = Text(f"{step.at:<{width}}  ")
            line.append("→ " if i else "  ", style="bold")
            line.append(step.role_name, style="bold")
            if step.person:
                line.append(f" ({step.person})")
            else:
                line.append(" ✗ nobody", style="bold red")
            indented(line)
        if not item.steps:
            indented(Text("✗ no responder", style="bold red"))
        elif _stops_short(item):
            indented(Text("✗ never reaches a decision maker", style="bold red"))
        indented(Text(_timings(item), style="dim"))
        indented(Text(f"notify: {', '.join(item.notify) or '—'}", style="dim"))
        indented(Text(f"approve: {_approvers(item)}", style="dim"))
        parts.append(Text(""))
    return Group(*parts)


def markdown(ladders: list[SeverityLadder]) -> str:
    lines = [
        "| Severity | Ladder | First response | Updates | Notify | Approve |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for item in ladders:
        steps = " → ".join(md_cell(_step_label(s)) for s in item.steps) or "✗ no responder"
        if _stops_short(item):
            steps += " ✗ no decision maker"
        missing = "internal only" if item.internal_only else "✗"
        lines.append(
            f"| **{md_cell(item.name)}** | {steps} | {item.first_response or missing} "
            f"| {item.update_every or missing} | {md_cell(', '.join(item.notify)) or '—'} "
            f"| {md_cell(_approvers(item, '✗'))} |"
        )
    return "\n".join(lines) + "\n"


def mermaid(ladders: list[SeverityLadder]) -> str:
    """One box per severity, top to bottom; inside it the ladder runs left to right."""
    lines = ["flowchart TB"]
    # Node ids by position, never from plan ids: a severity called `end` would end the graph.
    for n, item in enumerate(ladders):
        box = f"s{n}"
        lines.append(f'  subgraph {box}["{mermaid_text(item.name)} ({mermaid_text(item.id)})"]')
        lines.append("    direction LR")
        cadence = (
            f"{_timings(item, joint='<br>')}<br>"
            f"notify: {mermaid_text(', '.join(item.notify) or '—')}<br>"
            f"approve: {mermaid_text(_approvers(item))}"
        )
        lines.append(f'    {box}_info["{cadence}"]')
        previous = f"{box}_info"
        for i, step in enumerate(item.steps):
            node = f"{box}_{i}"
            lines.append(f'    {node}["{mermaid_text(_step_label(step))}"]')
            lines.append(f"    {previous} {'~~~' if i == 0 else '-->'} {node}")
            previous = node
        if not item.steps:
            lines.append(f'    {box}_none["✗ no responder"]')
            lines.append(f"    {previous} ~~~ {box}_none")
            lines.append(f"    style {box}_none stroke:#c00,stroke-width:3px")
        elif _stops_short(item):
            lines.append(f'    {box}_nodm["✗ never reaches a decision maker"]')
            lines.append(f"    {previous} -.- {box}_nodm")
            lines.append(f"    style {box}_nodm stroke:#c00,stroke-width:3px")
        lines.append("  end")
        lines.append(f"  style {box}_info fill:none,stroke-dasharray:4 4")
        if n:
            # Invisible links keep the severities in order, most severe first.
            lines.append(f"  s{n - 1} ~~~ {box}")
    return "\n".join(lines) + "\n"
