"""The steps of the crisiskit GitHub Action (action.yml), runnable and testable locally.

    python action/review.py validate   # annotations, job summary, optional SARIF file
    python action/review.py diff       # on a pull request: the plan diff in the job
                                       # summary and, optionally, one updated PR comment
    python action/review.py result     # fail the job if validate or diff asked to

Everything comes from the environment GitHub sets (GITHUB_*, RUNNER_TEMP) and from the
action's inputs, passed as CRISISKIT_* variables: never interpolated into a shell line,
since a branch name or plan text in a pull request is untrusted. Standard library only.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

# The first line of our comment: how the next run finds it to update it.
MARKER = "<!-- crisiskit-diff -->"
CRISISKIT = [sys.executable, "-m", "crisiskit"]


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def _flag(name: str) -> bool:
    return _env(name).lower() in ("true", "yes", "1")


def _set_output(name: str, value: str) -> None:
    target = _env("GITHUB_OUTPUT")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(f"{name}={value}\n")


def _summary(text: str) -> None:
    target = _env("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(text if text.endswith("\n") else text + "\n")


def _escape(message: str) -> str:
    """A workflow-command message: one line, whatever the text holds."""
    return message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def validate() -> int:
    paths = _env("CRISISKIT_PATHS", "plans").split() or ["plans"]
    command = [*CRISISKIT, "validate", *paths, "--format", "github"]
    if _flag("CRISISKIT_STRICT"):
        command.append("--strict")
    sarif = ""
    if _flag("CRISISKIT_SARIF"):
        sarif = str(Path(_env("RUNNER_TEMP", ".")) / "crisiskit.sarif")
        command += ["--output", f"sarif={sarif}"]
    code = subprocess.run(command, check=False).returncode
    _set_output("exit-code", str(code))
    _set_output("sarif", sarif if sarif and Path(sarif).is_file() else "")
    return 0


def _pull_request() -> dict[str, Any] | None:
    event = _env("GITHUB_EVENT_PATH")
    if not event or not Path(event).is_file():
        return None
    data = json.loads(Path(event).read_text(encoding="utf-8"))
    pull = data.get("pull_request")
    return pull if isinstance(pull, dict) else None


def diff() -> int:
    pull = _pull_request()
    if pull is None:
        print("crisiskit: not a pull request; no diff to review")
        _set_output("exit-code", "0")
        return 0
    base = str(pull["base"]["sha"])
    report = Path(_env("RUNNER_TEMP", ".")) / "crisiskit-diff.md"
    command = [*CRISISKIT, "diff", "--merge-base", base, "--format", "markdown"]
    command += ["--output", str(report), "--force"]
    if _env("CRISISKIT_FAIL_ON"):
        command += ["--fail-on", _env("CRISISKIT_FAIL_ON")]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    _set_output("exit-code", str(result.returncode))
    if result.returncode not in (0, 1):
        problem = result.stderr.strip() or f"crisiskit diff exited {result.returncode}"
        print(f"::error title=crisiskit diff::{_escape(problem)}")
        _summary(f"### crisiskit diff\n\n```\n{problem}\n```\n")
        return 0
    body = report.read_text(encoding="utf-8")
    _summary(body)
    if _flag("CRISISKIT_COMMENT"):
        _comment(int(pull["number"]), f"{MARKER}\n{body}")
    return 0


def _api(method: str, url: str, payload: dict[str, Any] | None = None) -> Any:
    request = urllib.request.Request(
        url,
        method=method,
        data=json.dumps(payload).encode() if payload is not None else None,
        headers={
            "Authorization": f"Bearer {_env('GITHUB_TOKEN')}",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
            "Content-Type": "application/json",
        },
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


def _comment(number: int, body: str) -> None:
    """Update our earlier comment on the pull request, or write the first one."""
    api = _env("GITHUB_API_URL", "https://api.github.com")
    repository = _env("GITHUB_REPOSITORY")
    base = f"{api}/repos/{repository}/issues"
    try:
        existing = None
        for page in range(1, 51):  # 5,000 comments at most
            comments = _api("GET", f"{base}/{number}/comments?per_page=100&page={page}")
            existing = next(
                (c for c in comments if str(c.get("body", "")).startswith(MARKER)), None
            )
            if existing is not None or len(comments) < 100:
                break
        if existing is not None:
            _api("PATCH", f"{base}/comments/{existing['id']}", {"body": body})
            print(f"crisiskit: updated the diff comment on #{number}")
        else:
            _api("POST", f"{base}/{number}/comments", {"body": body})
            print(f"crisiskit: commented the diff on #{number}")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        # A fork's pull request gets a read-only token: the job summary still has it all.
        print(f"::warning title=crisiskit diff::{_escape(f'could not comment: {exc}')}")


def result() -> int:
    validated = int(_env("CRISISKIT_VALIDATE_EXIT", "0") or 0)
    diffed = int(_env("CRISISKIT_DIFF_EXIT", "0") or 0)
    if validated:
        print(f"crisiskit: validate found blocking findings (exit {validated})")
    if diffed == 1:
        print("crisiskit: the diff has risky changes at or above --fail-on")
    return validated or (1 if diffed == 1 else 0)


def main(argv: list[str]) -> int:
    steps = {"validate": validate, "diff": diff, "result": result}
    if len(argv) != 2 or argv[1] not in steps:
        print(f"usage: review.py {'|'.join(steps)}", file=sys.stderr)
        return 2
    return steps[argv[1]]()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
