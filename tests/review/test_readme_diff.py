"""The README's `diff` example is the command's real output, and its workflow is valid."""

from __future__ import annotations

import os
import re
import shlex
import shutil
from pathlib import Path

from ruamel.yaml import YAML
from typer.testing import CliRunner

from crisiskit.cli import app
from tests.conftest import REPO
from tests.review.gitrepo import commit, edit, git

README = (REPO / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("## Review plan changes") : README.index("## Rules")]


def test_diff_example_is_real_output(tmp_path: Path) -> None:
    block = re.search(r"```console\n\$ (crisiskit diff [^\n]*)\n(.*?)```", SECTION, re.S)
    assert block is not None
    command, shown = block.groups()
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("plans", "templates"):
        shutil.copytree(REPO / name, repo / name)
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "bundled plans")
    git(repo, "switch", "-q", "-c", "slower-sev1")
    plan = "plans/harbor-outdoor.yaml"
    edit(repo, plan, "    first_response: 15m", "    first_response: 1h")
    edit(repo, plan, "    backups: [sam]", "    backups: []")
    here = Path.cwd()
    os.chdir(repo)
    try:
        result = CliRunner().invoke(app, shlex.split(command)[1:])
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == shown


def test_workflow_uses_the_actions_inputs() -> None:
    block = re.search(r"```yaml\n(# \.github/workflows/.*?)```", SECTION, re.S)
    assert block is not None
    workflow = YAML(typ="safe").load(block.group(1))
    action = YAML(typ="safe").load((REPO / "action.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["crisiskit"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    ours = next(step for step in steps if "/crisiskit@" in step["uses"])
    assert set(ours["with"]) <= set(action["inputs"])
    assert workflow["permissions"]["pull-requests"] == "write"
