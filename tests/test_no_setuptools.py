"""Every optional code path works in an environment without setuptools.

Python 3.12's venv ships no setuptools, so `pip install crisiskit` there has no
`pkg_resources` (nor, from 3.12 on, `distutils`). A library that imports them works on a
developer's 3.11 and breaks for users of 3.12+. So the CLI runs here in a subprocess in
which those modules cannot be imported: naturally when this interpreter lacks setuptools
(the 3.12 and 3.13 venvs of .ci/run), else through a `sitecustomize` on PYTHONPATH that
blocks them (the 3.11 venv, which ships setuptools).

Each run records which optional libraries it loaded, so a test fails if a shortcut stops it
from reaching the path it is meant to exercise.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pytest

from tests.conftest import FIXTURES, REPO

SETUPTOOLS_INSTALLED = importlib.util.find_spec("setuptools") is not None

# The libraries behind crisiskit's optional paths, recorded at exit of each run.
WATCHED = ("twitter_text", "babel", "phonenumbers", "email_validator", "jinja2.sandbox")

# Python imports the first sitecustomize on sys.path at start-up, before the command runs, and
# PYTHONPATH comes before site-packages. It makes the modules only setuptools provides
# unimportable as if absent: `import` raises ModuleNotFoundError, so `except ImportError`
# fallbacks behave as they would for real. distutils is blocked too: setuptools' shim
# provides it, and the standard library no longer does from 3.12 on.
SITECUSTOMIZE = """\
import atexit
import json
import os
import sys

BLOCKED = {"setuptools", "pkg_resources", "_distutils_hack", "distutils"}


class BlockSetuptools:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name.partition(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r} (blocked)", name=name)
        return None


if os.environ.get("CK_BLOCK_SETUPTOOLS") == "1":
    for loaded in [m for m in sys.modules if m.partition(".")[0] in BLOCKED]:
        del sys.modules[loaded]
    sys.meta_path.insert(0, BlockSetuptools())


@atexit.register
def record_loaded():
    if "CK_LOADED" not in os.environ:
        return
    watched = json.loads(os.environ["CK_WATCHED"])
    with open(os.environ["CK_LOADED"], "w", encoding="utf-8") as out:
        json.dump(sorted(m for m in watched if m in sys.modules), out)
