"""The Typer application: global options and command registration."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from typing import Annotated

import typer

from crisiskit import __version__
from crisiskit.cli.boundary import set_debug
from crisiskit.cli.commands import (
    chart,
    diff,
    drill,
    export,
    fmt,
    init,
    render_message,
    respond,
    rules,
    schema,
    validate,
    who,
)


def _argument_type_label(self: typer.core.TyperArgument, ctx: object) -> str | None:
    # Typer writes an argument's Python type beside its metavar (`PATH <list[str]>`); the
    # metavar already says what to give, in the user's words, as it does for options.
    return None


typer.core.TyperArgument.display_type_rich = _argument_type_label  # type: ignore[method-assign,assignment]

# Every command, by the name it is run with: a function, or a group of subcommands.
COMMANDS: dict[str, Callable[..., None] | typer.Typer] = {
    "validate": validate.validate_command,
    "schema": schema.schema_command,
    "rules": rules.rules_command,
    "render-message": render_message.render_message_command,
    "chart": chart.chart_app,
    "who": who.who_command,
    "export": export.export_command,
    "drill": drill.drill_app,
    "respond": respond.respond_command,
    "fmt": fmt.fmt_command,
    "init": init.init_command,
    "diff": diff.diff_command,
}
_GLOBAL_FLAGS = ("--debug",)


def _version(value: bool) -> None:
    if value:
        print(f"crisiskit {__version__}")
        raise typer.Exit()


def _global(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show Python tracebacks of internal errors.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    set_debug(debug)


def _application(names: list[str]) -> typer.Typer:
    """The Typer application with the global options and the commands ``names``."""
    application = typer.Typer(
        name="crisiskit",
        help="Keep a social-media crisis plan as version-controlled YAML: validate it in CI, "
        "render message drafts, and know whom to call.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        add_completion=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    application.callback()(_global)
    for name in names:
        command = COMMANDS[name]
        if isinstance(command, typer.Typer):
            application.add_typer(command, name=name)
        else:
            application.command(name)(command)
    return application


app = _application(list(COMMANDS))


def application_for(argv: list[str]) -> typer.Typer:
    """The application to run ``argv`` with.

    Typer turns every command's parameters into Click's before it dispatches (a third of
    a `render-message` that does its work in 0.2 s), so a run that names its command
    first (after global flags only) gets an application holding that command alone: the
    same group, options, help, errors and exit codes for it. The top-level help, an
    unknown command and anything else get the whole application.
    """
    for token in argv:
        if token in _GLOBAL_FLAGS:
            continue
        if token in COMMANDS:
            return _application([token])
        break
    return app


def main() -> None:
    # A large plan is hundreds of thousands of short-lived, acyclic objects; the default
    # thresholds ran full collections over them again and again (a third of the time).
    gc.set_threshold(100_000, 50, 100)
    application_for(sys.argv[1:])(prog_name="crisiskit")
