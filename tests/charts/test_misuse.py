"""Charts and `who` misused: one line, exit 2 (usage) or 1 (an invalid plan), never a
traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiskit.cli import app
from tests.conftest import REPO

HARBOR = REPO / "plans/harbor-outdoor.yaml"
runner = CliRunner()


def _run(args: list[str]) -> tuple[int, str, str]:
    result = runner.invoke(app, args, env={"COLUMNS": "80"})
    return result.exit_code, result.stdout, result.stderr


FRAGMENT = str(REPO / "plans/kirana-social/agency-team.yaml")
MISUSE = [
    (["who", "--plan", str(HARBOR), "--threat", "alien-invasion"], "unknown threat"),
    (["who", "--plan", str(HARBOR), "--threat", "acount-takeover"], "did you mean"),
    (["who", "--plan", str(HARBOR), "--severity", "sev9"], "unknown severity"),
    (["who", "--plan", str(HARBOR), "--at", "tomorrow"], "--at"),
    (["who", "--plan", str(HARBOR), "--at", "2026-11-28T25:00"], "--at"),
    (["who", "--plan", str(HARBOR), "--at", "9999-12-31T23:59+00:00"], "out of range"),
    (["who", "--plan", str(HARBOR), "--at", "0001-01-01T00:00"], "out of range"),
    (["who", "--plan", "missing.yaml"], "no such plan"),
    (["who", "--plan", FRAGMENT], "is a fragment"),
    (["chart", "roles", "--plan", FRAGMENT], "use a plan that includes it, e.g. --plan"),
    (["chart", "threats", "--plan", "missing.yaml"], "no such plan"),
    (["chart", "coverage", "--plan", str(HARBOR), "--tz", "Mars/Olympus"], "--tz"),
    (["chart", "coverage", "--plan", str(HARBOR), "--tz", ""], "--tz"),
    (["chart", "coverage", "--plan", str(HARBOR), "--tz", "../../etc/passwd"], "--tz"),
    (["chart", "coverage", "--plan", str(HARBOR), "--week", "2026-02-30"], "--week"),
    (["chart", "coverage", "--plan", str(HARBOR), "--week", "9999-12-31"], "out of range"),
]


@pytest.mark.parametrize(("args", "expected"), MISUSE, ids=lambda a: str(a)[:40])
def test_misuse_is_one_line_and_exit_2(args: list[str], expected: str) -> None:
    code, out, err = _run(args)
    assert (code, out) == (2, "")
    assert err.startswith("crisiskit: error:") and err.count("\n") == 1, err
    assert expected in err


def test_invalid_plan_exits_1_with_findings(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    broken = tmp_path / "plan.yaml"
    broken.write_text(HARBOR.read_text(encoding="utf-8").replace("primary: tom", "primary: tomm"))
    code, out, err = _run(["who", "--plan", str(broken)])
    assert (code, out) == (1, "")
    assert "unknown person 'tomm'" in err and "Traceback" not in err


def test_unknown_format_is_a_usage_error() -> None:
    code, _, err = _run(["chart", "threats", "--plan", str(HARBOR), "--format", "svg"])
    assert code == 2 and "Traceback" not in err


def test_a_fragment_no_plan_includes_is_refused_without_a_suggestion(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    team = tmp_path / "team.yaml"
    team.write_text("people:\n  - id: rina\n    name: Rina\n    email: rina@example.com\n")
    code, out, err = _run(["chart", "roles", "--plan", str(team)])
    assert (code, out) == (2, "")
    assert "is a fragment, not a plan" in err and "--plan" not in err
