"""A shared fragment checked alone: what it holds by itself, and the plans that include it.

`crisiskit validate plans/agency/agency-team.yaml` cannot check the fragment's references,
coverage or rules without a plan: those depend on the plan that includes it. Alone it is
checked for YAML, its sections, each item's schema and duplicate ids; then every plan of
the repository that includes it, directly or through other fragments, is found here so
that validate can check them too.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from pydantic import BaseModel, Field, ValidationError, create_model

from crisiskit.diagnostics import checks
from crisiskit.diagnostics.findings import Finding, Span, format_path
from crisiskit.loader.discovery import YAML_SUFFIXES
from crisiskit.loader.files import FileCache, SourceFile
from crisiskit.loader.references import KINDS, walk
from crisiskit.loader.repository import marked_root
from crisiskit.loader.sourcemap import DataPath
from crisiskit.loader.translate import translate_errors
from crisiskit.loader.tree import Tree
from crisiskit.model.plan import FRAGMENT_SECTIONS, Plan
from crisiskit.model.types import PlanModel


def plans_including(fragment: Path, files: FileCache) -> list[Path]:
    """Plan files of the fragment's repository that name it in an include, directly or
    through fragments that do: the candidates validate loads and confirms.

    Files are read as text first: an include names its file by a path relative to the
    including file, so each path-like word ending in a wanted file's name is followed that
    way, and only a file that names one is parsed, to tell a plan from a fragment (the
    loader's own test). A file naming one that does not parse is a candidate too: its
    errors are that plan's findings. A 300-client agency costs one read of each file.
    """
    target = files.tree.resolve(fragment)
    scan = _Scan.of(target, files)
    wanted, plans = {target}, set()
    grew = True
    while grew:  # fragments including fragments: widen until nothing is added
        grew = False
        names = scan.names_of(wanted)
        for path in scan.files:
            if path in wanted or path in plans or not scan.points_to(path, files, names):
                continue
            kind = _kind(path, files)
            if kind == "plan":
                plans.add(path)
            elif kind == "fragment":
                wanted.add(path)
                grew = True
    return sorted(plans)


def plans_recording(record: Path, files: FileCache) -> list[Path]:
    """Plan files whose `drills.records` may name the directory holding ``record``."""
    target = files.tree.resolve(record)
    scan = _Scan.of(target, files)
    names = scan.names_of({target.parent})
    return sorted(
        path
        for path in scan.files
        if scan.points_to(path, files, names, directory=True) and _kind(path, files) == "plan"
    )


# Outside any repository, the fragment's own directory tree is searched, this far.
_MAX_UNMARKED_FILES = 2000


@dataclass(frozen=True)
class _Scan:
    """The YAML files of the search root, and the symlinks among them (link -> target)."""

    files: list[Path]
    links: dict[Path, Path]
    # The names each file held when first read, of those sought then: the look for a
    # record's plans and the look for includers ask for different names of the same file,
    # and a file holding none of the second look's names is not read again.
    sought: set[bytes] = field(default_factory=set)
    held: dict[Path, tuple[frozenset[bytes], frozenset[bytes]]] = field(default_factory=dict)

    @staticmethod
    def of(target: Path, files: FileCache) -> _Scan:
        """The scan of the root searched for ``target``: walked once per run (the look for
        includers and the look for a record's plans share it, as do fragments named
        together)."""
        tree = files.tree
        marked = marked_root(target.parent, tree)
        root = tree.resolve(marked) if marked is not None else target.parent
        most = None if marked is not None else _MAX_UNMARKED_FILES
        scans = _SCANS.setdefault(files, {})
        scan = scans.get((root, most))
        if scan is None:
            scan = scans[root, most] = _Scan([], {})
            scan._walk(root, root, tree, most)
        scan.sought.update(scan.names_of({target}), scan.names_of({target.parent}))
        return scan

    def _walk(self, directory: Path, root: Path, tree: Tree, most: int | None) -> None:
        # ``directory`` is a real path (the root resolved, symlinks never entered), so an
        # entry that is not a symlink is its own real path: only symlinks are resolved,
        # and a name is looked at before anything is asked about its file.
        kinds = tree.kinds(directory)
        for name in sorted(kinds):
            if name.startswith(".") or (most is not None and len(self.files) >= most):
                continue
            path, kind = directory / name, kinds[name]
            if kind == "dir":
                # Another repository inside this one (its own .git) is not this
                # repository's plans.
                if not tree.exists(path / ".git"):
                    self._walk(path, root, tree, most)
            elif path.suffix not in YAML_SUFFIXES:
                continue
            elif kind == "file":
                self.files.append(path)
            elif kind == "link":
                self._link(path, root, tree)

    def _link(self, path: Path, root: Path, tree: Tree) -> None:
        """A symlinked YAML file inside the root is followed by the names it stands for;
        symlinked directories are not followed (no loops)."""
        try:
            real = tree.resolve(path)
        except (OSError, RuntimeError):
            return  # a symlink loop
        if tree.is_file(path) and real.is_relative_to(root):
            self.links[path] = real

    def points_to(
        self, path: Path, files: FileCache, names: dict[bytes, set[str]], directory: bool = False
    ) -> bool:
        """Whether ``path`` holds, outside comments, a relative path that leads to one of
        ``names``' paths. Each distinct word is followed once, lexically: a 32 MB file that
        repeats a name costs one pass of regular expressions, not a lookup per repetition."""
        known = self.held.get(path)
        if known is not None and names.keys() <= known[0] and known[1].isdisjoint(names):
            return False  # read before, and none of these names was in it
        text = _text(path, files)
        if text is None:
            return False
        if known is None:
            sought = frozenset(self.sought)
            known = self.held[path] = (sought, frozenset(n for n in sought if n in text))
        ending = rb"/?" if directory else b""
        for name, targets in names.items():
            if name not in known[1] if name in known[0] else name not in text:
                continue
            for word in _words(text, name, ending):
                written = word.decode("utf-8", errors="replace")
                if os.path.normpath(path.parent / written) in targets:
                    return True
        return False

    def names_of(self, wanted: set[Path]) -> dict[bytes, set[str]]:
        """Each file name to look for, with the paths (``wanted`` or a symlink to one of
        them) that a word ending in it must lead to."""
        paths = set(wanted) | {link for link, real in self.links.items() if real in wanted}
        names: dict[bytes, set[str]] = {}
        for path in paths:
            names.setdefault(path.name.encode("utf-8"), set()).add(str(path))
        return names


# The scans of each run's FileCache, by search root (a run asks once per named file).
_SCANS: WeakKeyDictionary[FileCache, dict[tuple[Path, int | None], _Scan]] = WeakKeyDictionary()


def _kind(path: Path, files: FileCache) -> str | None:
    """ "plan", "fragment", "broken" (a candidate still) or None, as the loader reads it.

    A file not composed yet whose text has a top-level `crisiskit:` line is taken for a
    plan without composing it here: the run loads it anyway (in a worker, for many), and
    one that turns out not to be a plan is composed then and searched through
    (validation/fragments.py).
    """
    source = files.composed(path)
    if source is None:
        text = _text(path, files)
        if text is not None and _PLAN_LINE.search(text):
            return "plan"
        try:
            source = files.get(path)
        except OSError:
            return None
    if not source.composed.ok:
        return "plan"  # its YAML errors are the findings of the plan it may be
    if source.is_plan:
        return "plan"
    return "fragment" if isinstance(source.composed.data, dict) else None


# A plan's version key, as written at the top level (a byte-order mark before it).
_PLAN_LINE = re.compile(rb"(?m)^(?:\xef\xbb\xbf)?crisiskit[ \t]*:")


def _words(text: bytes, name: bytes, ending: bytes) -> set[bytes]:
    """The distinct path-like words outside comments that end in ``name`` (then ``ending``).

    Only the lines holding the name are searched: a word never spans lines, a comment
    ends with its line, and most files name it on a line or two (a 10 MB plan of another
    client, a file of the same name in another directory), so the rest of the file is not
    stripped of comments and searched. A name on very many lines is searched in one pass.
    """
    lines = None if b"\n" in name else _lines_holding(text, name)
    return _words_in(text if lines is None else lines, name, ending)


# Past this many lines naming a file, one pass over the whole text is the faster way.
_MOST_LINES = 1000


def _lines_holding(text: bytes, name: bytes) -> bytes | None:
    """The distinct lines of ``text`` holding ``name``, joined by line feeds (None past
    ``_MOST_LINES`` of them)."""
    lines: set[bytes] = set()
    start = text.find(name)
    for _ in range(_MOST_LINES):
        if start < 0:
            return b"\n".join(lines)
        begin = text.rfind(b"\n", 0, start) + 1
        end = text.find(b"\n", start)
        end = len(text) if end < 0 else end
        lines.add(text[begin:end])
        start = text.find(name, end)
    return None if start >= 0 else b"\n".join(lines)


def _words_in(text: bytes, name: bytes, ending: bytes) -> set[bytes]:
    """The words of ``_words``, searched in all of ``text`` (the reference)."""
    text = _COMMENT.sub(b"", text)
    found = re.finditer(_WORD + re.escape(name) + ending + _END, text)
    return {m[0].rstrip(b"/") for m in found}


# What ends a path written in YAML by hand, quoted or not; a word starts after one.
_SEPARATORS = rb" \t\r\n'\"\[\],{}#"
_WORD = rb"(?<![^" + _SEPARATORS + rb"])[^" + _SEPARATORS + rb"]*"
_END = rb"(?![^" + _SEPARATORS + rb"])"
_COMMENT = re.compile(rb"(?m)(?:^|(?<=[ \t]))#.*$")


def _text(path: Path, files: FileCache) -> bytes | None:
    """The file's bytes for a cheap look at the paths it names; None if unreadable."""
    from crisiskit.loader.compose import MAX_FILE_BYTES

    try:
        return files.tree.read_bytes(path, MAX_FILE_BYTES)
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
