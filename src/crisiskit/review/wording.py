"""Message wording before and after: a word diff per locale and channel, and the example
rendered with its declared values, measured against the channel's limit."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from difflib import SequenceMatcher
from zoneinfo import ZoneInfo

from crisiskit.config.settings import Config
from crisiskit.diagnostics.errors import TemplateError
from crisiskit.loader.plan import ValidPlan
from crisiskit.messages.drafts import example_variables, render_draft, shown_title
from crisiskit.messages.service import cadence_for
from crisiskit.messages.templates import Renderer, pick_variant
from crisiskit.model.communication import Channel
from crisiskit.model.messages import Message
from crisiskit.model.plan import Plan
from crisiskit.review.model import Example, Risk, Wording

_WORDS = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """("=", "-" or "+", text) runs turning ``old`` into ``new`` word by word."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    runs: list[tuple[str, str]] = []

    def add(op: str, words: list[str]) -> None:
        text = "".join(words)
        if not text:
            return
        if runs and runs[-1][0] == op:
            runs[-1] = (op, runs[-1][1] + text)
        else:
            runs.append((op, text))

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            add("=", a[i1:i2])
        else:
            add("-", a[i1:i2])
            add("+", b[j1:j2])
    return tuple(runs)


@dataclass(frozen=True, slots=True)
class Side:
    """One plan as the messages see it: the plan, how to render, and when."""

    plan: ValidPlan
    config: Config
    today: date

    @property
    def renderer(self) -> Renderer:
        return Renderer.for_root(self.plan.root, self.plan.tree)

    def cadence(self, message: Message) -> timedelta | None:
        """As validate renders examples: the audience's cadence in the first phase."""
        severities = {s.id for s in self.plan.plan.severities}
        for threat in self.plan.plan.threats:
            if message.id in threat.messages and threat.severity in severities:
                first = threat.rules.first_response
                return cadence_for(self.plan.plan, threat.severity, message, timedelta(0), first)
        return None

    def locales(self, message: Message) -> list[str]:
        return message.locales or [x.id for x in self.plan.plan.locales]

    def source(self, message: Message, locale: str, channel_id: str) -> str | None:
        """The template text a locale and channel use (None: no variant, or unreadable)."""
        variant = pick_variant(message, locale, channel_id)
        if variant is None:
            return None
        try:
            source = self.renderer.source(self.plan, variant)[0]
        except TemplateError:
            return None
        return _with_title(source, shown_title(message, variant, self._channel(channel_id)))

    def _channel(self, channel_id: str) -> Channel | None:
        return next((c for c in self.plan.plan.channels if c.id == channel_id), None)

    def example(self, message: Message, locale: str, channel_id: str) -> tuple[str, Example] | None:
        """The template source and the rendered example; None without a variant."""
        variant = pick_variant(message, locale, channel_id)
        if variant is None:
            return None
        channel = self._channel(channel_id)
        title = shown_title(message, variant, channel)
        zone = ZoneInfo(self.plan.plan.organization.default_timezone)
        now = datetime.combine(self.today, time(9, 0), tzinfo=zone)
        try:
            source, name = self.renderer.source(self.plan, variant)
            draft = render_draft(
                self.plan,
                self.renderer,
                message,
                locale,
                channel,
                example_variables(message),
                now,
                self.cadence(message),
                self.config,
            )
        except TemplateError as error:
            source = variant.text or variant.file or ""
            return _with_title(source, title), Example(None, error=str(error))
        template = name if variant.file is not None else None
        if draft is None:
            return None
        measured = draft.measurement
        return _with_title(source, title), Example(
            draft.text,
            measured.length,
            draft.limit.value,
            draft.limit.unit.value,
            None,
            template,
            draft.title,
        )


def _with_title(source: str, title: str | None) -> str:
    """The template source with its title's, so that a new title is a wording change."""
    return source if title is None else f"{title}\n\n{source}"


def context_key(plan: Plan) -> str:
    """What templates see of the plan besides the message (see ``build_context``)."""
    parts = {
        "organization": plan.organization.model_dump(mode="json"),
        "locales": [x.model_dump(mode="json") for x in plan.locales],
        "channels": [c.model_dump(mode="json") for c in plan.channels],
        "roles": [(r.id, r.name, r.primary) for r in plan.roles],
        "people": [(p.id, p.name, p.title) for p in plan.people],
        "severities": [s.model_dump(mode="json") for s in plan.severities],
        "threats": [(t.id, t.severity, t.messages) for t in plan.threats],
    }
    return json.dumps(parts, sort_keys=True)


def wordings(
    before: Side, after: Side, old: Message, new: Message, same_context: bool = False
) -> list[tuple[Wording, tuple[Risk, str] | None]]:
    """Each locale and channel whose template changed, or whose example newly fails or
    fits its limit. An example that differs only through the rest of the plan (a new
    update cadence, another spokesperson) is not a wording change."""
    found = []
    locales = list(dict.fromkeys([*after.locales(new), *before.locales(old)]))
    channels = list(dict.fromkeys([*new.channels, *old.channels]))
    # Rendering every example twice is most of the cost of a diff: when neither the message
    # nor anything templates read changed, a template that reads the same renders the same.
    unchanged = same_context and old == new
    for locale in locales:
        for channel in channels:
            if unchanged and before.source(old, locale, channel) == after.source(
                new, locale, channel
            ):
                continue
            was = before.example(old, locale, channel) if channel in old.channels else None
            now = after.example(new, locale, channel) if channel in new.channels else None
            if not _reworded(was, now):
                continue
            old_text = _text(was)
            new_text = _text(now)
            wording = Wording(
                locale,
                channel,
                word_diff(old_text, new_text),
                was[1] if was else None,
                now[1] if now else None,
            )
            found.append((wording, _risk(new.id, wording)))
    return found


def _reworded(was: tuple[str, Example] | None, now: tuple[str, Example] | None) -> bool:
    if was is None or now is None:
        return was is not now
    (old_source, old), (new_source, new) = was, now
    return (
        old_source != new_source
        or old.over_limit != new.over_limit
        or (old.error is None) != (new.error is None)
    )


def _text(side: tuple[str, Example] | None) -> str:
    if side is None:
        return ""
    source, example = side
    if example.text is None:
        return source
    return example.text if example.title is None else f"{example.title}\n\n{example.text}"


def _risk(message: str, wording: Wording) -> tuple[Risk, str] | None:
    before, after = wording.before, wording.after
    where = f"{message} on {wording.channel} ({wording.locale})"
    if after is not None and after.error is not None and (before is None or before.error is None):
        return Risk.HIGH, f"{where} no longer renders: {after.error}"
    if after is not None and after.over_limit and not (before is not None and before.over_limit):
        return Risk.HIGH, f"{where} now over the limit ({after.length}/{after.limit})"
    return None
