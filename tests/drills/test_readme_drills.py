"""The README's drill examples are the commands' real output on the bundled plans."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiskit.cli import app
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("## Drills") : README.index("## Charts and who to call")]
BLOCK = re.compile(r"^```console\n\$ (crisiskit drill [^\n]*)\n(.*?)^```$", re.M | re.S)
EXAMPLES = [(m.group(1), m.group(2)) for m in BLOCK.finditer(SECTION)]
ANSWERS = re.search(r"```yaml\n(participants: .*?)```", SECTION, re.S)
runner = CliRunner()


def test_run_status_and_report_are_shown() -> None:
    shown = [command.split()[2] for command, _ in EXAMPLES]
    assert shown == ["run", "status", "report"]
    assert ANSWERS is not None


@pytest.fixture
def repo(repo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(REPO / "plans", repo_dir / "plans")
    shutil.copytree(REPO / "templates", repo_dir / "templates")
    assert ANSWERS is not None
    (repo_dir / "answers.yaml").write_text(ANSWERS.group(1), encoding="utf-8")
    monkeypatch.chdir(repo_dir)
    return repo_dir


@pytest.mark.parametrize(("command", "shown"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_drill_example_is_real_output(repo: Path, command: str, shown: str) -> None:
    result = runner.invoke(app, shlex.split(command)[1:], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    actual = [line.rstrip() for line in result.stdout.splitlines()]
    lines = shown.rstrip("\n").splitlines()
    if lines[-1] == "…":
        lines = lines[:-1]
        assert actual[: len(lines)] == lines
    else:
        assert actual == lines


def test_the_answers_mistake_shown_is_the_real_message(repo: Path) -> None:
    (repo / "answers.yaml").write_text(
        "actions:\n  pemulihan-akun: 9m\n  pernyataan-awl: 12m\n", encoding="utf-8"
    )
    plan = "plans/kirana-social/warung-rasa.yaml"
    result = runner.invoke(
        app, ["drill", "run", "takeover-tabletop", "--plan", plan, "--answers", "answers.yaml"]
    )
    assert result.exit_code == 2
    message = result.stderr.strip().removeprefix("crisiskit: error: ")
    assert " ".join(message.split()) in " ".join(SECTION.split())
