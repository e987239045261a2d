"""The GitHub Action's steps, run locally with the GITHUB_* environment simulated.

The pull-request comment goes to a fake GitHub API on 127.0.0.1 that keeps the comments
it is sent, so a second run can be seen to update the first comment, not add another.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from ruamel.yaml import YAML

from tests.conftest import REPO
from tests.review.gitrepo import commit, edit, git, make_repo

SCRIPT = REPO / "action" / "review.py"
PLAN = "plans/harbor-outdoor.yaml"


class FakeGitHub(BaseHTTPRequestHandler):
    comments: ClassVar[list[dict[str, Any]]] = []
    calls: ClassVar[list[tuple[str, str, str]]] = []

    def _reply(self, status: int, payload: Any) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _body(self) -> dict[str, Any]:
        length = int(self.headers.get("Content-Length", "0"))
        data: dict[str, Any] = json.loads(self.rfile.read(length))
        return data

    def do_GET(self) -> None:
        self.calls.append(("GET", self.path, self.headers.get("Authorization", "")))
        page = 1 if "page=1" in self.path else 2
        self._reply(200, self.comments if page == 1 else [])

    def do_POST(self) -> None:
        self.calls.append(("POST", self.path, self.headers.get("Authorization", "")))
        comment = {"id": 100 + len(self.comments), "body": self._body()["body"]}
        self.comments.append(comment)
        self._reply(201, comment)

    def do_PATCH(self) -> None:
        self.calls.append(("PATCH", self.path, self.headers.get("Authorization", "")))
        comment_id = int(self.path.rsplit("/", 1)[1])
        comment = next(c for c in self.comments if c["id"] == comment_id)
        comment["body"] = self._body()["body"]
        self._reply(200, comment)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def github() -> Iterator[str]:
    FakeGitHub.comments = [{"id": 7, "body": "Looks good to me"}]
    FakeGitHub.calls = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeGitHub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def run_step(step: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "CRISISKIT_"))}
    return subprocess.run(
        [sys.executable, str(SCRIPT), step],
        cwd=cwd,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def outputs(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines)


@pytest.fixture
def pull_request(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A repository whose feature branch slows SEV1, and the environment of its PR run."""
    repo = make_repo(tmp_path / "repo")
    base = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "-b", "slower-sev1")
    edit(repo, PLAN, "    first_response: 15m", "    first_response: 1h")
    commit(repo, "SEV1 first response in an hour")
    event = tmp_path / "event.json"
    event.write_text(
        json.dumps({"pull_request": {"number": 42, "base": {"sha": base}}}), encoding="utf-8"
    )
    runner_temp = tmp_path / "runner"
    runner_temp.mkdir()
    env = {
        "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_EVENT_PATH": str(event),
        "GITHUB_REPOSITORY": "harbor/plans",
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "GITHUB_OUTPUT": str(tmp_path / "output"),
        "GITHUB_TOKEN": "test-token",
        "RUNNER_TEMP": str(runner_temp),
    }
    return repo, env


def test_validate_step_annotates_summarises_and_writes_sarif(
    pull_request: tuple[Path, dict[str, str]],
) -> None:
    repo, env = pull_request
    done = run_step("validate", repo, {**env, "CRISISKIT_SARIF": "true"})
    assert done.returncode == 0, done.stderr
    assert "::error file=plans/harbor-outdoor.yaml" in done.stdout  # CK305: sev2 faster
    result = outputs(Path(env["GITHUB_OUTPUT"]))
    assert result["exit-code"] == "1"
    sarif = json.loads(Path(result["sarif"]).read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert "### crisiskit:" in Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")


def test_diff_step_summarises_and_keeps_one_updated_comment(
    pull_request: tuple[Path, dict[str, str]], github: str
) -> None:
    repo, env = pull_request
    env = {**env, "GITHUB_API_URL": github, "CRISISKIT_COMMENT": "true"}
    first = run_step("diff", repo, env)
    assert first.returncode == 0, first.stderr
    assert "commented the diff on #42" in first.stdout
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert "SEV1 first response slowed from 15m to 1h" in summary
    assert len(FakeGitHub.comments) == 2
    ours = FakeGitHub.comments[1]
    assert ours["body"].startswith("<!-- crisiskit-diff -->\n## crisiskit diff")

    edit(repo, PLAN, "    first_response: 1h", "    first_response: 45m")
    commit(repo, "a little faster")
    second = run_step("diff", repo, env)
    assert "updated the diff comment on #42" in second.stdout
    assert len(FakeGitHub.comments) == 2  # updated, not repeated
    assert "from 15m to 45m" in FakeGitHub.comments[1]["body"]
    assert [c[0] for c in FakeGitHub.calls] == ["GET", "POST", "GET", "PATCH"]
    assert {c[2] for c in FakeGitHub.calls} == {"Bearer test-token"}
    assert outputs(Path(env["GITHUB_OUTPUT"]))["exit-code"] == "0"


def test_diff_step_fail_on_and_result(pull_request: tuple[Path, dict[str, str]]) -> None:
    repo, env = pull_request
    done = run_step("diff", repo, {**env, "CRISISKIT_FAIL_ON": "high"})
    assert done.returncode == 0
    assert outputs(Path(env["GITHUB_OUTPUT"]))["exit-code"] == "1"
    assert run_step("result", repo, {"CRISISKIT_DIFF_EXIT": "1"}).returncode == 1
    assert run_step("result", repo, {"CRISISKIT_VALIDATE_EXIT": "1"}).returncode == 1
    assert run_step("result", repo, {"CRISISKIT_VALIDATE_EXIT": "0"}).returncode == 0


def test_diff_step_reports_a_shallow_clone_as_an_error_annotation(
    pull_request: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    _, env = pull_request
    event = json.loads(Path(env["GITHUB_EVENT_PATH"]).read_text(encoding="utf-8"))
    event["pull_request"]["base"]["sha"] = "0" * 40  # not in this clone
    Path(env["GITHUB_EVENT_PATH"]).write_text(json.dumps(event), encoding="utf-8")
    done = run_step("diff", pull_request[0], env)
    assert done.returncode == 0
    assert done.stdout.startswith("::error title=crisiskit diff::")
    assert "unknown revision" in done.stdout
    assert outputs(Path(env["GITHUB_OUTPUT"]))["exit-code"] == "2"


def test_a_failed_comment_is_a_warning_not_a_failure(
    pull_request: tuple[Path, dict[str, str]],
) -> None:
    repo, env = pull_request
    env = {**env, "GITHUB_API_URL": "http://127.0.0.1:9", "CRISISKIT_COMMENT": "true"}
    done = run_step("diff", repo, env)
    assert done.returncode == 0
    assert "::warning title=crisiskit diff::could not comment" in done.stdout


def test_outside_a_pull_request_there_is_nothing_to_review(tmp_path: Path) -> None:
    done = run_step("diff", tmp_path, {"GITHUB_OUTPUT": str(tmp_path / "out")})
    assert done.returncode == 0 and "not a pull request" in done.stdout


def test_action_installs_itself_and_never_interpolates_inputs_into_shell() -> None:
    action = YAML(typ="safe").load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert 'python -m pip install --disable-pip-version-check --quiet "$GITHUB_ACTION_PATH"' in runs
    assert all("${{" not in run for run in runs)
    scripts = [r.rsplit(" ", 1)[1] for r in runs if "review.py" in r]
    assert scripts == ["validate", "diff", "result"]
    assert set(action["inputs"]) >= {"paths", "sarif", "comment", "fail-on", "token"}
