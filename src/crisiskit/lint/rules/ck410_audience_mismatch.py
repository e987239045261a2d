"""CK410 audience-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.model.communication import Reach
from crisiskit.model.index import channel_reach, reach_of


@rule("CK410", "audience-mismatch", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A message is published on a channel of another audience.

    A message and each of its channels name an audience (public, internal,
    customers, press, regulators, employees, investors, partners, or one of the
    plan's `audiences:`). An internal alert posted on the brand's X account is a
    second crisis; a public statement sent only to the team chat never reaches the
    public; a notice for premium customers sent to every customer tells the wrong
    people.

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
            if channel is None or channel.audience == message.audience:
                continue
            written, read = reach_of(ctx.plan, message.audience), channel_reach(ctx.plan, channel)
            if written is Reach.PUBLIC and read is Reach.PUBLIC:
                continue  # a public text on a channel that publishes it: it reaches the public
            yield Violation(
                ("messages", i, "channels", j),
                _mismatch(
                    message.id, message.audience, channel_id, channel.audience, (written, read)
                ),
                f"publish '{message.id}' on channels whose `audience:` is "
                f"{message.audience}, or change the message's audience",
            )


def _mismatch(
    message_id: str, wanted: str, channel_id: str, has: str, reaches: tuple[Reach, Reach]
) -> str:
    """What goes wrong: a text not for publication published, or one that misses its readers.

    ``reaches``: how far the text is meant to go, and how far the channel carries it
    (public on a publishing platform such as X, whatever audience the channel names).
    """
    written, read = reaches
    if read is Reach.PUBLIC:
        return (
            f"{wanted} message '{message_id}' is published on public channel "
            f"'{channel_id}': anyone can read what was written for {wanted}"
        )
    if written is Reach.PUBLIC:
        return (
            f"public message '{message_id}' is sent only to {has} on channel '{channel_id}'; "
            "the public never sees it"
        )
    return f"{wanted} message '{message_id}' is sent to {has} on channel '{channel_id}'"
