"""Consoles for human output; Rich honours NO_COLOR and plain output when piped.

Rich pads table cells and panels with spaces up to the column edge. Pasted into chat or
a ticket, or compared in a diff, those trailing spaces are noise, so every line leaves
these consoles without them (colour codes after them are kept).

They also escape whatever text they render (a plan's escape sequences are shown, not
run) and never start a line with `::` (see guard.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.color import ColorSystem
from rich.console import Console
from rich.style import Style

from crisiskit.cli.plainprint import TrimmedLines
from crisiskit.cli.richguard import guarded_console
from crisiskit.output.text import Line

_COLOR_SYSTEMS = {
    "standard": ColorSystem.STANDARD,
    "256": ColorSystem.EIGHT_BIT,
    "truecolor": ColorSystem.TRUECOLOR,
}


def stdout_console() -> Console:
    return guarded_console(wrap=TrimmedLines)


def stderr_console() -> Console:
    return guarded_console(stderr=True, wrap=TrimmedLines)


def print_lines(console: Console, lines: Iterable[Line]) -> None:
    """Print lines of (text, style) segments, fast for hundreds of thousands of lines.

    Not on a terminal: plain text. On one: each style's escape codes are made once by
    Rich and the lines are written directly (Rich took 0.15 ms a line, 72 s for 200,000
    findings); a terminal Rich cannot drive that way gets Rich's own printing. Either way
    the lines go through the console's own stream (trimmed, guarded).
    """
    if not console.is_terminal:
        _write_chunked(console, ("".join(text for text, _ in line) for line in lines))
        return
    system = _COLOR_SYSTEMS.get(console.color_system or "")
    if system is None or console.legacy_windows:
        from crisiskit.output.text import rich_line

        for line in lines:
            console.print(rich_line(line))
        return
    codes: dict[str, tuple[str, str]] = {}

    def styled(text: str, style: str) -> str:
        if not style:
            return text
        if style not in codes:
            parsed = Style.parse(style)
            if console.no_color:
                parsed = parsed.without_color
            before, _, after = parsed.render("\0", color_system=system).partition("\0")
            codes[style] = (before, after)
        before, after = codes[style]
        return f"{before}{text}{after}"

    _write_chunked(console, ("".join(styled(t, s) for t, s in line) for line in lines))


def _write_chunked(console: Console, texts: Iterable[str]) -> None:
    chunk: list[str] = []
    for text in texts:
        chunk.append(text)
        if len(chunk) >= 4096:
            console.file.write("\n".join(chunk) + "\n")
            chunk = []
    if chunk:
        console.file.write("\n".join(chunk) + "\n")
    console.file.flush()
