"""CK405 locale-variant-missing."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule


@rule("CK405", "locale-variant-missing", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A message has no template for one of its locales.

    A message exists in its `locales:` (all the plan's locales when empty). Each
    needs a template that is not specialised to one channel.

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
    for i, message in enumerate(ctx.plan.messages):
        general = {t.locale for t in message.templates if t.channel is None}
        for locale in ctx.message_locales(message):
            if locale not in general:
                yield Violation(
                    ("messages", i, "templates"),
                    f"message '{message.id}' has no template for locale '{locale}'",
                    f"add a template with `locale: {locale}`, or limit `locales:`",
                    on_key=True,
                )
