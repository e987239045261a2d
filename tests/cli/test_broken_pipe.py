"""`crisiskit … | head`: a reader that goes away is neither a finding nor a crash."""

from __future__ import annotations

import subprocess
import sys

import pytest

from crisiskit.util.pipes import EXIT_BROKEN_PIPE
from tests.conftest import REPO

HARBOR = str(REPO / "plans" / "harbor-outdoor.yaml")
VARS = ["--var", "issue=x", "--var", "known=y", "--var", "doing=z", "--var", "outcome=w"]


@pytest.mark.parametrize(
    "args",
    [
        ["rules"],  # through Rich
        ["respond", "tent-recall", "--plan", HARBOR, "--no-input", *VARS],
        ["chart", "roles", "--plan", HARBOR],
        ["validate", HARBOR, "--no-cache", "--format", "json"],  # the entry's plain path
        ["who", "--plan", HARBOR, "--at", "2026-11-28T23:00"],
    ],
    ids=lambda args: args[0],
)
def test_a_closed_pipe_ends_quietly_with_141(args: list[str]) -> None:
    # The read end is closed before the child has started, so its first write fails.
    child = subprocess.Popen(
        [sys.executable, "-m", "crisiskit", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()
    stderr = child.stderr.read().decode()
    assert child.wait(timeout=60) == EXIT_BROKEN_PIPE, stderr
    assert stderr == ""
