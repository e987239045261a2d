"""CK406 placeholder-text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from crisiskit.diagnostics.errors import TemplateError
from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.message_renders import variant_path
from crisiskit.lint.registry import Violation, rule

PLACEHOLDER = re.compile(
    r"\b(TODO|FIXME|TBD|TBC|XXX+)\b|lorem ipsum|\[(NAME|NAMA|DATE|TANGGAL|INSERT[^\]]*)\]"
    r"|<\s*insert[^>]*>",
    re.IGNORECASE,
)


@rule("CK406", "placeholder-text", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A template still holds placeholder text (TODO, XXX, lorem ipsum, [NAME]).

    Placeholders get published under pressure. Use a declared variable for
    anything that changes per incident. Titles are checked too.

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
              Dear [NAME], we know about {{ issue }} and are looking into it now.
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
        for j, variant in enumerate(message.templates):
            try:
                text, _ = ctx.template_source(variant)
            except TemplateError:
                continue
            parts = [(variant_path(i, j, message), "template", text)]
            if variant.title is not None:
                parts.append((("messages", i, "templates", j, "title"), "title", variant.title))
            for path, what, part in parts:
                match = PLACEHOLDER.search(part)
                if match:
                    yield Violation(
                        path,
                        f"{what} of '{message.id}' ({variant.locale}) holds placeholder "
                        f"'{match.group(0)}'",
                        "replace it with final text or a declared variable",
                    )
