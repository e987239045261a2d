"""Counts written the way people write them: `1 file`, `2 files`, `1 info`, `3 infos`."""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` and ``word``, in the plural unless the count is one."""
    return f"{count} {word if count == 1 else many or word + 's'}"
