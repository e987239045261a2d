"""`crisiskit diff`: what a change does to the plans, for the reviewer of a pull request."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from crisiskit.cli.boundary import EXIT_FINDINGS, EXIT_OK, boundary
from crisiskit.cli.options import (
    ConfigOption,
    DebugOption,
    ForceOption,
    OutputFileOption,
    PlanOption,
    TodayOption,
    format_option,
    parse_today,
)
from crisiskit.diagnostics.errors import UsageError


class DiffFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


class FailOn(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


def _two_files(base: str | None, head: str | None) -> bool:
    """`diff OLD.yaml NEW.yaml`: two plan files on disk rather than two revisions."""
    return (
        base is not None
        and head is not None
        and all(Path(x).suffix in (".yaml", ".yml") for x in (base, head))
    )


@boundary
def diff_command(
    base: Annotated[
        str | None,
        typer.Argument(
            metavar="BASE",
            help="Revision to compare from (default: the merge-base of HEAD with origin/HEAD, "
            "main or master), or an old plan file.",
            show_default=False,
        ),
    ] = None,
    head: Annotated[
        str | None,
        typer.Argument(
            metavar="HEAD",
            help="Revision to compare to (default: the working tree), or a new plan file.",
            show_default=False,
        ),
    ] = None,
    merge_base: Annotated[
        bool,
        typer.Option(
            "--merge-base", help="Compare from the merge-base of BASE and HEAD, as a PR does."
        ),
    ] = False,
    plan: PlanOption = None,
    output_format: Annotated[
        DiffFormat,
        format_option("text; markdown for a PR comment (under 65,536 characters); json."),
    ] = DiffFormat.TEXT,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            metavar="LEVEL",
            help="Exit 1 when a change of this risk or higher is present: high, medium, low.",
            show_default=False,
        ),
    ] = None,
    output: OutputFileOption = None,
    force: ForceOption = False,
    config_file: ConfigOption = None,
    today: TodayOption = None,
    debug: DebugOption = False,
) -> None:
    """Compare the loaded plans (fragments and templates included) of two git revisions.

    Changes are grouped by stage; risky ones carry a level and a reason. Revisions are
    read from git objects, never checked out.

    In a pull request:  crisiskit diff --merge-base origin/main --fail-on high

    Example:  crisiskit diff plans/harbor-outdoor.yaml \
              examples/harbor-outdoor-proposed.yaml --format markdown
    """
    from crisiskit.cli.destinations import check_destination
    from crisiskit.review.model import Risk
    from crisiskit.review.service import DiffRequest, diff_files, diff_revisions
    from crisiskit.validation.configuration import load_config

    if output is not None:
        check_destination(output, "--output", overwrite=force)
    for name, value in (("BASE", base), ("HEAD", head)):
        if value is not None and not value.strip():
            raise UsageError(f"{name} is empty; name a revision (a branch, tag or commit)")
    request = DiffRequest(
        base=base,
        head=head,
        merge_base=merge_base,
        plan=plan,
        today=parse_today(today),
        config=load_config(config_file),
    )
    if _two_files(base, head):
        assert base is not None and head is not None
        if plan is not None or merge_base:
            raise UsageError("two plan files are compared as they are: drop --plan/--merge-base")
        report = diff_files(Path(base), Path(head), request)
    else:
        if merge_base and base is None:
            raise UsageError("--merge-base needs BASE, e.g. crisiskit diff --merge-base main")
        report = diff_revisions(request, Path.cwd())
    text = _render(report, output_format)
    if output is not None:
        from crisiskit.util.atomic import write_atomic

        write_atomic(output, text, overwrite=force)
    else:
        sys.stdout.write(text)
    failing = fail_on is not None and report.at_least(Risk(fail_on.value))
    raise typer.Exit(EXIT_FINDINGS if failing else EXIT_OK)


def _render(report: object, output_format: DiffFormat) -> str:
    from crisiskit.output import diff
    from crisiskit.review.model import DiffReport

    assert isinstance(report, DiffReport)
    if output_format is DiffFormat.MARKDOWN:
        return diff.render_markdown(report)
    if output_format is DiffFormat.JSON:
        return diff.render_json(report)
    return diff.render_text(report)
