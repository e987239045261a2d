"""Inline suppressions: `# crisiskit: ignore[CK201] reason="..." until=2027-03-01`.

A trailing comment suppresses findings on its own line; a comment alone on a line
suppresses findings on the next line that is not a comment. ``ignore-file[...]``
anywhere suppresses the codes in the whole file. A reason is required.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_DIRECTIVE = re.compile(
    r"#\s*crisiskit:\s*(?P<kind>ignore|ignore-file)\[(?P<codes>[^\]]*)\](?P<rest>.*)$"
)
_REASON = re.compile(r'reason\s*=\s*"(?P<reason>[^"]*)"')
_UNTIL = re.compile(r"until\s*=\s*(?P<until>\S+)")


@dataclass(frozen=True, slots=True)
class Suppression:
    line: int  # where the comment is written (1-based)
    column: int
    target_line: int | None  # None for a whole-file suppression
    codes: tuple[str, ...]
    reason: str | None
    until: date | None
    until_text: str | None


def parse_suppressions(text: str) -> list[Suppression]:
    if "crisiskit:" not in text:
        return []
    found: list[Suppression] = []
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if "crisiskit:" not in line:
            continue
        match = _DIRECTIVE.search(line)
        if match is None:
            continue
        codes = tuple(c.strip() for c in match["codes"].split(",") if c.strip())
        rest = match["rest"]
        reason_match = _REASON.search(rest)
        until_match = _UNTIL.search(rest)
        until_text = until_match["until"] if until_match else None
        until: date | None = None
        if until_text is not None:
            try:
                until = date.fromisoformat(until_text)
            except ValueError:
                until = None
        if match["kind"] == "ignore-file":
            target: int | None = None
        elif line[: match.start()].strip():
            target = number
        else:
            target = _next_content_line(lines, number)
        reason = reason_match["reason"].strip() if reason_match else None
        found.append(
            Suppression(number, match.start() + 1, target, codes, reason or None, until, until_text)
        )
    return found


def _next_content_line(lines: list[str], number: int) -> int:
    for index in range(number, len(lines)):
        stripped = lines[index].strip()
        if stripped and not stripped.startswith("#"):
            return index + 1
    return number
