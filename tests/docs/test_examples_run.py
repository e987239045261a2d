"""Every example runs as written: the README's console blocks and every `--help` example.

Each runs in a fresh copy of the repository (so examples that write files can run twice
and leave the checkout clean), through a shell, as a user would type it. A console block
shows commands after `$ ` and then what they print; `…` on its own line marks a cut.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer

from crisiskit.cli import app
from tests.conftest import REPO, require_tool

README = (REPO / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"^(`{3,4})console\n(.*?)^\1$", re.M | re.S)
CUT = "…"


def _commands(block: str) -> list[tuple[str, list[str]]]:
    """The block's commands (continuations joined) with the lines shown after each."""
    found: list[tuple[str, list[str]]] = []
    lines = block.splitlines()
    i = 0
    while i < len(lines):
        if not lines[i].startswith("$ "):
            i += 1
            continue
        command = lines[i][2:]
        while command.endswith("\\") and i + 1 < len(lines):
            i += 1
            command = command[:-1] + " " + lines[i].strip()
        i += 1
        shown: list[str] = []
        while i < len(lines) and not lines[i].startswith("$ "):
            shown.append(lines[i])
            i += 1
        found.append((command, shown))
    return found


BLOCKS = [_commands(m.group(2)) for m in BLOCK.finditer(README)]
BLOCKS = [block for block in BLOCKS if block]


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the tracked files, with a .git marker, as a user's clone would be."""
    target = tmp_path_factory.mktemp("checkout")
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
    ).stdout.split(b"\0")
    for name in filter(None, files):
        source = REPO / os.fsdecode(name)
        if source.is_file():
            destination = target / os.fsdecode(name)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
    (target / ".git").mkdir()
    return target


def _environment() -> dict[str, str]:
    bin_dir = str(Path(sys.executable).parent)
    installed_mmdc = REPO / ".mermaid" / "node_modules" / ".bin" / "mmdc"
    # The Mermaid CLI the checkout already installed, rather than a second npm install.
    mmdc = {"MMDC": str(installed_mmdc)} if installed_mmdc.exists() else {}
    return {
        **mmdc,
        **os.environ,
        "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
        "COLUMNS": "80",
        "NO_COLOR": "1",
        "TERM": "dumb",
        # Stderr and stdout interleave as written, as on a terminal.
        "PYTHONUNBUFFERED": "1",
    }


