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
    """Text for one cell of a Markdown table: one line that shows exactly its text.

    Pipes would split the cell; `[x](url)` and `![x](url)` would become a link or a
    remote image, `<b>` a tag: every such character is escaped, as in a line of text.
    """
    # Inside a cell, line starts (`#`, `1.`, `+`) are not syntax: only inline escapes.
    return _inline(" ".join(text.split()))


# Characters that Markdown reads as emphasis, code, links, HTML or table cells anywhere.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# Line starts that Markdown reads as headings, lists, quotes or rules; an ordered list
# marker is escaped at its dot (a backslash before a digit is shown, not read).
_LINE_START = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)]))")
# A URL ends where Markdown or HTML syntax could start inside it (`<b>`, `](`, a backtick).
_URL = re.compile(r"https?://[^\s<>\[\]()`|]+")


def _escape_line_start(match: re.Match[str]) -> str:
    indent, symbol, number, dot = match.groups()
    return f"{indent}\\{symbol}" if symbol else f"{indent}{number}\\{dot}"


def _inline(text: str) -> str:
    """Markdown's inline syntax escaped; URLs left whole, so that they still autolink."""
    parts, last = [], 0
    for url in _URL.finditer(text):
        parts += [_INLINE.sub(r"\\\1", text[last : url.start()]), url.group(0)]
        last = url.end()
    parts.append(_INLINE.sub(r"\\\1", text[last:]))
    return "".join(parts)


def md_text(line: str) -> str:
    """A line of text as Markdown that shows exactly that text (URLs left to autolink)."""
    return _LINE_START.sub(_escape_line_start, _inline(line), count=1)


def mermaid_text(text: str) -> str:
    """Text for a Mermaid label, section or title: one line, entity codes for specials."""
    flat = " ".join(text.split())
    return "".join(_MERMAID.get(char, char) for char in flat)


def fenced(body: str, info: str) -> str:
    """``body`` in a Markdown code fence longer than any backtick run inside it."""
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{body.rstrip(chr(10))}\n{fence}\n"
