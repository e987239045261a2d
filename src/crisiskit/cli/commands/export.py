"""`crisiskit export`: an offline crisis handbook (HTML or Markdown) to print or carry."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from crisiskit.cli.boundary import boundary
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
    from crisiskit.diagnostics.findings import Level
    from crisiskit.export.handbook import build_handbook
    from crisiskit.export.words import LANGUAGES
    from crisiskit.util.suggest import unknown
    from crisiskit.validation.configuration import load_config
    from crisiskit.validation.pipeline import validate_paths

    if locale is not None and locale not in LANGUAGES:
        raise UsageError(unknown("handbook language", locale, LANGUAGES, "--locale"))
    if output is not None:
        check_destination(output, "--output", overwrite=force)
    config = load_config(config_file)
    day = parse_today(today)
    loaded = load_valid_plan(plan)
    report = validate_paths([loaded.path], day, config)
    counts = (
        sum(1 for f in report.findings if f.severity is Level.ERROR),
        sum(1 for f in report.findings if f.severity is Level.WARNING),
    )
    first = loaded.plan.locales[0].id.split("-")[0] if loaded.plan.locales else "en"
    language = locale or (first if first in LANGUAGES else "en")
    book = build_handbook(loaded, config, day, language, counts)
    if output_format is HandbookFormat.HTML:
        from crisiskit.export.html import render_html

        text = render_html(book)
    else:
        from crisiskit.export.markdown import render_markdown

        text = render_markdown(book)
    if output is None:
        sys.stdout.write(text)
        return
    from crisiskit.util.atomic import write_atomic

    write_atomic(output, text, overwrite=force)
    print(f"wrote the handbook to {output}", file=sys.stderr)
