"""One validate run's report, from the findings cache when every input is unchanged.

Shared by the `validate` command and the console script (``crisiskit.entry``), which
runs the plainest `crisiskit validate` without loading Typer. Imports nothing heavy until
the report has to be computed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from crisiskit.validation.report import ValidationReport


def validated(
    paths: Sequence[str],
    config_file: Path | None,
    today: date,
    use_cache: bool,
    needs_sarif: bool,
    sarif_rules: Callable[[], list[dict[str, Any]]],
    jobs: int | None = 1,
) -> tuple[ValidationReport, list[dict[str, Any]] | None]:
    """The report of validating ``paths`` (in ``jobs`` worker processes when worthwhile,
    None for one per usable CPU), and the rules' SARIF metadata if cached.

    ``sarif_rules`` gives that metadata for the cache to keep (the rules come from a
    layer above this one).
    """
    from crisiskit.validation.cache import Invocation, lookup, store

    invocation = Invocation(tuple(paths), str(config_file) if config_file else None, today)
    if use_cache:
        hit = lookup(invocation, with_sarif_rules=needs_sarif)
        if hit is not None:
            return hit.report, hit.sarif_rules
    from crisiskit.diagnostics.checks import INTERNAL_ERROR
    from crisiskit.util.inputs import recording
    from crisiskit.validation.configuration import load_config
    from crisiskit.validation.pipeline import validate_paths

    if not use_cache:  # nothing to remember: no recording either
        config = load_config(config_file)
        return validate_paths([Path(p) for p in paths], today, config, jobs=jobs), None
    with recording() as inputs:
        config = load_config(config_file)
        report = validate_paths([Path(path) for path in paths], today, config, jobs=jobs)
    # A crash may not happen next time: it is reported, never remembered.
    if not any(f.code == INTERNAL_ERROR.code for f in report.findings):
        store(invocation, inputs, report, sarif_rules)
    return report, None
