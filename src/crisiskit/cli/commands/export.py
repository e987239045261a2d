"""`crisiskit export`: an offline crisis handbook (HTML or Markdown) to print or carry."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from crisiskit.cli.boundary import EXIT_FINDINGS, boundary
from crisiskit.cli.destinations import check_destination
from crisiskit.cli.options import (
    ConfigOption,
    DebugOption,
    ForceOption,
    OutputFileOption,
    PlanOption,
    TodayOption,
    format_option,
    load_valid_plan,
    parse_today,
)
from crisiskit.diagnostics.errors import UsageError
from crisiskit.util.wording import plural

if TYPE_CHECKING:
    from crisiskit.export.handbook import Handbook


class HandbookFormat(StrEnum):
    HTML = "html"
    MARKDOWN = "markdown"


@boundary
def export_command(
    plan: PlanOption = None,
    output_format: Annotated[
        HandbookFormat,
        format_option("html: one self-contained file to print; markdown for GitHub."),
    ] = HandbookFormat.HTML,
    output: OutputFileOption = None,
    force: ForceOption = False,
    locale: Annotated[
        str | None,
        typer.Option(
            "--locale",
            metavar="LANG",
            help="Language of the handbook's own words: en or id (default: the plan's first "
            "locale when it is one of them, else en). The plan's data stays as written.",
            show_default=False,
        ),
    ] = None,
    today: TodayOption = None,
    config_file: ConfigOption = None,
    debug: DebugOption = False,
) -> None:
    """Write an offline handbook: contacts, roles, escalation, coverage, threats, drills.

    HTML is one self-contained file (styles and charts inline, no JavaScript) with a
    page per threat when printed; Markdown renders on GitHub with Mermaid charts.

    \b
    Example:
      crisiskit export --plan plans/harbor-outdoor.yaml --output handbook.html --force
    """
    from crisiskit.export.handbook import OpenFinding, build_handbook, failed_drafts
    from crisiskit.export.words import LANGUAGES
    from crisiskit.util.suggest import unknown
    from crisiskit.validation.configuration import load_config
    from crisiskit.validation.pipeline import validate_paths

    # `id-ID` or `en-GB` name the same words as `id` and `en`.
    language = locale.split("-")[0].split("_")[0].lower() if locale is not None else None
    if language is not None and language not in LANGUAGES:
        raise UsageError(unknown("handbook language", locale or "", LANGUAGES, "--locale"))
    if output is not None:
        check_destination(output, "--output", overwrite=force)
    config = load_config(config_file)
    day = parse_today(today)
    loaded = load_valid_plan(plan)
    if output is not None and output.resolve() in {loaded.path, *loaded.fragments}:
        raise UsageError(f"--output: {output} is the plan or one of its fragments")
    report = validate_paths([loaded.path], day, config)
    findings = [
        OpenFinding(f.severity.value, f.code, f"{f.file}:{f.line}", f.message)
        for f in report.findings
    ]
    first = loaded.plan.locales[0].id.split("-")[0] if loaded.plan.locales else "en"
    book = build_handbook(
        loaded, config, day, language or (first if first in LANGUAGES else "en"), findings
    )
    text = _render(book, output_format)
    if output is None:
        sys.stdout.write(text)
    else:
        from crisiskit.util.atomic import write_atomic

        try:
            write_atomic(output, text, overwrite=force)
        except UsageError as exc:
            raise UsageError(f"--output: {exc}") from None
        print(f"wrote the handbook to {output}", file=sys.stderr)
    broken = failed_drafts(book)
    if broken:
        # Written so the rest can be printed, but never passed off as a complete handbook.
        print(
            f"crisiskit: {plural(broken, 'draft')} in the handbook "
            f"{'does' if broken == 1 else 'do'} not render; "
            "run crisiskit validate",
            file=sys.stderr,
        )
        raise typer.Exit(EXIT_FINDINGS)


def _render(book: Handbook, output_format: HandbookFormat) -> str:
    if output_format is HandbookFormat.HTML:
        from crisiskit.export.html import render_html

        return render_html(book)
    from crisiskit.export.markdown import render_markdown

    return render_markdown(book)
