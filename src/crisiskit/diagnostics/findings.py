"""Findings: what validation and linting report about a plan."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Level(enum.StrEnum):
    """How much a finding matters (error / warning / info).

    Not to be confused with a plan's severities (SEV1…SEV5), which rate incidents.
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Span:
    """A range in a file. Lines and columns are 1-based; the end is exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    name: str
    severity: Level
    message: str
    file: str
    span: Span | None = None
    path: str = ""
    hint: str | None = None

    @property
    def line(self) -> int:
        return self.span.line if self.span else 1

    @property
    def column(self) -> int:
        return self.span.column if self.span else 1

    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        # The message last: two findings of one rule at one place (two phrases in one
        # template) come out in the same order every run, whatever order a set held them.
        return (self.file, self.line, self.column, self.code, self.path, self.message)


def format_path(parts: tuple[str | int, ...]) -> str:
    """Render a data path the way a reader writes it: ``threats[2].owner``."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif out:
            out.append(f".{part}")
        else:
            out.append(part)
    return "".join(out)
