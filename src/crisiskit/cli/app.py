"""The Typer application: global options and command registration."""

from __future__ import annotations

import gc
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

app = typer.Typer(
    name="crisiskit",
    help="Keep a social-media crisis plan as version-controlled YAML: validate it in CI, "
    "render message drafts, and know whom to call.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"crisiskit {__version__}")
        raise typer.Exit()


@app.callback()
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


app.command("validate")(validate.validate_command)
app.command("schema")(schema.schema_command)
app.command("rules")(rules.rules_command)
app.command("render-message")(render_message.render_message_command)
app.add_typer(chart.chart_app, name="chart")
app.command("who")(who.who_command)
app.command("export")(export.export_command)
app.add_typer(drill.drill_app, name="drill")
app.command("respond")(respond.respond_command)
app.command("fmt")(fmt.fmt_command)
app.command("init")(init.init_command)
app.command("diff")(diff.diff_command)


def main() -> None:
    # A large plan is hundreds of thousands of short-lived, acyclic objects; the default
    # thresholds ran full collections over them again and again (a third of the time).
    gc.set_threshold(100_000, 50, 100)
    app(prog_name="crisiskit")
