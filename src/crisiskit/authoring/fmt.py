"""`crisiskit fmt`: one canonical layout for plans, keeping every comment.

The canonical style:

* keys in the order of the plan format (``crisiskit``, ``organization``, … and inside a
  role ``id``, ``name``, ``responsibilities``, ``primary``, ``backups``, …); a key the
  format does not know keeps its place;
* mappings indented by 2 spaces, list items by 2 spaces with the dash, their content by 4
  (``yaml.indent(mapping=2, sequence=4, offset=2)``);
* every comment kept, on its own line aligned with what follows it, or at the end of its
  line; a comment above a key moves with that key; blank lines stay where they were;
* scalars written as they were: quotes kept, block scalars kept, long lines never
  re-wrapped; flow lists (``[mon, tue]``) stay flow lists;
* the file's line endings (LF or CRLF) and byte-order mark are kept.

Formatting is proved safe on every run: the result must load to exactly the same data
and hold exactly the same comments, or the file is left alone.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from crisiskit.authoring.keyorder import KeyOrder, plan_order
from crisiskit.authoring.yamltext import (
    Node,
    canonically_indented,
    comment_lines,
    comments,
    parse_tree,
)
from crisiskit.diagnostics import checks
from crisiskit.diagnostics.errors import CrisiskitError, PathError
from crisiskit.diagnostics.findings import Finding
from crisiskit.loader.compose import compose
from crisiskit.util.reading import read_regular_file

# Problems that leave no single, well-defined document to format.
_REFUSED = checks.UNREADABLE | {checks.DUPLICATE_KEY.code, checks.FORBIDDEN_TAG.code}
_BOM = "\ufeff"
_DOCUMENT_START = re.compile(r"\A(?:[ \t]*(?:#[^\n]*)?\n)*---(?:[ \t]|$)", re.MULTILINE)


class CannotFormat(CrisiskitError):
    """The file cannot be formatted: it is not one valid YAML document."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


class UnsafeFormat(CrisiskitError):
    """Formatting would have changed the data or lost a comment (a bug in crisiskit)."""


@dataclass(frozen=True, slots=True)
class Layout:
    """How a file writes what canonical formatting does not decide."""

    bom: bool
    newline: str

    @classmethod
    def of(cls, text: str) -> Layout:
        first_break = text.find("\n")
        crlf = first_break > 0 and text[first_break - 1] == "\r"
        return cls(text.startswith(_BOM), "\r\n" if crlf else "\n")

    def apply(self, text: str) -> str:
        return (_BOM if self.bom else "") + text.replace("\n", self.newline)


def format_text(text: str, file: str) -> str:
    """``text`` in the canonical style. Raises CannotFormat for a file that is not valid YAML."""
    layout = Layout.of(text)
    source = text.removeprefix(_BOM).replace("\r\n", "\n")
    before = compose(source, file)
    refused = [f for f in before.findings if f.code in _REFUSED]
    if refused:
        raise CannotFormat(refused[0])
    if before.data is None:
        return text  # a document holding only `null` or nothing: nothing to arrange
    return layout.apply(_format(source, file))


def _format(source: str, file: str) -> str:
    try:
        return _canonical(source, file)
    except UnsafeFormat:
        pass
    # ruamel.yaml loses a few comments when re-indenting (one on a block scalar's `|`
    # line, in some layouts): put the keys in order first, then try again, and keep the
    # file's own indentation if it still cannot.
    ordered = _reorder(source)
    _check_same(source, ordered, file)
    try:
        return _canonical(ordered, file)
    except UnsafeFormat:
        return ordered


def _canonical(source: str, file: str) -> str:
    root, _ = parse_tree(source)
    lines = source.split("\n")
    if root is not None and lines[-1] == "" and canonically_indented(root, lines):
        result = _reorder(source)  # ruamel.yaml's round trip (slow) would change nothing
    else:
        result = _reorder(_realign_comments(source, _roundtrip(source)))
    _check_same(source, result, file)
    return result


