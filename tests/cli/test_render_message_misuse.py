"""`crisiskit render-message` misused mid-incident: one clear line, the right exit code,
and never a draft (or a prompt) when something was refused."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiskit.cli import app
from tests.conftest import REPO

runner = CliRunner()
WARUNG = str(REPO / "plans/kirana-social/warung-rasa.yaml")
AT = ["--at", "2026-11-28T23:00"]
# A valid request for one draft: each case below spoils one thing about it.
ONE = [
    "--plan",
    WARUNG,
    "holding-statement",
    "--channel",
    "x",
    "--locale",
    "en",
    *AT,
    "--var",
    "issue=a video",
]
BOTH_VARS = ["--var", "issue=a video", "--var", "issue_id=sebuah video"]


def _run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["render-message", *args], input=input)
    return result.exit_code, result.stdout, result.stderr


def _vars_file(tmp_path: Path, text: str, name: str = "vars.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _cases(tmp: Path) -> dict[str, tuple[list[str], str]]:
    (tmp / "exists.txt").write_text("keep")
    (tmp / "a-file").write_text("")
    plan = ["--plan", WARUNG, "holding-statement"]
    return {
        **_vars_file_cases(tmp, plan),
        **_output_cases(tmp),
        "unknown-message": (
            ["--plan", WARUNG, "holding-stat", *BOTH_VARS],
            "unknown message 'holding-stat'; did you mean 'holding-statement'?",
        ),
        "no-message": (["--plan", WARUNG], "name a MESSAGE: holding-statement, update"),
        "unknown-channel": (
            [*plan, "--channel", "twitter", *BOTH_VARS],
            "'holding-statement' is not published on 'twitter' (channels: x, instagram",
        ),
        "unknown-locale": (
            [*plan, "--locale", "fr", *BOTH_VARS],
            "'holding-statement' has no locale 'fr' (locales: id, en)",
        ),
        "unknown-threat": (
            [*plan, "--threat", "data-leek", *BOTH_VARS],
            "unknown threat 'data-leek'; did you mean 'data-leak'?",
        ),
        "unknown-severity": ([*plan, "--severity", "sev9", *BOTH_VARS], "unknown severity 'sev9'"),
        "channel-and-all-channels": (
            [*plan, "--channel", "x", "--all-channels", *BOTH_VARS],
            "give --channel or --all-channels, not both",
        ),
        "var-without-equals": ([*plan, "--var", "issue"], "--var: 'issue' must be NAME=VALUE"),
        "var-without-name": ([*plan, "--var", "=a video"], "--var: '=a video' must be NAME=VALUE"),
        "unknown-variable": (
            [*plan, *BOTH_VARS, "--var", "isue=x"],
            "unknown variable 'isue'; did you mean 'issue'?",
        ),
        "bad-at": ([*plan, *BOTH_VARS, "--at", "tonight"], "--at: 'tonight' is not an ISO 8601"),
        # Refused before variables are checked: the typo is the thing to fix first.
        "unknown-channel-and-missing-variables": (
            [*plan, "--channel", "twitter"],
            "not published on 'twitter'",
        ),
    }


def _vars_file_cases(tmp: Path, plan: list[str]) -> dict[str, tuple[list[str], str]]:
    return {
        "vars-file-missing": (
            [*plan, "--vars-file", f"{tmp}/none.yaml"],
            "none.yaml: No such file or directory",
        ),
        "vars-file-is-a-directory": ([*plan, "--vars-file", str(tmp)], "Is a directory"),
        "vars-file-invalid-yaml": (
            [*plan, "--vars-file", _vars_file(tmp, "issue: [a video\n")],
            "vars.yaml:2:1: while parsing a flow sequence",
        ),
        "vars-file-invalid-json": (
            [*plan, "--vars-file", _vars_file(tmp, '{"issue": "a video",', "vars.json")],
            "vars.json:2:1: while parsing a flow node",
        ),
        "vars-file-not-a-mapping": (
            [*plan, "--vars-file", _vars_file(tmp, "- issue\n- issue_id\n", "list.yaml")],
            "list.yaml: must be a mapping of variable names to values",
        ),
        "vars-file-list-value": (
            [*plan, "--vars-file", _vars_file(tmp, "issue: [a, b]\n", "l.yaml")],
            "l.yaml:1: 'issue' must be a single value, not a list",
        ),
        "vars-file-mapping-value": (
            [*plan, "--vars-file", _vars_file(tmp, "issue:\n  en:\n    a: video\n", "m.yaml")],
            "m.yaml:3: 'issue.en' must be a single value, not a mapping",
        ),
        "vars-file-empty-value": (
            [*plan, "--vars-file", _vars_file(tmp, "issue:\nissue_id: x\n", "n.yaml")],
            "n.yaml:1: 'issue' has no value; write one, or leave the name out",
        ),
        "vars-file-duplicate-key": (
            [*plan, "--vars-file", _vars_file(tmp, "issue: a\nissue: b\n", "d.yaml")],
            "d.yaml:2:1: duplicate key 'issue' (first written on line 1)",
        ),
        "vars-file-code-tag": (
            [*plan, "--vars-file", _vars_file(tmp, "issue: !!python/name:os.system x\n", "t.yaml")],
            "t.yaml:1:8: tag !!python/name:os.system is not allowed",
        ),
    }


def _output_cases(tmp: Path) -> dict[str, tuple[list[str], str]]:
    return {
        "output-exists": (
            [*ONE, "--output", f"{tmp}/exists.txt"],
            "exists.txt already exists; use --force to overwrite it",
        ),
        "output-missing-directory": (
            [*ONE, "--output", f"{tmp}/no/draft.txt"],
            f"--output: {tmp}/no/draft.txt: directory {tmp}/no does not exist",
        ),
        "output-is-a-directory": (
            [*ONE, "--output", str(tmp), "--force"],
            f"--output: {tmp} is a directory; give a file name",
        ),
        "log-missing-directory": (
            [*ONE, "--log", f"{tmp}/no/incident.jsonl"],
            "directory",
        ),
        "log-under-a-file": ([*ONE, "--log", f"{tmp}/a-file/incident.jsonl"], "does not exist"),
        "log-is-a-directory": ([*ONE, "--log", str(tmp)], "is a directory"),
    }


def _case_names() -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        return sorted(_cases(Path(tmp)))


CASE_NAMES = _case_names()


@pytest.mark.parametrize("name", CASE_NAMES)
def test_misuse_is_one_clear_line_and_exit_2(name: str, tmp_path: Path) -> None:
    args, expected = _cases(tmp_path)[name]
    before = sorted(p.name for p in tmp_path.iterdir())
    code, out, err = _run(*args)
    assert (code, out) == (2, ""), err
    assert err.startswith("crisiskit: error: ") and err.count("\n") == 1, err
    assert expected in err
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written
    assert (tmp_path / "exists.txt").read_text() == "keep"


def test_unknown_format_is_a_usage_error() -> None:
    code, out, err = _run(*ONE, "--format", "yaml")
    assert (code, out) == (2, "")
    assert "'yaml' is not one of 'text', 'json', 'markdown'" in err


def test_missing_variables_exit_1_listing_every_one_with_its_description() -> None:
    code, out, err = _run("--plan", WARUNG, "holding-statement", *AT)
    assert (code, out) == (1, "")
    assert err == (
        "crisiskit: missing variables for 'holding-statement':\n"
        "  --var issue=…  What people are seeing, in a few neutral words "
        "(e.g. posts about a kitchen at our Tebet outlet)\n"
        "  --var issue_id=…  The same, in Bahasa Indonesia "
        "(e.g. unggahan tentang dapur di gerai Tebet kami)\n"
    )


def test_only_the_variables_of_the_selected_templates_are_required() -> None:
    code, out, err = _run("--plan", WARUNG, "holding-statement", "--locale", "en", *AT)
    assert (code, out) == (1, "")
    assert "--var issue=…" in err and "issue_id" not in err


def test_no_prompt_when_the_request_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("crisiskit.cli.prompts.interactive", lambda: True)
    code, out, err = _run(
        "--plan", WARUNG, "holding-statement", "--channel", "twitter", input="a video\n"
    )
    assert (code, out) == (2, "")
    assert "What people are seeing" not in err


def test_no_prompt_with_no_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("crisiskit.cli.prompts.interactive", lambda: True)
    code, out, err = _run(
        "--plan", WARUNG, "holding-statement", "--locale", "en", "--no-input", *AT
    )
    assert (code, out) == (1, "")
    assert "missing variables" in err


def test_numbers_in_a_vars_file_are_published_as_written(tmp_path: Path) -> None:
    # YAML reads 1.200 (Indonesian for 1,200) as the float 1.2, and +62… as an int.
    values = _vars_file(tmp_path, "issue: 1.200\n")
    code, out, _ = _run(*ONE[:-2], "--vars-file", values)
    assert code == 0
    assert out.startswith("We are aware of 1.200 and")
    values = _vars_file(tmp_path, '{"issue": +6281210002004}', "vars.json")
    assert "aware of +6281210002004 and" in _run(*ONE[:-2], "--vars-file", values)[1]


def test_var_overrides_the_vars_file(tmp_path: Path) -> None:
    values = _vars_file(tmp_path, "issue: from the file\n")
    code, out, _ = _run(*ONE[:-2], "--vars-file", values, "--var", "issue=from the flag")
    assert code == 0 and "aware of from the flag and" in out


def test_template_leaving_the_repository_is_named_not_asked_for(
    repo_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    shutil.copytree(REPO / "plans", repo_dir / "plans")
    shutil.copytree(REPO / "templates", repo_dir / "templates")
    secret = tmp_path_factory.mktemp("outside") / "secret.txt"
    secret.write_text("root:x:0:0")
    template = repo_dir / "templates/kirana-social/warung-rasa/holding-statement.en.x.j2"
    template.unlink()
    os.symlink(secret, template)
    code, out, err = _run(
        "--plan",
        str(repo_dir / "plans/kirana-social/warung-rasa.yaml"),
        "holding-statement",
        "--channel",
        "x",
        "--locale",
        "en",
        *AT,
    )
    assert (code, out) == (2, "")
    assert "holding-statement.en.x.j2" in err and "symlink" in err
    assert "missing variables" not in err and "root:" not in err


def test_log_is_written_before_the_draft_is_shown(tmp_path: Path) -> None:
    log = tmp_path / "incident.jsonl"
    log.write_text('{"earlier": true}')  # no final newline: the next entry still starts a line
    code, out, _ = _run(*ONE, "--log", str(log))
    assert code == 0 and out.startswith("We are aware of a video")
    lines = log.read_text().splitlines()
    assert json.loads(lines[0]) == {"earlier": True}
    entry = json.loads(lines[1])
    assert (entry["message"], entry["channel"], entry["locale"]) == ("holding-statement", "x", "en")
    assert entry["variables"] == {"issue": "a video"}
    assert entry["text"] == out.rstrip("\n")


def test_repeated_channel_or_locale_renders_once() -> None:
    code, out, _ = _run(*ONE, "--channel", "x", "--locale", "en", "--format", "json")
    assert code == 0
    assert len(json.loads(out)["drafts"]) == 1


def test_piped_text_has_no_terminal_decoration() -> None:
    code, out, err = _run(*ONE)
    assert code == 0
    assert out == (
        "We are aware of a video and are looking into it now. Next update by 11:30 PM WIB. "
        "Help: https://warungrasa.example.id/bantuan\n"
    )
    assert "\x1b[" not in out and "╭" not in out
    # The approval chain follows working hours, as `who` does: Dewi is off at 23:00.
    assert err.startswith(
        "Approve before publishing, in order:\n  1. Crisis lead: Eko Prasetyo "
        "(+62 815-1000-2005, on duty) ↑ moved up; backups: Dewi Anggraini"
    )
