"""CK409 variant-channel-unused."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.model.messages import TemplateVariant


@rule("CK409", "variant-channel-unused", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A template variant serves a channel the message is not published on.

    The variant is never rendered: either add the channel to the message's
    `channels:`, or remove the variant.

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
            text: >-
              We know about {{ issue }} and are looking into it now.
              Next update by {{ next_update }}; help: {{ org.help_url }}
          - locale: en
            channel: team-chat
            text: "{{ issue }}: see {{ org.help_url }} by {{ next_update }}"
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
        for j, variant in enumerate(message.templates):
            for channel, path in _served(variant, ("messages", i, "templates", j)):
                if channel not in message.channels:
                    yield Violation(
                        path,
                        f"variant for '{channel}' is never used: '{message.id}' is not "
                        "published there",
                        f"add '{channel}' to the message's `channels:`, or remove it "
                        "from the variant",
                    )


def _served(
    variant: TemplateVariant, path: tuple[str | int, ...]
) -> Iterator[tuple[str, tuple[str | int, ...]]]:
    """Each channel the variant serves, with where it is written."""
    if variant.channel is not None:
        yield variant.channel, (*path, "channel")
    for k, channel in enumerate(variant.channels or ()):
        yield channel, (*path, "channels", k)