def _roundtrip(source: str) -> str:
    """ruamel.yaml's round trip in the canonical indentation, everything else as written."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 1_000_000_000  # never re-wrap a long line
    yaml.explicit_start = bool(_DOCUMENT_START.match(source))
    yaml.allow_duplicate_keys = False
    out = io.StringIO()
    try:
        yaml.dump(yaml.load(source), out)
    except Exception as exc:  # ruamel.yaml's round trip has corner cases of its own
        raise UnsafeFormat(f"ruamel.yaml cannot re-indent it: {exc}") from exc
    return out.getvalue()


@lru_cache(maxsize=2)
def _composed_data(source: str, file: str) -> Any:
    return compose(source, file).data


def _check_same(source: str, result: str, file: str) -> None:
    if result == source:
        return  # already formatted: nothing changed, nothing to prove
    after = compose(result, file)
    if after.findings or after.data != _composed_data(source, file):
        raise UnsafeFormat(f"{file}: formatting would change the plan's data; left unchanged")
    if sorted(comments(result)) != sorted(comments(source)):
        raise UnsafeFormat(f"{file}: formatting would lose or change a comment; left unchanged")


# --- comments keep their alignment when indentation changes -------------------------


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _alignments(text: str) -> list[tuple[str, int]]:
    """For each full-line comment: aligned with the `next` or `prev` content line, or not."""
    lines = text.split("\n")
    comment_numbers = comment_lines(text)
    content = [n for n, line in enumerate(lines) if line.strip() and n not in comment_numbers]
    result: list[tuple[str, int]] = []
    for number in sorted(comment_numbers):
        column = _indent(lines[number])
        previous = [n for n in content if n < number][-1:]
        following = [n for n in content if n > number][:1]
        if following and column == _indent(lines[following[0]]):
            result.append(("next", column))
        elif previous and column == _indent(lines[previous[0]]):
            result.append(("prev", column))
        else:
            result.append(("keep", column))
    return result


def _realign_comments(source: str, result: str) -> str:
    """Give each full-line comment the alignment it had before re-indentation.

    ruamel.yaml re-indents keys and values but writes a comment at its old column.
    """
    wanted = _alignments(source)
    lines = result.split("\n")
    numbers = sorted(comment_lines(result))
    if len(numbers) != len(wanted):
        return result  # cannot pair them up; the comments stay where ruamel put them
    comment_numbers = set(numbers)
    content = [n for n, line in enumerate(lines) if line.strip() and n not in comment_numbers]
    for number, (alignment, column) in zip(numbers, wanted, strict=True):
        if alignment == "next":
            neighbours = [n for n in content if n > number][:1]
        elif alignment == "prev":
            neighbours = [n for n in content if n < number][-1:]
        else:
            neighbours = []
        target = _indent(lines[neighbours[0]]) if neighbours else column
        lines[number] = " " * target + lines[number].lstrip(" ")
    return "\n".join(lines)


# --- keys in schema order -----------------------------------------------------------


def _reorder(text: str) -> str:
    root, _ = parse_tree(text)
    if root is None or root.kind != "map" or root.flow:
        return text
    lines = text.split("\n")
    if lines[-2:] == ["...", ""]:
        # ruamel.yaml ends a document whose last value keeps its trailing blank lines
        # (`|+`) with `...`; once keys are in order that value may be elsewhere.
        del lines[-2]
    blank_or_comment = comment_lines(text) | {n for n, line in enumerate(lines) if not line.strip()}
    arranger = _Arranger(lines, blank_or_comment)
    start = root.pairs[0][0].first_line if root.pairs else 0
    arranged = arranger.mapping(root, plan_order(), start, root.last_line)
    return "\n".join([*lines[:start], *arranged, *lines[root.last_line + 1 :]])


@dataclass(slots=True)
class _Chunk:
    """One key of a mapping: comments above it, its lines, deeper comments after it."""

    blanks: list[str]
    leading: list[str]
    body: list[str]
    rank: int | None


class _Arranger:
    def __init__(self, lines: list[str], blank_or_comment: set[int]) -> None:
        self.lines = lines
        self.blank_or_comment = blank_or_comment

    def node(self, node: Node, order: KeyOrder | None, first: int, last: int) -> list[str]:
        """Lines ``first``..``last`` (which hold ``node``) with its mappings arranged."""
        if node.flow or order is None:
            return self.lines[first : last + 1]
        if node.kind == "map" and node.pairs:
            return self.mapping(node, order, first, last)
        if node.kind == "seq" and order.items is not None:
            return self.sequence(node, order.items, first, last)
        return self.lines[first : last + 1]

    def sequence(self, node: Node, order: KeyOrder, first: int, last: int) -> list[str]:
        out = self.lines[first : node.items[0].first_line] if node.items else []
        for index, item in enumerate(node.items):
            end = node.items[index + 1].first_line - 1 if index + 1 < len(node.items) else last
            out += self.node(item, order, item.first_line, end)
        return out

    def mapping(self, node: Node, order: KeyOrder, first: int, last: int) -> list[str]:
        chunks, tail = self._chunks(node, order, first, last)
        known = sorted((c for c in chunks if c.rank is not None), key=lambda c: c.rank or 0)
        ranked = iter(known)
        arranged = [next(ranked) if c.rank is not None else c for c in chunks]
        unchanged = all(a is c for a, c in zip(arranged, chunks, strict=True))
        # A value keeping its trailing blank lines (`|+`) cannot be moved safely: the
        # blank lines its new neighbours bring would become part of its text.
        if unchanged or any(value.keeps_blank_lines for _, value in node.pairs):
            return [line for c in chunks for line in (*c.blanks, *c.leading, *c.body)] + tail
        first_key = node.pairs[0][0]
        prefix = self.lines[first_key.first_line][: first_key.column]
        has_dash = bool(prefix.strip())
        if has_dash:  # the dash goes to the new first key
            body = chunks[0].body
            body[0] = " " * len(prefix) + body[0][len(prefix) :]
        # Blank lines stay where they were; comments travel with their key.
        out: list[str] = []
        for position, chunk in zip(chunks, arranged, strict=True):
            out += [*position.blanks, *chunk.leading, *chunk.body]
        if has_dash:
            out = _put_dash(out, prefix)
        return out + tail

    def _chunks(
        self, node: Node, order: KeyOrder, first: int, last: int
    ) -> tuple[list[_Chunk], list[str]]:
        chunks: list[_Chunk] = []
        previous_end = first - 1
        for key, value in node.pairs:
            between = list(range(previous_end + 1, key.first_line))
            deeper = [n for n in between if n in self.blank_or_comment and self.lines[n].strip()]
            deeper = [n for n in deeper if _indent(self.lines[n]) > key.column]
            if chunks and deeper:  # comments indented under the previous key stay with it
                split = deeper[-1] + 1
                chunks[-1].body += self.lines[previous_end + 1 : split]
                between = list(range(split, key.first_line))
            lead = [self.lines[n] for n in between]
            blank_count = len(lead) - len(list(_dropwhile_blank(lead)))
            end = max(key.last_line, value.last_line)
            chunks.append(
                _Chunk(
                    lead[:blank_count],
                    lead[blank_count:],
                    self._pair(key, value, order.child(key.key), end),
                    order.rank(key.key),
                )
            )
            previous_end = end
        return chunks, self.lines[previous_end + 1 : last + 1]

    def _pair(self, key: Node, value: Node, order: KeyOrder | None, end: int) -> list[str]:
        if value.first_line > key.first_line and not value.flow and value.kind != "scalar":
            head = self.lines[key.first_line : key.first_line + 1]
            return head + self.node(value, order, key.first_line + 1, end)
        return self.lines[key.first_line : end + 1]


def _dropwhile_blank(lines: list[str]) -> list[str]:
    for index, line in enumerate(lines):
        if line.strip():
            return lines[index:]
    return []


def _put_dash(out: list[str], prefix: str) -> list[str]:
    """Put a list item's dash on its first key; comments above it align with the dash."""
    dash_column = _indent(prefix)
    for number, line in enumerate(out):
        if not line.strip():
            continue
        if line.lstrip().startswith("#"):
            out[number] = " " * dash_column + line.lstrip(" ")
            continue
        out[number] = prefix + line[len(prefix) :]
        break
    return out


