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
_REASON_START = re.compile(r'reason\s*=\s*"')
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
    next_content: list[int] | None = None
    for number, line in enumerate(lines, start=1):
        if "crisiskit:" not in line:
            continue
        match = _DIRECTIVE.search(line)
        if match is None:
            continue
        codes = tuple(c.strip() for c in match["codes"].split(",") if c.strip())
        rest = match["rest"]
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
            if next_content is None:
                next_content = _next_content_lines(lines)
            target = next_content[number - 1]
        reason = _reason(rest)
        found.append(
            Suppression(number, match.start() + 1, target, codes, reason or None, until, until_text)
        )
    return found


def _reason(rest: str) -> str | None:
    """The quoted reason; the closing quote is found once, not once per `reason=` tried."""
    start = _REASON_START.search(rest)
    if start is None:
        return None
    end = rest.find('"', start.end())
    if end < 0:
        # No closing quote after the first `reason="`, so none after any later one either.
        return None
    return rest[start.end() : end].strip() or None


def _next_content_lines(lines: list[str]) -> list[int]:
    """For each line (0-based), the 1-based number of the next line that is not a comment.

    One pass from the end: a run of 40,000 comment lines is walked once, not once per
    comment (a line with no content after it targets itself).
    """
    targets = [0] * len(lines)
    following: int | None = None
    for index in range(len(lines) - 1, -1, -1):
        targets[index] = following if following is not None else index + 1
        stripped = lines[index].strip()
        if stripped and not stripped.startswith("#"):
            following = index + 1
    return targets
