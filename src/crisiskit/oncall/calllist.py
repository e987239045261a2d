"""`who`: the ordered call list for a severity or threat, at a given moment."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from crisiskit.model.plan import Plan
from crisiskit.model.threats import Step
from crisiskit.model.types import format_duration
from crisiskit.oncall.availability import is_available, person_zone
from crisiskit.oncall.contacts import dial_format, tel_uri
from crisiskit.oncall.escalation import ladder
from crisiskit.util.timefmt import zone_abbreviation


@dataclass(frozen=True, slots=True)
class Call:
    role: str
    role_name: str
    reason: str  # why this role is called: "responder", "T+15m", "notify", "approve"
    person: str
    name: str
    phone: str | None
    tel: str | None
    email: str | None
    local_time: str
    available: bool
    backup: bool
    moved_up: bool


@dataclass(frozen=True, slots=True)
class FirstStep:
    action: str
    role_name: str | None = None
    within: str | None = None  # as written: "72h"
    # `within` counted from the list's moment, as if the incident were declared then.
    due_if_declared_now: str | None = None
    regulator: str | None = None


@dataclass(frozen=True, slots=True)
class CallList:
    at: datetime
    severity: str | None
    threat: str | None
    calls: list[Call]
    first_steps: list[FirstStep] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def _roles_in_order(
    plan: Plan, severity_id: str | None, owner: str | None
) -> list[tuple[str, str]]:
    ordered: dict[str, str] = {}
    if owner:
        ordered[owner] = "owns the threat"
    severity = next((s for s in plan.severities if s.id == severity_id), None)
    if severity is not None:
        for rung in ladder(plan, severity):
            reason = "responder" if rung.rule_index is None else f"T+{format_duration(rung.after)}"
            ordered.setdefault(rung.role, reason)
        for role in severity.notify:
            ordered.setdefault(role, "notify")
        for role in severity.approvers:
            ordered.setdefault(role, "approves")
    return list(ordered.items())


def build(
    plan: Plan, at: datetime, severity: str | None = None, threat: str | None = None
) -> CallList:
    found = next((t for t in plan.threats if t.id == threat), None)
    severity_id = severity or (found.severity if found else None)
    if severity_id is None and plan.severities:
        severity_id = min(plan.severities, key=lambda s: s.level).id
    roles = {r.id: r for r in plan.roles}
    people = {p.id: p for p in plan.people}
    region = plan.organization.default_region
    calls: list[Call] = []
    seen: set[tuple[str, str]] = set()
    for role_id, reason in _roles_in_order(plan, severity_id, found.owner if found else None):
        role = roles.get(role_id)
        if role is None:
            continue
        holders = [people[p] for p in [role.primary, *role.backups] if p in people]
        primary_off = bool(holders) and not is_available(holders[0], plan, at)
        ranked = sorted(
            enumerate(holders), key=lambda pair: (not is_available(pair[1], plan, at), pair[0])
        )
        for position, (index, person) in enumerate(ranked):
            if (role_id, person.id) in seen:
                continue
            seen.add((role_id, person.id))
            local = at.astimezone(person_zone(person, plan))
            calls.append(
                Call(
                    role=role_id,
                    role_name=role.name,
                    reason=reason,
                    person=person.id,
                    name=person.name,
                    phone=dial_format(person.phone, region) if person.phone else None,
                    tel=tel_uri(person.phone, region) if person.phone else None,
                    email=person.email,
                    local_time=f"{local:%a %H:%M} {zone_abbreviation(local)}",
                    available=is_available(person, plan, at),
                    backup=index > 0,
                    moved_up=index > 0 and position == 0 and primary_off,
                )
            )
    return CallList(
        at=at,
        severity=severity_id,
        threat=found.id if found else None,
        calls=calls,
        first_steps=[_first_step(plan, step, at) for step in found.first_steps] if found else [],
        messages=list(found.messages) if found else [],
    )


def _first_step(plan: Plan, step: Step, at: datetime) -> FirstStep:
    role = next((r for r in plan.roles if r.id == step.role), None)
    due = None
    if step.within is not None:
        # In absolute time: a deadline across a clock change is not wall-clock arithmetic.
        moment = (at.astimezone(UTC) + step.within).astimezone(at.tzinfo)
        due = f"{moment:%a %d %b %H:%M} {zone_abbreviation(moment)}"
    return FirstStep(
        action=step.action,
        role_name=role.name if role else step.role,
        within=_deadline(step.within) if step.within is not None else None,
        due_if_declared_now=due,
        regulator=step.regulator,
    )


def _deadline(within: timedelta) -> str:
    """Short deadlines in hours, as laws and runbooks state them (72h, not 3d)."""
    if within >= timedelta(days=4):
        return format_duration(within)
    hours, seconds = divmod(int(within.total_seconds()), 3600)
    minutes = seconds // 60
    return (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes or not hours else "")
