"""CK401 undeclared-variable."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.errors import TemplateError
from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.message_renders import variant_path
from crisiskit.lint.registry import Violation, rule
from crisiskit.messages.templates import CONTEXT_NAMES
from crisiskit.util.suggest import did_you_mean


@rule("CK401", "undeclared-variable", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A template uses a variable the message does not declare.

    Every variable must be declared with a description and an example, so the
    person rendering at 2 a.m. knows what to fill in. Besides declared variables
    a template may use `org`, `spokesperson`, `now`, `next_update`, `locale`,
    `channel` and `severity`. A variant's `title` is checked the same way.

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
              We know about {{ issue }} in {{ city }} and are looking into it.
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
          - name: city
            description: Where it happened
            example: Bandung
        templates:
          - locale: en
            text: >-
              We know about {{ issue }} in {{ city }} and are looking into it.
              Next update by {{ next_update }}; help: {{ org.help_url }}
    ```
    """
    for i, message in enumerate(ctx.plan.messages):
        declared = {v.name for v in message.variables}
        for j, variant in enumerate(message.templates):
            try:
                text, name = ctx.template_source(variant)
                parts = [(variant_path(i, j, message), "template", text, name)]
                if variant.title is not None:
                    title_path = ("messages", i, "templates", j, "title")
                    parts.append((title_path, "title", variant.title, f"{name} title"))
                used = [(p, what, ctx.renderer.names_used(t, n)) for p, what, t, n in parts]
            except TemplateError:
                continue  # CK403 reports templates that cannot be read or parsed
            for path, what, names in used:
                for missing in sorted(names - declared - CONTEXT_NAMES):
                    yield Violation(
                        path,
                        f"{what} of '{message.id}' ({variant.locale}) uses undeclared "
                        f"variable '{missing}'",
                        _hint(missing, declared),
                    )


def _hint(missing: str, declared: set[str]) -> str:
    close = did_you_mean(missing, sorted(declared | CONTEXT_NAMES))
    declare = "declare it under `variables:` with a description and an example"
    return f"{close} Or {declare}" if close else declare
