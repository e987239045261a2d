"""SARIF 2.1.0, with rule metadata, regions and fingerprints that survive line shifts."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from crisiskit import __version__
from crisiskit.diagnostics.findings import Finding, Level

if TYPE_CHECKING:  # a cached report carries the rules' metadata: no rules load for it
    from crisiskit.diagnostics.metadata import RuleInfo

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/crisiskit/crisiskit"
_LEVEL = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "note"}


def _help_markdown(entry: RuleInfo) -> str:
    parts = [f"**{entry.summary}**", entry.explanation]
    if entry.failing:
        parts += ["Failing example:", f"```yaml\n{entry.failing.rstrip()}\n```"]
    if entry.passing:
        parts += ["Passing example:", f"```yaml\n{entry.passing.rstrip()}\n```"]
    return "\n\n".join(p for p in parts if p)


def _rule(entry: RuleInfo) -> dict[str, Any]:
    return {
        "id": entry.code,
        "name": entry.name,
        "shortDescription": {"text": entry.summary},
        "fullDescription": {"text": entry.explanation or entry.summary},
        "help": {"text": entry.explanation or entry.summary, "markdown": _help_markdown(entry)},
        "defaultConfiguration": {"level": _LEVEL[entry.severity]},
        "properties": {"tags": [entry.stage]},
    }


def fingerprint(finding: Finding) -> str:
    """Rule, file and data path: stable when lines are added above the finding."""
    key = f"{finding.code}\0{PurePath(finding.file).as_posix()}\0{finding.path}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def fingerprints(findings: Sequence[Finding]) -> list[str]:
    """Each finding's fingerprint with its occurrence: ``<hash>:1``, ``<hash>:2``…

    One rule can fire twice at one path (a message missing two locales). Code scanning
    merges results with equal fingerprints, so the occurrence, counted in message order,
    keeps them apart the way GitHub's own line hashes do.
    """
    order = sorted(
        range(len(findings)), key=lambda i: (fingerprint(findings[i]), findings[i].message)
    )
    seen: Counter[str] = Counter()
    result = [""] * len(findings)
    for i in order:
        base = fingerprint(findings[i])
        seen[base] += 1
        result[i] = f"{base}:{seen[base]}"
    return result


def artifact_location(file: str) -> dict[str, str]:
    """A URI for the file: percent-encoded, relative to the checkout when it can be."""
    path = PurePath(file)
    if path.is_absolute():
        return {"uri": "file://" + quote(path.as_posix(), safe="/")}
    return {"uri": quote(path.as_posix(), safe="/"), "uriBaseId": "%SRCROOT%"}


def _result(finding: Finding, index: int, partial_fingerprint: str) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": artifact_location(finding.file)}
    }
    if finding.span is not None:
        span = finding.span
        location["physicalLocation"]["region"] = {
            "startLine": span.line,
            "startColumn": span.column,
            "endLine": span.end_line,
            "endColumn": max(span.end_column, span.column + 1)
            if span.end_line == span.line
            else span.end_column,
        }
    if finding.path:
        location["logicalLocations"] = [{"fullyQualifiedName": finding.path, "kind": "member"}]
    text = finding.message + (f" (hint: {finding.hint})" if finding.hint else "")
    return {
        "ruleId": finding.code,
        "ruleIndex": index,
        "level": _LEVEL[finding.severity],
        "message": {"text": text},
        "locations": [location],
        "partialFingerprints": {"crisiskitPath/v1": partial_fingerprint},
    }


def sarif_rules() -> list[dict[str, Any]]:
    """The metadata of every check and rule, as SARIF's ``tool.driver.rules``."""
    from crisiskit.lint.catalog import catalog

    return [_rule(entry) for entry in catalog()]


def render_sarif(findings: Sequence[Finding], rules: list[dict[str, Any]] | None = None) -> str:
    """SARIF 2.1.0; ``rules`` as :func:`sarif_rules` returns them (computed if None)."""
    rules = sarif_rules() if rules is None else rules
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "crisiskit",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": {"%SRCROOT%": {"uri": "./"}},
                "results": [
                    _result(f, index[f.code], fp)
                    for f, fp in zip(findings, fingerprints(findings), strict=True)
                ],
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)
