"""CK407 forbidden-phrase."""

from __future__ import annotations

import re
from collections.abc import Iterator

from crisiskit.diagnostics.errors import TemplateError
from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.message_renders import variant_path
from crisiskit.lint.registry import Violation, rule

# Phrases that make a crisis worse: stonewalling, shifting blame, promising a fix time.
FORBIDDEN: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (
        (r"\bno comment\b", "stonewalling"),
        (r"\bnot our fault\b|\bthrough no fault of our own\b", "blame-shifting"),
        (r"\b(user|customer)s?'? (error|fault)\b|\bthe user's fault\b", "blame-shifting"),
        (r"\bwe apologi[sz]e if\b|\bsorry if anyone\b", "a conditional apology"),
        (
            r"\b(will be|is going to be) (fixed|resolved|restored) (with)?in \d+\s*"
            r"(minutes?|hours?|days?)\b",
            "a promised resolution time",
        ),
    ),
    "id": (
        (r"\btidak ada komentar\b|\btanpa komentar\b|\bno comment\b", "stonewalling"),
        (r"\bbukan (salah|kesalahan) kami\b", "blame-shifting"),
        (r"\b(kesalahan|salah) (pengguna|pelanggan)\b", "blame-shifting"),
        (r"\bmohon maaf jika\b", "a conditional apology"),
        (
            r"\b(akan )?(selesai|pulih|diperbaiki|normal kembali) dalam( waktu)? \d+\s*"
            r"(menit|jam|hari)\b",
            "a promised resolution time",
        ),
    ),
}
_COMPILED = {
    locale: [(re.compile(pattern, re.IGNORECASE), why) for pattern, why in phrases]
    for locale, phrases in FORBIDDEN.items()
}


@rule("CK407", "forbidden-phrase", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A template uses a phrase that makes a crisis worse.

    Crisis messages must be honest, transparent and offer a solution. "No
    comment" / "tidak ada komentar" reads as hiding, blaming users or partners
    reads as evasion, "we apologise if" is no apology, and a promised fix time
    ("fixed within 1 hour" / "selesai dalam 1 jam") is a promise you may break.

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
              We know about {{ issue }}; it is not our fault and will be fixed within
              1 hour. Next update by {{ next_update }}; help: {{ org.help_url }}
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
            language = variant.locale.split("-")[0]
            patterns = _COMPILED.get(language, []) + (_COMPILED["en"] if language != "en" else [])
            try:
                text, _ = ctx.renderer.source(ctx.loaded, variant)
            except TemplateError:
                continue
            for pattern, why in patterns:
                match = pattern.search(text)
                if match:
                    yield Violation(
                        variant_path(i, j, message),
                        f"'{message.id}' ({variant.locale}) says '{match.group(0)}' ({why})",
                        "acknowledge, say what is known and what is being done",
                    )
                    break
