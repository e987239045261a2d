"""CK403 example-render-fails."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.message_renders import example_renders, variant_path
from crisiskit.lint.registry import Violation, rule


@rule("CK403", "example-render-fails", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A template cannot be rendered with the variables' example values.

    Templates are rendered in Jinja's sandbox with strict variables: a syntax
    error, a missing file, a file outside the repository or an undefined name
    fails here, in CI, instead of in the middle of an incident.

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
              We know about {{ issue }} and are looking into it now {% if %}.
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
    reported: set[tuple[int, int | None]] = set()
    for render in example_renders(ctx):
        if render.error is None or (render.message_index, render.variant_index) in reported:
            continue
        reported.add((render.message_index, render.variant_index))
        message = ctx.plan.messages[render.message_index]
        path = (
            variant_path(render.message_index, render.variant_index, message)
            if render.variant_index is not None
            else ("messages", render.message_index)
        )
        yield Violation(
            path,
            f"'{message.id}' ({render.locale}) does not render: {render.error}",
            "fix the template; it is rendered with each variable's `example`",
        )
