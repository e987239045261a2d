"""Machine-readable JSON output."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from crisiskit import __version__
from crisiskit.diagnostics.findings import Finding, Level

SCHEMA_VERSION = 1


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    span = finding.span
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.value,
        "message": finding.message,
        "file": finding.file,
        "line": span.line if span else None,
        "column": span.column if span else None,
        "end_line": span.end_line if span else None,
        "end_column": span.end_column if span else None,
        "path": finding.path,
        "hint": finding.hint,
    }


def render_json(findings: Sequence[Finding], files: Sequence[str]) -> str:
    document = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "crisiskit", "version": __version__},
        "summary": {
            "errors": sum(1 for f in findings if f.severity is Level.ERROR),
            "warnings": sum(1 for f in findings if f.severity is Level.WARNING),
            "infos": sum(1 for f in findings if f.severity is Level.INFO),
            "files_checked": len(files),
        },
        "files": list(files),
        "findings": [finding_to_dict(f) for f in findings],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)
