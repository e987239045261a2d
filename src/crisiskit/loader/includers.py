"""A shared fragment checked alone: what it holds by itself, and the plans that include it.

`crisiskit validate plans/agency/agency-team.yaml` cannot check the fragment's references,
coverage or rules without a plan: those depend on the plan that includes it. Alone it is
checked for YAML, its sections, each item's schema and duplicate ids; then every plan of
the repository that includes it, directly or through other fragments, is found here so
that validate can check them too.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError, create_model

from crisiskit.diagnostics import checks
from crisiskit.diagnostics.errors import PathError
from crisiskit.diagnostics.findings import Finding, Span, format_path
from crisiskit.loader.discovery import discover
from crisiskit.loader.files import FileCache, SourceFile
from crisiskit.loader.references import KINDS, walk
from crisiskit.loader.repository import find_root, marked_root
from crisiskit.loader.sourcemap import DataPath
from crisiskit.loader.translate import translate_errors
from crisiskit.loader.tree import Tree
from crisiskit.model.plan import FRAGMENT_SECTIONS, Plan
from crisiskit.model.types import PlanModel


def plans_including(fragment: Path, files: FileCache) -> list[Path]:
    """Plan files of the fragment's repository that name it in an include, directly or
    through fragments that do: the candidates validate loads and confirms.

    Files are read as text, never parsed: an include names its file by a path relative
    to the including file, and each path-like word ending in a wanted file's name is
    resolved that way. A 300-client agency costs one read of each file.
    """
    tree = files.tree
    target = tree.resolve(fragment)
    try:
        everything = [path for path, _ in discover([_search_root(target, tree)])]
    except PathError:
        return []
    texts = {tree.resolve(path): _text(path, files) for path in everything}
    wanted, plans = {target}, set()
    grew = True
    while grew:  # fragments including fragments: widen until nothing is added
        grew = False
        for path, text in texts.items():
            if text is None or path in wanted or path in plans or not _names(path, text, wanted):
                continue
            if _PLAN_MARKER.search(text):
                plans.add(path)
            else:
                wanted.add(path)
                grew = True
    return sorted(plans)


def _search_root(target: Path, tree: Tree) -> Path:
    """The repository; outside any, where includes may reach, but never a whole disk or
    home directory walked because crisiskit was run from there."""
    root = find_root(target.parent, tree)
    if marked_root(target.parent, tree) is None and root in (Path(root.anchor), Path.home()):
        return target.parent
    return root


def _names(path: Path, text: bytes, wanted: set[Path]) -> bool:
    """Whether ``text`` holds a relative path that leads from ``path`` to a wanted file."""
    for name in {w.name.encode("utf-8") for w in wanted}:
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            start = at
            while start > 0 and text[start - 1] not in _NOT_IN_PATH:
                start -= 1
            if end == len(text) or text[end] in _NOT_IN_PATH:
                written = text[start:end].decode("utf-8", errors="replace")
                try:
                    if (path.parent / written).resolve() in wanted:
                        return True
                except (OSError, RuntimeError, ValueError):
                    pass
            at = text.find(name, end)
    return False


# What ends a path written in YAML by hand, quoted or not.
_NOT_IN_PATH = frozenset(b" \t\r\n'\"[],{}#")
_PLAN_MARKER = re.compile(rb"^crisiskit\s*:", re.MULTILINE)


def _text(path: Path, files: FileCache) -> bytes | None:
    """The file's bytes for a cheap look at the paths it names; None if unreadable."""
    from crisiskit.loader.compose import MAX_FILE_BYTES

    try:
        return files.tree.read_bytes(files.tree.resolve(path), MAX_FILE_BYTES)
    except OSError:
        return None


@cache
def _fragment_model() -> type[BaseModel]:
    """The plan's includable sections, each a list of the plan's own item models."""
    fields: dict[str, Any] = {
        name: (Plan.model_fields[name].annotation, Field(default_factory=list))
        for name in sorted(FRAGMENT_SECTIONS)
    }
    model: type[BaseModel] = create_model("Fragment", __base__=PlanModel, **fields)
    return model


def check_alone(source: SourceFile) -> list[Finding]:
    """Findings of a fragment by itself: each item's schema and ids defined twice.

    National phone numbers are left to the plans (their `default_region` reads them), and
    so are references, which may point into the including plan.
    """
    data = source.composed.data
    assert isinstance(data, dict)
    sections = {k: v for k, v in data.items() if k in FRAGMENT_SECTIONS and isinstance(v, list)}
    locator = _Locator(source)
    findings: list[Finding] = []
    try:
        _fragment_model().model_validate(sections, context={"region_unknown": True})
    except ValidationError as error:
        findings += translate_errors(error, _fragment_model(), sections, locator.locate)
    for section, (kind, pattern) in KINDS.items():
        if section in sections:
            findings += _twice(locator, kind, walk(sections, pattern))
    return findings


def _twice(locator: _Locator, kind: str, ids: Any) -> list[Finding]:
    first: dict[str, DataPath] = {}
    found = []
    for path, item_id in ids:
        if not isinstance(item_id, str):
            continue
        if item_id not in first:
            first[item_id] = path
            continue
        _, span, _ = locator.locate(first[item_id])
        where = f"{locator.source.display}:{span.line}" if span else locator.source.display
        found.append(
            locator.finding(
                checks.DUPLICATE_ID,
                f"{kind} id '{item_id}' is defined twice (first at {where})",
                path,
                hint="ids must be unique across the plan and its included fragments",
            )
        )
    return found


class _Locator:
    def __init__(self, source: SourceFile) -> None:
        self.source = source

    def locate(self, path: DataPath, key: bool = False) -> tuple[str, Span | None, str]:
        source_map = self.source.composed.source_map
        span = source_map.key_span(path) if key else source_map.value_span(path)
        return self.source.display, span, format_path(path)

    def finding(
        self, check: checks.Check, message: str, path: DataPath, hint: str | None = None
    ) -> Finding:
        file, span, shown = self.locate(path)
        return check.finding(message, file, span, shown, hint)
