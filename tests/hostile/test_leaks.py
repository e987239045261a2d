"""Nothing under .git/ or outside the repository is read, whichever route a plan takes."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiskit.cli import app
from crisiskit.validation.pipeline import validate_paths
from tests.conftest import FIXTURES, TODAY

runner = CliRunner()
VALID = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
SECRET = "AUTHORIZATION: basic c2VjcmV0LXRva2Vu"


@pytest.fixture
def repo(repo_dir: Path) -> Path:
    """A repository whose .git/config holds what actions/checkout stores there."""
    (repo_dir / ".git" / "config").write_text(f"[http]\n\textraheader = {SECRET}\n")
    (repo_dir / ".git" / "hooks").mkdir()
    (repo_dir / ".git" / "hooks" / "team.yaml").write_text(f"people: []\n# {SECRET}\n")
    (repo_dir / ".hg").mkdir()
    (repo_dir / ".hg" / "hgrc").write_text(f"[auth]\n{SECRET}\n")
    return repo_dir


def _with_template(repo: Path, template: str) -> Path:
    plan = repo / "plan.yaml"
    plan.write_text(
        VALID.replace("        text: Kami sedang memeriksa.", f"        text: {template!r}")
    )
    return plan


def _everything_said(repo: Path, plan: Path) -> str:
    """Findings in every format, and what render-message prints."""
    said = []
    for output_format in ("text", "json", "github", "sarif", "junit"):
        result = runner.invoke(
            app, ["validate", str(plan), "--today", "2026-11-24", "--format", output_format]
        )
        said += [result.stdout, result.stderr]
    result = runner.invoke(
        app, ["render-message", "--plan", str(plan), "holding", "--at", "2026-11-28T09:00"]
    )
    return "\n".join([*said, result.stdout, result.stderr])


TEMPLATE_READS = [
    ("set-block-into-key", "{% set c %}{% include '.git/config' %}{% endset %}{{ org[c] }}"),
    ("include-plain", "{% include '.git/config' %}"),
    ("include-dot-slash", "{% include './.git/config' %}"),
    ("include-through-parent", "{% include 'x/../.git/config' %}"),
    ("import", "{% import '.git/config' as c %}{{ c }}"),
    ("extends", "{% extends '.git/config' %}"),
    ("mercurial", "{% include '.hg/hgrc' %}"),
    ("include-list", "{% include ['.git/config', '.git/HEAD'] %}"),
    ("error-echo", "{{ {}[('' ~ range(3))] }}{% include '.git/config' %}"),
]


@pytest.mark.parametrize(
    "template", [t[1] for t in TEMPLATE_READS], ids=[t[0] for t in TEMPLATE_READS]
)
def test_templates_cannot_read_vcs_metadata(repo: Path, template: str) -> None:
    said = _everything_said(repo, _with_template(repo, template))
    assert "c2VjcmV0LXRva2Vu" not in said
    assert "extraheader" not in said


def test_a_symlink_into_git_is_refused(repo: Path) -> None:
    os.symlink(repo / ".git", repo / "meta")
    said = _everything_said(repo, _with_template(repo, "{% include 'meta/config' %}"))
    assert "c2VjcmV0LXRva2Vu" not in said and "version-control metadata" in said


def test_a_template_file_in_git_is_refused(repo: Path) -> None:
    plan = repo / "plan.yaml"
    plan.write_text(
        VALID.replace("        text: Kami sedang memeriksa.", "        file: .git/config")
    )
    findings = validate_paths([plan], TODAY).findings
    assert "c2VjcmV0LXRva2Vu" not in str(findings)
    assert any(f.code == "CK403" and "version-control metadata" in f.message for f in findings)


@pytest.mark.parametrize(
    "entry", [".git/hooks/team.yaml", "./.git/hooks/team.yaml", "sub/../.git/hooks/team.yaml"]
)
def test_yaml_includes_cannot_read_git(repo: Path, entry: str) -> None:
    plan = repo / "plan.yaml"
    plan.write_text(VALID + f"include:\n  - {entry}\n")
    findings = validate_paths([plan], TODAY).findings
    assert [f.code for f in findings if f.code in ("CK016", "CK017")] == ["CK017"]
    assert "c2VjcmV0LXRva2Vu" not in str(findings)


def test_an_undefined_key_is_not_quoted_in_full(repo: Path) -> None:
    long_key = "line one of something\nline two " + "x" * 500
    plan = _with_template(repo, "{% set k %}" + long_key + "{% endset %}{{ org[k] }}")
    messages = [f.message for f in validate_paths([plan], TODAY).findings if f.code == "CK403"]
    assert messages and all("line two" not in m and len(m) < 400 for m in messages)


def test_validate_dir_does_not_follow_symlinks_out(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.yaml").write_text("crisiskit: 1\ntoken_from_outside: 1\n")
    for index in range(20):
        (outside / f"other-{index}.yaml").write_text("people: []\n")
    plans = repo / "plans"
    plans.mkdir()
    (plans / "plan.yaml").write_text(VALID)
    os.symlink(outside, plans / "shared")  # a directory out
    os.symlink(outside / "secret.yaml", plans / "client.yaml")  # a file out
    os.symlink(repo / ".git", plans / "meta")  # into .git
    os.symlink("loop-b.yaml", plans / "loop-a.yaml")  # a loop
    os.symlink("loop-a.yaml", plans / "loop-b.yaml")
    report = validate_paths([plans], TODAY)
    assert report.files == ["plans/plan.yaml"] or all("outside" not in f for f in report.files)
    assert len(report.files) == 1
    refused = sorted(Path(f.file).name for f in report.findings if f.code == "CK017")
    assert refused == ["client.yaml", "loop-a.yaml", "loop-b.yaml", "meta", "shared"]
    assert "token_from_outside" not in str(report.findings)


def test_symlinks_inside_the_repository_are_still_walked(repo: Path) -> None:
    (repo / "plans").mkdir()
    (repo / "shared").mkdir()
    (repo / "shared" / "plan.yaml").write_text(VALID)
    os.symlink(repo / "shared", repo / "plans" / "shared")
    report = validate_paths([repo / "plans"], TODAY)
    assert len(report.files) == 1 and not [f for f in report.findings if f.code == "CK017"]


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_log_runs_no_fsmonitor_or_hook(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(VALID)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "plan.yaml")
    _git(tmp_path, "commit", "-q", "-m", "plan")
    ran = tmp_path / "ran"
    script = tmp_path / "monitor.sh"
    script.write_text(f"#!/bin/sh\ntouch {ran}\n")
    script.chmod(0o755)
    _git(tmp_path, "config", "core.fsmonitor", str(script))
    for hook in ("post-checkout", "post-index-change", "reference-transaction"):
        (tmp_path / ".git" / "hooks" / hook).write_text(f"#!/bin/sh\ntouch {ran}\n")
        (tmp_path / ".git" / "hooks" / hook).chmod(0o755)
    log = tmp_path / "incident.jsonl"
    args = ["render-message", "--plan", str(plan), "holding", "--at", "2026-11-28T09:00"]
    result = runner.invoke(app, [*args, "--log", str(log)])
    assert result.exit_code == 0, result.stderr
    assert not ran.exists()
    assert '"uncommitted_changes": false' in log.read_text()
    plan.write_text(VALID + "# edited\n")
    assert runner.invoke(app, [*args, "--log", str(log)]).exit_code == 0
    assert not ran.exists()
    assert '"uncommitted_changes": true' in log.read_text().splitlines()[1]


def test_a_named_symlink_out_is_refused_too(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "secret.yaml"
    outside.write_text("crisiskit: 1\ntoken_from_outside: 1\n")
    link = repo / "client.yaml"
    os.symlink(outside, link)
    (repo / "plan.yaml").write_text(VALID)
    report = validate_paths([link, repo / "plan.yaml"], TODAY)
    assert [f.code for f in report.findings if f.file.endswith("client.yaml")] == ["CK017"]
    assert "token_from_outside" not in str(report.findings)
