"""Turn YAML text into plain Python data plus a source map, safely and fast.

libyaml (through ruamel.yaml.clib's ``CParser``) composes the node graph in C,
keeping marks for every node. Construction into dicts, lists and scalars is done
here rather than by a ruamel constructor so that:

* no tag can ever construct anything but str, int, float, bool, None, dict, list;
* duplicate keys (also beside ``<<`` merge keys) are found, with both places;
* aliases are expanded under a budget, so an alias bomb becomes a finding;
* plain scalars follow the YAML 1.2 core schema (``no`` and ``09:00`` stay strings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.tag import Tag

from crisiskit.diagnostics import checks
from crisiskit.diagnostics.findings import Finding, Span, format_path
from crisiskit.loader.sourcemap import DataPath, SourceMap, pack_span

MAX_DEPTH = 100
MAX_SCALAR_CHARS = 100_000
MAX_FILE_BYTES = 32 * 1024 * 1024

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    f"{_STD}str",
    f"{_STD}int",
    f"{_STD}float",
    f"{_STD}bool",
    f"{_STD}null",
    f"{_STD}map",
    f"{_STD}seq",
    f"{_STD}merge",
    f"{_STD}timestamp",
    "!",
    "?",
}
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_INT_OTHER = re.compile(r"0o[0-7]+\Z|0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_SPECIAL_FLOATS = {
    ".inf": float("inf"),
    "+.inf": float("inf"),
    "-.inf": float("-inf"),
    ".Inf": float("inf"),
    ".INF": float("inf"),
    ".nan": float("nan"),
    ".NaN": float("nan"),
    ".NAN": float("nan"),
}
# Plain scalars starting with these characters may resolve to something other than str.
_MAYBE_TYPED = set("0123456789+-.~nNtTfF")
_BLOCK_PREFIX = re.compile(r"^[ \-?:]*", re.MULTILINE)
_FLOW_BRACKETS = re.compile(r"[\[\]{}]")
# One shared tag object for every untagged node: building a Tag per node and turning it
# back into a string (Node.tag) was a third of the load time of a large plan.
_IMPLICIT = Tag(suffix="?")
# Something that may be an anchor (`&name` after a space, a line start or a flow indicator).
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s,\[{])&\S", re.MULTILINE)


class _Parser(CParser):  # type: ignore[misc]
    """libyaml's composer with tag resolution left to :func:`_construct_scalar`."""

    def descend_resolver(self, *args: object) -> None:
        pass

    def ascend_resolver(self, *args: object) -> None:
        pass

    def resolve(self, kind: object, value: object, implicit: object) -> Tag:
        return _IMPLICIT


def _tag(node: Node) -> str:
    return "?" if node.ctag is _IMPLICIT else str(node.ctag)


class _Abort(Exception):
    def __init__(self, finding: Finding) -> None:
        self.finding = finding


@dataclass(slots=True)
class Composed:
    """The data of one file with its source map, or the findings that stopped it."""

    data: Any
    source_map: SourceMap
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.code in checks.UNREADABLE for f in self.findings)


def _span(node: Node) -> Span:
    start, end = node.start_mark, node.end_mark
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def _point(line: int, column: int) -> Span:
    return Span(line, column, line, column + 1)


def too_large(file: str, size: int | None) -> Finding:
    """CK009 for a whole file; ``size`` is None when it was refused before reading."""
    shown = f"{size:,} bytes" if size is not None else "larger than that"
    return checks.TOO_LARGE.finding(
        f"file is {shown}; the limit is {MAX_FILE_BYTES:,} bytes",
        file,
        _point(1, 1),
        hint="split the plan into fragments with `include`",
    )


def decode(raw: bytes, file: str) -> tuple[str | None, Finding | None]:
    """Decode UTF-8 strictly; report the first bad byte's line and column."""
    if len(raw) > MAX_FILE_BYTES:
        return None, too_large(file, len(raw))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
        line = raw.count(b"\n", 0, start) + 1
        column = start - (raw.rfind(b"\n", 0, start) + 1) + 1
        return None, checks.INVALID_ENCODING.finding(
            f"byte 0x{raw[start]:02x} is not valid UTF-8",
            file,
            _point(line, column),
            hint="save the file as UTF-8 (most editors offer 'Save with encoding')",
        )
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        return None, checks.INVALID_ENCODING.finding(
            "the file contains a NUL character; is it a binary file?",
            file,
            _point(line, column),
        )
    return text, None


