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
from crisiskit.output.markup import md_cell, mermaid_text


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


def _md_person(person: PersonView, overloaded: bool) -> str:
    name = f"**{md_cell(person.name)}**" + (" ⚠ overloaded" if overloaded else "")
    contact = " · ".join(md_cell(x) for x in (person.phone, person.email) if x)
    return f"{name}<br>{contact}<br>{md_cell(person.timezone)}, {md_cell(person.hours)}"


def markdown(views: list[RoleView]) -> str:
    lines = ["| Role | Responsibilities | Primary | Backups |", "| --- | --- | --- | --- |"]
    for v in views:
        flags = (" ★" if v.critical else "") + (" ◆" if v.decision_maker else "")
        primary = _md_person(v.primary, v.primary.id in v.overloaded) if v.primary else "✗ nobody"
        backups = "<br><br>".join(_md_person(b, b.id in v.overloaded) for b in v.backups)
        duties = "<br>".join(f"• {md_cell(r)}" for r in v.responsibilities) or "—"
        lines.append(
            f"| **{md_cell(v.name)}**{flags} | {duties} | {primary} "
            f"| {backups or '✗ **no backup**'} |"
        )
    lines.append("")
    lines.append(
        "★ critical role · ◆ decision maker · ⚠ overloaded: primary of too many critical roles"
    )
    return "\n".join(lines) + "\n"


def mermaid(views: list[RoleView]) -> str:
    """Roles on the left, people on the right; one node per person, however many roles."""
    lines = ["flowchart LR"]
    # Node ids by position, never from plan ids: `end` or a `-`/`_` pair would clash.
    people: dict[str, str] = {}
    overloaded = {p for v in views for p in v.overloaded}

    def person_node(person: PersonView) -> str:
        if person.id not in people:
            node = people[person.id] = f"p{len(people)}"
            label = f"{mermaid_text(person.name)}<br>{mermaid_text(person.timezone)}"
            if person.id in overloaded:
                label = f"⚠ {label}<br>overloaded"
            lines.append(f'  {node}["{label}"]')
            if person.id in overloaded:
                lines.append(f"  style {node} stroke:#b45309,stroke-width:3px")
        return people[person.id]

    for i, v in enumerate(views):
        role = f"r{i}"
        marker = " ★" if v.critical else ""
        duties = "".join(f"<br>• {mermaid_text(r)}" for r in v.responsibilities)
        lines.append(f'  {role}["<b>{mermaid_text(v.name)}{marker}</b>{duties}"]')
        if v.primary:
            lines.append(f"  {role} -->|primary| {person_node(v.primary)}")
        for b in v.backups:
            lines.append(f"  {role} -.->|backup| {person_node(b)}")
        if v.missing_backup:
            lines.append(f'  {role} -.-> {role}_missing["✗ no backup"]')
            lines.append(f"  style {role}_missing stroke:#c00,stroke-width:3px")
    return "\n".join(lines) + "\n"
