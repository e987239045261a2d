"""Asking for missing variables on a terminal: one pass, on stderr, nothing lost.

Prompts and their echo go to stderr only, so `crisiskit … | pbcopy` copies exactly the
drafts. A blank answer is asked again. Ctrl-C exits 130 through the boundary.

A terminal in canonical mode keeps at most 4,095 bytes of one line (Linux's N_TTY
buffer, 4,096 with the newline) and silently drops the rest of a longer paste. A value
that fills the buffer was almost certainly cut, so it is refused with a way round it
(`--vars-file`, or `--var`), never published cut.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import typer

from crisiskit.cli.boundary import EXIT_FINDINGS
from crisiskit.diagnostics.errors import UsageError
from crisiskit.messages.variables import Missing, Values
from crisiskit.output.visible import visible

# The longest line a terminal in canonical mode hands over, newline excluded.
TERMINAL_LINE_LIMIT = 4095


def interactive() -> bool:
    return sys.stdin.isatty()


def given_values(vars_file: Path | None, pairs: Sequence[str] | None) -> Values:
    """Values from --vars-file, then --var (which wins), before anything is asked."""
    from crisiskit.messages.variables import from_mapping, merge, parse_var_options

    base = Values()
    if vars_file is not None:
        from crisiskit.messages.varsfile import read_vars_file

        base = from_mapping(read_vars_file(vars_file))
    return merge(base, parse_var_options(pairs or []))


def fill_missing(values: Values, missing: Sequence[Missing], no_input: bool, what: str) -> Values:
    """Prompt for what is missing on a terminal; otherwise exit 1 listing all of it."""
    if not missing:
        return values
    if interactive() and not no_input:
        # An answer fills only what was missing: a locale's own value given on the
        # command line still wins over a shared answer.
        for item in missing:
            values.set(item.variable.name, item.locale, ask(item))
        return values
    lines = "\n".join(
        f"  {m.option}  {visible(m.variable.description)} "
        f"(e.g. {visible(m.variable.example_for(m.locale))})"
        for m in missing
    )
    print(f"crisiskit: missing variables for {what}:\n{lines}", file=sys.stderr)
    raise typer.Exit(EXIT_FINDINGS)


def ask(item: Missing) -> str:
    variable = item.variable
    prompt = f"{item.label} — {variable.description} (e.g. {variable.example_for(item.locale)}): "
    while True:
        sys.stderr.write(visible(prompt))
        sys.stderr.flush()
        try:
            line = sys.stdin.readline()
        except KeyboardInterrupt:
            sys.stderr.write("\n")  # the boundary's one line starts on a line of its own
            raise
        if not line:
            raise UsageError(f"no value for {item.label}: input ended")
        value = line.rstrip("\r\n")
        if sys.stdin.isatty() and len(value.encode("utf-8")) >= TERMINAL_LINE_LIMIT:
            raise UsageError(
                f"{item.label}: the terminal cuts a typed or pasted line at "
                f"{TERMINAL_LINE_LIMIT:,} bytes, so this value is probably incomplete; "
                f'put it in a --vars-file (or pass {item.option.removesuffix("…")}"…")'
            )
        if value.strip():
            return value
        print("  a value is needed (blank is not a value)", file=sys.stderr)
