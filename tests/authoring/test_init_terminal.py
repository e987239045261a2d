"""`crisiskit init` in a real terminal (a pseudo-terminal): it asks, re-asks, and writes."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crisiskit.validation.pipeline import validate_paths
from tests.conftest import TODAY

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


class Terminal:
    """A process on a pseudo-terminal: read what it shows, type answers."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        self.master, slave = os.openpty()
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from crisiskit.cli import main; main()", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=cwd,
            env={**os.environ, "TERM": "dumb", "NO_COLOR": "1", "COLUMNS": "100"},
            close_fds=True,
        )
        os.close(slave)
        self.screen = ""

    def expect(self, pattern: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.screen):
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"timed out waiting for {pattern!r}; screen:\n{self.screen}"
            ready, _, _ = select.select([self.master], [], [], remaining)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:  # the process ended and closed the terminal
                    chunk = b""
                if not chunk:
                    assert re.search(pattern, self.screen), self.screen
                    break
                self.screen += chunk.decode("utf-8", "replace").replace("\r\n", "\n")
        return self.screen

    def answer(self, prompt: str, text: str) -> None:
        self.expect(prompt)
        self.screen = self.screen[:0]  # forget what was answered, so prompts don't re-match
        os.write(self.master, text.encode() + b"\r")

    def close(self) -> int:
        code = self.process.wait(timeout=20)
        os.close(self.master)
        return code


def test_asks_reasks_and_writes_a_clean_plan(tmp_path: Path) -> None:
    terminal = Terminal(["init", "--agency", "--today", TODAY.isoformat(), "."], tmp_path)
    try:
        terminal.answer(r"Language of the plan \(en/id\) \[en\]: $", "id")
        terminal.answer(r"Agency name \[Contoh Agensi\]: $", "Kirana Social")
        terminal.answer(r"Client name \[Contoh Organisasi\]: $", "Warung Rasa")
        terminal.answer(r"Country code for phone numbers \[ID\]: $", "")
        terminal.answer(r"Timezone \[Asia/Jakarta\]: $", "Asia/Jakarat")
        screen = terminal.expect(r"Timezone \[Asia/Jakarta\]: $")
        assert "did you mean 'Asia/Jakarta'?" in screen
        terminal.answer(r"Timezone \[Asia/Jakarta\]: $", "Asia/Makassar")
        terminal.answer(r"Locales of the messages \[id\]: $", "id, en")
        terminal.answer(r"Public channels \[x,instagram,facebook\]: $", "x,tiktok")
        terminal.answer(r"Person 1: name \[Dewi Lestari\]: $", "Dewi Anggraini")
        terminal.answer(r"Person 1: phone \[\+62 812-0000-0001\]: $", "0812-1000-2001")
        terminal.answer(r"Person 2: name \[Bima Saputra\]: $", "Bima")
        terminal.answer(r"Person 2: phone \[\+62 812-0000-0002\]: $", "12345")
        assert "'12345' is not a valid phone number" in terminal.expect(r"Person 2: phone .*: $")
        terminal.answer(r"Person 2: phone .*: $", "0813-1000-2002")
        terminal.answer(r"Person 3: name \(empty to finish\): $", "")
        terminal.answer(
            r"Where the public gets help \(URL\) \[https://example.com/help\]: $",
            "https://warungrasa.example.id/bantuan",
        )
        screen = terminal.expect(r"crisiskit validate plans/\n")
    finally:
        code = terminal.close()
    assert code == 0, screen
    assert (
        "wrote plans/kirana-social/team.yaml\nwrote plans/kirana-social/warung-rasa.yaml\n"
        in screen
    )
    plan = (tmp_path / "plans/kirana-social/warung-rasa.yaml").read_text(encoding="utf-8")
    team = (tmp_path / "plans/kirana-social/team.yaml").read_text(encoding="utf-8")
    assert "  agency: Kirana Social\n  default_timezone: Asia/Makassar\n" in plan
    assert "channels: [x, tiktok]" in plan and "      - locale: en\n" in plan
    assert '    name: Dewi Anggraini\n    phone: "0812-1000-2001"\n' in team
    report = validate_paths([tmp_path / "plans"], TODAY)
    assert report.findings == []
