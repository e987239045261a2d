"""CK402 unused-variable."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.errors import TemplateError
from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule


@rule("CK402", "unused-variable", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A declared variable is used by none of the message's templates or titles.

    Someone will be prompted for it mid-incident and wonder where it went.

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
          - name: city
            description: Where it happened
            example: Bandung
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
        used: set[str] = set()
        for variant in message.templates:
            try:
                text, name = ctx.template_source(variant)
                used |= ctx.renderer.names_used(text, name)
                if variant.title is not None:
                    used |= ctx.renderer.names_used(variant.title, f"{name} title")
            except TemplateError:
                used = {v.name for v in message.variables}  # cannot tell; stay silent
                break
        for j, variable in enumerate(message.variables):
            if variable.name not in used:
                yield Violation(
                    ("messages", i, "variables", j, "name"),
                    f"variable '{variable.name}' of '{message.id}' is used by no template",
                    "use it in the templates, or remove it",
                )
