"""Apply configuration and inline suppressions to the raw findings of a run."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from crisiskit.config.settings import Config
from crisiskit.diagnostics import checks
from crisiskit.diagnostics.findings import Finding, Span
from crisiskit.diagnostics.suppressions import Suppression
from crisiskit.util import inputs

# Findings that stop a file from being checked further, or a plan from being linted.
_BLOCKING_CODES = checks.UNREADABLE | {
    check.code
    for check in (
        checks.NOT_A_MAPPING,
        checks.UNKNOWN_KEY,
        checks.MISSING_KEY,
        checks.INVALID_VALUE,
        checks.UNSUPPORTED_VERSION,
    )
}


# The tool's own failures: a crashed check, or a file it could not read at all. Hiding
# one would turn a run that checked nothing into "All clear", so neither configuration
# nor a suppression comment can.
UNSUPPRESSIBLE = checks.UNREADABLE | {checks.INTERNAL_ERROR.code}


def _matches(finding: Finding, selectors: Iterable[str]) -> bool:
    for selector in selectors:
        if selector == "ALL" or selector == finding.name:
            return True
        if selector.startswith("CK") and finding.code.startswith(selector):
            return True
    return False


def apply_config(findings: Iterable[Finding], config: Config) -> list[Finding]:
    """Select and ignore codes, per-file ignores and severity overrides."""
    settings = config.settings
    select = [*(settings.select or ["ALL"]), *settings.extend_select]
    root = config.source.parent.resolve() if config.source is not None else None
    names: dict[str, tuple[str, ...]] = {}
    kept = []
    for finding in findings:
        if finding.code in UNSUPPRESSIBLE:
            kept.append(finding)  # never hide a crash or a file left unread
            continue
        if not _matches(finding, select) or _matches(finding, settings.ignore):
            continue
        if settings.per_file_ignores:
            if finding.file not in names:
                names[finding.file] = _names_for_patterns(finding.file, root)
            if any(
                _matches(finding, codes)
                and any(fnmatch.fnmatch(name, pattern) for name in names[finding.file])
                for pattern, codes in settings.per_file_ignores.items()
            ):
                continue
        override = settings.severity.get(finding.code) or settings.severity.get(finding.name)
        kept.append(replace(finding, severity=override) if override else finding)
    return kept


def _names_for_patterns(file: str, root: Path | None) -> tuple[str, ...]:
    """The file as shown, and relative to the configuration's directory.

    Patterns are written from where the configuration lives, but the shown path depends
    on where crisiskit runs (a subdirectory, or CI with another working directory).
    """
    if root is None:
        return (file,)
    inputs.observe(file)
    try:
        relative = Path(file).resolve().relative_to(root).as_posix()
    except (ValueError, OSError):
        return (file,)
    return (file, relative) if relative != file else (file,)


def apply_suppressions(
    findings: Sequence[Finding],
    suppressions: Mapping[str, Sequence[Suppression]],
    known_codes: set[str],
    today: date,
) -> list[Finding]:
    """Drop suppressed findings; report invalid, unused and expired suppressions."""
    problems: list[Finding] = []
    active = _active_suppressions(suppressions, known_codes, today, problems)
    kept, used = _unsuppressed(findings, active)
    # A plan that did not load was never linted, and a file that did not parse was never
    # checked: the findings a suppression targets may be missing only for that reason.
    # Telling the author to remove the comment then would be wrong; judge it next run.
    if not any(f.code in _BLOCKING_CODES for f in findings):
        for file, items in active.items():
            for item in items:
                if (file, item.line) not in used:
                    problems.append(
                        checks.UNUSED_SUPPRESSION.finding(
                            f"suppression of {', '.join(item.codes)} matches no finding",
                            file,
                            Span(item.line, item.column, item.line, item.column + 1),
                            hint=_unused_hint(item, [f for f in kept if f.file == file]),
                        )
                    )
    return kept + problems


def _active_suppressions(
    suppressions: Mapping[str, Sequence[Suppression]],
    known_codes: set[str],
    today: date,
    problems: list[Finding],
) -> dict[str, list[Suppression]]:
    """The valid, unexpired suppressions by file; the others added to ``problems``."""
    active: dict[str, list[Suppression]] = {}
    for file, items in suppressions.items():
        for item in items:
            span = Span(item.line, item.column, item.line, item.column + 1)
            invalid = _invalid_reason(item, known_codes)
            if invalid:
                problems.append(
                    checks.INVALID_SUPPRESSION.finding(
                        invalid,
                        file,
                        span,
                        hint='write # crisiskit: ignore[CK201] reason="why" until=2027-03-01',
                    )
                )
                continue
            if item.until is not None and item.until < today:
                problems.append(
                    checks.EXPIRED_SUPPRESSION.finding(
                        f"suppression of {', '.join(item.codes)} expired on {item.until}",
                        file,
                        span,
                        hint="fix the findings, or renew the suppression with a new date",
                    )
                )
                continue
            active.setdefault(file, []).append(item)
    return active


def _unsuppressed(
    findings: Sequence[Finding], active: Mapping[str, Sequence[Suppression]]
) -> tuple[list[Finding], set[tuple[str, int]]]:
    """The findings no suppression matches, and the (file, line) of each one used."""
    # By file, target line (None: the whole file) and code, so a finding meets only the
    # suppressions that can match it: 40,000 of them no longer meet every finding.
    aimed: dict[tuple[str, int | None, str], list[Suppression]] = {}
    for file, items in active.items():
        for item in items:
            for code in item.codes:
                aimed.setdefault((file, item.target_line, code), []).append(item)
    kept = []
    used: set[tuple[str, int]] = set()
    for finding in findings:
        suppressed = False
        # A code matches as a prefix of the finding's code, or as the rule's name.
        selectors = [finding.code[:n] for n in range(1, len(finding.code) + 1)]
        for target in (None, finding.line) if finding.code not in UNSUPPRESSIBLE else ():
            for selector in (*selectors, finding.name):
                for item in aimed.get((finding.file, target, selector), ()):
                    used.add((finding.file, item.line))
                    suppressed = True
        if not suppressed:
            kept.append(finding)
    return kept, used


_UNSUPPRESSIBLE_NAMES = frozenset(
    check.name for check in checks.LOADER_CHECKS if check.code in UNSUPPRESSIBLE
)


def _invalid_reason(item: Suppression, known_codes: set[str]) -> str | None:
    if not item.codes:
        return "the suppression names no code"
    unknown = [c for c in item.codes if c not in known_codes]
    if unknown:
        return f"unknown code {', '.join(unknown)} in suppression"
    fixed = [c for c in item.codes if c in UNSUPPRESSIBLE or c in _UNSUPPRESSIBLE_NAMES]
    if fixed:
        return f"{', '.join(fixed)} cannot be suppressed: it means the file was not checked"
    if item.reason is None:
        return 'the suppression has no reason; add reason="…"'
    if item.until_text is not None and item.until is None:
        return f"'{item.until_text}' is not a date; write until=YYYY-MM-DD"
    return None


def _unused_hint(item: Suppression, findings: Sequence[Finding]) -> str:
    """Where the comment must go: the line its finding is reported at, if there is one."""
    for finding in findings:
        if any(finding.code.startswith(code) or code == finding.name for code in item.codes):
            where = finding.path or "the file"
            return (
                f"{finding.code} is reported at line {finding.line} ({where}); "
                "a suppression covers its own line, or the next line when alone on a line: "
                f"move it there, or use ignore-file[{finding.code}]"
            )
    return (
        "a suppression covers its own line, or the next line when alone on a line; "
        "remove the comment if the finding is gone"
    )
