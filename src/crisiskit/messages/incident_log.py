"""The incident log: one JSON line per rendered draft, for the post-incident review."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

from crisiskit.loader.plan import ValidPlan
from crisiskit.messages.drafts import Draft
from crisiskit.util.atomic import append_atomic

# Git runs programs named in a repository's own config: `core.fsmonitor` on `status`,
# hooks, filters on `add`. The log only reads objects, with those switched off anyway.
_SAFE_GIT: tuple[str, ...] = ("-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null")
_SAFE_GIT += ("-c", "core.untrackedCache=false", "--no-optional-locks")


def _git(directory: Path, *args: str) -> str | None:
    environment = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        completed = subprocess.run(
            ["git", *_SAFE_GIT, "-C", str(directory), *args],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
            env=environment,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return completed.stdout if completed.returncode == 0 else None


def plan_commit(plan: Path) -> tuple[str | None, bool | None]:
    """The commit the plan's repository is at, and whether the plan file differs from it.

    The file's bytes are hashed as they are (no filters) and compared with the blob
    committed at HEAD: no `git status`, so nothing from the repository's config runs.
    """
    commit = (_git(plan.parent, "rev-parse", "--verify", "-q", "HEAD") or "").strip() or None
    if commit is None:
        return None, None
    prefix = _git(plan.parent, "rev-parse", "--show-prefix")
    current = _git(plan.parent, "hash-object", "--no-filters", "--", plan.name)
    if prefix is None or current is None:
        return commit, None
    committed = _git(
        plan.parent, "rev-parse", "--verify", "-q", f"HEAD:{prefix.strip()}{plan.name}"
    )
    return commit, (committed or "").strip() != current.strip()


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
