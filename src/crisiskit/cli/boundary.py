"""The single error boundary: exceptions become messages and exit codes."""

from __future__ import annotations

import functools
import sys
import traceback
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

from crisiskit.cli.guard import guarded_output
from crisiskit.diagnostics.errors import CrisiskitError
from crisiskit.util.pipes import reader_gone

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3

P = ParamSpec("P")
R = TypeVar("R")

_state = {"debug": False}


def set_debug(enabled: bool) -> None:
    _state["debug"] = enabled


def boundary(command: Callable[P, R]) -> Callable[P, R]:
    """Map crisiskit errors to exit 2 and anything unexpected to exit 3."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            with guarded_output():
                return _run(command, *args, **kwargs)
        except BrokenPipeError:  # raised as the guard flushes what it held
            raise typer.Exit(reader_gone()) from None

    return wrapper


def _run(command: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Run the command, mapping its exceptions to messages and exit codes."""
    try:
        return command(*args, **kwargs)
    except (typer.Exit, typer.Abort):
        raise
    except CrisiskitError as exc:
        print(f"crisiskit: error: {exc}", file=sys.stderr)
        raise typer.Exit(EXIT_USAGE) from None
    except KeyboardInterrupt:
        print("crisiskit: interrupted", file=sys.stderr)
        raise typer.Exit(130) from None
    except BrokenPipeError:
        raise typer.Exit(reader_gone()) from None
    except Exception as exc:
        if _state["debug"]:
            traceback.print_exc()
        else:
            print(
                f"crisiskit: internal error: {type(exc).__name__}: {exc}\n"
                "This is a bug in crisiskit; run again with --debug for details "
                "and please report it.",
                file=sys.stderr,
            )
        raise typer.Exit(EXIT_INTERNAL) from None
