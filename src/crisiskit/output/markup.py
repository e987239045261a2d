"""Plan text made safe in Markdown (tables and lines) and in Mermaid labels.

Names, responsibilities and drafts are free text written by people: a `|` would split a
Markdown table cell, a `<b>` would turn into markup, a `#` or `1.` starting a line into a
heading or a list; a `"`, `#`, `<` or `;` can end or change a Mermaid label.
"""

from __future__ import annotations

import re

_MERMAID = {
    "#": "#35;",  # first: the other replacements introduce `#`
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    ":": "#58;",
    ";": "#59;",
}


def md_cell(text: str) -> str:
    """Text for one cell of a Markdown table: one line, pipes and tags escaped."""
    return " ".join(text.split()).replace("|", "\\|").replace("<", "&lt;")


# Characters that Markdown reads as emphasis, code, links, HTML or table cells anywhere.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# Line starts that Markdown reads as headings, lists, quotes or rules; an ordered list
# marker is escaped at its dot (a backslash before a digit is shown, not read).
_LINE_START = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)]))")
_URL = re.compile(r"https?://\S+")


def _escape_line_start(match: re.Match[str]) -> str:
    indent, symbol, number, dot = match.groups()
    return f"{indent}\\{symbol}" if symbol else f"{indent}{number}\\{dot}"


def md_text(line: str) -> str:
    """A line of text as Markdown that shows exactly that text (URLs left to autolink)."""
    parts, last = [], 0
    for url in _URL.finditer(line):
        parts += [_INLINE.sub(r"\\\1", line[last : url.start()]), url.group(0)]
        last = url.end()
    parts.append(_INLINE.sub(r"\\\1", line[last:]))
    return _LINE_START.sub(_escape_line_start, "".join(parts), count=1)


def mermaid_text(text: str) -> str:
    """Text for a Mermaid label, section or title: one line, entity codes for specials."""
    flat = " ".join(text.split())
    return "".join(_MERMAID.get(char, char) for char in flat)


def fenced(body: str, info: str) -> str:
    """``body`` in a Markdown code fence longer than any backtick run inside it."""
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{body.rstrip(chr(10))}\n{fence}\n"
