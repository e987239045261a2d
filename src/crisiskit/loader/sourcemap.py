"""Where each value of a YAML document was written."""

from __future__ import annotations

from dataclasses import dataclass, field

from crisiskit.findings import Span

DataPath = tuple[str | int, ...]


@dataclass(slots=True)
class SourceMap:
    """Spans of values and of mapping keys, by data path, for one file."""

    file: str
    values: dict[DataPath, Span] = field(default_factory=dict)
    keys: dict[DataPath, Span] = field(default_factory=dict)

    def value_span(self, path: DataPath) -> Span | None:
        """The span of the value at ``path``, or of its nearest written ancestor."""
        while True:
            span = self.values.get(path)
            if span is not None or not path:
                return span
            path = path[:-1]

    def key_span(self, path: DataPath) -> Span | None:
        """The span of the key that introduces ``path``, falling back to its value."""
        span = self.keys.get(path)
        return span if span is not None else self.value_span(path)
