"""The incident log: one JSON line per rendered draft, for the post-incident review."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

from crisiskit.loader.plan import ValidPlan
from crisiskit.messages.drafts import Draft
from crisiskit.util.atomic import append_atomic


def _git(directory: Path, *args: str) -> str | None:
    try:
        completed = subprocess.run(
            ["git", "-C", str(directory), *args],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return completed.stdout if completed.returncode == 0 else None


def plan_commit(plan: Path) -> tuple[str | None, bool | None]:
    """The commit the plan's repository is at, and whether the plan file differs from it."""
    commit = (_git(plan.parent, "rev-parse", "HEAD") or "").strip() or None
    if commit is None:
        return None, None
    status = _git(plan.parent, "status", "--porcelain", "--", plan.name)
    return commit, None if status is None else bool(status.strip())


def log_drafts(
    log: Path,
    loaded: ValidPlan,
    message_id: str,
    drafts: Sequence[Draft],
    *,
    speaks_of: datetime,
    severity: str | None,
    threat: str | None,
    variables: Mapping[str, str | Mapping[str, str]],
) -> None:
    """Append a record per draft; raises UsageError when the log cannot be written."""
    commit, uncommitted = plan_commit(loaded.path)
    rendered_at = datetime.now(UTC).astimezone(speaks_of.tzinfo).isoformat(timespec="seconds")
    lines = [
        json.dumps(
            {
                # The moment the draft speaks of (--at, or now) and when it was rendered.
                "time": speaks_of.isoformat(timespec="seconds"),
                "rendered_at": rendered_at,
                "message": message_id,
                "channel": draft.channel,
                "locale": draft.locale,
                "severity": severity,
                "threat": threat,
                "variables": dict(variables),
                "text": draft.text,
                "plan": loaded.file,
                "commit": commit,
                "uncommitted_changes": uncommitted,
            },
            ensure_ascii=False,
        )
        for draft in drafts
    ]
    append_atomic(log, "\n".join(lines) + "\n")
