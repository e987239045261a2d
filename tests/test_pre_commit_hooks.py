"""`.pre-commit-hooks.yaml`, run by the real pre-commit on a temporary repository.

pre-commit installs crisiskit from a copy of this checkout into its own environment
(`language: python`), exactly as a user's `repo:` entry would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, TODAY

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None
    or shutil.which("pre-commit", path=str(Path(sys.executable).parent)) is None,
    reason="needs git and pre-commit (the test extra)",
)
PRE_COMMIT = str(Path(sys.executable).parent / "pre-commit")


def _git(*args: str, cwd: Path) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)
    return result.stdout


def _repository(path: Path) -> Path:
    path.mkdir()
    _git("init", "-q", cwd=path)
    _git("config", "user.email", "test@example.com", cwd=path)
    _git("config", "user.name", "Test", cwd=path)
    return path


@pytest.fixture(scope="module")
def hooks_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This checkout as pre-commit sees a hook repository: its files, committed."""
    source = _repository(tmp_path_factory.mktemp("hooks") / "crisiskit")
    listed = _git("ls-files", "--cached", "--others", "--exclude-standard", "-z", cwd=REPO)
    for name in filter(None, listed.split("\0")):
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    _git("add", "-A", cwd=source)
    _git("commit", "-q", "-m", "crisiskit", cwd=source)
    return source


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    # One pre-commit home for the module: the hook environment is installed once.
    home = tmp_path_factory.mktemp("pre-commit-home")
    return {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}


def _run(project: Path, env: dict[str, str], hook: str, *args: str) -> tuple[int, str]:
    result = subprocess.run(
        [PRE_COMMIT, "run", hook, *args], cwd=project, capture_output=True, text=True, env=env
    )
    return result.returncode, result.stdout + result.stderr


def test_validate_and_fmt_hooks(
    hooks_repo: Path, environment: dict[str, str], tmp_path: Path
) -> None:
    project = _repository(tmp_path / "project")
    subprocess.run(
        [sys.executable, "-c", "from crisiskit.cli import main; main()", "init", "--no-input",
         "--today", TODAY.isoformat()],
        cwd=project, check=True, capture_output=True,
    )  # fmt: skip
    revision = _git("rev-parse", "HEAD", cwd=hooks_repo).strip()
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks_repo}\n    rev: {revision}\n"
        "    hooks:\n      - id: crisiskit-validate\n      - id: crisiskit-fmt\n",
        encoding="utf-8",
    )
    _git("add", "-A", cwd=project)
    _git("commit", "-q", "-m", "plan", cwd=project)
    plan = project / "plans/example-organization.yaml"
    original = plan.read_text(encoding="utf-8")

    code, output = _run(project, environment, "crisiskit-validate", "--all-files")
    assert code == 0, output
    assert "crisiskit validate" in output and "Passed" in output

    # A broken reference in the staged plan fails the commit, with the finding shown.
    plan.write_text(
        original.replace("    primary: alex\n", "    primary: alexx\n", 1), encoding="utf-8"
    )
    _git("add", "-A", cwd=project)
    code, output = _run(project, environment, "crisiskit-validate")
    assert code == 1, output
    assert "Failed" in output and "CK014" in output and "unknown person 'alexx'" in output

    # An unformatted plan is formatted in place; the commit stops until it is staged.
    shuffled = original.replace(
        "  name: Example Organization\n  id: example-organization\n",
        "  id: example-organization\n  name: Example Organization\n",
    )
    assert shuffled != original
    plan.write_text(shuffled, encoding="utf-8")
    _git("add", "-A", cwd=project)
    code, output = _run(project, environment, "crisiskit-fmt")
    assert code == 1, output
    assert "files were modified by this hook" in output
    assert plan.read_text(encoding="utf-8") == original
    code, output = _run(project, environment, "crisiskit-fmt", "--files", str(plan))
    assert code == 0 and "Passed" in output, output
