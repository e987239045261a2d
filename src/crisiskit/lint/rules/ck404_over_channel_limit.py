"""CK404 over-channel-limit."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.message_renders import example_renders, variant_path
from crisiskit.lint.registry import Violation, rule


@rule("CK404", "over-channel-limit", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """The example draft is longer than a channel it is published on allows.

    Lengths are counted as each platform counts them (docs/channels.md): X's
    weighted length (URLs 23, CJK and emoji 2, some characters rejected), Mastodon's
    graphemes (URLs 23, `@user@domain` as `@user`), Bluesky's graphemes and UTF-8
    bytes, SMS parts of 160/153 GSM-7 septets or 70/67 UCS-2 units; Instagram's
    hashtag and mention caps and Threads' link cap count too. Add a shorter channel
    variant (`channel: x`) when needed. A variant serving several channels
    (`channels: [x, bluesky]`) is counted on each by that platform's rule.

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
              We know about {{ issue }} and are looking into it now. We take every
              report seriously and we are working with our partners to understand
              what happened, who was affected and what we must do to put it right.
              We will share what we learn openly and honestly, as soon as we know it.
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
              We know about {{ issue }} and are looking into it now. We take every
              report seriously and we are working with our partners to understand
              what happened, who was affected and what we must do to put it right.
              We will share what we learn openly and honestly, as soon as we know it.
              Next update by {{ next_update }}; help: {{ org.help_url }}
          - locale: en
            channel: x
            text: >-
              We know about {{ issue }} and are looking into it now.
              Next update by {{ next_update }}; help: {{ org.help_url }}
    ```
    """
    for render in example_renders(ctx):
        draft = render.draft
        if draft is None or not draft.over_limit or render.variant_index is None:
            continue
        message = ctx.plan.messages[render.message_index]
        variant = message.templates[render.variant_index]
        shared = len(variant.served_channels) > 1
        yield Violation(
            variant_path(render.message_index, render.variant_index, message),
            f"'{message.id}' ({render.locale}) on {render.channel}: "
            + "; and ".join(draft.problems),
            f"shorten it, or move '{render.channel}' out of `channels:` into a variant "
            f"of its own (`channel: {render.channel}`)"
            if shared
            else f"shorten it, or add a variant with `channel: {render.channel}`",
        )
