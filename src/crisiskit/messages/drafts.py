"""Drafts: a message rendered for one locale and channel, measured against its limit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from crisiskit.config.settings import Config
from crisiskit.loader.plan import ValidPlan
from crisiskit.messages.limits import Limit, channel_limit
from crisiskit.messages.templates import Renderer, build_context, pick_variant
from crisiskit.messages.textlength import Counting, Measurement, evaluate
from crisiskit.model.communication import Channel
from crisiskit.model.messages import Message
from crisiskit.oncall.contacts import dial_format


@dataclass(frozen=True, slots=True)
class Draft:
    message: str
    locale: str
    channel: str | None
    text: str
    limit: Limit
    variant_index: int
    template: str

    @property
    def measurement(self) -> Measurement:
        """The count as shown: exact (bounds only past the work budget)."""
        return evaluate(self.text, self.limit).measurement

    @property
    def problems(self) -> tuple[str, ...]:
        """What the platform would refuse, each with the exact count behind it."""
        return evaluate(self.text, self.limit).problems

    @property
    def over_limit(self) -> bool:
        """The platform would refuse it: over a limit or cap, or a character it rejects.

        Decided from cheap bounds where they settle it, so X's counting library (~100 ms
        to import) loads only for drafts near their limit.
        """
        return not evaluate(self.text, self.limit, exact=False).ok


def render_draft(
    loaded: ValidPlan,
    renderer: Renderer,
    message: Message,
    locale: str,
    channel: Channel | None,
    variables: Mapping[str, str],
    now: datetime,
    update_every: timedelta | None,
    config: Config | None = None,
    severity: str | None = None,
) -> Draft | None:
    """The draft for one locale and channel; None when no variant exists for the locale.

    ``severity`` is the declared severity's id (see ``default_severity``); without it
    the template's `severity` is blank. Raises TemplateError when the template cannot be
    loaded or rendered.
    """
    variant = pick_variant(message, locale, channel.id if channel else None)
    if variant is None:
        return None
    text, name = renderer.source(loaded, variant)
    level = next((s for s in loaded.plan.severities if s.id == severity), None)
    context = build_context(loaded, message, locale, channel, variables, now, update_every, level)
    rendered = renderer.render(text, name, context)
    limit = channel_limit(channel, config) if channel else Limit(None, Counting.CODE_POINTS)
    return Draft(
        message=message.id,
        locale=locale,
        channel=channel.id if channel else None,
        text=rendered,
        limit=limit,
        variant_index=message.templates.index(variant),
        template=name,
    )


def example_variables(message: Message) -> dict[str, str]:
    return {v.name: v.example for v in message.variables}


@dataclass(frozen=True, slots=True)
class Approver:
    role: str
    role_name: str
    person: str | None
    person_name: str | None
    phone: str | None
    backups: tuple[str, ...]


def approval_chain(loaded: ValidPlan, message: Message, severity_id: str | None) -> list[Approver]:
    """The severity's approvers, then the message's own, in order and without repeats."""
    plan = loaded.plan
    severity = next((s for s in plan.severities if s.id == severity_id), None)
    role_ids = [*(severity.approvers if severity else []), *message.approvers]
    roles = {r.id: r for r in plan.roles}
    people = {p.id: p for p in plan.people}
    chain: list[Approver] = []
    for role_id in dict.fromkeys(role_ids):
        role = roles.get(role_id)
        person = people.get(role.primary) if role else None
        chain.append(
            Approver(
                role=role_id,
                role_name=role.name if role else role_id,
                person=person.id if person else None,
                person_name=person.name if person else None,
                phone=dial_format(person.phone, plan.organization.default_region)
                if person and person.phone
                else None,
                backups=tuple(role.backups) if role else (),
            )
        )
    return chain


def default_severity(loaded: ValidPlan, message: Message, threat_id: str | None) -> str | None:
    """The threat's severity, else the most severe level of any threat using the message."""
    plan = loaded.plan
    levels = {s.id: s.level for s in plan.severities}
    if threat_id is not None:
        threat = next((t for t in plan.threats if t.id == threat_id), None)
        return threat.severity if threat else None
    using = [t.severity for t in plan.threats if message.id in t.messages and t.severity]
    candidates = [s for s in using if s in levels] or list(levels)
    return min(candidates, key=lambda s: levels[s]) if candidates else None


@dataclass(frozen=True, slots=True)
class VariableCheck:
    values: dict[str, str]
    missing: list[str]
    unknown: list[str]


def check_variables(
    message: Message, given: Mapping[str, str], needed: set[str] | None = None
) -> VariableCheck:
    """Sort given values into known and unknown; list the required ones still missing.

    ``needed`` limits "required" to the variables the selected templates use.
    """
    declared = {v.name: v for v in message.variables}
    unknown = [name for name in given if name not in declared]
    values = {name: value for name, value in given.items() if name in declared}
    missing = [
        v.name
        for v in message.variables
        if v.required and v.name not in values and (needed is None or v.name in needed)
    ]
    for variable in message.variables:
        if variable.name not in values and variable.name not in missing:
            values[variable.name] = ""  # optional, or unused by the selected templates
    return VariableCheck(values, missing, unknown)