# --- files --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FileFormat:
    """One file's formatting: its text before and after, or why it was left alone."""

    path: Path
    display: str
    original: str = ""
    formatted: str = ""
    problem: Finding | None = None  # cannot be parsed: the file is refused
    unsafe: str | None = None  # formatting would lose something: a crisiskit bug

    @property
    def changed(self) -> bool:
        return self.problem is None and self.unsafe is None and self.formatted != self.original


def format_file(path: Path) -> FileFormat:
    """Format one file in memory; nothing is written."""
    from crisiskit.loader.compose import MAX_FILE_BYTES, decode
    from crisiskit.loader.repository import display_path

    display = display_path(path)
    try:  # a pipe or /dev/zero is refused before anything is read
        raw = read_regular_file(path, MAX_FILE_BYTES)
    except OSError as exc:
        raise PathError(f"{display}: cannot read: {exc.strerror or exc}") from None
    _, bad_encoding = decode(raw, display)
    if bad_encoding is not None:
        return FileFormat(path, display, problem=bad_encoding)
    text = raw.decode("utf-8")
    try:
        return FileFormat(path, display, text, format_text(text, display))
    except CannotFormat as refused:
        return FileFormat(path, display, text, problem=refused.finding)
    except UnsafeFormat as unsafe:
        return FileFormat(path, display, text, unsafe=str(unsafe))


def format_paths(paths: Sequence[Path]) -> list[FileFormat]:
    """Every YAML file under ``paths`` (files and directories, as `validate` finds them)."""
    from crisiskit.diagnostics.findings import Span
    from crisiskit.loader.discovery import discover
    from crisiskit.loader.repository import display_path

    for path in paths:
        if ".git" in path.resolve().parts:
            raise PathError(f"{path}: inside .git; fmt never writes there")
    refused: list[Path] = []
    results = [format_file(path) for path, _ in discover(paths, refused)]
    # As validate does: a symlink out of the repository is reported, never read or written.
    for link in refused:
        problem = checks.INCLUDE_OUTSIDE_REPOSITORY.finding(
            "a symlink out of the repository (or into its .git/, or a loop); not followed",
            display_path(link),
            Span(1, 1, 1, 2),
        )
        results.append(FileFormat(link, display_path(link), problem=problem))
    return results


def unified_diff(result: FileFormat) -> str:
    """The change as a unified diff, both sides named by the file's path (`patch -p0`)."""
    import difflib

    lines = difflib.unified_diff(
        result.original.splitlines(keepends=True),
        result.formatted.splitlines(keepends=True),
        result.display,
        result.display,
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
