"""What a newcomer meets first: defaults, wording and hints (issue: every example runs)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiskit.cli import app
from crisiskit.diagnostics.errors import UsageError
from tests.conftest import FIXTURES, REPO

runner = CliRunner()
HARBOR = REPO / "plans" / "harbor-outdoor.yaml"


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_a_mistyped_timezone_gets_the_nearest_name() -> None:
    code, out, err = _run("chart", "coverage", "--plan", str(HARBOR), "--tz", "Europe/Londn")
    assert (code, out) == (2, "")
    assert "--tz: 'Europe/Londn' is not an IANA timezone; did you mean 'Europe/London'?" in err


def test_validate_from_a_subdirectory_finds_the_repositorys_plans(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(REPO / "plans" / "kirana-social")
    code, out, err = _run("validate", "--today", "2026-11-24")
    assert (code, err) == (0, "")
    assert out.startswith("All clear: 7 files checked.")
    monkeypatch.chdir(REPO / "src" / "crisiskit")
    code, out, _ = _run("who", "--plan", str(HARBOR), "--at", "2026-11-28T23:00")
    assert code == 0 and out.startswith("Call list")


def test_without_plans_anywhere_validate_says_where_it_looked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "crisiskit.toml").write_text("", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path / "docs")
    code, out, err = _run("validate")
    assert (code, out) == (2, "")
    assert (
        f"no PATH given, and no plans/ directory in {(tmp_path / 'docs').resolve()} or above "
        f"it up to the repository root {tmp_path.resolve()}"
    ) in err
    code, _, err = _run("who")
    assert code == 2 and "no --plan given, and no plans/ directory in" in err


def test_a_copy_outside_any_repository_says_so_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(REPO / "plans", copy / "plans")
    shutil.copytree(REPO / "templates", copy / "templates")
    monkeypatch.chdir(copy)
    code, out, _ = _run("validate", "--today", "2026-11-24", "--format", "json")
    findings = json.loads(out)["findings"]
    assert code == 0
    assert [f["code"] for f in findings] == ["CK024"]
    assert "no repository root found" in findings[0]["message"]
    assert ".git, crisiskit.toml, pyproject.toml" in findings[0]["message"]


def test_the_step_summary_counts_in_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    draft = REPO / "examples" / "warung-rasa-draft.yaml"
    _run("validate", str(draft), "--format", "github", "--today", "2026-11-24")
    head = summary.read_text(encoding="utf-8").splitlines()[0]
    assert head == "### crisiskit: 2 errors, 1 warning, 0 infos in 1 file"


def test_github_format_prints_nothing_when_all_is_clear() -> None:
    code, out, err = _run("validate", str(HARBOR), "--format", "github", "--today", "2026-11-24")
    assert (code, out, err) == (0, "", "")


@pytest.mark.parametrize(("channels", "said"), [(["x"], "1 draft"), (["x", "bluesky"], "2 drafts")])
def test_render_message_counts_drafts_in_words(
    tmp_path: Path, channels: list[str], said: str
) -> None:
    out_file = tmp_path / "drafts.txt"
    picks = [arg for channel in channels for arg in ("--channel", channel)]
    code, _, err = _run(
        "render-message",
        "holding-statement",
        "--plan",
        str(HARBOR),
        *picks,
        "--var",
        "issue=a tent",
        "--no-input",
        "--output",
        str(out_file),
    )
    assert code == 0
    assert f"wrote {said} to {out_file}" in err


def test_a_log_that_fails_late_names_the_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(path: Path, text: str) -> None:
        raise UsageError(f"{path}: cannot write: No space left on device")

    monkeypatch.setattr("crisiskit.messages.incident_log.append_atomic", full_disk)
    log = tmp_path / "incident.jsonl"
    code, _, err = _run(
        "render-message",
        "holding-statement",
        "--plan",
        str(HARBOR),
        "--channel",
        "x",
        "--var",
        "issue=a tent",
        "--no-input",
        "--log",
        str(log),
    )
    assert code == 2
    assert f"--log: {log}: cannot write: No space left on device" in err


def _plan_with_suppression(tmp_path: Path, comment_before: str) -> Path:
    (tmp_path / ".git").mkdir()
    text = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    suppression = '# crisiskit: ignore[CK106] reason="a B2B brand without a public audience"\n'
    assert comment_before in text
    plan = tmp_path / "plan.yaml"
    plan.write_text(text.replace(comment_before, suppression + comment_before, 1), "utf-8")
    return plan


def test_all_clear_counts_what_was_suppressed(tmp_path: Path) -> None:
    plan = _plan_with_suppression(tmp_path, "threats:\n")
    lint_off = tmp_path / "crisiskit.toml"
    lint_off.write_text('select = ["CK106", "CK0"]\n', encoding="utf-8")
    code, out, _ = _run("validate", str(plan), "--today", "2026-11-24", "--config", str(lint_off))
    assert code == 0
    assert out.strip() == "All clear: 1 file checked, 1 finding suppressed."


def test_an_unused_suppression_says_where_it_must_go(tmp_path: Path) -> None:
    # Above the first threat, not above `threats:` where CK106 is reported.
    plan = _plan_with_suppression(tmp_path, "  - id: leak\n")
    _, out, _ = _run("validate", str(plan), "--today", "2026-11-24")
    assert "CK022" in out
    assert "CK106 is reported at line 36 (threats)" in out
    assert "use ignore-file[CK106]" in out


def test_from_inside_a_copy_the_templates_it_cannot_read_are_one_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(REPO / "plans", copy / "plans")
    shutil.copytree(REPO / "templates", copy / "templates")
    monkeypatch.chdir(copy / "plans")  # the templates are above: out of bounds here
    code, out, _ = _run("validate", ".", "--today", "2026-11-24", "--format", "json")
    findings = json.loads(out)["findings"]
    assert code == 1
    assert {f["code"] for f in findings} == {"CK024"}  # no page of CK403 per template
    read_errors = [f for f in findings if "could not be read" in f["message"]]
    assert read_errors and all(f["severity"] == "error" for f in read_errors)
