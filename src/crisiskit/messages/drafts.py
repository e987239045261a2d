"""Drafts: a message rendered for one locale and channel, measured against its limit."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from crisiskit.config.settings import Config
from crisiskit.loader.plan import ValidPlan
from crisiskit.messages.limits import (
    UNTITLED_PLATFORMS,
    Limit,
    channel_limit,
    title_limit,
    title_refused,
)
from crisiskit.messages.templates import (
    Renderer,
    build_context,
    pick_variant,
    title_source,
    variant_index,
)
from crisiskit.messages.textlength import Counting, Measurement, evaluate
from crisiskit.model.communication import Channel
from crisiskit.model.index import plan_index
from crisiskit.model.messages import Message, TemplateVariant
from crisiskit.model.team import Role
from crisiskit.oncall.calllist import Holder, ranked_holders
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
    # The rendered title (status page heading, e-mail subject), on one line; None: no title.
    title: str | None = None
    title_limit: int | None = None
    refused_in_title: str = ""  # characters the platform refuses in a title (YouTube: <>)

    @property
    def measurement(self) -> Measurement:
        """The count as shown: exact (bounds only past the work budget)."""
        return evaluate(self.text, self.limit).measurement

    @property
    def problems(self) -> tuple[str, ...]:
        """What the platform would refuse, each with the exact count behind it."""
        return evaluate(self.text, self.limit).problems

    @property
    def title_length(self) -> int | None:
        """The title's length in characters (code points); None without a title."""
        return None if self.title is None else len(self.title)

    @property
    def title_over_limit(self) -> bool:
        """The platform would refuse the title (YouTube: over 100 characters)."""
        length = self.title_length
        return length is not None and self.title_limit is not None and length > self.title_limit

    @property
    def title_refused_characters(self) -> str:
        """The characters of the title the platform refuses, each once, in order."""
        if not self.title or not self.refused_in_title:
            return ""
        return "".join(dict.fromkeys(c for c in self.title if c in self.refused_in_title))

    @property
    def title_refused(self) -> bool:
        """The platform would refuse the title: too long, or a character it rejects."""
        return self.title_over_limit or bool(self.title_refused_characters)

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
    codename: str = "",
    sources: Callable[[TemplateVariant], tuple[str, str]] | None = None,
) -> Draft | None:
    """The draft for one locale and channel; None when no variant exists for the locale.

    ``severity`` is the declared severity's id (see ``default_severity``); without it
    the template's `severity` is blank. Raises TemplateError when the template cannot be
    loaded or rendered. ``sources`` gives a variant's text and name in place of
    ``renderer.source`` (the lint rules read each variant once per plan).
    """
    variant = pick_variant(message, locale, channel.id if channel else None)
    if variant is None:
        return None
    text, name = sources(variant) if sources is not None else renderer.source(loaded, variant)
    level = plan_index(loaded.plan).severities.get(severity) if severity else None
    context = build_context(
        loaded, message, locale, channel, variables, now, update_every, level, codename
    )
    rendered = renderer.render(text, name, context)
    title_template = shown_title(message, variant, channel)
    # Rendered once: the values it shows are data, never run as a template again.
    title = (
        None
        if title_template is None
        else one_line_title(renderer.render(title_template, f"{name} title", context))
    )
    limit = channel_limit(channel, config) if channel else Limit(None, Counting.CODE_POINTS)
    return Draft(
        message=message.id,
        locale=locale,
        channel=channel.id if channel else None,
        text=rendered,
        limit=limit,
        variant_index=variant_index(message, variant),
        template=name,
        title=title,
        title_limit=title_limit(channel),
        refused_in_title=title_refused(channel),
    )


def one_line_title(rendered: str) -> str | None:
    """The rendered title on one line without control characters; None when empty.

    A line break (or any control character) in an e-mail subject would start a header
    of its own or garble it; a title with nothing in it is no title at all.
    """
    printable = "".join(" " if unicodedata.category(c) == "Cc" else c for c in rendered)
    line = " ".join(printable.split())
    return line or None


def shown_title(message: Message, variant: TemplateVariant, channel: Channel | None) -> str | None:
    """The title template a draft on ``channel`` shows; None on a platform without titles."""
    if channel is not None and channel.platform in UNTITLED_PLATFORMS:
        return None
    return title_source(message, variant)


def example_variables(message: Message, locale: str | None = None) -> dict[str, str]:
    """The variables' examples, in ``locale`` where a variable gives one per locale."""
    return {v.name: v.example_for(locale) for v in message.variables}


@dataclass(frozen=True, slots=True)
class Contact:
    person: str
    name: str
    phone: str | None
    available: bool | None  # None when no moment was asked about


@dataclass(frozen=True, slots=True)
class Approver:
    role: str
    role_name: str
    person: str | None
    person_name: str | None
    phone: str | None
    backups: tuple[Contact, ...]
    available: bool | None = None
    moved_up: bool = False  # the primary is off duty (or cannot write the locale)


def approval_chain(
    loaded: ValidPlan,
    message: Message,
    severity_id: str | None,
    at: datetime | None = None,
    locales: Sequence[str] = (),
) -> list[Approver]:
    """The severity's approvers, then the message's own, in order and without repeats.

    With ``at``, each role's holders are ranked as `who` ranks them: a backup on duty
    moves up when the primary is off.
    """
    plan = loaded.plan
    index = plan_index(plan)
    severity = index.severities.get(severity_id) if severity_id else None
    role_ids = [*(severity.approvers if severity else []), *message.approvers]
    roles = index.roles
    region = plan.organization.default_region
    chain: list[Approver] = []
    for role_id in dict.fromkeys(role_ids):
        role = roles.get(role_id)
        holders = _holders(loaded, role, at, locales) if role else []
        contacts = [
            Contact(
                h.person.id,
                h.person.name,
                dial_format(h.person.phone, h.person.phone_region(region))
                if h.person.phone
                else None,
                h.available if at is not None else None,
            )
            for h in holders
        ]
        first = contacts[0] if contacts else None
        chain.append(
            Approver(
                role=role_id,
                role_name=role.name if role else role_id,
                person=first.person if first else None,
                person_name=first.name if first else None,
                phone=first.phone if first else None,
                backups=tuple(contacts[1:]),
                available=first.available if first else None,
                moved_up=bool(holders) and holders[0].moved_up,
            )
        )
    return chain


def _holders(
    loaded: ValidPlan, role: Role, at: datetime | None, locales: Sequence[str]
) -> list[Holder]:
    if at is not None:
        return ranked_holders(loaded.plan, role, at, locales)
    people = plan_index(loaded.plan).people
    ids = dict.fromkeys([role.primary, *role.backups])
    return [Holder(people[p], i, True, True, False) for i, p in enumerate(ids) if p in people]


def default_severity(loaded: ValidPlan, message: Message, threat_id: str | None) -> str | None:
    """The threat's severity, else the most severe level of any threat using the message."""
    plan = loaded.plan
    index = plan_index(plan)
    levels = {s.id: s.level for s in plan.severities}
    if threat_id is not None:
        threat = index.threats.get(threat_id)
        return threat.severity if threat else None
    using = [t.severity for t in index.threats_using.get(message.id, []) if t.severity]
    candidates = [s for s in using if s in levels] or list(levels)
    return min(candidates, key=lambda s: levels[s]) if candidates else None