def _depth_bound(text: str) -> int:
    """A cheap upper bound of the nesting depth, to keep libyaml's recursion safe."""
    block = max((len(m) for m in _BLOCK_PREFIX.findall(text)), default=0)
    depth = deepest = 0
    for bracket in _FLOW_BRACKETS.findall(text):
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif depth:
            depth -= 1
    return block + 1 + deepest


def _check_depth_exactly(text: str, file: str) -> Finding | None:
    """Walk the event stream (pure Python, no recursion) to find excess nesting."""
    from ruamel.yaml import YAML
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

    depth = 0
    try:
        for event in YAML(typ="safe", pure=True).parse(text):
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    return checks.TOO_DEEP.finding(
                        f"collections are nested more than {MAX_DEPTH} levels deep",
                        file,
                        _point(mark.line + 1, mark.column + 1),
                    )
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except YAMLError:
        return None  # the C parser will report the syntax error with its location
    return None


def _syntax_finding(exc: MarkedYAMLError, text: str, file: str) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "invalid YAML"
    if mark is not None and problem.startswith("found character") and mark.index < len(text):
        # Name the character: an `@` or a tab is invisible in "found character".
        problem = problem.replace("found character", f"found character {text[mark.index]!r}", 1)
    context = exc.context
    started = exc.context_mark
    if context and started is not None and mark is not None and started.line != mark.line:
        # Where the unclosed quote or bracket started: usually the line to fix.
        context += f" that started at line {started.line + 1}, column {started.column + 1}"
    message = problem if not context else f"{context}: {problem}"
    hint = None
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        hint = "YAML cannot be indented with tabs; use spaces"
    elif "found undefined alias" in problem:
        hint = "define the anchor (&name) before using the alias (*name)"
    span = _point(mark.line + 1, mark.column + 1) if mark is not None else None
    return checks.YAML_SYNTAX.finding(message, file, span, hint=hint)


def compose(text: str, file: str) -> Composed:
    """Parse one YAML document into data and a source map. Never raises for bad input."""
    if _depth_bound(text) > MAX_DEPTH:
        deep = _check_depth_exactly(text, file)
        if deep is not None:
            return Composed(None, SourceMap(file), [deep])
    if not _MAYBE_ANCHOR.search(text) and "<<" not in text:
        try:
            return _stream(text, file)
        except (_Fallback, YAMLError):
            pass  # the node composer handles it, and words YAML errors with their locations
    return compose_nodes(text, file)


def compose_nodes(text: str, file: str) -> Composed:
    """The general path: libyaml's node composer, then construction from the nodes.

    The caller has checked the nesting depth, which bounds libyaml's recursion.
    """
    source_map = SourceMap(file)
    parser = _Parser(text)
    try:
        root = parser.get_single_node()
    except MarkedYAMLError as exc:
        if "expected a single document" in str(exc):
            mark = exc.problem_mark
            span = _point(mark.line + 1, mark.column + 1) if mark else None
            finding = checks.MULTIPLE_DOCUMENTS.finding(
                "the file holds more than one YAML document",
                file,
                span,
                hint="remove the `---` separator, or move each plan into its own file",
            )
            return Composed(None, source_map, [finding])
        return Composed(None, source_map, [_syntax_finding(exc, text, file)])
    except YAMLError as exc:
        return Composed(None, source_map, [checks.YAML_SYNTAX.finding(str(exc), file)])
    if root is None:
        return Composed(
            None,
            source_map,
            [
                checks.EMPTY_DOCUMENT.finding(
                    "the file holds no YAML document",
                    file,
                    _point(1, 1),
                    hint="start a plan with `crisiskit init`, or remove the file",
                )
            ],
        )
    del parser
    builder = _Builder(file, source_map, budget=10 * len(text) + 100_000)
    # Without anchors every node is visited once, so each subtree can be dropped as soon as
    # it is built: the node tree of a 10 MB plan is larger than its data and source map.
    builder.release = not _MAYBE_ANCHOR.search(text)
    try:
        data = builder.construct(root, ())
    except _Abort as abort:
        return Composed(None, source_map, [*builder.findings, abort.finding])
    return Composed(data, source_map, builder.findings)


class _Fallback(Exception):
    """The event stream holds something only the node composer handles."""