"""


@pytest.fixture(scope="module")
def hooks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("no-setuptools")
    (directory / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    return directory


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str
    loaded: set[str]  # the WATCHED modules the process had imported when it exited

    def __str__(self) -> str:
        return f"exit {self.code}\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"


class Runner(Protocol):
    def __call__(self, *command: str) -> Run: ...


@pytest.fixture
def run(hooks: Path, tmp_path: Path) -> Runner:
    """Runs a command without setuptools, in the repository."""

    def _run(*command: str) -> Run:
        loaded = tmp_path / "loaded.json"
        loaded.unlink(missing_ok=True)  # what an earlier run recorded says nothing of this one
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(hooks), os.environ.get("PYTHONPATH")])),
            "CK_BLOCK_SETUPTOOLS": "1" if SETUPTOOLS_INSTALLED else "0",
            "CK_WATCHED": json.dumps(WATCHED),
            "CK_LOADED": str(loaded),
            "NO_COLOR": "1",
        }
        completed = subprocess.run(
            command, cwd=REPO, env=env, capture_output=True, text=True, timeout=300, check=False
        )
        recorded = json.loads(loaded.read_text(encoding="utf-8")) if loaded.exists() else []
        return Run(completed.returncode, completed.stdout, completed.stderr, set(recorded))

    return _run


def _crisiskit() -> str:
    """The console script installed beside this interpreter: the command users run."""
    script = Path(sys.executable).with_name("crisiskit")
    assert script.exists(), f"no crisiskit script beside {sys.executable}; pip install -e ."
    return str(script)


@pytest.mark.parametrize("module", ["setuptools", "pkg_resources", "distutils"])
def test_the_subprocess_really_has_no_setuptools(run: Runner, module: str) -> None:
    # Without this the other tests could pass on a 3.11 venv only because setuptools is there.
    if module == "distutils" and not SETUPTOOLS_INSTALLED and sys.version_info < (3, 12):
        pytest.skip("a 3.11 without setuptools still has distutils in its standard library")
    result = run(sys.executable, "-c", f"import {module}")
    assert result.code == 1, str(result)
    assert "ModuleNotFoundError" in result.stderr


def test_validate_the_bundled_plans(run: Runner) -> None:
    result = run(_crisiskit(), "validate", "plans/", "--today", "2026-11-29")
    assert result.code == 0, str(result)
    assert result.stdout.startswith("All clear:"), str(result)
    # Phones and example renders in the sandbox ran. (The bundled plans' e-mail addresses
    # are of the plain form that needs no email-validator, and their X drafts are counted
    # without twitter-text: plain URLs, no emoji. The libraries run for the others:
    # test_invalid_phone_and_email_are_findings, test_render_to_x_counts_as_x_does.)
    assert result.loaded >= {"phonenumbers", "jinja2.sandbox"}


def test_render_to_x_counts_as_x_does(run: Runner) -> None:
    result = run(
        _crisiskit(),
        "render-message",
        "holding-statement",
        "--plan",
        "plans/harbor-outdoor.yaml",
        "--channel",
        "x",
        "--var",
        "issue=tenda ambruk 😀 — ça",
        "--no-input",
        "--format",
        "json",
    )
    assert result.code == 0, str(result)
    [draft] = json.loads(result.stdout)["drafts"]
    text = draft["text"]
    assert "tenda ambruk 😀 — ça" in text
    [url] = re.findall(r"https://\S*[^\s.]", text)
    # X weighs any URL 23 and an emoji 2; "—" and "ç" weigh 1 like ASCII.
    expected = len(text) - len(url) + 23 + 1
    assert (draft["unit"], draft["limit"], draft["length"]) == (
        "weighted characters",
        280,
        expected,
    )
    assert {"twitter_text", "jinja2.sandbox", "babel"} <= result.loaded


def test_render_formats_times_with_babel_for_id_and_en(run: Runner) -> None:
    result = run(
        _crisiskit(),
        "render-message",
        "holding-statement",
        "--plan",
        "plans/kirana-social/warung-rasa.yaml",
        "--channel",
        "instagram",
        "--at",
        "2026-11-28T23:00",
        "--var",
        "issue=a video from our Tebet kitchen",
        "--var",
        "issue_id=video dari dapur gerai Tebet kami",
        "--no-input",
        "--format",
        "json",
    )
    assert result.code == 0, str(result)
    drafts = {d["locale"]: d["text"] for d in json.loads(result.stdout)["drafts"]}
    # The severity updates every 30 minutes: Indonesian writes 23.30, English 11:30 PM.
    assert "23.30 WIB" in drafts["id"]
    assert "11:30 PM WIB" in drafts["en"]
    assert "babel" in result.loaded


def _validate_minimal_plan(run: Runner, directory: Path, *edits: tuple[str, str]) -> Run:
    """Validates a copy of the minimal plan with some values replaced."""
    plan = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    for old, new in edits:
        assert old in plan
        plan = plan.replace(old, new)
    (directory / "plan.yaml").write_text(plan, encoding="utf-8")
    return run(_crisiskit(), "validate", str(directory / "plan.yaml"), "--today", "2026-11-24")


def test_invalid_phone_and_email_are_findings(run: Runner, repo_dir: Path) -> None:
    result = _validate_minimal_plan(
        run,
        repo_dir,
        ('phone: "0812-3456-7890"', 'phone: "0812-34"'),
        ("email: dimas@example.co.id", "email: dimas@@example.co.id"),
    )
    # Exit 1 (findings), not 3: both libraries ran and judged the values.
    assert result.code == 1, str(result)
    assert "'0812-34' is not a valid phone number in ID" in result.stdout
    assert "'dimas@@example.co.id' is not a valid e-mail address" in result.stdout
    assert {"phonenumbers", "email_validator"} <= result.loaded


def test_the_sandbox_refuses_an_unsafe_template(run: Runner, repo_dir: Path) -> None:
    result = _validate_minimal_plan(
        run,
        repo_dir,
        ("text: Kami sedang memeriksa.", "text: \"Kami {{ ''.__class__.__mro__ }} memeriksa.\""),
    )
    assert result.code == 1, str(result)
    assert "refused by the sandbox: access to attribute '__class__'" in result.stdout
    assert "jinja2.sandbox" in result.loaded
