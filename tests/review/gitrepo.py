"""A temporary git repository holding the diff fixture, for `crisiskit diff` tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.conftest import FIXTURES

SOURCE = FIXTURES / "diff" / "repo"
GOLDEN = FIXTURES / "diff" / "golden"
# The repository is the test's own: no user or system configuration, fixed dates.
GIT_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_AUTHOR_DATE": "2026-11-24T09:00:00+00:00",
    "GIT_COMMITTER_DATE": "2026-11-24T09:00:00+00:00",
}


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args],
        cwd=cwd,
        env={**os.environ, **GIT_ENV},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def make_repo(path: Path) -> Path:
    """The fixture's plans and templates, committed on `main` and tagged `step-0`."""
    path.mkdir(parents=True, exist_ok=True)
    for name in ("plans", "templates"):
        shutil.copytree(SOURCE / name, path / name)
    git(path, "init", "-q", "-b", "main")
    commit(path, "Plans as reviewed", "step-0")
    return path


def commit(path: Path, message: str, tag: str | None = None) -> None:
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", message)
    if tag:
        git(path, "tag", tag)


def edit(path: Path, file: str, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` by ``new`` in a file, failing if ``old`` is not there ``count`` times."""
    target = path / file
    text = target.read_text(encoding="utf-8")
    assert text.count(old) == count, (file, old, text.count(old))
    target.write_text(text.replace(old, new), encoding="utf-8")