def _run(command: str, cwd: Path) -> tuple[int, list[str]]:
    result = subprocess.run(
        ["bash", "-c", command],
        cwd=cwd,
        env=_environment(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=120,
    )
    return result.returncode, [line.rstrip() for line in result.stdout.splitlines()]


def _matches(shown: list[str], actual: list[str]) -> bool:
    """Shown lines appear in order; `…` stands for any lines (none at all included)."""
    segments: list[list[str]] = [[]]
    for line in shown:
        if line.strip() == CUT:
            segments.append([])
        else:
            segments[-1].append(line.rstrip())
    start = 0
    for index, segment in enumerate(segments):
        if not segment:
            continue
        anchored_start = index == 0
        anchored_end = index == len(segments) - 1
        positions = range(start, len(actual) - len(segment) + 1)
        if anchored_start:
            positions = range(0, 1)
        hit = next(
            (
                p
                for p in positions
                if actual[p : p + len(segment)] == segment
                and (not anchored_end or p + len(segment) == len(actual))
            ),
            None,
        )
        if hit is None:
            return False
        start = hit + len(segment)
    return True


def _strip_comment(command: str) -> str:
    # `$ crisiskit rules CK107        # explanation …`: the comment is for the reader.
    return re.sub(r"\s{2,}#.*$", "", command)


# Set-up the reader does once, as root and online; the test machine has done it or not.
SETUP = ("sudo ",)
# Commands that drive a browser need one; CI installs it, so there a missing one fails.
NEEDS_BROWSER = ("scripts/check-mermaid.sh",)


def _writes_files(block: list[tuple[str, list[str]]]) -> bool:
    return any(" --output" in command or " -o " in command for command, _ in block)


@pytest.mark.parametrize("block", BLOCKS, ids=[b[0][0][:60] for b in BLOCKS])
def test_readme_console_block_runs_as_written(
    block: list[tuple[str, list[str]]], checkout: Path
) -> None:
    # Twice when it writes files: the second run shows an example is rerunnable.
    for _ in range(2 if _writes_files(block) else 1):
        for command, shown in block:
            if command.startswith(SETUP):
                continue
            if command.startswith(NEEDS_BROWSER):
                require_tool("chromium", env="CHROMIUM", hint="apt-get install chromium")
            code, actual = _run(_strip_comment(command), checkout)
            if shown and any(line.strip() for line in shown):
                assert _matches(shown, actual), (command, actual)
                assert code in (0, 1), (command, code, actual)
            else:
                assert code == 0, (command, actual)


def _leaves() -> list[tuple[str, Any]]:
    group: Any = typer.main.get_command(app)
    leaves: list[tuple[str, Any]] = []
    for name, command in group.commands.items():
        subcommands = getattr(command, "commands", None)
        if subcommands:
            leaves += [(f"{name} {sub}", inner) for sub, inner in subcommands.items()]
        else:
            leaves.append((name, command))
    return leaves


def _help_examples() -> list[tuple[str, str]]:
    """The `Example:` lines of every command's help, continuations joined."""
    found: list[tuple[str, str]] = []
    for label, leaf in _leaves():
        text = leaf.help or ""
        for example in re.findall(r"Example:\s+((?:.*\\\n)*.*)", text):
            joined = re.sub(r"\\\n\s*", " ", example).strip()
            found.append((label, joined))
    return found


HELP_EXAMPLES = _help_examples()


def test_every_command_has_a_help_example() -> None:
    labels = {label for label, _ in HELP_EXAMPLES}
    for label, _ in _leaves():
        assert label in labels, f"`crisiskit {label} --help` shows no example"


# What each help example must produce besides exit 0: a line it prints, or a file it
# writes and the text that file starts with. A new command's example needs an entry.
HELP_EXAMPLE_SHOWS: dict[str, tuple[str, str | None]] = {
    "validate": ("crisiskit.sarif", '{\n  "$schema"'),
    "schema": ("plan.schema.json", "{"),
    "rules": ("CK205 coverage-gap (warning)", None),
    "render-message": ("aware of reports that some tents collapse", None),
    "who": ("Call list for threat account-takeover at Sat 2026-11-28 23:00 GMT", None),
    "export": ("handbook.html", "<!DOCTYPE html>"),
    "respond": ("response/index.md", "# Response to kyc-data-leak"),
    "fmt": ("files already formatted.", None),
    "init": ("my-agency/plans/contoh-agensi/team.yaml", None),
    "diff": ("## crisiskit diff", None),
    "chart roles": ("Roles", None),
    "chart escalation": (
        "| Severity | Ladder | First response | Updates | Notify | Approve |",
        None,
    ),
    "chart threats": ("quadrantChart", None),
    "chart coverage": ("Social media lead — Europe/London, week of Mon 2026-11-23", None),
    "drill run": ("===== holding-statement =====", None),
    "drill status": ("Drill status on", None),
    "drill report": ("Time to first approved statement per drill, against its target", None),
}


@pytest.mark.parametrize(("label", "example"), HELP_EXAMPLES, ids=[e for _, e in HELP_EXAMPLES])
def test_help_example_runs_from_the_repository_root(
    label: str, example: str, checkout: Path
) -> None:
    expected, starts = HELP_EXAMPLE_SHOWS[label]
    written = checkout / expected
    written.unlink(missing_ok=True)
    code, actual = _run(example, checkout)
    assert code == 0, (example, actual)
    if starts is None:
        assert any(expected in line for line in actual), (example, actual[:20])
    else:
        assert written.read_text(encoding="utf-8").startswith(starts), example
