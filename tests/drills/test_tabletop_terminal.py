"""`crisiskit drill run` driven through a real terminal: tmux types, the test reads the screen.

tmux ships with the machine image CI runs on; where it is missing the tests skip, except
under CI=true, where a missing tmux is a failure (the interactive path must be tested).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

WARUNG = "plans/kirana-social/warung-rasa.yaml"
RECORD = Path("plans/kirana-social/drills/warung-rasa/2026-11-23-takeover-tabletop.yaml")

if shutil.which("tmux") is None:
    if os.environ.get("CI") == "true":
        pytest.fail("tmux is needed for the terminal tests (apt-get install -y tmux)")
    pytest.skip("tmux is not installed", allow_module_level=True)


class Terminal:
    """One tmux session on a private server, 100×50, running one command."""

    def __init__(self, cwd: Path, command: list[str]) -> None:
        self.socket = f"crisiskit-test-{uuid.uuid4().hex[:8]}"
        self.session = "drill"
        shell = f"cd {shlex.quote(str(cwd))} && {shlex.join(command)}; echo EXIT=$?; sleep 30"
        self._tmux("new-session", "-d", "-s", self.session, "-x", "100", "-y", "50", shell)

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True
        )
        return result.stdout

    def type(self, line: str) -> None:
        self._tmux("send-keys", "-t", self.session, "-l", line)
        self._tmux("send-keys", "-t", self.session, "Enter")

    def keys(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", self.session, *keys)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-J", "-S", "-500", "-t", self.session)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False)


@pytest.fixture
def repo(repo_dir: Path) -> Path:
    shutil.copytree(REPO / "plans", repo_dir / "plans")
    shutil.copytree(REPO / "templates", repo_dir / "templates")
    return repo_dir


@pytest.fixture
def terminal(repo: Path, request: pytest.FixtureRequest) -> Iterator[Terminal]:
    extra: list[str] = request.param
    command = [
        sys.executable,
        "-m",
        "crisiskit",
        "drill",
        "run",
        "takeover-tabletop",
        "--plan",
        WARUNG,
        "--at",
        "2026-11-23T10:00",
        *extra,
    ]
    term = Terminal(repo, command)
    try:
        yield term
    finally:
        term.close()


# 600× real time: the injects at 10m and 25m come 1 and 2.5 seconds after the start.
@pytest.mark.parametrize("terminal", [["--speed", "600"]], indirect=True)
def test_a_drill_on_the_clock_is_marked_noted_rendered_and_saved(
    terminal: Terminal, repo: Path
) -> None:
    terminal.wait_for("INJECT (instagram): A story offers free vouchers")
    terminal.wait_for("drill ")
    terminal.type("1")
    terminal.wait_for("pemulihan-akun at ")
    terminal.type("note Diputuskan memperingatkan pelanggan lewat Facebook")
    terminal.wait_for("noted at ")
    # The injects arrive by themselves while the prompt waits for the facilitator.
    terminal.wait_for("INJECT: A news site asks whether customer data was taken.")
    terminal.type("render holding-statement x")
    screen = terminal.wait_for("approve in order: Crisis lead")
    assert "Kami mengetahui adanya unggahan tentang dapur di gerai Tebet kami" in screen
    terminal.type("2 12m")
    terminal.wait_for("✓ on time: pernyataan-awal at 12m (target 15m)")
    terminal.type("follow-up bimo 2026-12-10 Simpan kode pemulihan")
    terminal.wait_for("did you mean 'bima'?")  # a typo is refused; the drill goes on
    terminal.type("follow-up bima 2026-12-10 Simpan kode pemulihan di vault")
    terminal.wait_for("follow-up for bima, due 2026-12-10")
    terminal.type("end")
    screen = terminal.wait_for("EXIT=0")
    assert "First approved statement: 12m (target 15m) ✓ on time" in screen
    assert f"Drill record saved to {RECORD}" in screen

    record = (repo / RECORD).read_text(encoding="utf-8")
    assert "time_to_first_statement: 12m\n" in record
    assert "  - id: pernyataan-awal\n    within: 15m\n    at: 12m\n" in record
    assert "text: Diputuskan memperingatkan pelanggan lewat Facebook\n" in record
    assert "text: rendered holding-statement for x (id, en)\n" in record
    assert "    owner: bima\n    due: 2026-12-10\n" in record
    assert "status:" not in record  # completed is the default


@pytest.mark.parametrize("terminal", [["--manual"]], indirect=True)
def test_ctrl_c_saves_what_was_recorded_as_interrupted(terminal: Terminal, repo: Path) -> None:
    terminal.wait_for("drill 00:00> ")
    terminal.type("next")  # manual: the clock moves to the next inject
    terminal.wait_for("[10:00] INJECT: The password reset e-mail goes to an unknown address.")
    terminal.wait_for("drill 10:00> ")
    terminal.type("pemulihan-akun")
    terminal.wait_for("✓ on time: pemulihan-akun at 10m (target 15m)")
    terminal.keys("C-c")
    screen = terminal.wait_for("EXIT=130")
    assert "interrupted: saving what was recorded" in screen
    assert f"Drill record (interrupted) saved to {RECORD}" in screen
    record = (repo / RECORD).read_text(encoding="utf-8")
    assert "status: interrupted\n" in record
    assert "  - id: pemulihan-akun\n    within: 15m\n    at: 10m\n" in record
    # The plan itself is untouched and still valid with the interrupted record in its log.
    result = subprocess.run(
        [sys.executable, "-m", "crisiskit", "validate", WARUNG, "--today", "2026-11-24"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
