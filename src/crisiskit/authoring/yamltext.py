"""Where things are in YAML text: the block structure, and which characters are comments.

`fmt` moves whole lines; it needs to know which lines a key and its value span, and
which `#` starts a comment rather than sitting inside a quoted or block scalar. Both come
from libyaml's event stream (marks of every scalar, alias and collection), so the answer
is the parser's, not a guess from indentation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
from ruamel.yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
)

# A `#` at a line start or after a blank starts a comment (outside scalars).
# Anchor, tag and indicators of a block scalar's header: `&anchor !tag |+2`.
_BLOCK_HEADER = re.compile(r"[^|>\n]*[|>][-+0-9]*")
_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#.*$", re.MULTILINE)


@dataclass(slots=True)
class Node:
    """A scalar, alias or collection with the lines it spans (0-based, inclusive)."""

    first_line: int
    last_line: int
    column: int
    kind: str  # "scalar", "map", "seq"
    flow: bool = False
    pairs: list[tuple[Node, Node]] = field(default_factory=list)
    items: list[Node] = field(default_factory=list)
    key: object = None  # a scalar's value, when it is a mapping key
    end_column: int = 0  # where a scalar ends on its last line
    style: str | None = None  # a scalar's style: None (plain), "'", '"', "|" or ">"
    # It ends with a block scalar that keeps its trailing blank lines (`|+`): any blank
    # line written after it would become part of its text.
    keeps_blank_lines: bool = False


def _last_line(end_line: int, end_column: int, first_line: int) -> int:
    # A block scalar ends at the start of the line after its text.
    return max(first_line, end_line - 1 if end_column == 0 else end_line)


class _TreeBuilder:
    def __init__(self, text: str) -> None:
        self._text = text
        self._lines = text.split("\n")
        self._parser = CParser(text)
        self.scalar_spans: list[tuple[int, int]] = []

    def build(self) -> Node | None:
        get = self._parser.get_event
        get()  # stream start
        start = get()
        if isinstance(start, StreamEndEvent):
            return None
        return self._node(get())

    def _spans(self, event: object, start: int, end: int) -> list[tuple[int, int]]:
        """A block scalar's header line may end with a comment: leave that line out."""
        if not (isinstance(event, ScalarEvent) and event.style in ("|", ">")):
            return [(start, end)]
        header_end = self._text.find("\n", start)
        if header_end < 0 or header_end >= end:
            return [(start, end)]
        indicator = _BLOCK_HEADER.match(self._text, start, header_end)
        header = indicator.end() if indicator else start
        return [(start, header), (header_end, end)]

    def _keeps_header(self, index: int) -> bool:
        header_end = self._text.find("\n", index)
        header = _BLOCK_HEADER.match(
            self._text, index, header_end if header_end >= 0 else len(self._text)
        )
        return header is not None and "+" in header.group()

    def _keeps(self, event: ScalarEvent, index: int) -> bool:
        return event.style in ("|", ">") and self._keeps_header(index)

    def _block_scalar_end(self, index: int, first: int, last: int) -> int:
        """The last line of a block scalar's text: trailing blank lines are not part of it,
        unless its header keeps them (`|+`)."""
        if self._keeps_header(index):
            return last
        while last > first and not self._lines[last].strip():
            last -= 1
        return last

    def _node(self, event: object) -> Node:
        if isinstance(event, ScalarEvent | AliasEvent):
            start, end = event.start_mark, event.end_mark
            self.scalar_spans += self._spans(event, start.index, end.index)
            last = _last_line(end.line, end.column, start.line)
            if isinstance(event, ScalarEvent) and event.style in ("|", ">"):
                last = self._block_scalar_end(start.index, start.line, last)
            node = Node(start.line, last, start.column, "scalar")
            node.key = event.value if isinstance(event, ScalarEvent) else None
            node.end_column = end.column
            node.style = (event.style or None) if isinstance(event, ScalarEvent) else None
            node.keeps_blank_lines = isinstance(event, ScalarEvent) and self._keeps(
                event, start.index
            )
            return node
        assert isinstance(event, CollectionStartEvent)
        start = event.start_mark
        is_map = isinstance(event, MappingStartEvent)
        node = Node(start.line, start.line, start.column, "map" if is_map else "seq")
        node.flow = bool(event.flow_style)
        get = self._parser.get_event
        while True:
            child = get()
            if isinstance(child, MappingEndEvent | SequenceEndEvent):
                if node.flow:
                    node.last_line = child.end_mark.line
                return node
            if is_map:
                key = self._node(child)
                value = self._node(get())
                node.pairs.append((key, value))
                node.keeps_blank_lines = value.keeps_blank_lines
                node.last_line = max(node.last_line, key.last_line, value.last_line)
            else:
                item = self._node(child)
                node.items.append(item)
                node.keeps_blank_lines = item.keeps_blank_lines
                node.last_line = max(node.last_line, item.last_line)


