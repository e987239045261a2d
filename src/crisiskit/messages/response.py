"""The whole response to a threat: every message it prepares, in every channel and locale,
with the call list, first steps and cadence (`crisiskit respond`).

It never prints, prompts or exits. The command line asks it what the response needs
(`plan_response`, then `declared_variables` and `missing_values` for the prompt pass),
and then renders it (`render_response`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from crisiskit.diagnostics.errors import TemplateError, UsageError
from crisiskit.messages.drafts import Approver, Draft, approval_chain
from crisiskit.messages.service import (
    Selection,
    blank_codename_warning,
    cadence_for,
    hold_warnings,
    internal_only_warnings,
    needed_variables,
    render_drafts,
)
from crisiskit.messages.variables import Missing, Values, missing
from crisiskit.model.communication import Reach
from crisiskit.model.index import message_reach, plan_index
from crisiskit.model.types import format_duration
from crisiskit.oncall.calllist import CallList, build
from crisiskit.util.suggest import unknown
from crisiskit.util.timefmt import later

if TYPE_CHECKING:
    from crisiskit.config.settings import Config
    from crisiskit.loader.plan import ValidPlan
    from crisiskit.model.communication import Severity
    from crisiskit.model.messages import Message, Variable
    from crisiskit.model.plan import Plan
    from crisiskit.model.threats import Threat


@dataclass(frozen=True, slots=True)
class Part:
    """One message of the response, with the channels and locales it renders for."""

    message: Message
    selection: Selection


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """A message of the severity's timeline, with its deadline after declaration."""

    what: str  # the message id or kind the timeline names
    message: str | None  # the threat's message due then; None when it prepares none
    due: timedelta
    written: str  # "within 5m" or "5m after the previous"
    held: bool  # a public message of a threat holding public statements


@dataclass(frozen=True, slots=True)
class Response:
    """What a response to a threat renders, checked against the plan."""

    threat: Threat
    severity: Severity | None
    parts: list[Part]
    now: datetime
    warnings: list[str] = field(default_factory=list)
    timeline: list[TimelineItem] = field(default_factory=list)
    # What the first published draft promises as its next update (it follows the timeline).
    next_public_update: timedelta | None = None

    @property
    def locales(self) -> list[str]:
        return list(dict.fromkeys(x for p in self.parts for x in p.selection.locales))

    @property
    def next_update(self) -> datetime | None:
        every = self.severity.update_every if self.severity else None
        if every is None:
            return None
        return later(self.now, every)


@dataclass(frozen=True, slots=True)
class RenderedPart:
    message: Message
    drafts: list[Draft]
    approvers: list[Approver]


@dataclass(frozen=True, slots=True)
class RenderedResponse:
    response: Response
    calls: CallList
    parts: list[RenderedPart]
    values: Values

    @property
    def drafts(self) -> list[Draft]:
        return [d for p in self.parts for d in p.drafts]

    @property
    def over_limit(self) -> list[Draft]:
        return [d for d in self.drafts if d.over_limit or d.title_refused]


def plan_response(
    loaded: ValidPlan,
    threat_id: str,
    severity_id: str | None,
    locales: Sequence[str] | None,
    now: datetime,
) -> Response:
    """Check the threat, severity and locales; refuse before anyone is asked anything."""
    plan = loaded.plan
    threat = next((t for t in plan.threats if t.id == threat_id), None)
    if threat is None:
        raise UsageError(unknown("threat", threat_id, [t.id for t in plan.threats]))
    severities = {s.id: s for s in plan.severities}
    if severity_id is not None and severity_id not in severities:
        raise UsageError(unknown("severity", severity_id, list(severities), "--severity"))
    chosen = severity_id or threat.severity
    severity = severities.get(chosen) if chosen else None
    plan_locales = [x.id for x in plan.locales]
    for locale in locales or []:
        if locale not in plan_locales:
            raise UsageError(unknown("locale", locale, plan_locales, "--locale"))
    parts, warnings = _parts(plan, threat, chosen, locales or [], now)
    warnings += internal_only_warnings(plan, chosen, [p.message for p in parts])
    warnings += _blank_codenames(loaded, parts)
    held = [p.message.id for p in parts if p.selection.held]
    if held:
        warnings.append(
            f"hold: threat '{threat.id}' makes no public statement until the facts are "
            f"validated; publish {', '.join(held)} only once they are"
        )
    return Response(
        threat,
        severity,
        parts,
        now,
        warnings,
        _timeline(plan, threat, severity),
        _next_public_update(plan, parts),
    )


