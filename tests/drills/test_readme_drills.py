"""The README's drill section: the answers file it shows is the one shipped in examples/,
and the mistake it quotes is the real message. (tests/docs runs its console blocks.)"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiskit.cli import app
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("## Drills") : README.index("## Charts and who to call")]
ANSWERS = REPO / "examples" / "warung-rasa-takeover.answers.yaml"
runner = CliRunner()


def test_run_status_and_report_are_shown() -> None:
    commands = re.findall(r"^\$ crisiskit drill (\w+)", SECTION, re.M)
    assert commands == ["run", "status", "report"]


def test_the_answers_file_shown_is_the_one_shipped() -> None:
    shipped = "".join(
        line
        for line in ANSWERS.read_text(encoding="utf-8").splitlines(True)
        if not line.startswith("#")
    )
    assert f"```yaml\n{shipped}```" in SECTION


@pytest.fixture
def repo(repo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(REPO / "plans", repo_dir / "plans")
    shutil.copytree(REPO / "templates", repo_dir / "templates")
    monkeypatch.chdir(repo_dir)
    return repo_dir


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
    assert " ".join(message.split()) in " ".join(SECTION.replace("`", "").split())
