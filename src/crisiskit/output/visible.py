"""Text taken from a plan, made safe to show on a terminal, in a CI log or in XML."""

from __future__ import annotations

import re

# Plans arrive in pull requests from anyone. A quoted YAML string can hold escape sequences
# that recolour or rewrite a terminal or CI log, bidirectional overrides that make a line
# read differently from what it says, and characters XML 1.0 cannot carry at all.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with control and bidi-override characters written as ``\\x1b`` escapes.

    Tabs and line breaks are kept; each format escapes those its own way.
    """
    return _UNSAFE.sub(_escape, text)


# A GitHub runner reads every line of a log for workflow commands, also after spaces.
_LINE_START_COMMAND = re.compile(r"(?:^|(?<=\r))([ \t]*):(?=:)", re.MULTILINE)


def no_workflow_commands(text: str) -> str:
    """``text`` with a line that would start with `::` written `\\x3a:` instead.

    For files that CI may print (JUnit, plain text); standard output is guarded as a
    whole by the command line.
    """
    return _LINE_START_COMMAND.sub(r"\1\\x3a", text)
