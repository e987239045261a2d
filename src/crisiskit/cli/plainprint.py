"""What a guarded Rich console prints, written without Rich when Rich cannot change a byte.

Importing Rich is a twentieth of a piped `render-message` (15 ms), which only prints
the approval chain through it. Not on a terminal, our consoles (cli/console.py) print a
Text as its characters followed by a line break: no colour codes (no colour system), no
wrapping or cropping (they soft-wrap). Rich would still change three kinds of text, which
therefore go to Rich: tabs (expanded to the next tab stop), the control characters
`Text` strips, and what the escape hook writes as escapes (richguard.py). Anything that
could make Rich see a terminal or a notebook (FORCE_COLOR, TTY_COMPATIBLE, IPython,
Windows consoles) goes to Rich too. tests/cli/test_plain_print.py compares both ways.

The trimming stream both ways write through lives here, apart from Rich, for that reason.
"""

from __future__ import annotations

import builtins
import os
import re
import sys
from typing import Protocol

from crisiskit.cli.guard import UNSAFE, StyledWriter

# Spaces at the end of a line, possibly followed by colour codes that close a style.
_TRAILING = re.compile(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)
# Tabs and carriage returns, which Rich's Text expands or strips, beside UNSAFE.
_RICH_CHANGES = re.compile("[\t\r]")
# Environment variables with which Rich may treat a pipe as a terminal (as entry.py).
_TERMINAL_OVERRIDES = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")


class _Stream(Protocol):
    def write(self, text: str, /) -> int: ...
    def flush(self) -> None: ...
    def isatty(self) -> bool: ...
    def fileno(self) -> int: ...


class TrimmedLines:
    """A text stream writing through to another, without trailing spaces on any line."""

    def __init__(self, target: _Stream) -> None:
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


def rich_prints_plainly(text: str, *, stderr: bool) -> bool:
    """Whether a guarded console printing a style-only Text of ``text`` writes exactly
    ``text`` and a line break (the terminal detection mirrors Rich's `is_terminal`)."""
    if sys.platform == "win32" or "get_ipython" in vars(builtins):
        return False
    if any(name in os.environ for name in _TERMINAL_OVERRIDES):
        return False
    if UNSAFE.search(text) or _RICH_CHANGES.search(text):
        return False
    stream = sys.stderr if stderr else sys.stdout
    try:
        return not stream.isatty()
    except (ValueError, AttributeError):  # a closed or odd stream: Rich decides
        return False


def print_plainly(text: str, *, stderr: bool) -> bool:
    """Print ``text`` as a guarded console would print a Text of it; False (nothing
    written) when Rich could write other bytes, for the caller to print through Rich."""
    if not rich_prints_plainly(text, stderr=stderr):
        return False
    stream = TrimmedLines(StyledWriter(stderr))
    try:
        stream.write(text + "\n")
    except UnicodeEncodeError as error:  # worded as Rich words it
        error.reason = (
            f"{error.reason}\n*** You may need to add PYTHONIOENCODING=utf-8 to your "
            "environment ***"
        )
        raise
    stream.flush()
    return True
