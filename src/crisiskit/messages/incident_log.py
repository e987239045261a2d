"""The incident log: one JSON line per rendered draft, for the post-incident review."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from crisiskit.loader.plan import ValidPlan
from crisiskit.messages.drafts import Draft
from crisiskit.util.atomic import append_atomic

# Git runs programs named in a repository's own config: `core.fsmonitor` on `status`,
# hooks, filters on `add`, `gpg.program` on a `log` of a signed commit when the config
# sets `log.showSignature` (whose lines would also hide the commit). The log only reads
# objects, with those switched off anyway.
_SAFE_GIT: tuple[str, ...] = ("-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null")
_SAFE_GIT += ("-c", "core.untrackedCache=false", "-c", "log.showSignature=false")
_SAFE_GIT += ("--no-optional-locks",)


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


@dataclass(frozen=True)
class PlanCommit:
    """The commit a plan's repository is at, and whether the plan file differs from it."""

    commit: str | None = None
    date: str | None = None  # the commit date, YYYY-MM-DD
    uncommitted: bool | None = None  # None when it could not be told


def plan_commit(plan: Path) -> PlanCommit:
    """Where the plan's repository is, read from git objects only.

    The file's bytes are hashed as they are (no filters) and compared with the blob
    committed at HEAD: no `git status`, so nothing from the repository's config runs.
    """
    head = (_git(plan.parent, "log", "-1", "--format=%H %cs", "HEAD") or "").split()
    if len(head) != 2:
        return PlanCommit()
    commit, day = head
    prefix = _git(plan.parent, "rev-parse", "--show-prefix")
    current = _git(plan.parent, "hash-object", "--no-filters", "--", plan.name)
    if prefix is None or current is None:
        return PlanCommit(commit, day)
    committed = _git(
        plan.parent, "rev-parse", "--verify", "-q", f"HEAD:{prefix.strip()}{plan.name}"
    )
    return PlanCommit(commit, day, (committed or "").strip() != current.strip())


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
    held: bool = False,
) -> None:
    """Append a record per draft; raises UsageError when the log cannot be written.

    ``held``: the drafts wait until the facts are validated (a need-to-know threat)."""
    head = plan_commit(loaded.path)
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
                "title": draft.title,
                "text": draft.text,
                "held": held,
                "plan": loaded.file,
                "commit": head.commit,
                "uncommitted_changes": head.uncommitted,
            },
            ensure_ascii=False,
        )
        for draft in drafts
    ]
    append_atomic(log, "\n".join(lines) + "\n")
