"""`crisiskit rules`: list the rules, or explain one with its examples."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from crisiskit.cli.boundary import boundary
from crisiskit.cli.options import DebugOption, format_option
from crisiskit.diagnostics.errors import UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from crisiskit.diagnostics.metadata import RuleInfo


class RulesFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"


@boundary
def rules_command(
    code: Annotated[
        str | None,
        typer.Argument(metavar="CODE", help="A rule code or name to explain, e.g. CK201."),
    ] = None,
    output_format: Annotated[
        RulesFormat, format_option("markdown prints the whole rules reference.")
    ] = RulesFormat.TEXT,
    debug: DebugOption = False,
) -> None:
    """List every check and rule, or explain one with its failing and passing examples.

    \b
    Example:
      crisiskit rules CK205
    """
    from crisiskit.lint.catalog import find

    if output_format is RulesFormat.MARKDOWN:
        from crisiskit.output.rules_doc import entry_markdown, rules_markdown

        if code is None:
            print(rules_markdown(), end="")
            return
        entry = find(code)
        if entry is None:
            raise UsageError(_unknown(code))
        print(entry_markdown(entry, "#"))
        return

    from crisiskit.cli.console import stdout_console

    console = stdout_console()
    if code is None:
        _list_rules(console)
        return
    entry = find(code)
    if entry is None:
        raise UsageError(_unknown(code))
    _explain(console, entry)


def _list_rules(console: Console) -> None:
    from itertools import groupby

    from rich.table import Table
    from rich.text import Text

    from crisiskit.lint.catalog import catalog

    for stage, group in groupby(catalog(), key=lambda e: e.stage):
        console.print(Text(stage, style="bold underline"))
        if not console.is_terminal:
            # Piped, one rule per line, never wrapped, so grep and cut see whole rules.
            entries = list(group)
            width = max(len(e.name) for e in entries)
            for e in entries:
                console.print(
                    Text(f"{e.code}  {e.name:<{width}}  {e.severity.value:<7}  {e.summary}"),
                    soft_wrap=True,
                )
            console.print()
            continue
        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column("Code", no_wrap=True)
        table.add_column("Name", no_wrap=True)
        table.add_column("Severity", no_wrap=True)
        table.add_column("Summary")
        for entry in group:
            table.add_row(entry.code, entry.name, entry.severity.value, entry.summary)
        console.print(table)
        console.print()
    console.print("Explain one with: crisiskit rules CODE")


def _explain(console: Console, entry: RuleInfo) -> None:
    from rich.syntax import Syntax
    from rich.text import Text

    console.print(Text(f"{entry.code} {entry.name} ({entry.severity.value})", style="bold"))
    console.print(Text(f"Stage: {entry.stage}"))
    console.print()
    console.print(entry.summary)
    if entry.explanation:
        console.print()
        console.print(entry.explanation)
    for title, example in (("Failing example", entry.failing), ("Passing example", entry.passing)):
        if example:
            console.print()
            console.print(Text(f"{title}:", style="bold"))
            console.print(
                Syntax(example.rstrip(), "yaml", theme="ansi_dark", background_color="default")
            )


def _unknown(code: str) -> str:
    from crisiskit.lint.catalog import catalog
    from crisiskit.util.suggest import did_you_mean

    close = did_you_mean(code, [e.code for e in catalog()] + [e.name for e in catalog()])
    return f"unknown rule '{code}'" + (f"; {close}" if close else "")