def _parts(
    plan: Plan, threat: Threat, severity_id: str | None, locales: Sequence[str], now: datetime
) -> tuple[list[Part], list[str]]:
    """Each message of the threat with its selection; the threat's forbidden channels left
    out, and said so."""
    index = plan_index(plan)
    plan_locales = list(index.locales)
    platforms = {c.id: c.platform for c in plan.channels}
    rules = threat.rules
    parts, warnings = [], []
    for message_id in threat.messages:
        message = index.messages[message_id]  # references were checked when the plan loaded
        own = message.locales or plan_locales
        wanted = [x for x in own if not locales or x in locales]
        channels = [c for c in message.channels if not rules.forbids(c, platforms.get(c))]
        if len(channels) < len(message.channels):
            left_out = [c for c in message.channels if c not in channels]
            warnings.append(
                f"left out: {', '.join(left_out)} for '{message.id}' "
                f"(threat '{threat.id}' must not use them)"
            )
        if wanted and channels:
            every = cadence_for(plan, severity_id, message, timedelta(0), rules.first_response)
            selection = Selection(
                channels,
                wanted,
                severity_id,
                every,
                now,
                codename=rules.codename or "",
                warnings=hold_warnings(plan, message, [threat], every=False),
                held=bool(hold_warnings(plan, message, [threat], every=False)),
            )
            parts.append(Part(message, selection))
    return parts, warnings


def _blank_codenames(loaded: ValidPlan, parts: list[Part]) -> list[str]:
    found = []
    for part in parts:
        try:
            needed = needed_variables(loaded, part.message, part.selection)
        except TemplateError:
            continue  # said when the drafts render
        warning = blank_codename_warning(part.message, part.selection, needed)
        if warning is not None:
            found.append(warning)
    return found


def _timeline(plan: Plan, threat: Threat, severity: Severity | None) -> list[TimelineItem]:
    """The severity's timeline, each entry matched with the threat's message due then."""
    if severity is None:
        return []
    index = plan_index(plan)
    own = [index.messages[m] for m in threat.messages if m in index.messages]
    items = []
    first = threat.rules.first_response
    for number, (entry, due) in enumerate(severity.timeline_deadlines(first)):
        message = next(
            (
                m
                for m in own
                if m.id == entry.message or (entry.message is None and m.kind == entry.kind)
            ),
            None,
        )
        if number == 0 and first is not None:
            written = f"within {format_duration(first)} (the threat's first response)"
        elif entry.within is not None:
            written = f"within {format_duration(entry.within)}"
        else:
            written = f"{format_duration(entry.after or timedelta(0))} after the previous"
        public = message is not None and message_reach(plan, message) is not Reach.INTERNAL
        items.append(
            TimelineItem(
                entry.what,
                message.id if message else None,
                due,
                written,
                held=public and threat.rules.holds_public,
            )
        )
    # A threat's own first response can move the first entry past others (CK314 says so):
    # listed by the clock all the same.
    return sorted(items, key=lambda item: item.due)


def declared_variables(response: Response) -> list[Variable]:
    """Every variable of the response's messages, once per name, in declaration order."""
    seen: dict[str, Variable] = {}
    for part in response.parts:
        for variable in part.message.variables:
            seen.setdefault(variable.name, variable)
    return list(seen.values())


def missing_values(loaded: ValidPlan, response: Response, values: Values) -> list[Missing]:
    """What is still to be asked, once for all messages (a name shared by two is asked once).

    A template that cannot be read raises TemplateError here, before any prompt.
    """
    rendered = [
        (p.message, p.selection.locales, needed_variables(loaded, p.message, p.selection))
        for p in response.parts
    ]
    return missing(values, rendered)


def render_response(
    loaded: ValidPlan, response: Response, values: Values, config: Config
) -> RenderedResponse:
    """Every draft, each message's approval chain at the moment, and the call list."""
    parts = [
        RenderedPart(
            p.message,
            render_drafts(loaded, p.message, values, p.selection, config),
            approval_chain(
                loaded, p.message, p.selection.severity, response.now, p.selection.locales
            ),
        )
        for p in response.parts
    ]
    severity = response.severity.id if response.severity else None
    calls = build(loaded.plan, response.now, severity, response.threat.id, response.locales)
    return RenderedResponse(response, calls, parts, values)


def next_update_due(response: Response) -> timedelta | None:
    """When the next public update is due after the declaration: what the first published
    draft promises (it follows the timeline), else the severity's cadence."""
    if response.next_public_update is not None:
        return response.next_public_update
    return response.severity.update_every if response.severity else None


def _next_public_update(plan: Plan, parts: list[Part]) -> timedelta | None:
    for part in parts:
        if message_reach(plan, part.message) is Reach.PUBLIC and part.selection.update_every:
            return part.selection.update_every
    return None


def cadence(response: Response) -> tuple[timedelta | None, timedelta | None]:
    """The first-response deadline (the threat's own, else its severity's; for a threat
    holding public statements, the internal one) and the severity's update cadence."""
    severity = response.severity
    first = response.threat.first_response(severity.first_response if severity else None)
    return first, severity.update_every if severity else None
