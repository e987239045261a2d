"""The findings cache: a validate run's report, reused while nothing it read has changed.

As ruff and mypy keep one. An entry is found by the *invocation key*: the crisiskit
code (version and the size and time of each of its files), the installed distributions
and Python, the working directory, the paths, ``--config`` and the evaluation date.
It holds the report and the run's :class:`~crisiskit.util.inputs.Inputs`: the digest of
every file read (plans, fragments, templates, configuration), what each path looked up
was (missing, file, directory, symlink and its target, for every component) and the
names in every directory listed. A lookup re-checks every one of those facts; any
difference, and any damage to the entry, is a miss, never a wrong answer.

``--strict`` and the output formats only change how a report is shown, so they are not
part of the key. Entries live in ``.crisiskit_cache/`` at the repository root (found as
the loader finds it, from the working directory); the directory ignores itself for git.
Writes are atomic (a temporary file renamed over the entry), so concurrent runs see
either the old entry or the new one.

This module imports only the standard library and the report types: a hit loads no plan
model, loader or rule.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from crisiskit import __version__
from crisiskit.diagnostics.findings import Finding, Level, Span
from crisiskit.util.inputs import CACHE_DIR_NAME, Inputs
from crisiskit.validation.report import ValidationReport

# Bump when the entry layout or the meaning of a key part changes.
_FORMAT = 2
_ROOT_MARKERS = (".git", "crisiskit.toml", "pyproject.toml")
_GITIGNORE = "# Created by crisiskit: the findings cache.\n*\n"
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by crisiskit.\n"
)


@dataclass(frozen=True, slots=True)
class Invocation:
    """What a validate run was asked, as far as its findings depend on it."""

    paths: tuple[str, ...]
    config: str | None
    today: date

    def key(self) -> str:
        material = {
            "format": _FORMAT,
            "crisiskit": __version__,
            "code": _code_stamp(),
            "environment": _environment_stamp(),
            "cwd": os.getcwd(),
            "paths": list(self.paths),
            "config": self.config,
            "today": self.today.isoformat(),
        }
        return _digest(material)


def cache_dir(start: Path | None = None) -> Path:
    """``.crisiskit_cache`` in the nearest directory with .git, crisiskit.toml or pyproject."""
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        if any(os.path.lexists(directory / marker) for marker in _ROOT_MARKERS):
            return directory / CACHE_DIR_NAME
    return here / CACHE_DIR_NAME


def lookup(invocation: Invocation, with_sarif_rules: bool = False) -> CachedReport | None:
    """The cached report for ``invocation`` if every input is unchanged, else None."""
    try:
        key = invocation.key()
        directory = cache_dir()
        entry = _read_checked(directory / "validate" / f"{key}.json")
        if entry is None or entry.get("key") != key:
            return None
        inputs = Inputs.from_json(entry.get("inputs"))
        report = _report_from_json(entry.get("report"))
        if inputs is None or report is None or not inputs.unchanged():
            return None
        rules = None
        if with_sarif_rules:
            stored = _read_checked(directory / "rules" / f"{_code_key()}.json")
            rules = stored.get("sarif") if stored is not None else None
            if not isinstance(rules, list):
                return None
        return CachedReport(report, rules)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None  # a damaged or unreadable entry is a miss


@dataclass(frozen=True, slots=True)
class CachedReport:
    report: ValidationReport
    sarif_rules: list[dict[str, Any]] | None


def store(
    invocation: Invocation,
    inputs: Inputs,
    report: ValidationReport,
    sarif_rules: Callable[[], list[dict[str, Any]]],
) -> None:
    """Keep ``report`` for ``invocation``; a cache that cannot be written is skipped.

    ``sarif_rules`` (the rules' SARIF metadata) is kept once per crisiskit build, so a
    hit can write SARIF without loading the rules.
    """
    try:
        key = invocation.key()
        directory = cache_dir()
        _prepare(directory)
        entry = {"key": key, "inputs": inputs.as_json(), "report": _report_to_json(report)}
        _write_checked(directory / "validate" / f"{key}.json", entry)
        rules_file = directory / "rules" / f"{_code_key()}.json"
        if not rules_file.exists():
            _write_checked(rules_file, {"sarif": sarif_rules()})
    except OSError:
        pass


def _prepare(directory: Path) -> None:
    for sub in ("validate", "rules", "code"):
        (directory / sub).mkdir(parents=True, exist_ok=True)
    for name, text in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
        if not (directory / name).exists():
            _write_atomic(directory / name, text.encode("utf-8"))


def _write_checked(path: Path, content: dict[str, Any]) -> None:
    body = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
    checksum = hashlib.sha256(body.encode("utf-8")).hexdigest()
    _write_atomic(path, f"{checksum}\n{body}".encode())


def _read_checked(path: Path) -> dict[str, Any] | None:
    """The entry at ``path`` if it is whole (its checksum matches), else None."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    checksum, _, body = raw.partition(b"\n")
    if hashlib.sha256(body).hexdigest().encode("ascii") != checksum:
        return None
    data = json.loads(body.decode("utf-8"))
    return data if isinstance(data, dict) else None


def _write_atomic(path: Path, data: bytes) -> None:
    # A unique temporary name per writer, then a rename: readers never see half a file.
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _report_to_json(report: ValidationReport) -> dict[str, Any]:
    return {
        "files": report.files,
        "suppressed": report.suppressed,
        "findings": [
            [
                f.code,
                f.name,
                f.severity.value,
                f.message,
                f.file,
                [f.span.line, f.span.column, f.span.end_line, f.span.end_column]
                if f.span
                else None,
                f.path,
                f.hint,
            ]
            for f in report.findings
        ],
    }


def _report_from_json(data: object) -> ValidationReport | None:
    if not isinstance(data, dict):
        return None
    files, raw, suppressed = data.get("files"), data.get("findings"), data.get("suppressed")
    if not isinstance(suppressed, int) or isinstance(suppressed, bool) or suppressed < 0:
        return None
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return None
    if not isinstance(raw, list):
        return None
    findings = []
    for code, name, level, message, file, span, path, hint in raw:
        if not all(isinstance(v, str) for v in (code, name, message, file, path)):
            return None
        if hint is not None and not isinstance(hint, str):
            return None
        located = None
        if span is not None:
            if len(span) != 4 or not all(isinstance(n, int) for n in span):
                return None
            located = Span(*span)
        findings.append(Finding(code, name, Level(level), message, file, located, path, hint))
    return ValidationReport(files=list(files), findings=findings, suppressed=suppressed)


def _digest(material: object) -> str:
    text = json.dumps(material, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


_stamps: dict[str, str] = {}


def _code_stamp() -> str:
    """crisiskit's own files, by content: a version number is not enough (an editable
    install changes without one).

    Hashing every file on each run would cost more than the rest of a hit, so the content
    digest is remembered in the cache under the files' names, sizes and modification
    times; a fresh install (new times, as in CI) hashes them once.
    """
    if "code" in _stamps:
        return _stamps["code"]
    package = Path(__file__).resolve().parents[1]
    files = []
    for directory, subdirectories, names in os.walk(package):
        subdirectories[:] = sorted(d for d in subdirectories if d != "__pycache__")
        files += [os.path.join(directory, name) for name in sorted(names)]
    listed = []
    for file in files:
        info = os.stat(file)
        listed.append((os.path.relpath(file, package), info.st_size, info.st_mtime_ns))
    memo = cache_dir() / "code" / f"{_digest([__version__, listed])}.json"
    remembered = _read_checked(memo) if memo.exists() else None
    stamp = remembered.get("stamp") if remembered is not None else None
    if not isinstance(stamp, str):
        contents = []
        for file, (relative, _, _) in zip(files, listed, strict=True):
            with open(file, "rb") as handle:
                contents.append((relative, hashlib.file_digest(handle, "sha256").hexdigest()))
        stamp = _digest([__version__, contents])
        with contextlib.suppress(OSError):
            memo.parent.mkdir(parents=True, exist_ok=True)
            _write_checked(memo, {"stamp": stamp})
    _stamps["code"] = stamp
    return stamp


def _code_key() -> str:
    return _code_stamp()[:32]


def _zone_directories() -> list[str]:
    """Where zoneinfo looks for zone files (PYTHONTZPATH, else the usual places).

    Not ``zoneinfo.TZPATH``: importing zoneinfo reads sysconfig, a tenth of a cached run.
    """
    configured = os.environ.get("PYTHONTZPATH")
    if configured is not None:
        return [path for path in configured.split(os.pathsep) if os.path.isabs(path)]
    return ["/usr/share/zoneinfo", "/usr/lib/zoneinfo", "/usr/share/lib/zoneinfo", "/etc/zoneinfo"]


def _environment_stamp() -> str:
    """Python, every installed distribution (name and version) and the timezone data.

    Results depend on pydantic, ruamel.yaml, Jinja, Babel, phonenumbers, e-mail checks,
    twitter-text and the zone rules: any install, upgrade or tzdata update is a miss.
    """
    if "environment" not in _stamps:
        distributions = []
        # Not sys.path[0]: the script's directory or the working directory, which differs
        # between `crisiskit`, `python -m crisiskit` and `python -c` without changing
        # which libraries are installed.
        for entry in sys.path if sys.flags.safe_path else sys.path[1:]:
            try:
                names = os.listdir(entry or ".")
            except OSError:
                continue
            distributions += [
                (entry, name)
                for name in sorted(names)
                if name.endswith((".dist-info", ".egg-info", ".egg-link", ".pth"))
            ]
        zones = []
        for directory in _zone_directories():
            for name in ("tzdata.zi", "+VERSION", "."):
                try:
                    info = os.stat(os.path.join(directory, name))
                except OSError:
                    continue
                zones.append((directory, name, info.st_size, info.st_mtime_ns))
        _stamps["environment"] = _digest(
            # The interpreter as a file (`python` and `python3` are one) and its environment.
            [
                sys.version,
                os.path.realpath(sys.executable),
                sys.prefix,
                sys.flags.utf8_mode,
                distributions,
                zones,
            ]
        )
    return _stamps["environment"]
