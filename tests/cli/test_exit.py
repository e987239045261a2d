"""The console script ends with the run's objects frozen (the interpreter's exit collection
skips them): what it writes, to streams and files, and its exit code are those of the
command line run in-process, which does not freeze anything."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from crisiskit.cli import app
from tests.conftest import REPO

HARBOR = str(REPO / "plans/harbor-outdoor.yaml")
_TERMINAL_HINTS = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")
_ENV = {k: v for k, v in os.environ.items() if k not in _TERMINAL_HINTS}


def _console_script(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    script = (
        "import gc, sys\n"
        "from crisiskit.entry import main\n"
        f"sys.argv = ['crisiskit', *{list(args)!r}]\n"
        "try:\n    main()\nfinally:\n    print(f'frozen={gc.get_freeze_count() > 0}', file=sys.stderr)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=cwd, env=_ENV
    )


def _render(output: Path, log: Path) -> list[str]:
    return [
        "render-message",
        "--plan",
        HARBOR,
        "holding-statement",
        "--at",
        "2026-11-28T23:00",
        "--var",
        "issue=reports that some Ridgeline tents collapse in strong wind",
        "--no-input",
        "--output",
        str(output),
        "--log",
        str(log),
    ]


def test_files_streams_and_exit_code_are_those_of_the_command(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "script", tmp_path / "in-process"
    ours.mkdir()
    theirs.mkdir()
    run = _console_script(*_render(ours / "drafts.txt", ours / "log.yaml"))
    reference = CliRunner().invoke(app, _render(theirs / "drafts.txt", theirs / "log.yaml"))
    assert run.returncode == reference.exit_code == 0
    assert run.stderr.endswith("frozen=True\n")
    assert run.stderr.removesuffix("frozen=True\n") == reference.stderr.replace(
        str(theirs), str(ours)
    )
    assert run.stdout == reference.stdout
    drafts = (ours / "drafts.txt").read_text(encoding="utf-8")
    assert drafts == (theirs / "drafts.txt").read_text(encoding="utf-8")
    assert "Ridgeline tents collapse" in drafts
    # The log records the moment it was written: equal apart from that.
    log = (ours / "log.yaml").read_text(encoding="utf-8")
    assert log.count("\n") == (theirs / "log.yaml").read_text(encoding="utf-8").count("\n")
    assert "holding-statement" in log


def test_an_error_keeps_its_message_and_exit_code() -> None:
    args = ("render-message", "--plan", HARBOR, "no-such-message", "--no-input")
    run = _console_script(*args)
    reference = CliRunner().invoke(app, list(args))
    assert run.returncode == reference.exit_code == 2
    assert run.stderr.removesuffix("frozen=True\n") == reference.stderr
