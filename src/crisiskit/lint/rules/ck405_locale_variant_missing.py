"""CK405 locale-variant-missing."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule


@rule("CK405", "locale-variant-missing", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A message has no template for one of its locales, or for one of its channels there.

    A message exists in its `locales:` (all the plan's locales when empty). In each,
    every channel it is published on needs a template: the locale's general one (no
    `channel:`), or one serving that channel (`channel: x` or `channels: [x, bluesky]`).

    Failing example:
    ```yaml
    locales:
      - id: en
        name: English
        spokesperson: spokesperson
      - id: id
        name: Bahasa Indonesia
        spokesperson: spokesperson
    ```

    Passing example:
    ```yaml
    locales:
      - id: en
        name: English
        spokesperson: spokesperson
      - id: id
        name: Bahasa Indonesia
        spokesperson: spokesperson
    messages:
      - id: holding-statement
        name: Holding statement
        kind: holding-statement
        channels: [x]
        locales: [en]
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
    from crisiskit.messages.templates import pick_variant

    for i, message in enumerate(ctx.plan.messages):
        for locale in ctx.message_locales(message):
            missing = [c for c in message.channels if pick_variant(message, locale, c) is None]
            if not missing:
                continue
            if len(missing) == len(message.channels):
                text = f"message '{message.id}' has no template for locale '{locale}'"
            else:
                text = (
                    f"message '{message.id}' has no template for locale '{locale}' on "
                    + ", ".join(f"'{c}'" for c in missing)
                )
            yield Violation(
                ("messages", i, "templates"),
                text,
                f"add a template with `locale: {locale}` (no `channel:` serves every "
                "channel), or limit `locales:`",
                on_key=True,
            )
