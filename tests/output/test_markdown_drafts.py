"""Markdown drafts show exactly the draft's text once a CommonMark renderer reads them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from crisiskit.output.markup import md_text

_PARSER = MarkdownIt("commonmark")
# Post-like text: hashtags, numbered points, emphasis marks, brackets, HTML, pipes, URLs.
_PIECES = st.sampled_from(
    [
        "#WarungRasa",
        "1.",
        "2)",
        "-",
        "+",
        "=",
        ">",
        "*",
        "_",
        "**",
        "`",
        "[NAME]",
        "(x)",
        "<b>",
        "|",
        "~~",
        "\\",
        "Kami",
        "minta",
        "maaf",
        "https://warungrasa.example.id/bantuan_1",
        " ",
        "  ",
    ]
)


def _shown_text(markdown: str) -> str:
    """The text a reader sees in the quote, and fails on any structure but one paragraph."""
    tokens = _PARSER.parse(markdown)
    kinds = [t.type for t in tokens]
    assert kinds == [
        "blockquote_open",
        "paragraph_open",
        "inline",
        "paragraph_close",
        "blockquote_close",
    ], kinds
    inline = tokens[2].children or []
    assert all(child.type == "text" for child in inline), [c.type for c in inline]
    return "".join(child.content for child in inline)


@settings(max_examples=300)
@given(st.lists(_PIECES, min_size=1, max_size=8).map(" ".join).map(str.strip).filter(bool))
def test_a_quoted_draft_line_renders_as_exactly_its_text(line: str) -> None:
    assert _shown_text(f"> {md_text(line)}") == line


def test_hashtag_and_numbered_lines_stay_text() -> None:
    for line in ["#Transparansi kami minta maaf", "1. Kami menarik produk", "2026 adalah tahun"]:
        assert _shown_text(f"> {md_text(line)}") == line