def _stream(text: str, file: str) -> Composed:
    """The fast path: build data and source map straight from libyaml's events.

    No node tree is ever held (for a 10 MB plan it is larger than the data and the source
    map together), and the events come from C faster than nodes do. It covers documents
    without anchors, aliases, merge keys, tags, complex or duplicate keys, or excessive
    nesting; for anything else it raises ``_Fallback`` and :func:`compose` uses the node
    composer, which builds exactly the same data, source map and findings.
    """
    source_map = SourceMap(file)
    builder = _EventBuilder(_Parser(text).get_event, source_map)
    get_event = builder.get_event
    get_event()  # the stream start
    if type(get_event()) is StreamEndEvent:
        raise _Fallback  # no document: the node composer words that finding
    data = builder.node(get_event(), ())
    get_event()  # the document end
    following = get_event()
    if type(following) is DocumentStartEvent:
        raise _Fallback  # several documents
    return Composed(data, source_map)


class _EventBuilder:
    """Builds data and spans from events; every problem is left to the node composer."""

    def __init__(self, get_event: Any, source_map: SourceMap) -> None:
        self.get_event = get_event
        self.values = source_map.values
        self.keys = source_map.keys

    def node(self, event: Any, path: DataPath) -> Any:
        kind = type(event)
        if kind is AliasEvent or event.tag is not None or event.anchor is not None:
            raise _Fallback
        values = self.values
        if kind is ScalarEvent:
            values[path] = pack_span(event.start_mark, event.end_mark)
            return self.scalar(event)
        if len(path) >= MAX_DEPTH:
            raise _Fallback
        values[path] = 0  # keeps the node composer's order: a collection before its items
        if kind is MappingStartEvent:
            keys, get_event, node = self.keys, self.get_event, self.node
            mapping: dict[Any, Any] = {}
            key_event = get_event()
            while type(key_event) is not MappingEndEvent:
                if (
                    type(key_event) is not ScalarEvent
                    or key_event.tag is not None
                    or key_event.anchor is not None
                ):
                    raise _Fallback
                key = self.scalar(key_event)
                if key in mapping:
                    raise _Fallback
                child = (*path, key)
                keys[child] = pack_span(key_event.start_mark, key_event.end_mark)
                mapping[key] = node(get_event(), child)
                key_event = get_event()
            values[path] = pack_span(event.start_mark, key_event.end_mark)
            return mapping
        if kind is SequenceStartEvent:
            get_event, node = self.get_event, self.node
            items: list[Any] = []
            item_event = get_event()
            while type(item_event) is not SequenceEndEvent:
                items.append(node(item_event, (*path, len(items))))
                item_event = get_event()
            values[path] = pack_span(event.start_mark, item_event.end_mark)
            return items
        raise AssertionError(f"unexpected event {event!r}")  # pragma: no cover

    def scalar(self, event: Any) -> Any:
        value: str = event.value
        if len(value) > MAX_SCALAR_CHARS:
            raise _Fallback  # the node composer reports it with its path
        if event.style:  # quoted or block scalars are always strings
            return value
        if not value:
            return None
        return _resolve_plain(value) if value[0] in _MAYBE_TYPED else value


