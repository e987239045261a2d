"""CK411 title-over-limit."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.message_renders import example_renders
from crisiskit.lint.registry import Violation, rule
from crisiskit.messages.drafts import shown_title


@rule("CK411", "title-over-limit", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """The example title is empty, longer than a channel allows, or has a character it refuses.

    A variant's `title` (a status page's heading, an e-mail subject, a video title)
    is counted in characters where the platform states a limit: a YouTube title has
    at most 100 and never `<` or `>` (YouTube Data API, `snippet.title`). An e-mail
    subject has no limit: RFC 5322 folds a long header over several lines. See
    docs/channels.md.

    Failing example:
    ```yaml
    channels:
      - id: youtube
        platform: youtube
    messages:
      - id: video-statement
        name: Video statement
        kind: holding-statement
        channels: [youtube]
        approvers: [crisis-lead]
        templates:
          - locale: en
            title: >-
              {{ org.name }}: a statement about the problem with our app that many of
              you reported this morning, and what we are doing about it
            text: >-
              What we know so far and what we are doing. Next update by
              {{ next_update }}; help: {{ org.help_url }}
    ```

    Passing example:
    ```yaml
    channels:
      - id: youtube
        platform: youtube
    messages:
      - id: video-statement
        name: Video statement
        kind: holding-statement
        channels: [youtube]
        approvers: [crisis-lead]
        templates:
          - locale: en
            title: "{{ org.name }}: a statement about the problem with our app"
            text: >-
              What we know so far and what we are doing. Next update by
              {{ next_update }}; help: {{ org.help_url }}
    ```
    """
    for render in example_renders(ctx):
        draft = render.draft
        if draft is None or render.variant_index is None:
            continue
        message = ctx.plan.messages[render.message_index]
        variant = message.templates[render.variant_index]
        channel = ctx.channels.get(render.channel) if render.channel else None
        # A title that renders to nothing: an e-mail with no subject, a video refused.
        empty = draft.title is None and shown_title(message, variant, channel) is not None
        if not draft.title_refused and not empty:
            continue
        # The title may be the locale's general variant's, used by a channel variant.
        j = render.variant_index
        if variant.title is None:
            j = next(
                k
                for k, other in enumerate(message.templates)
                if other.locale == variant.locale and other.general
            )
        where = f"title of '{message.id}' ({render.locale}) on {render.channel}"
        path = ("messages", render.message_index, "templates", j, "title")
        if empty:
            yield Violation(
                path,
                f"{where} is empty with the example values",
                "give the title words of its own, not only variables or conditions",
            )
        if draft.title_over_limit:
            yield Violation(
                path,
                f"{where} has {draft.title_length:,}/{draft.title_limit:,} characters",
                "shorten the title, or give this channel a variant with a shorter `title:`",
            )
        if refused := draft.title_refused_characters:
            yield Violation(
                path,
                f"{where} contains {' and '.join(refused)}, which the platform refuses in a title",
                "reword the title without them, or give this channel a variant with its "
                "own `title:`",
            )
