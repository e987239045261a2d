"""Consoles for human output; Rich honours NO_COLOR and plain output when piped.

Rich pads table cells and panels with spaces up to the column edge. Pasted into chat or
a ticket, or compared in a diff, those trailing spaces are noise, so every line leaves
these consoles without them (colour codes after them are kept).

They also escape whatever text they render (a plan's escape sequences are shown, not
run) and never start a line with `::` (see guard.py).
"""

from __future__ import annotations

import re
from typing import IO

from rich.console import Console

from crisiskit.cli.guard import guarded_console

# Spaces at the end of a line, possibly followed by colour codes that close a style.
_TRAILING = re.compile(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)


class TrimmedLines:
    """A text stream writing through to another, without trailing spaces on any line."""

    def __init__(self, target: IO[str]) -> None:
        self._target = target
        self._pending = ""

    def write(self, text: str) -> int:
        lines = (self._pending + text).split("\n")
        self._pending = lines.pop()  # the unfinished line waits for its end
        if lines:
            self._target.write(_TRAILING.sub(r"\1", "\n".join(lines)) + "\n")
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self._target.write(_TRAILING.sub(r"\1", self._pending))
            self._pending = ""
        self._target.flush()

    def isatty(self) -> bool:
        return self._target.isatty()

    def fileno(self) -> int:
        return self._target.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self._target, "encoding", None) or "utf-8"


def trim_trailing_spaces(text: str) -> str:
    return _TRAILING.sub(r"\1", text)


def stdout_console() -> Console:
    return guarded_console(wrap=TrimmedLines)


def stderr_console() -> Console:
    return guarded_console(stderr=True, wrap=TrimmedLines)
