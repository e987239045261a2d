"""Where each value of a YAML document was written."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from crisiskit.diagnostics.findings import Span

DataPath = tuple[str | int, ...]

# Spans are stored packed into one int per node (0-based marks, 32 bits each): a large
# plan has hundreds of thousands of nodes, and a Span object each cost time and memory.
_BITS = 32
_MASK = (1 << _BITS) - 1


def pack_span(start: Any, end: Any) -> int:
    """Pack two YAML marks (with 0-based ``line`` and ``column``) into one int."""
    packed: int = (((start.line << _BITS | start.column) << _BITS | end.line) << _BITS) | end.column
    return packed


def unpack_span(packed: int) -> Span:
    return Span(
        (packed >> 3 * _BITS) + 1,
        (packed >> 2 * _BITS & _MASK) + 1,
        (packed >> _BITS & _MASK) + 1,
        (packed & _MASK) + 1,
    )


@dataclass(slots=True)
class SourceMap:
    """Spans of values and of mapping keys, by data path, for one file."""

    file: str
    values: dict[DataPath, int] = field(default_factory=dict)
    keys: dict[DataPath, int] = field(default_factory=dict)

    def value_span(self, path: DataPath) -> Span | None:
        """The span of the value at ``path``, or of its nearest written ancestor."""
        while True:
            packed = self.values.get(path)
            if packed is not None:
                return unpack_span(packed)
            if not path:
                return None
            path = path[:-1]

    def key_span(self, path: DataPath) -> Span | None:
        """The span of the key that introduces ``path``, falling back to its value."""
        packed = self.keys.get(path)
        return unpack_span(packed) if packed is not None else self.value_span(path)
