"""`who`: the ordered call list for a severity or threat, at a given moment."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from crisiskit.model.plan import Plan
from crisiskit.model.regulations import Counting, Regulation, regulation_registry
from crisiskit.model.team import Person, Role
from crisiskit.model.threats import Step, Threat
from crisiskit.model.types import format_duration
from crisiskit.oncall.availability import is_available, person_zone
from crisiskit.oncall.contacts import dial_format, tel_uri
from crisiskit.oncall.deadlines import due as due_moment
from crisiskit.oncall.escalation import ladder
from crisiskit.oncall.rotation import on_call
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
    locales: tuple[str, ...] = ()
    on_call: bool = False  # put on call by the role's rotation


@dataclass(frozen=True, slots=True)
class FirstStep:
    action: str
    role_name: str | None = None
    within: str | None = None  # as written: "72h"
    # `within` counted from the list's moment, as if the incident were declared then.
    due_if_declared_now: str | None = None
    regulator: str | None = None
    regulation: str | None = None  # the law the deadline comes from: "GDPR art. 33"


@dataclass(frozen=True, slots=True)
class CallList:
    at: datetime
    severity: str | None
    threat: str | None
    calls: list[Call]
    first_steps: list[FirstStep] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    # The threat's communication rules, when it has them.
    codename: str | None = None
    need_to_know: bool = False  # its own notify list replaced the severity's
    need_to_know_roles: tuple[str, ...] = ()  # the names of the roles it lists
    hold_public: bool = False  # no public statement until the facts are validated
    first_response: str | None = None  # the threat's own deadline: "15m"


@dataclass(frozen=True, slots=True)
class Holder:
    """Someone holding a role, ranked for a moment: who to try first."""

    person: Person
    index: int  # 0 for whoever the rotation puts on call, else the primary; then backups
    available: bool
    speaks: bool  # speaks every locale wanted of the role (or we cannot tell)
    moved_up: bool  # a backup ranked first
    on_call: bool = False  # put on call by the role's rotation


def ranked_holders(
    plan: Plan, role: Role, at: datetime, locales: Sequence[str] = ()
) -> list[Holder]:
    """The role's holders, those on duty first, then those who can write the locales needed.

    A role that lists `locales` needs them written; of the ``locales`` being drafted, the
    ones it lists count (all it lists when none are given). People who list no locales
    are taken to speak them: the plan does not say otherwise.
    """
    people = {p.id: p for p in plan.people}
    needed = set(role.locales) & set(locales or role.locales)
    # Whoever the rotation puts on call comes first, on duty by definition.
    rota = on_call(role.rotation, plan, at) if role.rotation else None
    ids = dict.fromkeys(p for p in [rota, role.primary, *role.backups] if p)
    holders = [people[p] for p in ids if p in people]
    scored = [
        (
            person,
            index,
            person.id == rota or is_available(person, plan, at),
            _speaks(person, needed),
        )
        for index, person in enumerate(holders)
    ]
    scored.sort(key=lambda item: (not item[2], not item[3], item[1]))
    return [
        Holder(
            person,
            index,
            available,
            speaks,
            moved_up=position == 0 and index > 0,
            on_call=person.id == rota,
        )
        for position, (person, index, available, speaks) in enumerate(scored)
    ]


def _speaks(person: Person, needed: set[str]) -> bool:
    return not person.locales or needed <= set(person.locales)


def _roles_in_order(
    plan: Plan, severity_id: str | None, threat: Threat | None
) -> list[tuple[str, str]]:
    ordered: dict[str, str] = {}
    if threat is not None and threat.owner:
        ordered[threat.owner] = "owns the threat"
    for number, step in enumerate(threat.first_steps if threat else [], start=1):
        if step.role:
            ordered.setdefault(step.role, f"first step {number}")
    severity = next((s for s in plan.severities if s.id == severity_id), None)
    if severity is not None:
        for rung in ladder(plan, severity):
            reason = "responder" if rung.rule_index is None else f"T+{format_duration(rung.after)}"
            ordered.setdefault(rung.role, reason)
    # A need-to-know threat notifies its own list instead of the severity's.
    restricted = threat.rules.need_to_know if threat is not None else None
    for role in restricted if restricted is not None else severity.notify if severity else []:
        ordered.setdefault(role, "notify" if restricted is None else "need to know")
    for role in severity.approvers if severity is not None else []:
        ordered.setdefault(role, "approves")
    messages = {m.id: m for m in plan.messages}
    for message_id in threat.messages if threat else []:
        message = messages.get(message_id)
        for role in message.approvers if message else []:
            ordered.setdefault(role, f"approves {message_id}")
    if restricted is not None:
        # Still called, as the incident cannot be handled without them; said, so nobody
        # takes the list for the circle.
        owner = threat.owner if threat is not None else None
        for role, reason in ordered.items():
            if role not in restricted and role != owner:
                ordered[role] = f"{reason} · outside need-to-know"
    return list(ordered.items())


def build(
    plan: Plan,
    at: datetime,
    severity: str | None = None,
    threat: str | None = None,
    locales: Sequence[str] = (),
) -> CallList:
    """Whom to call, in order: the threat's owner, its first steps' roles, the severity's
    ladder, those it notifies and the approvers, each role's holders ranked for ``at``.
    """
    found = next((t for t in plan.threats if t.id == threat), None)
    severity_id = severity or (found.severity if found else None)
    if severity_id is None and plan.severities:
        severity_id = min(plan.severities, key=lambda s: s.level).id
    roles = {r.id: r for r in plan.roles}
    region = plan.organization.default_region
    calls: list[Call] = []
    for role_id, reason in _roles_in_order(plan, severity_id, found):
        role = roles.get(role_id)
        if role is None:
            continue
        for holder in ranked_holders(plan, role, at, locales):
            person = holder.person
            local = at.astimezone(person_zone(person, plan))
            calls.append(
                Call(
                    role=role_id,
                    role_name=role.name,
                    reason=reason,
                    person=person.id,
                    name=person.name,
                    phone=dial_format(person.phone, person.phone_region(region))
                    if person.phone
                    else None,
                    tel=tel_uri(person.phone, person.phone_region(region))
                    if person.phone
                    else None,
                    email=person.email,
                    local_time=f"{local:%a %H:%M} {zone_abbreviation(local)}",
                    available=holder.available,
                    backup=person.id != role.primary and not holder.on_call,
                    moved_up=holder.moved_up,
                    locales=tuple(person.locales),
                    on_call=holder.on_call,
                )
            )
    return CallList(
        at=at,
        severity=severity_id,
        threat=found.id if found else None,
        calls=calls,
        first_steps=[_first_step(plan, step, at) for step in found.first_steps] if found else [],
        messages=list(found.messages) if found else [],
        **_threat_rules(plan, found),
    )


def _threat_rules(plan: Plan, threat: Threat | None) -> dict[str, Any]:
    rules = threat.rules if threat is not None else None
    if rules is None:
        return {}
    own = rules.first_response
    roles = {r.id: r for r in plan.roles}
    return {
        "codename": rules.codename,
        "need_to_know": rules.need_to_know is not None,
        "need_to_know_roles": tuple(
            roles[r].name if r in roles else r for r in rules.need_to_know or ()
        ),
        "hold_public": rules.holds_public,
        "first_response": format_duration(own) if own is not None else None,
    }


def threat_locales(plan: Plan, threat_id: str | None) -> list[str]:
    """The locales a threat's messages are written in (all the plan's for a message
    that names none): those its call list prefers people to speak."""
    threat = next((t for t in plan.threats if t.id == threat_id), None)
    messages = {m.id: m for m in plan.messages}
    every = [x.id for x in plan.locales]
    found: list[str] = []
    for message_id in threat.messages if threat else []:
        message = messages.get(message_id)
        found += (message.locales or every) if message else []
    return list(dict.fromkeys(found))


def _first_step(plan: Plan, step: Step, at: datetime) -> FirstStep:
    role = next((r for r in plan.roles if r.id == step.role), None)
    law = regulation_registry(plan.regulations).get(step.regulation or "")
    within = step.within if step.within is not None or law is None else law.within
    due = None
    if within is not None:
        counting = law.counting if law is not None and step.within is None else Counting.HOURS
        moment = due_moment(at, within, counting)
        due = f"{moment:%a %d %b %H:%M} {zone_abbreviation(moment)}"
    return FirstStep(
        action=step.action,
        role_name=role.name if role else step.role,
        within=_written(step.within, law),
        due_if_declared_now=due,
        regulator=step.regulator or (law.authority if law else None),
        regulation=_law(law, stricter=step.within is not None) if law else None,
    )


def _law(law: Regulation, stricter: bool) -> str:
    # With its own (stricter) deadline the step says what the law allows.
    return f"{law.name}, {law.deadline_text} at most" if stricter else law.name


def _written(within: timedelta | None, law: Regulation | None) -> str | None:
    if within is not None:
        return _deadline(within)
    return law.deadline_text if law is not None else None


def _deadline(within: timedelta) -> str:
    """Short deadlines in hours, as laws and runbooks state them (72h, not 3d)."""
    if within >= timedelta(days=4):
        return format_duration(within)
    hours, seconds = divmod(int(within.total_seconds()), 3600)
    minutes = seconds // 60
    return (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes or not hours else "")
