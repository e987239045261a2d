"""`chart roles`: role → responsibilities → primary and backups."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from rich.console import RenderableType
from rich.text import Text
from rich.tree import Tree

from crisiskit.charts.people import PersonView, person_view
from crisiskit.model.plan import Plan


@dataclass(frozen=True, slots=True)
class RoleView:
    id: str
    name: str
    critical: bool
    decision_maker: bool
    responsibilities: list[str]
    primary: PersonView | None
    backups: list[PersonView]
    missing_backup: bool
    overloaded: list[str]  # people in this role holding too many critical roles


def build(plan: Plan, max_critical: int = 2) -> list[RoleView]:
    people = {p.id: p for p in plan.people}
    load = Counter(r.primary for r in plan.roles if r.critical)
    views = []
    for role in plan.roles:
        primary = people.get(role.primary)
        holders = [role.primary, *role.backups]
        views.append(
            RoleView(
                id=role.id,
                name=role.name,
                critical=role.critical,
                decision_maker=role.decision_maker,
                responsibilities=list(role.responsibilities),
                primary=person_view(primary, plan) if primary else None,
                backups=[person_view(people[b], plan) for b in role.backups if b in people],
                missing_backup=not role.backups,
                overloaded=[p for p in holders if load[p] > max_critical],
            )
        )
    return views


def to_json(views: list[RoleView]) -> list[dict[str, Any]]:
    return [asdict(view) for view in views]


def _person_line(label: str, person: PersonView, overloaded: bool) -> Text:
    text = Text(f"{label}: ", style="bold")
    text.append(person.name)
    if overloaded:
        text.append(" ⚠ overloaded", style="bold yellow")
    contact = " · ".join(x for x in (person.phone, person.email) if x)
    text.append(f"\n  {contact}\n  {person.timezone}, {person.hours}", style="dim")
    return text


def rich(views: list[RoleView]) -> RenderableType:
    tree = Tree(Text("Roles", style="bold"))
    for view in views:
        label = Text(view.name, style="bold")
        label.append(f" ({view.id})", style="dim")
        if view.critical:
            label.append(" ★ critical", style="magenta")
        if view.decision_maker:
            label.append(" ◆ decides", style="cyan")
        branch = tree.add(label)
        for item in view.responsibilities:
            branch.add(Text(f"• {item}"))
        if view.primary:
            branch.add(_person_line("Primary", view.primary, view.primary.id in view.overloaded))
        for backup in view.backups:
            branch.add(_person_line("Backup", backup, backup.id in view.overloaded))
        if view.missing_backup:
            branch.add(Text("✗ no backup", style="bold red"))
    return tree


def markdown(views: list[RoleView]) -> str:
    lines = ["| Role | Responsibilities | Primary | Backups |", "| --- | --- | --- | --- |"]
    for v in views:
        flags = (" ★" if v.critical else "") + (" ◆" if v.decision_maker else "")
        primary = v.primary.name if v.primary else "—"
        if v.primary and v.primary.id in v.overloaded:
            primary += " ⚠ overloaded"
        backups = ", ".join(b.name for b in v.backups) or "✗ **no backup**"
        lines.append(
            f"| **{v.name}**{flags} | {'<br>'.join(v.responsibilities) or '—'} "
            f"| {primary} | {backups} |"
        )
    lines.append("")
    lines.append("★ critical role · ◆ decision maker")
    return "\n".join(lines) + "\n"


def _node(text: str) -> str:
    return text.replace('"', "'")


def mermaid(views: list[RoleView]) -> str:
    lines = ["flowchart LR"]
    for v in views:
        role_node = f"role_{v.id.replace('-', '_')}"
        marker = " ★" if v.critical else ""
        lines.append(f'  {role_node}["{_node(v.name)}{marker}"]')
        if v.primary:
            lines.append(
                f"  {role_node} -->|primary| p_{v.primary.id.replace('-', '_')}"
                f'["{_node(v.primary.name)}"]'
            )
        for b in v.backups:
            lines.append(
                f'  {role_node} -.->|backup| p_{b.id.replace("-", "_")}["{_node(b.name)}"]'
            )
        if v.missing_backup:
            lines.append(f'  {role_node} -.-> missing_{role_node}["✗ no backup"]')
            lines.append(f"  style missing_{role_node} stroke:#c00,stroke-width:2px")
    return "\n".join(lines) + "\n"
