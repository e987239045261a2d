"""Render every message's example once per plan, for the message rules to share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from time import monotonic
from zoneinfo import ZoneInfo

from crisiskit.diagnostics.errors import TemplateError
from crisiskit.lint.context import LintContext
from crisiskit.messages.drafts import Draft, example_variables, render_draft
from crisiskit.messages.service import cadence_for, shared_codename
from crisiskit.model.index import plan_index
from crisiskit.model.messages import Message


@dataclass(frozen=True, slots=True)
class ExampleRender:
    message_index: int
    locale: str
    channel: str | None
    draft: Draft | None
    error: TemplateError | None
    variant_index: int | None


PLAN_RENDER_SECONDS = 10.0


def update_cadence(ctx: LintContext, message: Message) -> timedelta | None:
    """The update cadence of the first threat's severity that uses the message: for the
    message's audience, in the severity's first phase (as the first drafts go out)."""
    # Looked up once per message: scanning every threat here was quadratic.
    for threat in plan_index(ctx.plan).threats_using.get(message.id, []):
        if threat.severity in ctx.severities:
            first = threat.rules.first_response
            return cadence_for(ctx.plan, threat.severity, message, timedelta(0), first)
    return None


def example_renders(ctx: LintContext) -> list[ExampleRender]:
    cached: list[ExampleRender] | None = ctx.__dict__.get("_example_renders")
    if cached is not None:
        return cached
    from crisiskit.messages.templates import pick_variant, variant_index

    zone = ZoneInfo(ctx.plan.organization.default_timezone)
    now = datetime.combine(ctx.today, time(9, 0), tzinfo=zone)
    results: list[ExampleRender] = []
    # Each render is bounded (templates.py); so is the plan's total, however many
    # slow templates it holds.
    budget_ends = monotonic() + PLAN_RENDER_SECONDS
    for i, message in enumerate(ctx.plan.messages):
        cadence = update_cadence(ctx, message)
        codename = shared_codename(plan_index(ctx.plan).threats_using.get(message.id, []))
        for locale in ctx.message_locales(message):
            variables = example_variables(message, locale)
            for channel_id in message.channels:
                channel = ctx.channels.get(channel_id)
                variant = pick_variant(message, locale, channel_id)
                if variant is None:
                    continue  # CK405 reports the missing locale
                index = variant_index(message, variant)
                if monotonic() > budget_ends:
                    error = TemplateError(
                        f"not rendered: the plan's templates used up the "
                        f"{PLAN_RENDER_SECONDS:g} s of rendering a plan may take"
                    )
                    results.append(ExampleRender(i, locale, channel_id, None, error, index))
                    continue
                try:
                    draft = render_draft(
                        ctx.loaded,
                        ctx.renderer,
                        message,
                        locale,
                        channel,
                        variables,
                        now,
                        cadence,
                        ctx.config,
                        codename=codename,
                        sources=ctx.template_source,
                    )
                    results.append(ExampleRender(i, locale, channel_id, draft, None, index))
                except TemplateError as error:
                    results.append(ExampleRender(i, locale, channel_id, None, error, index))
    ctx.__dict__["_example_renders"] = results
    return results


def variant_path(message_index: int, variant_index: int, message: Message) -> tuple[str | int, ...]:
    variant = message.templates[variant_index]
    key = "file" if variant.file is not None else "text"
    return ("messages", message_index, "templates", variant_index, key)
