"""The render service: what `render-message` asks of a plan, checked before anything renders.

It never prints, prompts or exits; the command line asks it questions and shows answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from crisiskit.diagnostics.errors import UsageError
from crisiskit.messages.drafts import Draft, default_severity, render_draft, shown_title
from crisiskit.messages.templates import Renderer, pick_variant
from crisiskit.model.communication import Audience, MessageKind, Reach
from crisiskit.model.index import message_reach, plan_index
from crisiskit.util.suggest import did_you_mean, unknown

if TYPE_CHECKING:
    from crisiskit.config.settings import Config
    from crisiskit.loader.plan import ValidPlan
    from crisiskit.messages.variables import Values
    from crisiskit.model.communication import Severity, TimelineEntry
    from crisiskit.model.messages import Message
    from crisiskit.model.plan import Plan
    from crisiskit.model.threats import Threat


@dataclass(frozen=True, slots=True)
class Selection:
    """The channels, locales, severity and moment a set of drafts is rendered for."""

    channels: list[str]
    locales: list[str]
    severity: str | None
    update_every: timedelta | None
    now: datetime
    codename: str = ""  # the threat's, for `{{ codename }}`
    # What the drafts' reader must know before publishing (a threat holding public statements).
    warnings: tuple[str, ...] = ()
    held: bool = False  # public drafts of a threat holding them until validation


def pick_message(loaded: ValidPlan, message_id: str | None) -> Message:
    ids = [m.id for m in loaded.plan.messages]
    if message_id is None:
        raise UsageError("name a MESSAGE: " + ", ".join(ids) + " (details: --list)")
    for message in loaded.plan.messages:
        if message.id == message_id:
            return message
    raise UsageError(unknown("message", message_id, ids))


def check_channels(loaded: ValidPlan, channels: Sequence[str]) -> None:
    known = [c.id for c in loaded.plan.channels]
    for channel in channels:
        if channel not in known:
            raise UsageError(unknown("channel", channel, known, "--channel"))


def select(
    loaded: ValidPlan,
    message: Message,
    channels: Sequence[str] | None,
    locales: Sequence[str] | None,
    threat: str | None,
    severity: str | None,
    now: datetime,
    declared: datetime | None = None,
) -> Selection:
    """Check the requested threat, severity, channels and locales against the plan.

    ``declared`` (default: ``now``) places ``now`` in the severity's phases.
    """
    plan = loaded.plan
    if threat is not None and threat not in {t.id for t in plan.threats}:
        raise UsageError(unknown("threat", threat, [t.id for t in plan.threats], "--threat"))
    if severity is not None and severity not in {s.id for s in plan.severities}:
        ids = [s.id for s in plan.severities]
        raise UsageError(unknown("severity", severity, ids, "--severity"))
    severity_id = severity or default_severity(loaded, message, threat)
    elapsed = max(now - declared, timedelta(0)) if declared is not None else timedelta(0)
    found = plan_index(plan).threats.get(threat) if threat is not None else None
    own_first = found.rules.first_response if found is not None else None
    cadence = cadence_for(plan, severity_id, message, elapsed, own_first)
    wanted_channels = _channels(plan, message, channels, found)
    message_locales = message.locales or [x.id for x in plan.locales]
    wanted_locales = list(dict.fromkeys(locales or message_locales))
    for locale in wanted_locales:
        if locale not in message_locales:
            close = did_you_mean(locale, message_locales)
            raise UsageError(
                f"'{message.id}' has no locale '{locale}'"
                + (f"; {close}" if close else "")
                + f" (locales: {', '.join(message_locales)})"
            )
    users = [found] if found is not None else plan_index(plan).threats_using.get(message.id, [])
    notes = internal_only_warnings(plan, severity_id, [message])
    holds = hold_warnings(plan, message, users, every=found is None)
    if found is None and not channels:
        left_out = forbidden_by_all(plan, wanted_channels, users)
        if left_out:
            wanted_channels = [c for c in wanted_channels if c not in left_out]
            notes += (
                f"left out: {', '.join(left_out)} (every threat using '{message.id}' must "
                "not use them; ask with --channel to draft them anyway)",
            )
    if not wanted_channels:
        whose = f"threat '{found.id}'" if found is not None else "every threat using it"
        raise UsageError(
            f"'{message.id}' has no channel to render: {whose} must not use "
            f"{', '.join(message.channels)} (communication: forbidden_channels or "
            "forbidden_platforms)"
            + ("" if found is not None else "; ask with --channel to draft anyway")
        )
    return Selection(
        wanted_channels,
        wanted_locales,
        severity_id,
        cadence,
        now,
        codename=shared_codename(users),
        warnings=holds + notes,
        held=bool(holds),
    )


def _channels(
    plan: Plan, message: Message, channels: Sequence[str] | None, threat: Threat | None
) -> list[str]:
    """The channels asked for, or the message's; a threat's forbidden ones left out."""
    platforms = {c.id: c.platform for c in plan.channels}
    rules = threat.rules if threat is not None else None
    for channel in channels or []:
        if channel not in message.channels:
            close = did_you_mean(channel, message.channels)
            raise UsageError(
                f"'{message.id}' is not published on '{channel}'"
                + (f"; {close}" if close else "")
                + f" (channels: {', '.join(message.channels)})"
            )
        if threat is not None and threat.rules.forbids(channel, platforms.get(channel)):
            raise UsageError(
                f"threat '{threat.id}' must not use channel '{channel}' (its "
                "communication: forbidden_channels or forbidden_platforms); render without "
                "--threat to draft it anyway"
            )
    if channels:
        return list(dict.fromkeys(channels))
    return [c for c in message.channels if rules is None or not rules.forbids(c, platforms.get(c))]


def shared_codename(threats: Sequence[Threat]) -> str:
    """The codename every one of the threats has (one threat's, when rendering for it),
    else blank: a message shared with a threat without one must not carry another's."""
    names = {t.rules.codename or "" for t in threats}
    return names.pop() if len(names) == 1 else ""


def forbidden_by_all(plan: Plan, channels: Sequence[str], threats: Sequence[Threat]) -> list[str]:
    """The channels every one of the threats forbids (none when no threat uses them)."""
    if not threats:
        return []
    platforms = {c.id: c.platform for c in plan.channels}
    return [c for c in channels if all(t.rules.forbids(c, platforms.get(c)) for t in threats)]


def internal_only_warnings(
    plan: Plan, severity_id: str | None, messages: Sequence[Message]
) -> tuple[str, ...]:
    """Public messages drafted at a level that makes no public response: said, and no next
    update is promised in them."""
    severity = plan_index(plan).severities.get(severity_id) if severity_id else None
    public = [m.id for m in messages if message_reach(plan, m) is Reach.PUBLIC]
    if severity is None or not severity.internal_only or not public:
        return ()
    return (
        f"internal only: {severity.id} makes no public response; {', '.join(public)} "
        "would go out at another level (no next update is promised in the drafts)",
    )


def hold_warnings(
    plan: Plan, message: Message, threats: Sequence[Threat], every: bool
) -> tuple[str, ...]:
    """A public message of a threat that holds public statements until the facts are
    validated: said, not refused (the team may have validated them).

    ``every``: the message is rendered for no threat in particular; warn only when every
    threat using it holds, as there is then no threat it could go out for now.
    """
    # Unvalidated facts must not leave the organisation: a customer e-mail is held too.
    if message_reach(plan, message) is Reach.INTERNAL or not threats:
        return ()
    holding = [t.id for t in threats if t.rules.holds_public]
    if not holding or (every and len(holding) < len(threats)):
        return ()
    named = ", ".join(f"'{t}'" for t in holding)
    return (
        f"hold: threat {named} makes no public statement until the facts are "
        f"validated; publish '{message.id}' only once they are",
    )


def cadence_for(
    plan: Plan,
    severity_id: str | None,
    message: Message,
    elapsed: timedelta,
    first_response: timedelta | None = None,
) -> timedelta | None:
    """How long until the next update of the message, ``elapsed`` after declaration.

    A phase's audience cadence, else the phase's; after the last phase the severity's
    audience cadence, else `update_every`. A message on the severity's timeline followed
    by an entry for the same audience not yet due: that entry's deadline, if sooner.
    ``first_response``: the threat's own, which moves the timeline's first entry.
    """
    severity = next((s for s in plan.severities if s.id == severity_id), None)
    if severity is None:
        return None
    every = _phase_cadence(severity, message.audience, elapsed)
    position = severity.timeline_index(message.id, message.kind.value)
    if position is None:
        return every
    # The next entry for the same audience is when this message is followed up; never
    # later than the cadence says (a resolution a day on does not silence the updates).
    for entry, due in severity.timeline_deadlines(first_response)[position + 1 :]:
        if due > elapsed and message.audience in _entry_audiences(plan, entry):
            return min(due - elapsed, every) if every is not None else due - elapsed
    return every


def _phase_cadence(severity: Severity, audience: str, elapsed: timedelta) -> timedelta | None:
    for phase in severity.phases:
        if elapsed < phase.until:
            return phase.cadence.get(audience, phase.update_every)
    return severity.cadence.get(audience, severity.update_every)


def _entry_audiences(plan: Plan, entry: TimelineEntry) -> set[str]:
    """Who a timeline entry speaks to: its message's audience, or that of the plan's
    messages of its kind (an internal alert is internal even when no message has it)."""
    found: set[str] = {
        m.audience
        for m in plan.messages
        if m.id == entry.message or (entry.message is None and m.kind == entry.kind)
    }
    if found:
        return found
    internal = entry.kind is MessageKind.INTERNAL_ALERT
    return {Audience.INTERNAL if internal else Audience.PUBLIC}


def blank_codename_warning(message: Message, selection: Selection, needed: set[str]) -> str | None:
    """An internal template that shows `{{ codename }}`, rendered with none (no threat, a
    threat without one, or threats that do not share one): it would read "Operation ."."""
    declared = {v.name for v in message.variables}
    if "codename" not in needed or "codename" in declared or selection.codename:
        return None
    if message.audience is not Audience.INTERNAL:
        return None  # public drafts never show it (CK112 flags the template)
    return (
        f"blank codename: '{message.id}' shows {{{{ codename }}}} but is rendered without one "
        "(give the threat a `communication.codename`, or render with --threat)"
    )


def needed_variables(loaded: ValidPlan, message: Message, selection: Selection) -> set[str]:
    """Variables used by the templates that will render.

    A template that cannot be read or parsed raises TemplateError here, so the error
    names the template instead of asking for variables it could never use.
    """
    renderer = Renderer.for_root(loaded.root, loaded.tree)
    renderer.forget_paths()  # a drill session renders again minutes later
    channels = {c.id: c for c in loaded.plan.channels}
    needed: set[str] = set()
    for locale in selection.locales:
        for channel in selection.channels:
            variant = pick_variant(message, locale, channel)
            if variant is not None:
                needed |= renderer.names_used(*renderer.source(loaded, variant))
                title = shown_title(message, variant, channels.get(channel))
                if title is not None:
                    needed |= renderer.names_used(title, f"{message.id} title")
    return needed


def render_drafts(
    loaded: ValidPlan,
    message: Message,
    values: Values,
    selection: Selection,
    config: Config,
) -> list[Draft]:
    """One draft per locale and channel that has a template variant.

    Each locale's templates see that locale's value of a variable, else the shared one.
    """
    renderer = Renderer.for_root(loaded.root, loaded.tree)
    renderer.forget_paths()  # a drill session renders again minutes later
    by_id = {c.id: c for c in loaded.plan.channels}
    names = [v.name for v in message.variables]
    drafts = []
    for locale in selection.locales:
        local_values = values.for_locale(names, locale)
        for channel in selection.channels:
            draft = render_draft(
                loaded,
                renderer,
                message,
                locale,
                by_id.get(channel),
                local_values,
                selection.now,
                selection.update_every,
                config,
                severity=selection.severity,
                codename=selection.codename,
            )
            if draft is not None:
                drafts.append(draft)
    return drafts
