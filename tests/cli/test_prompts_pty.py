"""Prompts in a real terminal: stderr only, declaration order, Ctrl-C, the line limit.

stdin and stderr are a pseudo-terminal; stdout is a pipe, as in `crisiskit … | pbcopy`.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")

COMMAND = [
    sys.executable,
    "-m",
    "crisiskit",
    "respond",
    "kyc-data-leak",
    "--plan",
    "plans/kirana-social/bayar-cepat.yaml",
    "--at",
    "2026-11-28T02:00",
    "--locale",
    "en",
    "--format",
    "json",
]


class Terminal:
    def __init__(self, *extra: str) -> None:
        self.master, slave = pty.openpty()
        self.process = subprocess.Popen(
            [*COMMAND, *extra], stdin=slave, stdout=subprocess.PIPE, stderr=slave, cwd=REPO
        )
        os.close(slave)
        self.screen = b""

    def wait_for(self, text: str, timeout: float = 30) -> None:
        end = time.monotonic() + timeout
        while text.encode() not in self.screen:
            assert time.monotonic() < end, self.screen.decode(errors="replace")
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    self.screen += os.read(self.master, 65536)
                except OSError:
                    break

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def finish(self) -> tuple[int, str]:
        stdout, _ = self.process.communicate(timeout=60)
        while select.select([self.master], [], [], 0.5)[0]:  # what is left on the screen
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                break
            if not chunk:
                break
            self.screen += chunk
        os.close(self.master)
        return self.process.returncode, stdout.decode()


def test_prompts_go_to_stderr_in_declaration_order_and_blank_is_asked_again() -> None:
    term = Terminal()
    for name, answer in (
        ("issue", "a leak"),
        ("known", "   "),
        ("known", "closed"),
        ("summary", "KTP leak"),
    ):
        term.wait_for(f"{name} (en) — ")
        term.screen = b""
        term.type(answer + "\n")
        if not answer.strip():
            term.wait_for("a value is needed (blank is not a value)")
    code, stdout = term.finish()
    assert code == 0
    assert stdout.startswith("{") and " —" not in stdout  # the drafts only, as JSON
    import json

    texts = [d["text"] for m in json.loads(stdout)["messages"] for d in m["drafts"]]
    assert any("We are aware of a leak" in t for t in texts)
    assert any("Update: closed." in t for t in texts)


def test_ctrl_c_at_a_prompt_exits_130_with_one_line() -> None:
    term = Terminal()
    term.wait_for("issue (en) — ")
    term.screen = b""
    term.process.send_signal(signal.SIGINT)
    code, stdout = term.finish()
    assert (code, stdout) == (130, "")
    assert b"crisiskit: interrupted" in term.screen and b"Aborted" not in term.screen
    assert b"Traceback" not in term.screen


def test_a_value_cut_by_the_terminal_line_limit_is_refused() -> None:
    term = Terminal("--var", "issue=a leak", "--var", "known=closed")
    term.wait_for("summary (en) — ")
    term.type("x" * 5000 + "\n")  # the terminal keeps 4,095 bytes of a line
    code, stdout = term.finish()
    assert (code, stdout) == (2, "")
    assert b"the terminal cuts a typed or pasted line at 4,095 bytes" in term.screen
    assert b"--vars-file" in term.screen
