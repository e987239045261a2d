"""Rich consoles behind the output guard: every rendered segment's text is escaped.

Apart from guard.py, which every command runs behind: importing Rich is a tenth of
`crisiskit --help`, so only commands that print through Rich load this.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderHook, RenderResult
from rich.segment import Segment
from rich.text import Text

from crisiskit.cli.guard import UNSAFE, StyledWriter
from crisiskit.output.visible import visible


class _EscapedRenderable:
    def __init__(self, inner: ConsoleRenderable) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.inner, options):
            if segment.control or not UNSAFE.search(segment.text):
                yield segment
            else:
                yield Segment(visible(segment.text), segment.style)


class _EscapeHook(RenderHook):
    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        return [
            renderable
            if isinstance(renderable, Text) and not UNSAFE.search(renderable.plain)
            else _EscapedRenderable(renderable)
            for renderable in renderables
        ]


class _GuardedConsole(Console):
    def on_broken_pipe(self) -> None:
        # Rich exits 1 here, which reads as "findings"; the one boundary says what
        # a reader that went away means (cli/boundary.py).
        raise BrokenPipeError


def guarded_console(*, stderr: bool = False, wrap: Callable[[Any], Any] | None = None) -> Console:
    """A Rich console whose rendered text is escaped and whose lines are guarded.

    ``wrap`` adds a stream between the console and the guard (trimming trailing spaces).
    """
    writer: Any = StyledWriter(stderr)
    console = _GuardedConsole(
        file=wrap(writer) if wrap else writer,
        stderr=stderr,
        highlight=False,
        soft_wrap=True,
    )
    console.push_render_hook(_EscapeHook())
    return console
