"""CK112 codename-in-public-message."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, time
from typing import TYPE_CHECKING

from crisiskit.diagnostics.errors import TemplateError
from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.message_renders import variant_path
from crisiskit.lint.registry import Violation, rule
from crisiskit.messages.drafts import example_variables
from crisiskit.messages.templates import build_context
from crisiskit.model.communication import Reach
from crisiskit.model.index import message_reach, plan_index

if TYPE_CHECKING:
    from crisiskit.model.messages import Message, TemplateVariant


@rule("CK112", "codename-in-public-message", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A public message can show a threat's codename.

    A codename (`communication.codename`) keeps a need-to-know incident out of
    overheard conversations and forwarded chats; published, it tells everyone what
    the team calls it. A template for anyone outside the organisation (public,
    customers, press, …) must not use `{{ codename }}` nor spell out the codename of
    a threat that links it, nor `{% include %}` a partial that shows it (each such
    variant is rendered with a marker as the codename and searched). Drafts for an
    outside audience or channel are rendered with a blank codename anyway; this
    catches the template that would print "Ref ." instead.

    Failing example:
    ```yaml
    threats:
      - id: data-leak
        name: Customer data leak
        kind: data-leak
        likelihood: unlikely
        impact: severe
        severity: sev1
        owner: crisis-lead
        signals: [Customer data offered online]
        first_steps:
          - Contain the leak
          - action: Notify the data protection authority
            regulator: Komdigi
            within: 72h
        messages: [holding-statement]
        communication:
          codename: nightjar
    messages:
      - id: holding-statement
        name: Holding statement
        kind: holding-statement
        channels: [x]
        variables:
          - name: issue
            description: What happened, in a few words
            example: a problem with our app
        templates:
          - locale: en
            text: >-
              Update on {{ codename }}: we know about {{ issue }}.
              Next update by {{ next_update }}; help: {{ org.help_url }}
    ```

    Passing example:
    ```yaml
    threats:
      - id: data-leak
        name: Customer data leak
        kind: data-leak
        likelihood: unlikely
        impact: severe
        severity: sev1
        owner: crisis-lead
        signals: [Customer data offered online]
        first_steps:
          - Contain the leak
          - action: Notify the data protection authority
            regulator: Komdigi
            within: 72h
        messages: [holding-statement]
        communication:
          codename: nightjar
    ```
    """
    users = plan_index(ctx.plan).threats_using
    for i, message in enumerate(ctx.plan.messages):
        # A codename in anything that leaves the organisation (a post, a customer e-mail).
        if message_reach(ctx.plan, message) is Reach.INTERNAL:
            continue
        declared = {v.name for v in message.variables}  # a variable of that name wins
        codenames = {t.rules.codename for t in users.get(message.id, []) if t.rules.codename}
        for j, variant in enumerate(message.templates):
            try:
                text, name = ctx.template_source(variant)
            except TemplateError:
                continue  # CK403 reports templates that cannot be read or parsed
            sources = [(variant_path(i, j, message), text, name)]
            if variant.title is not None:  # an e-mail subject leaves the organisation too
                title_path = ("messages", i, "templates", j, "title")
                sources.append((title_path, variant.title, f"{name} title"))
            for path, source, source_name in sources:
                spelt = sorted(c for c in codenames if _spells(source, c))
                shows = _shows_codename(ctx, message, variant, source, source_name)
                if "codename" not in declared and shows:
                    spelt = ["{{ codename }}", *spelt]
                if spelt:
                    yield Violation(
                        path,
                        f"{message.audience} message '{message.id}' ({variant.locale}) shows "
                        + ", ".join(s if s.startswith("{{") else f"codename {s}" for s in spelt)
                        + (" in its title" if path[-1] == "title" else ""),
                        "keep the codename to internal messages",
                    )


def _shows_codename(
    ctx: LintContext, message: Message, variant: TemplateVariant, text: str, name: str
) -> bool:
    """The template prints `codename`, directly or through an `{% include %}`d partial:
    rendered with a marker as the codename and searched (a render that fails falls back to
    the names the template itself reads)."""
    served = variant.served_channels
    channel = ctx.channels.get(served[0]) if served else None
    values = example_variables(message, variant.locale)
    now = datetime.combine(ctx.today, time(9, 0), tzinfo=UTC)
    try:
        context = build_context(ctx.loaded, message, variant.locale, channel, values, now, None)
        context["codename"] = _MARKER
        return _MARKER in ctx.renderer.render(text, name, context)
    except TemplateError:
        try:
            return "codename" in ctx.renderer.names_used(text, name)
        except TemplateError:
            return False


_MARKER = "ck112codenamemarker"


def _spells(text: str, codename: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(codename)}(?!\w)", text, re.IGNORECASE) is not None
