"""CK301 locale-without-spokesperson."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule


@rule("CK301", "locale-without-spokesperson", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A locale has no spokesperson role.

    Journalists and customers ask in their own language. Every locale the plan
    speaks needs a role that speaks for the organisation in it.

    Failing example:
    ```yaml
    locales:
      - id: en
        name: English
    ```

    Passing example:
    ```yaml
    locales:
      - id: en
        name: English
        spokesperson: spokesperson
    ```
    """
    for i, locale in enumerate(ctx.plan.locales):
        if locale.spokesperson is None:
            yield Violation(
                ("locales", i),
                f"locale '{locale.id}' has no spokesperson",
                "add `spokesperson:` with the role that speaks in this language",
            )
