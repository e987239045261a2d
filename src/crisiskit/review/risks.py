"""Which changes a reviewer must not miss: a level and a reason for each risky change.

Each function looks at one field of one item before and after, with both plans at hand
(a severity's rank, a role's other backups), and says how risky the change is, or None.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from crisiskit.model.communication import (
    REACH_ORDER,
    AudienceDefinition,
    Channel,
    EscalationRule,
    Locale,
    Reach,
    Severity,
)
from crisiskit.model.index import channel_reach, message_reach
from crisiskit.model.messages import Message
from crisiskit.model.plan import Plan
from crisiskit.model.team import Person, Role
from crisiskit.model.threats import Threat
from crisiskit.model.types import format_duration
from crisiskit.review.model import Risk

Assessment = tuple[Risk, str] | None


def _d(value: timedelta | None) -> str:
    return format_duration(value) if value is not None else "(none)"


def _slower(old: timedelta | None, new: timedelta | None) -> bool:
    return old is not None and (new is None or new > old)


def _most_severe(plan: Plan, severity: Severity) -> bool:
    return severity.level == min((s.level for s in plan.severities), default=severity.level)


def severity_field(field: str, old: Severity, new: Severity, plan: Plan) -> Assessment:
    name = new.id.upper()
    top = _most_severe(plan, new)
    if field == "first_response" and _slower(old.first_response, new.first_response):
        return (
            Risk.HIGH if top else Risk.MEDIUM,
            f"{name} first response slowed from {_d(old.first_response)} "
            f"to {_d(new.first_response)}",
        )
    if field == "update_every" and _slower(old.update_every, new.update_every):
        return (
            Risk.MEDIUM if top else Risk.LOW,
            f"{name} updates slowed from every {_d(old.update_every)} "
            f"to every {_d(new.update_every)}",
        )
    if field == "approvers":
        lost = [a for a in old.approvers if a not in new.approvers]
        if old.approvers and not new.approvers:
            return Risk.HIGH, f"nothing published at {name} needs approval any more"
        if lost:
            return Risk.MEDIUM, f"{name} no longer needs approval from {', '.join(lost)}"
    if field == "notify":
        lost = [a for a in old.notify if a not in new.notify]
        if lost:
            return Risk.LOW, f"{name} no longer notifies {', '.join(lost)}"
    if field == "internal_only" and new.internal_only and not old.internal_only:
        return Risk.HIGH if top else Risk.MEDIUM, f"{name} no longer has a public response"
    if field == "level" and new.level > old.level:
        return Risk.MEDIUM, f"{name} moved down the scale (level {old.level} → {new.level})"
    return None


def threat_field(field: str, old: Threat, new: Threat, plan: Plan, before: Plan) -> Assessment:
    if field == "severity":
        old_level = {s.id: s.level for s in before.severities}.get(old.severity or "")
        new_level = {s.id: s.level for s in plan.severities}.get(new.severity or "")
        if old_level is not None and (new_level is None or new_level > old_level):
            return (
                Risk.MEDIUM,
                f"threat {new.id} downgraded from {old.severity} to {new.severity or '(none)'}",
            )
    if field == "owner" and old.owner and not new.owner:
        return Risk.MEDIUM, f"threat {new.id} has no owner any more"
    if field == "messages" and old.messages and not new.messages:
        return Risk.MEDIUM, f"threat {new.id} has no prepared message any more"
    if field == "first_steps":
        return _regulator_steps(old, new)
    if field == "communication":
        return _communication(old, new)
    return None


def _communication(old: Threat, new: Threat) -> Assessment:
    """A need-to-know threat loosened: public before validation, a channel allowed again,
    a slower first response, its circle widened or dropped. Each loosening is named; the
    risk is the highest of them."""
    before, after = old.rules, new.rules
    found: list[tuple[Risk, str]] = []
    if before.holds_public and not after.holds_public:
        found.append(
            (Risk.HIGH, f"threat {new.id} may speak publicly before the facts are validated")
        )
    allowed = [c for c in before.forbidden_channels if c not in after.forbidden_channels]
    allowed += [p.value for p in before.forbidden_platforms if p not in after.forbidden_platforms]
    if allowed:
        found.append((Risk.MEDIUM, f"threat {new.id} may use {', '.join(allowed)} again"))
    if _slower(before.first_response, after.first_response):
        found.append(
            (
                Risk.MEDIUM,
                f"threat {new.id} first response slowed from {_d(before.first_response)} "
                f"to {_d(after.first_response)}",
            )
        )
    if before.need_to_know is not None:
        if after.need_to_know is None:
            found.append((Risk.HIGH, f"threat {new.id} is no longer need-to-know"))
        elif added := [r for r in after.need_to_know if r not in before.need_to_know]:
            found.append(
                (Risk.MEDIUM, f"threat {new.id}'s need-to-know widened to {', '.join(added)}")
            )
    if not found:
        return None
    return max((r for r, _ in found), key=lambda r: r.rank), "; ".join(m for _, m in found)


def _regulator_steps(old: Threat, new: Threat) -> Assessment:
    after = {s.regulator: s for s in new.first_steps if s.regulator}
    for step in old.first_steps:
        if not step.regulator:
            continue
        kept = after.get(step.regulator)
        if kept is None:
            return Risk.HIGH, f"threat {new.id} no longer notifies the regulator {step.regulator}"
        if _slower(step.within, kept.within):
            return (
                Risk.HIGH,
                f"regulator deadline lengthened: {step.regulator} for {new.id} "
                f"from {_d(step.within)} to {_d(kept.within)}",
            )
    return None


def role_field(field: str, old: Role, new: Role) -> Assessment:
    if field == "backups":
        lost = [b for b in old.backups if b not in new.backups]
        if old.backups and not new.backups:
            only = "its only backup" if len(old.backups) == 1 else "all its backups"
            return Risk.HIGH, f"role {new.id} loses {only}"
        if lost:
            return Risk.MEDIUM, f"role {new.id} loses backup {', '.join(lost)}"
    if field == "primary":
        return Risk.LOW, f"role {new.id} is now held by {new.primary} (was {old.primary})"
    if field == "critical" and old.critical and not new.critical:
        return Risk.MEDIUM, f"role {new.id} is no longer critical (no 24/7 coverage check)"
    return None


def person_field(field: str, old: Person, new: Person, plan: Plan, before: Plan) -> Assessment:
    if field == "region":
        return _rerouted(old, new, before, plan)
    if field in ("phone", "email", "chat"):
        before, after = getattr(old, field), getattr(new, field)
        what = {"phone": "phone number", "email": "e-mail", "chat": "chat handle"}[field]
        if before and not after:
            return Risk.MEDIUM, f"{new.id} loses their {what}"
        if before and after:
            return Risk.LOW, f"{new.id}'s {what} changed: check it before it is needed"
    return None


def _calls_to(person: Person, plan: Plan) -> str | None:
    """The E.164 number a call to ``person`` dials in ``plan`` (its default_region)."""
    from crisiskit.oncall.contacts import dialled

    if person.phone is None:
        return None
    return dialled(person.phone, person.phone_region(plan.organization.default_region))


def _rerouted(old: Person, new: Person, before: Plan, plan: Plan) -> Assessment:
    """A national number read in another region is another number: `(212) 555-0101` is
    +1 212-555-0101 in US, +62 21 25550101 in ID. The call goes elsewhere, unnoticed."""
    from crisiskit.oncall.contacts import dial_format

    was, now = _calls_to(old, before), _calls_to(new, plan)
    if was is None or now is None or was == now:
        return None
    return (
        Risk.MEDIUM,
        f"calls to {new.id} now go to {dial_format(now, None)} (was {dial_format(was, None)}): "
        "check the number is theirs",
    )


def default_region_field(before: Plan, plan: Plan, renames: dict[str, str]) -> Assessment:
    """A new default_region rereads every national number of people without a region."""
    old_people = {renames.get(p.id, p.id): p for p in before.people}
    moved = [
        found
        for person in plan.people
        if person.id in old_people
        and (found := _rerouted(old_people[person.id], person, before, plan)) is not None
    ]
    if not moved:
        return None
    reasons = "; ".join(reason for _, reason in moved[:3])
    more = f"; and {len(moved) - 3} more" if len(moved) > 3 else ""
    return Risk.MEDIUM, f"default_region changes who is called: {reasons}{more}"


def locale_field(field: str, old: Locale, new: Locale) -> Assessment:
    if field == "spokesperson" and old.spokesperson and not new.spokesperson:
        return Risk.HIGH, f"locale {new.id} loses its spokesperson"
    return None


def escalation_field(field: str, old: EscalationRule, new: EscalationRule) -> Assessment:
    if field == "after" and _slower(old.after, new.after):
        return (
            Risk.MEDIUM,
            f"escalation {new.source} → {new.to} slowed from {_d(old.after)} to {_d(new.after)}",
        )
    return None


def removed(section: str, item: Any, before: Plan) -> Assessment:
    """How risky it is that an item is gone."""
    if section == "threats":
        return Risk.MEDIUM, f"the plan no longer prepares for threat {item.id}"
    if section == "roles":
        if item.critical:
            return Risk.HIGH, f"critical role {item.id} removed"
        return Risk.MEDIUM, f"role {item.id} removed"
    if section == "severities":
        return Risk.MEDIUM, f"severity {item.id} removed from the scale"
    if section == "escalation":
        return Risk.MEDIUM, f"escalation {item.source} → {item.to} removed"
    if section == "locales":
        return Risk.MEDIUM, f"locale {item.id} removed"
    if section == "messages" and any(item.id in t.messages for t in before.threats):
        return Risk.MEDIUM, f"message {item.id}, used by threats, removed"
    return None


FieldRule = Callable[[str, Any, Any, Plan, Plan], Assessment]


def reach_change(
    subject: str, was: Reach, now: Reach, labels: tuple[str, str] | None = None
) -> Assessment:
    """A text that now goes further (wider), or that no longer leaves the organisation.

    Narrowing to internal takes it off the approval (CK308) and hold rules: a message
    moved from customers to employees is published, if it ever is, unapproved.
    ``labels`` name the audiences before and after, shown beside each reach.
    """
    was_label, now_label = labels or (was.value, now.value)
    if labels:
        was_label, now_label = f"{labels[0]} ({was.value})", f"{labels[1]} ({now.value})"
    if REACH_ORDER[now] > REACH_ORDER[was]:
        level = Risk.HIGH if was is Reach.INTERNAL else Risk.MEDIUM
        return level, (
            f"{subject} now reaches {now_label}, was {was_label}: "
            "check that its text may go that far"
        )
    if now is Reach.INTERNAL and was is not Reach.INTERNAL:
        return Risk.MEDIUM, (
            f"{subject} now reaches only {now_label}, was {was_label}: it no longer needs "
            "approval and is not held; check that it never leaves the organisation"
        )
    return None


def audience_field(
    kind: str, field: str, old: Message | Channel, new: Message | Channel, plan: Plan, before: Plan
) -> Assessment:
    """A message or channel whose audience now reaches further, or no longer leaves."""
    if field not in ("audience", "platform", "channels"):
        return None
    if isinstance(old, Message) and isinstance(new, Message):
        was, now = message_reach(before, old), message_reach(plan, new)
    elif isinstance(old, Channel) and isinstance(new, Channel):
        was, now = channel_reach(before, old), channel_reach(plan, new)
    else:
        return None
    return reach_change(f"{kind} {new.id}", was, now, (old.audience, new.audience))


def audience_definition_field(
    field: str, old: AudienceDefinition, new: AudienceDefinition
) -> Assessment:
    """An audience of the plan's own whose reach changed: every message for it moves."""
    if field != "reach":
        return None
    return reach_change(f"audience {new.id}", old.reach, new.reach)


FIELD_RULES: dict[str, FieldRule] = {
    "messages": lambda f, o, n, plan, before: audience_field("message", f, o, n, plan, before),
    "channels": lambda f, o, n, plan, before: audience_field("channel", f, o, n, plan, before),
    "audiences": lambda f, o, n, plan, before: audience_definition_field(f, o, n),
    "severities": lambda f, o, n, plan, before: severity_field(f, o, n, plan),
    "threats": threat_field,
    "roles": lambda f, o, n, plan, before: role_field(f, o, n),
    "people": person_field,
    "locales": lambda f, o, n, plan, before: locale_field(f, o, n),
    "escalation": lambda f, o, n, plan, before: escalation_field(f, o, n),
}
