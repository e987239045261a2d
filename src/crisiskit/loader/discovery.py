"""Find the plan a command should work on when the user names none."""

from __future__ import annotations

import re
from pathlib import Path

from crisiskit.diagnostics.errors import PathError, UsageError

_PLAN_MARKER = re.compile(r"^crisiskit\s*:", re.MULTILINE)


def plan_files(directory: Path) -> list[Path]:
    """YAML files under ``directory`` that are plans (top-level `crisiskit:` key)."""
    from crisiskit.validation.pipeline import discover

    found = []
    for path, _ in discover([directory]):
        try:
            head = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if _PLAN_MARKER.search(head):
            found.append(path)
    return found


def default_plan(plan: Path | None, directory: Path = Path("plans")) -> Path:
    """The plan given with --plan, or the only plan under plans/."""
    if plan is not None:
        if not plan.is_file():
            raise PathError(f"{plan}: no such plan file")
        return plan
    if not directory.is_dir():
        raise UsageError(f"no --plan given and no {directory}/ directory here")
    candidates = plan_files(directory)
    if not candidates:
        raise UsageError(f"no plan found under {directory}/; give one with --plan")
    if len(candidates) > 1:
        listed = "\n".join(f"  --plan {p}" for p in candidates)
        raise UsageError(f"several plans under {directory}/; choose one:\n{listed}")
    return candidates[0]
