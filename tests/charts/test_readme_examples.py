"""The README's chart and `who` examples are the commands' real output.

A console block shows a command and the start of its output (`…` marks a cut); a block
with the command alone is followed in the README by the output itself (Markdown or
Mermaid), which must appear there verbatim.
"""

from __future__ import annotations

import re
import shlex

import pytest
from typer.testing import CliRunner

from crisiskit.cli import app
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("## Charts and who to call") : README.index("## Performance")]
BLOCK = re.compile(r"^(`{3,4})console\n\$ (crisiskit (?:chart|who) [^\n]*)\n(.*?)^\1$", re.M | re.S)
EXAMPLES = [(m.group(2), m.group(3)) for m in BLOCK.finditer(SECTION)]
runner = CliRunner()


def test_every_chart_and_who_is_shown() -> None:
    commands = [command for command, _ in EXAMPLES]
    for name in ("who", "chart roles", "chart escalation", "chart threats", "chart coverage"):
        assert any(c.startswith(f"crisiskit {name} ") for c in commands), name
    assert any("--format mermaid" in c for c in commands)


@pytest.mark.parametrize(("command", "shown"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_example_is_real_output(command: str, shown: str) -> None:
    result = runner.invoke(app, shlex.split(command)[1:], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    actual = [line.rstrip() for line in result.stdout.splitlines()]
    if not shown:
        assert result.stdout.rstrip() in SECTION
        return
    lines = shown.rstrip("\n").splitlines()
    if lines[-1] == "…":
        lines = lines[:-1]
        assert actual[: len(lines)] == lines
    else:
        assert actual == lines
