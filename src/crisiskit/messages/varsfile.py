"""Read message variables from a YAML or JSON file (`render-message --vars-file`)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crisiskit.diagnostics.errors import PathError, UsageError
from crisiskit.util.reading import read_regular_file

if TYPE_CHECKING:
    from crisiskit.diagnostics.findings import Span
    from crisiskit.loader.sourcemap import SourceMap

# A number or boolean as written: one token, nothing YAML would treat as structure.
_SCALAR = re.compile(r"[^\s:,\[\]{}#]+")


# Variables are a few sentences each; at most 200,000 characters each are accepted anyway.
MAX_VARS_FILE_BYTES = 4 * 1024 * 1024


def read_vars_file(path: Path) -> dict[str, str | dict[str, str]]:
    """The file's mapping of variable names to values (or to values by locale), as written.

    Raises PathError when the file cannot be read and UsageError when it is not a
    mapping of names to single values.
    """
    from crisiskit.loader.compose import compose, decode

    try:
        raw = read_regular_file(path, MAX_VARS_FILE_BYTES)
    except OSError as exc:  # /dev/zero and pipes are refused before anything is read
        raise PathError(f"--vars-file: {path}: {exc.strerror or exc}") from None
    text, problem = decode(raw, str(path))
    composed = compose(text, str(path)) if text is not None else None
    # Any finding (duplicate key, unknown tag…) means the file may not say what its author
    # thinks it says; a draft to publish must not be built on a guess.
    finding = problem or (composed.findings[0] if composed and composed.findings else None)
    if finding is not None:
        where = f":{finding.line}:{finding.column}" if finding.span else ""
        raise UsageError(f"--vars-file: {path}{where}: {finding.message}")
    assert composed is not None
    data = composed.data
    if not isinstance(data, dict):
        raise UsageError(f"--vars-file: {path}: must be a mapping of variable names to values")
    lines = re.split(r"\r\n|\r|\n", text or "")
    values: dict[str, str | dict[str, str]] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            # `summary: {id: "…", en: "…"}`: a value per locale.
            values[str(key)] = {
                str(locale): _single(path, composed.source_map, lines, (key, locale), item)
                for locale, item in value.items()
            }
        else:
            values[str(key)] = _single(path, composed.source_map, lines, (key,), value)
    return values


def _single(
    path: Path, source_map: SourceMap, lines: list[str], at: tuple[Any, ...], value: Any
) -> str:
    span = source_map.value_span(at)
    where = f"{path}:{span.line}" if span else str(path)
    name = ".".join(str(part) for part in at)
    if isinstance(value, str):
        return value
    if value is None:
        raise UsageError(
            f"--vars-file: {where}: '{name}' has no value; write one, "
            "or leave the name out to be asked for it"
        )
    if isinstance(value, list | dict):
        kind = "list" if isinstance(value, list) else "mapping"
        raise UsageError(f"--vars-file: {where}: '{name}' must be a single value, not a {kind}")
    # YAML reads `1.200` as 1.2 and `+62812` as 62812: publish what was written.
    written = _written(lines, span) if span else None
    if written is None:
        raise UsageError(f"--vars-file: {where}: quote the value of '{name}'")
    return written


def _written(lines: list[str], span: Span) -> str | None:
    if span.line != span.end_line or span.line > len(lines):
        return None
    text = lines[span.line - 1][span.column - 1 : span.end_column - 1]
    return text if _SCALAR.fullmatch(text) else None
