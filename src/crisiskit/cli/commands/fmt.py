"""`crisiskit fmt`: rewrite plans in the canonical style, or check that they are."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from crisiskit.cli.boundary import EXIT_FINDINGS, EXIT_INTERNAL, boundary
from crisiskit.cli.options import DebugOption

if TYPE_CHECKING:
    from crisiskit.authoring.fmt import FileFormat


@boundary
def fmt_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH",
            help="Plan files or directories (default: plans/); every YAML file in a "
            "directory, as validate finds them.",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Change nothing; exit 1 if a file is not formatted (for CI)."),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option("--diff", help="Change nothing; print what would change as a unified diff."),
    ] = False,
    debug: DebugOption = False,
) -> None:
    """Format plans: keys in the plan format's order, 2-space indentation, comments kept.

    Quotes, block scalars, blank lines, line endings and long lines stay as written.
    A file that is not valid YAML is left alone and reported (exit 1).

    Exit codes: 0 formatted (or, with --check/--diff, nothing to change), 1 a file would
    change or cannot be parsed, 2 usage or unreadable path, 3 internal error.

    Example:  crisiskit fmt --check plans/
    """
    from crisiskit.authoring.fmt import format_paths

    results = format_paths(paths or [Path("plans")])
    write = not (check or diff)
    for result in results:
        _report(result, write=write, diff=diff)
    changed = sum(result.changed for result in results)
    refused = sum(result.problem is not None for result in results)
    unsafe = sum(result.unsafe is not None for result in results)
    print(_summary(len(results), changed, refused, write=write), file=sys.stderr)
    if unsafe:
        raise typer.Exit(EXIT_INTERNAL)
    if refused or (changed and check):
        raise typer.Exit(EXIT_FINDINGS)


def _report(result: FileFormat, *, write: bool, diff: bool) -> None:
    from crisiskit.output.visible import visible

    shown = visible(result.display)
    if result.problem is not None:
        finding = result.problem
        where = f"{shown}:{finding.line}:{finding.column}" if finding.span else shown
        print(
            f"not formatted: {where}: {finding.code} {visible(finding.message)}",
            file=sys.stderr,
        )
    elif result.unsafe is not None:
        print(
            f"internal error: {visible(result.unsafe)}. This is a bug in crisiskit; "
            "please report it.",
            file=sys.stderr,
        )
    elif result.changed:
        if diff:
            from crisiskit.authoring.fmt import unified_diff

            print(visible(unified_diff(result)), end="")
        if write:
            from crisiskit.util.atomic import write_atomic

            # Through a symlink, the file it points to is formatted; the link stays.
            write_atomic(result.path.resolve(), result.formatted, overwrite=True)
            print(f"formatted {shown}", file=sys.stderr)
        elif not diff:
            print(f"would reformat {shown}", file=sys.stderr)


def _summary(total: int, changed: int, refused: int, *, write: bool) -> str:
    def files(count: int) -> str:
        return f"{count} file{'' if count == 1 else 's'}"

    parts = []
    if changed:
        parts.append(f"{files(changed)} {'formatted' if write else 'would be reformatted'}")
    if refused:
        parts.append(f"{files(refused)} not formatted")
    unchanged = total - changed - refused
    if unchanged:
        parts.append(f"{files(unchanged)} already formatted")
    return ", ".join(parts) + "." if parts else "No files to format."
