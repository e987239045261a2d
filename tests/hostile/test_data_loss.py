"""Writes never replace what they should not, and inputs never hang or flood memory."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiskit.cli import app
from crisiskit.util.atomic import remove_stale_temporaries, write_atomic
from tests.conftest import FIXTURES, REPO

runner = CliRunner()
MINIMAL = str(FIXTURES / "valid" / "minimal.yaml")
RENDER = ["render-message", "--plan", MINIMAL, "holding", "--at", "2026-11-28T09:00"]


@pytest.mark.parametrize("kind", ["symlink-to-file", "dangling-symlink", "symlink-to-dir"])
def test_output_force_refuses_a_symlink(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "real.txt"
    target.write_text("keep me\n")
    link = tmp_path / "drafts.txt"
    pointed = {
        "symlink-to-file": target,
        "dangling-symlink": tmp_path / "gone",
        "symlink-to-dir": tmp_path,
    }
    os.symlink(pointed[kind], link)
    result = runner.invoke(app, [*RENDER, "--output", str(link), "--force"])
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "symlink" in result.stderr or "directory" in result.stderr
    assert link.is_symlink() and target.read_text() == "keep me\n"


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full", "/dev/zero"])
def test_output_force_refuses_a_device(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    result = runner.invoke(app, [*RENDER, "--output", device, "--force"])
    assert result.exit_code == 2 and "not a regular file" in result.stderr
    assert Path(device).is_char_device()


def test_output_refuses_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "drafts.fifo"
    os.mkfifo(fifo)
    result = runner.invoke(app, [*RENDER, "--output", str(fifo), "--force"])
    assert result.exit_code == 2 and "not a regular file" in result.stderr


def test_validate_outputs_refuse_symlinks_and_one_file_twice(tmp_path: Path) -> None:
    target = tmp_path / "real.sarif"
    target.write_text("keep\n")
    os.symlink(target, tmp_path / "link.sarif")
    args = ["validate", MINIMAL, "--today", "2026-11-24", "--output"]
    assert runner.invoke(app, [*args, f"sarif={tmp_path / 'link.sarif'}"]).exit_code == 2
    assert target.read_text() == "keep\n"
    same = tmp_path / "out.txt"
    result = runner.invoke(app, [*args, f"sarif={same}", "--output", f"junit={tmp_path}/./out.txt"])
    assert result.exit_code == 2 and "named twice" in result.stderr


@pytest.mark.parametrize("spelling", ["same", "dot-slash", "hard-link", "symlinked-dir"])
def test_log_and_output_cannot_be_one_file(tmp_path: Path, spelling: str) -> None:
    log = tmp_path / "incident.jsonl"
    log.write_text('{"message": "earlier record"}\n')
    output = {
        "same": log,
        "dot-slash": tmp_path / "." / "incident.jsonl",
        "hard-link": tmp_path / "linked.jsonl",
        "symlinked-dir": tmp_path / "alias" / "incident.jsonl",
    }[spelling]
    if spelling == "hard-link":
        os.link(log, output)
    if spelling == "symlinked-dir":
        os.symlink(tmp_path, tmp_path / "alias")
    result = runner.invoke(app, [*RENDER, "--log", str(log), "--output", str(output), "--force"])
    assert result.exit_code == 2 and "same file" in result.stderr
    assert log.read_text() == '{"message": "earlier record"}\n'


_WRITER = """
import sys
from pathlib import Path
from crisiskit.util.atomic import write_atomic
print("ready", flush=True)
write_atomic(Path(sys.argv[1]), ("x" * 1_000_000 + "\\n") * 400, overwrite=True)
"""


def test_a_temporary_file_left_by_sigkill_is_removed_by_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "drafts.md"
    target.write_text("original\n")
    child = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    deadline = time.monotonic() + 20
    while not list(tmp_path.glob(".drafts.md.crisiskit-*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.01)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    left = list(tmp_path.glob(".drafts.md.crisiskit-*.tmp"))
    assert [p.name.split(".")[3] for p in left] == [f"crisiskit-{child.pid}"]
    write_atomic(target, "new\n", overwrite=True)
    assert target.read_text() == "new\n"
    assert not list(tmp_path.glob(".drafts.md.*.tmp"))


def test_a_live_writers_temporary_file_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "drafts.md"
    mine = tmp_path / f".drafts.md.crisiskit-{os.getpid()}.abc123.tmp"
    mine.write_text("being written")
    other_name = tmp_path / ".drafts.md.other.tmp"  # not ours: never touched
    other_name.write_text("x")
    assert remove_stale_temporaries(target) == []
    assert mine.exists() and other_name.exists()


@pytest.mark.parametrize("source", ["/dev/zero", "/dev/urandom", "fifo", "directory"])
def test_vars_file_is_bounded_and_never_hangs(tmp_path: Path, source: str) -> None:
    path = Path(source)
    if source == "fifo":
        path = tmp_path / "vars.yaml"
        os.mkfifo(path)
    elif source == "directory":
        path = tmp_path
    elif not path.exists():
        pytest.skip(f"no {source}")
    result = runner.invoke(app, [*RENDER, "--vars-file", str(path)])
    assert result.exit_code == 2 and "--vars-file" in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_huge_vars_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "vars.yaml"
    with path.open("wb") as handle:
        handle.truncate(3 * 1024**3)  # sparse: 3 GB that nobody should read
    result = runner.invoke(app, [*RENDER, "--vars-file", str(path)])
    assert result.exit_code == 2 and "larger than the limit" in result.stderr


@pytest.fixture
def bundled(repo_dir: Path) -> Path:
    shutil.copytree(REPO / "plans", repo_dir / "plans")
    shutil.copytree(REPO / "templates", repo_dir / "templates")
    return repo_dir / "plans" / "kirana-social" / "warung-rasa.yaml"


@pytest.mark.parametrize(
    "forged",
    [
        "\n----- holding-statement · x · id (✓ 1/280 weighted characters) -----\nfake",
        "\n-----\n",
        "\n\\----- already escaped -----",
        "\n-------------------- long rule",
    ],
)
def test_draft_headers_cannot_be_forged(bundled: Path, forged: str) -> None:
    args = ["render-message", "--plan", str(bundled), "holding-statement", "--channel", "x"]
    args += ["--channel", "instagram", "--at", "2026-11-28T23:00", "--var", f"issue=a{forged}"]
    result = runner.invoke(app, [*args, "--var", "issue_id=b"])
    assert result.exit_code == 0, result.stderr
    headers = [line for line in result.stdout.splitlines() if line.startswith("-----")]
    assert len(headers) == 4  # x and instagram, each in two locales
    assert all(line.endswith("-----") and " · " in line for line in headers)


def _unreadable(tmp_path: Path, source: str) -> Path:
    if source == "fifo":
        path = tmp_path / "input.yaml"
        os.mkfifo(path)
        return path
    if source == "directory":
        return tmp_path
    if not Path(source).exists():
        pytest.skip(f"no {source}")
    return Path(source)


def _run_bounded(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # In a child process: a read that blocks on the pipe must fail the test, not hang it.
    command = [sys.executable, "-m", "crisiskit", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("source", ["/dev/zero", "fifo"])
def test_fmt_refuses_a_pipe_or_device_without_reading_it(tmp_path: Path, source: str) -> None:
    path = _unreadable(tmp_path, source)
    result = _run_bounded("fmt", "--check", str(path), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "not a regular file" in result.stderr and "Traceback" not in result.stderr


def test_fmt_on_a_directory_of_only_a_pipe_says_it_skipped_it(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "p.yaml")
    result = _run_bounded("fmt", "--check", ".", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr == (
        "crisiskit: error: .: no YAML files (*.yaml, *.yml) in this directory; "
        "skipped p.yaml: not a regular file\n"
    )


@pytest.mark.parametrize("source", ["/dev/zero", "fifo", "directory"])
def test_drill_answers_refuse_a_pipe_or_device_without_reading_it(
    bundled: Path, tmp_path: Path, source: str
) -> None:
    path = _unreadable(tmp_path, source)
    plan = str(bundled.relative_to(bundled.parents[2]))
    args = ("drill", "run", "takeover-tabletop", "--plan", plan, "--answers", str(path))
    result = _run_bounded(*args, "--at", "2026-11-23T10:00", cwd=bundled.parents[2])
    assert result.returncode == 2, result.stderr
    # One line naming the option and the file it could not read, no traceback.
    assert result.stderr.startswith(f"crisiskit: error: --answers: {path}: cannot read: ")
    assert result.stderr.count("\n") == 1
