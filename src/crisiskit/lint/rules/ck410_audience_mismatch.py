"""CK410 audience-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.model.communication import Audience


@rule("CK410", "audience-mismatch", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """An internal message is published on a public channel, or the reverse.

    An internal alert posted on the brand's X account is a second crisis; a
    public statement sent only to the team chat never reaches the public.

    Failing example:
    ```yaml
    messages:
      - id: holding-statement
        name: Holding statement
        kind: holding-statement
        channels: [x, team-chat]
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
    for i, message in enumerate(ctx.plan.messages):
        for j, channel_id in enumerate(message.channels):
            channel = ctx.channels.get(channel_id)
            if channel is not None and channel.audience is not message.audience:
                where = "an internal" if channel.audience is Audience.INTERNAL else "a public"
                yield Violation(
                    ("messages", i, "channels", j),
                    f"{message.audience.value} message '{message.id}' is published on "
                    f"{where} channel '{channel_id}'",
                    "publish public messages on public channels and internal ones internally",
                )
