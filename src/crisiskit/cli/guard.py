"""The last line of defence between plan text and what people and CI read.

Every command runs with standard output and error behind a :class:`GuardedStream`:

- On a GitHub runner, every output line is read for workflow commands (`::add-mask::`,
  `::stop-commands::`, `::error …`), also after leading spaces or colour codes. A line
  that would start with `::` is written `\\x3a:…` instead, unless it is one of
  crisiskit's own annotations (written with :func:`write_annotations`).
- Plain text (errors, drafts piped to a file, Markdown, JSON) has control characters
  written as `\\x1b` escapes, and DEL, C1 controls and bidi overrides (which
  `json.dumps` leaves raw) as `\\u202e`, which keeps JSON valid and its strings equal.
- Rich consoles (``guarded_console`` in richguard.py, apart so that a command printing
  nothing through Rich never imports it) escape the text of every segment they render,
  so colours and layout stay Rich's own while a plan's escape sequences are shown, not run.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
_LONE_CR = re.compile(r"\r(?!\n)")
# What a runner skips before looking for `::`: spaces and colour codes.
_LINE_PREFIX = re.compile(r"(?:[ \t\f\v]|\x1b\[[0-9;:]*[A-Za-z])*")
NEUTRAL_COLON = "\\x3a"


def _escape(match: re.Match[str]) -> str:
    # C0 as visible() writes it (`\x1b`); DEL, C1 and bidi controls, which json.dumps
    # leaves raw, as JSON escapes (`\u202e`), so a JSON document stays valid and equal.
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x20 else f"\\u{code:04x}"


def plain_safe(text: str) -> str:
    """Control characters escaped; line breaks and tabs kept."""
    return UNSAFE.sub(_escape, _LONE_CR.sub("\\\\x0d", text))


class GuardedStream:
    """A text stream that never lets a line start with `::`, whatever the writes' sizes."""

    def __init__(self, raw: TextIO) -> None:
        self.raw = raw
        # Text of the current line not yet written: only spaces, colour codes and at most
        # one colon so far, so whether it begins a workflow command is still open.
        self._pending = ""
        self._at_line_start = True

    def write(self, text: str) -> int:
        self._write(plain_safe(text))
        return len(text)

    def write_styled(self, text: str) -> int:
        """Output of a guarded Rich console: its text is escaped, its styles are Rich's."""
        self._write(text)
        return len(text)

    def write_annotations(self, text: str) -> None:
        """crisiskit's own workflow commands: lines that must start with `::`."""
        self._release()
        self.raw.write(text)
        self._at_line_start = text.endswith("\n")

    def _write(self, text: str) -> None:
        if not self._pending and text.endswith("\n") and "::" not in text and "\r" not in text:
            self.raw.write(text)  # the common case: whole lines, no colons to look at
            self._at_line_start = True
            return
        out: list[str] = []
        for piece in re.split(r"(\r\n|\n|\r)", text):
            if piece in ("\r\n", "\n", "\r"):
                out.append(self._pending + piece)
                self._pending = ""
                self._at_line_start = True
            elif piece:
                out.append(self._guard(piece))
        self.raw.write("".join(out))

    def _guard(self, piece: str) -> str:
        if not self._at_line_start:
            return piece
        text = self._pending + piece
        self._pending = ""
        prefix = _LINE_PREFIX.match(text)
        rest = text[prefix.end() if prefix else 0 :]
        if rest in ("", ":"):  # cannot tell yet: wait for the next write
            self._pending = text
            return ""
        self._at_line_start = False
        if rest.startswith("::"):
            start = len(text) - len(rest)
            return text[:start] + NEUTRAL_COLON + text[start + 1 :]
        return text

    def _release(self) -> None:
        if self._pending:
            self.raw.write(self._pending)
            self._pending = ""

    def flush(self) -> None:
        # A prompt without a line break is shown now; a lone colon cannot be a command.
        self._release()
        self.raw.flush()

    # Rich asks these on every print: answered directly, not through __getattr__.
    def isatty(self) -> bool:
        return self.raw.isatty()

    def fileno(self) -> int:
        return self.raw.fileno()

    @property
    def encoding(self) -> str:
        return self.raw.encoding

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


class StyledWriter:
    """What a guarded Rich console writes to: the current guarded stream, styled path."""

    def __init__(self, stderr: bool) -> None:
        self._stderr = stderr

    @property
    def _target(self) -> TextIO:
        return sys.stderr if self._stderr else sys.stdout

    def write(self, text: str) -> int:
        target = self._target
        if isinstance(target, GuardedStream):
            return target.write_styled(text)
        return target.write(text)

    def flush(self) -> None:
        self._target.flush()

    def isatty(self) -> bool:
        return self._target.isatty()

    def fileno(self) -> int:
        return self._target.fileno()

    @property
    def encoding(self) -> str:
        return self._target.encoding

    def __getattr__(self, name: str) -> Any:
        return getattr(self._target, name)


def write_annotations(text: str) -> None:
    """Write crisiskit's own GitHub workflow commands to standard output."""
    if isinstance(sys.stdout, GuardedStream):
        sys.stdout.write_annotations(text)
    else:
        sys.stdout.write(text)


@contextlib.contextmanager
def guarded_output() -> Iterator[None]:
    """Standard output and error behind guards for the duration of a command."""
    saved = sys.stdout, sys.stderr
    streams: Iterable[TextIO] = saved
    if not isinstance(sys.stdout, GuardedStream):
        sys.stdout, sys.stderr = (GuardedStream(s) for s in streams)
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        sys.stdout, sys.stderr = saved
