"""Drafts: a message rendered for one locale and channel, measured against its limit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from crisiskit.channels import Limit, channel_limit
from crisiskit.config import Config
from crisiskit.loader.plan import LoadedPlan
from crisiskit.model.communication import Channel
from crisiskit.model.messages import Message
from crisiskit.rendering import Renderer, build_context, pick_variant
from crisiskit.textlength import Measurement, Unit, length_at_most, measure


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
        return measure(self.text, self.limit.unit)

    @property
    def over_limit(self) -> bool:
        # Exact counting (twitter-text: a third of a second to import) only near the limit.
        if (
            self.limit.value is None
            or length_at_most(self.text, self.limit.unit) <= self.limit.value
        ):
            return False
        return self.measurement.length > self.limit.value


def render_draft(
    loaded: LoadedPlan,
    renderer: Renderer,
    message: Message,
    locale: str,
    channel: Channel | None,
    variables: Mapping[str, str],
    now: datetime,
    update_every: timedelta | None,
    config: Config | None = None,
) -> Draft | None:
    """The draft for one locale and channel; None when no variant exists for the locale.

    Raises TemplateError when the template cannot be loaded or rendered.
    """
    variant = pick_variant(message, locale, channel.id if channel else None)
    if variant is None:
        return None
    text, name = renderer.source(loaded, variant)
    context = build_context(loaded, message, locale, channel, variables, now, update_every)
    rendered = renderer.render(text, name, context)
    limit = channel_limit(channel, config) if channel else Limit(None, Unit.CHARACTERS)
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
