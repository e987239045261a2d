"""Plan text made safe inside Markdown tables and Mermaid labels.

Names and responsibilities are free text written by people: a `|` would split a Markdown
table cell and a `<b>` would turn into markup; a `"`, `#`, `<` or `;` can end or change a
Mermaid label.
"""

from __future__ import annotations

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


def mermaid_text(text: str) -> str:
    """Text for a Mermaid label, section or title: one line, entity codes for specials."""
    flat = " ".join(text.split())
    return "".join(_MERMAID.get(char, char) for char in flat)