class _Builder:
    def __init__(self, file: str, source_map: SourceMap, budget: int) -> None:
        self.file = file
        self.source_map = source_map
        self.findings: list[Finding] = []
        self.budget = budget
        # Mappings being built: a merge key (<<) pointing at one of them never ends.
        self._merging: set[int] = set()
        self.values = source_map.values
        self.keys = source_map.keys
        self.release = False

    def construct(self, node: Node, path: DataPath) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _Abort(
                checks.ALIAS_EXPANSION.finding(
                    "aliases expand this document far beyond its written size",
                    self.file,
                    _span(node),
                    format_path(path),
                    hint="an alias bomb? write the values out, or use fewer nested aliases",
                )
            )
        self.values[path] = pack_span(node.start_mark, node.end_mark)
        if node.ctag is not _IMPLICIT and _tag(node) not in _ALLOWED_TAGS:
            self._forbidden_tag(node, path)
        if isinstance(node, ScalarNode):
            return self._scalar(node, path)
        if len(path) > MAX_DEPTH:
            raise _Abort(
                checks.TOO_DEEP.finding(
                    f"collections are nested more than {MAX_DEPTH} levels deep",
                    self.file,
                    _span(node),
                    format_path(path[:20]) + "…",
                )
            )
        if isinstance(node, SequenceNode):
            construct = self.construct
            items = [construct(child, (*path, i)) for i, child in enumerate(node.value)]
            if self.release:
                node.value = ()
            return items
        if isinstance(node, MappingNode):
            mapping = self._mapping(node, path)
            if self.release:
                node.value = ()
            return mapping
        raise AssertionError(f"unexpected node {node!r}")  # pragma: no cover

    def _forbidden_tag(self, node: Node, path: DataPath) -> None:
        tag = _tag(node)
        shown = "!!" + tag[len(_STD) :] if tag.startswith(_STD) else tag
        self.findings.append(
            checks.FORBIDDEN_TAG.finding(
                f"tag {shown} is not allowed; crisiskit reads only plain YAML data",
                self.file,
                _span(node),
                format_path(path),
                hint="remove the tag; the value is read as plain data",
            )
        )

    def _scalar(self, node: ScalarNode, path: DataPath) -> Any:
        value: str = node.value
        if len(value) > MAX_SCALAR_CHARS:
            raise _Abort(
                checks.TOO_LARGE.finding(
                    f"value is {len(value):,} characters; the limit is {MAX_SCALAR_CHARS:,}",
                    self.file,
                    _span(node),
                    format_path(path),
                    hint="move long texts into a template file",
                )
            )
        tag = _tag(node)
        if tag == "?":
            if node.style:  # quoted or block scalars are always strings
                return value
            if not value:
                return None
            return _resolve_plain(value) if value[0] in _MAYBE_TYPED else value
        if tag == f"{_STD}str" or tag == "!":
            return value
        if tag in (f"{_STD}int", f"{_STD}float", f"{_STD}bool", f"{_STD}null"):
            return _resolve_plain(value)
        return value

    def _mapping(self, node: MappingNode, path: DataPath) -> dict[Any, Any]:
        self._merging.add(id(node))
        try:
            return self._mapping_items(node, path)
        finally:
            self._merging.discard(id(node))

    def _mapping_items(self, node: MappingNode, path: DataPath) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        written: dict[Any, Node] = {}
        merges: list[Node] = []
        for key_node, value_node in node.value:
            if (
                isinstance(key_node, ScalarNode)
                and key_node.value == "<<"
                and not key_node.style
                and _tag(key_node) in ("?", f"{_STD}merge")
            ):
                if merges:
                    self._duplicate(key_node, written.get("<<", key_node), "<<", path)
                written["<<"] = key_node
                merges.append(value_node)
                continue
            if not isinstance(key_node, ScalarNode):
                self.findings.append(
                    checks.YAML_SYNTAX.finding(
                        "a mapping key must be a plain value, not a list or mapping",
                        self.file,
                        _span(key_node),
                        format_path(path),
                    )
                )
                continue
            key = self._scalar(key_node, path)
            if key in written:
                self._duplicate(key_node, written[key], key, path)
                continue
            written[key] = key_node
            child = (*path, key)
            self.keys[child] = pack_span(key_node.start_mark, key_node.end_mark)
            result[key] = self.construct(value_node, child)
        for merge in merges:
            self._merge(merge, result, path)
        return result

    def _merge(self, merge: Node, result: dict[Any, Any], path: DataPath) -> None:
        sources = merge.value if isinstance(merge, SequenceNode) else [merge]
        for source in sources:
            if not isinstance(source, MappingNode):
                self.findings.append(
                    checks.YAML_SYNTAX.finding(
                        "a merge key (<<) needs a mapping or a list of mappings",
                        self.file,
                        _span(source),
                        format_path(path),
                    )
                )
                continue
            if id(source) in self._merging:
                self.findings.append(
                    checks.YAML_SYNTAX.finding(
                        "a merge key (<<) refers to the mapping it is part of",
                        self.file,
                        _span(source),
                        format_path(path),
                        hint="merge another mapping, not this one or one that contains it",
                    )
                )
                continue
            merged = self._mapping(source, path)
            for key, value in merged.items():
                result.setdefault(key, value)

    def _duplicate(self, node: Node, first: Node, key: Any, path: DataPath) -> None:
        first_line = first.start_mark.line + 1
        self.findings.append(
            checks.DUPLICATE_KEY.finding(
                f"duplicate key '{key}' (first written on line {first_line})",
                self.file,
                _span(node),
                format_path((*path, key) if isinstance(key, str | int) else path),
                hint="remove one of them; YAML would silently keep only the last",
            )
        )


# Longer numbers stay text (Python refuses to read over 4,300 digits): the schema then
# says the value is not a valid number, where one is expected.
_MAX_NUMBER_CHARS = 100


def _resolve_plain(value: str) -> Any:
    if len(value) > _MAX_NUMBER_CHARS:
        return value
    if value in _NULLS:
        return None
    boolean = _BOOLS.get(value)
    if boolean is not None:
        return boolean
    if _INT.match(value):
        return int(value)
    if _INT_OTHER.match(value):
        return int(value, 0)
    if _FLOAT.match(value):
        return float(value)
    special = _SPECIAL_FLOATS.get(value)
    if special is not None:
        return special
    return value
