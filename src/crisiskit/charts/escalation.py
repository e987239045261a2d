"""`chart escalation`: for each severity, the ladder over time and who approves."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from crisiskit.escalation import ladder
from crisiskit.model.plan import Plan
from crisiskit.model.types import format_duration


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
            )
        )
    return result


def to_json(ladders: list[SeverityLadder]) -> list[dict[str, Any]]:
    return [asdict(ladder_) for ladder_ in ladders]


def _step_label(step: Step) -> str:
    return f"{step.at} {step.role_name}" + (f" ({step.person})" if step.person else "")


def rich(ladders: list[SeverityLadder]) -> RenderableType:
    parts: list[RenderableType] = []
    for item in ladders:
        parts.append(Text(f"{item.name} ({item.id})", style="bold"))
        ladder_text = Text("  ")
        for i, step in enumerate(item.steps):
            if i:
                ladder_text.append(" → ", style="bold")
            ladder_text.append(_step_label(step))
        if not item.steps:
            ladder_text.append("✗ no responder", style="red")
        if not item.reaches_decision_maker:
            ladder_text.append("  ✗ never reaches a decision maker", style="bold red")
        parts.append(ladder_text)
        parts.append(
            Text(
                f"  first response {item.first_response or '✗ none'} · updates every "
                f"{item.update_every or '✗ none'}\n"
                f"  notify: {', '.join(item.notify) or '—'}\n"
                f"  approve: {' → '.join(item.approvers) or '✗ nobody'}\n",
                style="dim",
            )
        )
    return Group(*parts)


def markdown(ladders: list[SeverityLadder]) -> str:
    lines = [
        "| Severity | Ladder | First response | Updates | Notify | Approve |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for item in ladders:
        steps = " → ".join(_step_label(s) for s in item.steps) or "✗ no responder"
        if not item.reaches_decision_maker:
            steps += " ✗ no decision maker"
        lines.append(
            f"| **{item.name}** | {steps} | {item.first_response or '✗'} "
            f"| {item.update_every or '✗'} | {', '.join(item.notify) or '—'} "
            f"| {' → '.join(item.approvers) or '✗'} |"
        )
    return "\n".join(lines) + "\n"


def mermaid(ladders: list[SeverityLadder]) -> str:
    lines = ["flowchart LR"]
    for item in ladders:
        sid = item.id.replace("-", "_")
        lines.append(f'  subgraph {sid}["{item.name.replace(chr(34), chr(39))}"]')
        for i, step in enumerate(item.steps):
            node = f"{sid}_{i}"
            lines.append(f'    {node}["{_step_label(step).replace(chr(34), chr(39))}"]')
            if i:
                lines.append(f"    {sid}_{i - 1} --> {node}")
        lines.append("  end")
    return "\n".join(lines) + "\n"
