"""CK408 no-next-update-or-contact."""

from __future__ import annotations

import re
from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.message_renders import example_renders, variant_path
from crisiskit.lint.registry import Violation, rule
from crisiskit.model.communication import Reach
from crisiskit.model.index import message_reach

_CONTACT = re.compile(r"https?://|www\.|@[\w.-]+\.\w+|\+?\d[\d ()-]{7,}\d")


@rule("CK408", "no-next-update-or-contact", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """An outward message says neither when the next update comes nor where to get help.

    People forgive a slow fix more readily than silence. Every message that is not
    internal (public, customers, press, …)
    should name the next update time (`{{ next_update }}`) or a contact point
    (a help URL, phone number or e-mail address).

    Failing example:
    ```yaml
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
            text: We know about {{ issue }} and are looking into it now.
    ```

    Passing example:
    ```yaml
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
              We know about {{ issue }} and are looking into it now.
              Next update by {{ next_update }}; help: {{ org.help_url }}
    ```
    """
    reported: set[tuple[int, int]] = set()
    for render in example_renders(ctx):
        message = ctx.plan.messages[render.message_index]
        draft = render.draft
        if draft is None or render.variant_index is None:
            continue
        if message_reach(ctx.plan, message) is Reach.INTERNAL:
            continue
        key = (render.message_index, render.variant_index)
        if key in reported:
            continue
        text, _ = ctx.template_source(message.templates[render.variant_index])
        if "next_update" in text or _CONTACT.search(draft.text):
            continue
        reported.add(key)
        yield Violation(
            variant_path(render.message_index, render.variant_index, message),
            f"{message.audience} message '{message.id}' ({render.locale}) gives no next "
            "update time and no contact point",
            "add `{{ next_update }}` or `{{ org.help_url }}`",
        )
