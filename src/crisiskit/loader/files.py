"""Reading and composing YAML files once per run."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from crisiskit.diagnostics.suppressions import Suppression, parse_suppressions
from crisiskit.loader.compose import MAX_FILE_BYTES, Composed, compose, decode, too_large
from crisiskit.loader.repository import display_path
from crisiskit.loader.sourcemap import SourceMap
from crisiskit.loader.tree import WORKING_TREE, Tree
from crisiskit.util.reading import FileTooLarge


@dataclass(slots=True)
class SourceFile:
    path: Path
    display: str
    composed: Composed
    suppressions: list[Suppression] = field(default_factory=list)

    @property
    def is_plan(self) -> bool:
        """A plan has the top-level `crisiskit:` version key; a fragment has not."""
        data = self.composed.data
        return isinstance(data, dict) and "crisiskit" in data


class FileCache:
    """Composes each file once, so a fragment shared by 300 plans is parsed once."""

    def __init__(self, tree: Tree = WORKING_TREE) -> None:
        self.tree = tree
        self._files: dict[Path, SourceFile] = {}
        # Suppression comments of files read for this run by other processes (workers).
        self._elsewhere: dict[str, list[Suppression]] = {}

    def get(self, path: Path) -> SourceFile:
        """Read and compose ``path``; raises OSError when it cannot be read."""
        key = self.tree.resolve(path)
        cached = self._files.get(key)
        if cached is not None:
            return cached
        display = display_path(path)
        try:
            text, problem = decode(self.tree.read_bytes(key, MAX_FILE_BYTES), display)
        except FileTooLarge:  # refused before reading: a 2 GB file is never held
            text, problem = None, too_large(display, None)
        suppressions: list[Suppression] = []
        if text is None:
            assert problem is not None
            composed = Composed(None, SourceMap(display), [problem])
        else:
            composed = compose(text, display)
            suppressions = parse_suppressions(text)
        source = SourceFile(key, display, composed, suppressions)
        self._files[key] = source
        return source

    def composed(self, path: Path) -> SourceFile | None:
        """``path`` if this run has read it already, else None (nothing is read)."""
        return self._files.get(self.tree.resolve(path))

    def sources(self) -> list[SourceFile]:
        return list(self._files.values())

    def read_elsewhere(self, suppressions: dict[str, list[Suppression]]) -> None:
        """Files of this run read by another process: their suppression comments."""
        self._elsewhere.update(suppressions)

    def suppressions(self) -> dict[str, list[Suppression]]:
        """The suppression comments of every file the run read, by displayed path."""
        found = dict(self._elsewhere)
        found.update((s.display, s.suppressions) for s in self._files.values() if s.suppressions)
        return found