@lru_cache(maxsize=4)  # fmt asks about the same text several times; nodes are never changed
def parse_tree(text: str) -> tuple[Node | None, list[tuple[int, int]]]:
    """The node tree of one YAML document and the character spans of its scalars.

    The caller has checked that ``text`` is one valid document.
    """
    builder = _TreeBuilder(text)
    return builder.build(), builder.scalar_spans


def masked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with every scalar blanked out (line breaks kept), so `#` is a comment."""
    parts: list[str] = []
    position = 0
    for start, end in sorted(spans):
        if start < position:
            continue
        parts.append(text[position:start])
        parts.append(re.sub(r"[^\n]", " ", text[start:end]))
        position = end
    parts.append(text[position:])
    return "".join(parts)


def comments(text: str) -> list[str]:
    """Every comment in ``text``, in order, without surrounding whitespace."""
    _, spans = parse_tree(text)
    return [match.group().rstrip() for match in _COMMENT.finditer(masked(text, spans))]


def comment_lines(text: str) -> set[int]:
    """Numbers (0-based) of the lines that hold only a comment."""
    _, spans = parse_tree(text)
    lines = masked(text, spans).split("\n")
    return {number for number, line in enumerate(lines) if line.lstrip().startswith("#")}


def canonically_indented(root: Node, lines: list[str]) -> bool:
    """Whether ``lines`` already have the canonical indentation and spacing.

    2 spaces per mapping level, list dashes indented by 2 under their key, one space after
    `key:`, block scalars indented by 2, flow collections on one line written `[a, b]`.
    When they do, formatting only has to put keys in order.
    """
    return _canonical(root, 0, lines)


def _canonical(node: Node, column: int, lines: list[str]) -> bool:
    if node.kind == "scalar":
        return True
    if node.flow:
        text = lines[node.first_line][node.column :]
        return node.first_line == node.last_line and not re.search(r",\S|[\[{] | [\]}]", text)
    if node.kind == "seq":
        return all(_canonical_item(item, column, lines) for item in node.items)
    return all(_canonical_pair(key, value, column, lines) for key, value in node.pairs)


def _canonical_item(item: Node, column: int, lines: list[str]) -> bool:
    if lines[item.first_line][column : column + 2] != "- " or item.column != column + 2:
        return False
    if item.kind == "scalar":
        return _canonical_block_scalar(item, column + 2, lines)
    if item.kind == "seq" and not item.flow:
        return False  # `- - a`: ruamel.yaml decides
    return _canonical(item, column + 2, lines)


def _canonical_pair(key: Node, value: Node, column: int, lines: list[str]) -> bool:
    if key.column != column or key.style not in (None, "'", '"') or key.first_line != key.last_line:
        return False
    if value.first_line == key.first_line and value.column != key.end_column + 2:
        return value.column == value.end_column and value.column == key.end_column + 1  # `key:`
    if value.kind == "scalar":
        return _canonical_block_scalar(value, column + 2, lines)
    return _canonical(value, column + 2, lines)


def _canonical_block_scalar(node: Node, column: int, lines: list[str]) -> bool:
    if node.style not in ("|", ">"):
        return node.first_line == node.last_line or node.style is None
    header = lines[node.first_line][node.column :].split("#")[0].strip()
    if re.search(r"[0-9]", header):
        return False  # an explicit indentation indicator
    body = [line for line in lines[node.first_line + 1 : node.last_line + 1] if line.strip()]
    return not body or min(len(line) - len(line.lstrip(" ")) for line in body) == column
