"""CK407 forbidden-phrase."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.errors import TemplateError
from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.message_renders import variant_path
from crisiskit.lint.phrases import INSTEAD, PhraseSet, phrase_set
from crisiskit.lint.registry import Violation, rule


@rule("CK407", "forbidden-phrase", Level.ERROR)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A template or title uses a phrase that makes a crisis worse.

    Crisis messages must be honest, transparent and offer a solution. Five kinds of
    phrase work against that, in English and in Indonesian (English phrases are
    checked in every locale); each finding names its kind and what to say instead:

    - stonewalling: `no-comment`, `tidak-ada-komentar` ("no comment", "tanpa komentar");
    - blame-shifting: `not-our-fault`, `user-error`, `third-party` ("due to a
      third-party vendor"), `human-error` ("human error by an employee", "a rogue
      employee"), `bukan-salah-kami`, `kesalahan-pengguna`, `pihak-ketiga` ("kesalahan
      pihak ketiga", "akibat vendor"), `oknum` ("oknum", "kelalaian karyawan");
    - conditional-apology: `apologise-if` ("we apologise if", "sorry if"), `mohon-maaf-jika`
      ("mohon maaf jika", "kami minta maaf jika");
    - promised-fix-time: `fixed-in` ("resolved in 10 minutes", "back up in 15
      minutes", "restored within the hour", any number), `eta` ("ETA", "estimated time
      of fix"), `selesai-dalam` ("selesai dalam 10 menit", "pulih dalam 1x24 jam"),
      `perkiraan-waktu`; promise the next update instead, which you can keep;
    - empty-phrase: `take-seriously` ("we take security very seriously"),
      `important-to-us` ("your privacy is important to us"), `any-inconvenience`,
      `kami-sangat-serius`, `penting-bagi-kami` ("keamanan data Anda adalah prioritas"),
      `segala-ketidaknyamanan` ("atas segala ketidaknyamanan").

    Words are matched across line breaks, repeated or no-break spaces and invisible
    characters; each distinct phrase in a text is its own finding.

    The configuration adds phrases per locale and removes built-in ones by id
    (`[forbidden-phrases.en]` `add = ["circle back"]`, `remove = ["eta"]`); a locale's
    entry also applies to its regional variants (`en` to `en-gb`).

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
    changes = tuple(
        (locale, tuple(entry.add), tuple(entry.remove))
        for locale, entry in ctx.config.settings.forbidden_phrases.items()
    )
    by_locale: dict[str, PhraseSet] = {}
    for i, message in enumerate(ctx.plan.messages):
        for j, variant in enumerate(message.templates):
            locale = variant.locale
            if locale not in by_locale:
                by_locale[locale] = phrase_set(locale, changes)
            try:
                text, _ = ctx.template_source(variant)
            except TemplateError:
                continue
            parts = [(variant_path(i, j, message), "says", text)]
            if variant.title is not None:
                parts.append(
                    (("messages", i, "templates", j, "title"), "title says", variant.title)
                )
            for path, says, part in parts:
                for found, category in by_locale[locale].matches(part):
                    yield Violation(
                        path,
                        f"'{message.id}' ({locale}) {says} '{found}' ({category})",
                        "instead: " + INSTEAD[category],
                    )
