"""`crisiskit render-message` end to end, with golden files for text, json and markdown."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiskit.cli import app
from crisiskit.loader import load_plan
from tests.conftest import FIXTURES, REPO, assert_golden

runner = CliRunner()
GOLDEN = FIXTURES / "render"
WARUNG = str(REPO / "plans/kirana-social/warung-rasa.yaml")
HARBOR = str(REPO / "plans/harbor-outdoor.yaml")
AT = ["--at", "2026-11-28T23:00"]


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["render-message", *args])
    return result.exit_code, result.stdout, result.stderr


def _golden(name: str, actual: str) -> None:
    assert_golden(GOLDEN / name, actual)


HOLDING = [
    WARUNG,
    "holding-statement",
    "--channel",
    "x",
    "--channel",
    "instagram",
    *AT,
    "--var",
    "issue=a video from our Tebet kitchen",
    "--var",
    "issue_id=video dari dapur gerai Tebet kami",
]


def test_text_golden() -> None:
    code, out, err = _run("--plan", *HOLDING)
    assert code == 0
    _golden("holding-statement.txt", out)
    # The approval chain goes to stderr, so stdout is only the drafts.
    assert "1. Crisis lead: Eko Prasetyo (+62 815-1000-2005, on duty) ↑ moved up" in err


def test_json_golden() -> None:
    code, out, _ = _run("--plan", *HOLDING, "--format", "json")
    assert code == 0
    _golden("holding-statement.json", out)
    document = json.loads(out)
    assert [(d["channel"], d["locale"], d["ok"]) for d in document["drafts"]] == [
        ("x", "id", True),
        ("instagram", "id", True),
        ("x", "en", True),
        ("instagram", "en", True),
    ]


def test_markdown_golden() -> None:
    code, out, _ = _run("--plan", *HOLDING, "--format", "markdown")
    assert code == 0
    _golden("holding-statement.md", out)


def test_single_draft_is_bare_text() -> None:
    code, out, _ = _run(
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
    )
    assert code == 0
    assert out == (
        "We are aware of a video and are looking into it now. Next update by 11:30 PM WIB. "
        "Help: https://warungrasa.example.id/bantuan\n"
    )


def test_missing_variables_listed_without_partial_draft() -> None:
    code, out, err = _run("--plan", WARUNG, "holding-statement", "--channel", "x", *AT)
    assert (code, out) == (1, "")
    assert "--var issue=…  What people are seeing" in err
    assert "--var issue_id=…  The same, in Bahasa Indonesia" in err


def test_unknown_variable_is_a_usage_error() -> None:
    code, out, err = _run("--plan", WARUNG, "holding-statement", "--var", "isue=x")
    assert (code, out) == (2, "")
    assert "unknown variable 'isue'; did you mean 'issue'?" in err


def test_vars_file(tmp_path: Path) -> None:
    values = tmp_path / "vars.yaml"
    values.write_text("issue: a video\nissue_id: sebuah video\n")
    code, out, _ = _run(
        "--plan",
        WARUNG,
        "holding-statement",
        "--channel",
        "x",
        "--locale",
        "id",
        "--vars-file",
        str(values),
        *AT,
    )
    assert code == 0
    assert out.startswith("Kami mengetahui adanya sebuah video")


def test_channel_not_on_message() -> None:
    code, _, err = _run(
        "--plan",
        WARUNG,
        "internal-alert",
        "--channel",
        "x",
        "--var",
        "summary=s",
        "--var",
        "severity_name=SEV1",
    )
    assert code == 2
    assert "not published on 'x'" in err


def test_several_plans_need_plan_option(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    code, _, err = _run("holding-statement")
    assert code == 2
    assert "--plan plans/harbor-outdoor.yaml" in err


def test_list() -> None:
    code, out, _ = _run("--plan", HARBOR, "--list")
    assert code == 0
    assert "customer-breach-email (apology, customers)" in out
    assert "--var data_types=…  Which personal data was affected" in out


def test_list_prints_plan_text_as_written(repo_dir: Path) -> None:
    # Square brackets are placeholders in plans, not Rich markup to drop (or crash on).
    shutil.copytree(REPO / "plans", repo_dir / "plans")
    plan = repo_dir / "plans/harbor-outdoor.yaml"
    example = "reports that some Ridgeline tents collapse in strong wind"
    plan.write_text(plan.read_text().replace(example, "'[product] collapses [/b] in wind'"))
    code, out, err = _run("--plan", str(plan), "--list")
    assert code == 0, err
    assert "--var issue=…  What people are seeing, in neutral words " in out
    assert "(e.g. [product] collapses [/b] in wind)" in out


def test_output_is_atomic_and_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "draft.txt"
    target.write_text("keep")
    args = [
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
        "--output",
        str(target),
    ]
    code, _, err = _run(*args)
    assert code == 2 and "already exists" in err
    assert target.read_text() == "keep"
    assert _run(*args, "--force")[0] == 0
    assert target.read_text().startswith("We are aware of a video")


def test_incident_log_appends(tmp_path: Path) -> None:
    log = tmp_path / "incident.jsonl"
    args = [
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
        "--log",
        str(log),
    ]
    assert _run(*args)[0] == 0
    assert _run(*args)[0] == 0
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    assert len(entries) == 2
    assert entries[0]["message"] == "holding-statement"
    assert entries[0]["variables"]["issue"] == "a video"
    assert entries[0]["time"] == "2026-11-28T23:00:00+07:00"
    assert entries[0]["commit"] is None or len(entries[0]["commit"]) == 40


def test_channel_limits_from_the_configuration_apply_as_in_validate(tmp_path: Path) -> None:
    config = tmp_path / "crisiskit.toml"
    config.write_text("[channel-limits]\nx = 50\n", encoding="utf-8")
    args = ["--plan", WARUNG, "holding-statement", "--channel", "x", "--locale", "en", *AT]
    args += ["--var", "issue=a video", "--format", "json"]
    code, out, _ = _run(*args)
    assert code == 0 and json.loads(out)["drafts"][0]["limit"] == 280
    code, out, err = _run(*args, "--config", str(config))
    draft = json.loads(out)["drafts"][0]
    # Over the limit: still shown, flagged, and exit 1 unless --allow-over-limit.
    assert code == 1 and draft["limit"] == 50 and draft["ok"] is False
    assert "crisiskit: holding-statement · x · en is ✗ OVER LIMIT" in err
    code, out, _ = _run(*args, "--config", str(config), "--allow-over-limit")
    assert code == 0 and json.loads(out)["drafts"][0]["ok"] is False
    assert _run(*args, "--config", str(tmp_path / "missing.toml"))[0] == 2


def test_incident_log_names_the_commit_and_uncommitted_changes(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    plan = tmp_path / "plan.yaml"
    plan.write_text((REPO / "tests" / "fixtures" / "valid" / "minimal.yaml").read_text())
    for command in (["init", "-q"], ["add", "plan.yaml"], ["commit", "-q", "-m", "plan"]):
        subprocess.run(["git", "-C", str(tmp_path), *command], check=True, env=env)
    head = subprocess.run(
        ["git", "-C", str(tmp_path), "rev-parse", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    log = tmp_path / "incident.jsonl"
    args = ["--plan", str(plan), "holding", "--at", "2026-01-01T09:00", "--log", str(log)]
    before = datetime.now(UTC)
    assert _run(*args)[0] == 0
    plan.write_text(plan.read_text() + "# edited during the incident\n")
    assert _run(*args)[0] == 0
    first, second = (json.loads(line) for line in log.read_text().splitlines())
    assert first["commit"] == second["commit"] == head
    assert first["uncommitted_changes"] is False
    assert second["uncommitted_changes"] is True
    assert first["time"] == "2026-01-01T09:00:00+07:00"
    # Rendered now, not at the --at moment the draft speaks of.
    assert datetime.fromisoformat(first["rendered_at"]) >= before.replace(microsecond=0)


def _bundled_messages() -> list[tuple[str, str]]:
    cases = []
    for plan in sorted((REPO / "plans").rglob("*.yaml")):
        loaded = load_plan(plan)
        if loaded.plan is not None and "crisiskit:" in plan.read_text():
            cases += [(str(plan), m.id) for m in loaded.plan.messages]
    return cases


@pytest.mark.parametrize(("plan", "message"), _bundled_messages(), ids=lambda v: Path(v).stem)
def test_every_bundled_message_renders(plan: str, message: str, tmp_path: Path) -> None:
    """Every channel and locale a bundled message declares, with its variables' examples."""
    loaded = load_plan(Path(plan))
    assert loaded.plan is not None
    found = next(m for m in loaded.plan.messages if m.id == message)
    values = tmp_path / "vars.json"
    values.write_text(json.dumps({v.name: v.example for v in found.variables}))
    args = ["--plan", plan, message, "--all-channels", "--vars-file", str(values), *AT]
    code, out, err = _run(*args, "--format", "json")
    assert code == 0, err
    drafts = json.loads(out)["drafts"]
    locales = found.locales or [x.id for x in loaded.plan.locales]
    assert [(d["channel"], d["locale"]) for d in drafts] == [
        (channel, locale) for locale in locales for channel in found.channels
    ]
    for draft in drafts:
        assert draft["ok"] and draft["text"].strip(), draft
        assert not any(mark in draft["text"] for mark in ("{{", "}}", "{%", "%}", "{#")), draft
    for output_format in ("text", "markdown"):
        code, out, err = _run(*args, "--format", output_format)
        assert code == 0, err
        assert "{{" not in out and "{%" not in out


def test_templates_see_the_severity(repo_dir: Path) -> None:
    shutil.copytree(REPO / "plans", repo_dir / "plans")
    shutil.copytree(REPO / "templates", repo_dir / "templates")
    template = repo_dir / "templates/kirana-social/warung-rasa/holding-statement.en.x.j2"
    template.write_text(
        "{{ issue }}: {{ severity.name }} ({{ severity.id }}, {{ severity.level }})"
    )
    plan = str(repo_dir / "plans/kirana-social/warung-rasa.yaml")
    args = ["--plan", plan, "holding-statement", "--channel", "x", "--locale", "en", *AT]
    assert _run(*args, "--var", "issue=a video")[1] == "a video: SEV1 — Critical (sev1, 1)\n"
    out = _run(*args, "--var", "issue=a video", "--threat", "viral-food-complaint")[1]
    assert out == "a video: SEV2 — High (sev2, 2)\n"
    out = _run(*args, "--var", "issue=a video", "--severity", "sev3")[1]
    assert out == "a video: SEV3 — Medium (sev3, 3)\n"
    # validate renders the examples the same way, so CI accepts what render-message renders.
    validated = runner.invoke(app, ["validate", plan, "--today", "2026-11-24", "--format", "json"])
    assert "CK401" not in validated.stdout and "CK403" not in validated.stdout


SANDBOX = "refused by the sandbox: access to attribute"
ESCAPES = [
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", f"{SANDBOX} '__class__' of 'str'"),
    ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", f"{SANDBOX} '__init__'"),
    ("{{ lipsum.__globals__ }}", f"{SANDBOX} '__globals__' of 'function'"),
    ("{{ self._TemplateReference__context }}", f"{SANDBOX} '_TemplateReference__context'"),
    ("{{ self.__dict__ }}", f"{SANDBOX} '__dict__'"),
    ("{{ issue.__class__.__base__ }}", f"{SANDBOX} '__class__' of 'str'"),
    ("{{ org.handles.clear() }}", f"{SANDBOX} 'clear' of 'dict'"),
    ("{% include '/etc/passwd' %}", "/etc/passwd (absolute paths are not allowed"),
    ("{% import '/etc/passwd' as p %}{{ p }}", "/etc/passwd (absolute paths are not allowed"),
    ("{% include '../../../../../../etc/passwd' %}", "leads out of the repository"),
    ("{% extends 'templates/../../../etc/passwd' %}", "leads out of the repository"),
]


@pytest.mark.parametrize(("attack", "reason"), ESCAPES, ids=[a for a, _ in ESCAPES])
def test_template_escape_attempts_are_refused(attack: str, reason: str, repo_dir: Path) -> None:
    shutil.copytree(REPO / "plans", repo_dir / "plans")
    shutil.copytree(REPO / "templates", repo_dir / "templates")
    template = repo_dir / "templates/kirana-social/warung-rasa/holding-statement.en.x.j2"
    template.write_text(attack)
    plan = str(repo_dir / "plans/kirana-social/warung-rasa.yaml")
    code, out, err = _run(
        "--plan",
        plan,
        "holding-statement",
        "--channel",
        "x",
        "--locale",
        "en",
        "--var",
        "issue=x",
        *AT,
    )
    assert (code, out) == (2, ""), err
    assert err.startswith("crisiskit: error: ") and "holding-statement.en.x.j2: " in err
    assert reason in err and err.count("\n") == 1
    assert "root:" not in err


def test_prompts_for_missing_variables_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("crisiskit.cli.prompts.interactive", lambda: True)
    result = runner.invoke(
        app,
        [
            "render-message",
            "--plan",
            WARUNG,
            "holding-statement",
            "--channel",
            "x",
            "--locale",
            "en",
            *AT,
        ],
        input="a video from our kitchen\n",
    )
    assert result.exit_code == 0, result.stderr
    assert "issue — What people are seeing, in a few neutral words" in result.stderr
    # CliRunner echoes the typed answer into stdout; the draft is the last line.
    assert result.stdout.splitlines()[-1].startswith("We are aware of a video from our kitchen")


def _readme_examples() -> list[tuple[str, list[str]]]:
    """Each `$ crisiskit render-message …` in the README with the output shown under it."""
    examples: list[tuple[str, list[str]]] = []
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if not line.startswith("$ crisiskit render-message"):
            continue
        command = line
        while command.endswith("\\"):
            i += 1
            command = command[:-1] + lines[i].strip()
        shown = []
        for following in lines[i + 1 :]:
            if following.startswith(("$ ", "```")):
                break
            shown.append(following)
        examples.append((command, shown))
    return examples


@pytest.mark.parametrize(("command", "shown"), _readme_examples(), ids=lambda v: str(v)[:60])
def test_readme_examples_show_the_real_output(
    command: str, shown: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import shlex

    monkeypatch.chdir(REPO)
    code, out, err = _run(*shlex.split(command)[3:])
    assert code == 0, err
    # A piped run: stdout alone, or as a terminal shows it, the approvals (stderr) first.
    candidates = [out.splitlines(), (err + out).splitlines()]
    if "…" in shown:  # the README elides the rest
        shown = shown[: shown.index("…")]
        assert any(lines[: len(shown)] == shown for lines in candidates), out
    else:
        assert shown in candidates, err + out


def test_readme_has_render_message_examples() -> None:
    assert len(_readme_examples()) >= 3


def test_list_one_message_or_the_messages_of_a_channel() -> None:
    harbor = HARBOR
    code, out, err = _run("--plan", harbor, "--list", "holding-statement")
    assert (code, err) == (0, "")
    assert out.startswith("holding-statement (") and "\nupdate (" not in out
    code, out, _ = _run("--plan", harbor, "--list", "--channel", "customer-email")
    assert code == 0
    listed = [line.split(" (")[0] for line in out.splitlines() if line and not line.startswith(" ")]
    assert listed == ["customer-breach-email"]
    code, out, err = _run("--plan", harbor, "--list", "--channel", "emial")
    assert (code, out) == (2, "") and "unknown channel 'emial'" in err


def test_incident_log_reads_a_signed_head_without_running_gpg(tmp_path: Path) -> None:
    """A repository's `log.showSignature=true` would add signature lines to `git log`
    (the commit lost) and run its `gpg.program`: the log reads the commit without it."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    plan = tmp_path / "plan.yaml"
    plan.write_text((REPO / "tests" / "fixtures" / "valid" / "minimal.yaml").read_text())
    ran = tmp_path / "gpg-ran"
    fake_gpg = tmp_path / "fake-gpg"
    fake_gpg.write_text(f"#!/bin/sh\ntouch '{ran}'\necho 'gpg: Good signature' >&2\n")
    fake_gpg.chmod(0o755)

    def git(*command: str, stdin: str | None = None) -> str:
        return subprocess.run(
            ["git", "-C", str(tmp_path), *command],
            check=True, env=env, capture_output=True, text=True, input=stdin,
        ).stdout.strip()  # fmt: skip

    git("init", "-q")
    git("add", "plan.yaml")
    tree = git("write-tree")
    # A commit object carrying a (made-up) signature header, as `git commit -S` writes it.
    signed = (
        f"tree {tree}\nauthor t <t@example.com> 1767225600 +0000\n"
        "committer t <t@example.com> 1767225600 +0000\n"
        "gpgsig -----BEGIN PGP SIGNATURE-----\n \n AAAA\n -----END PGP SIGNATURE-----\n"
        "\nplan\n"
    )
    head = git("hash-object", "-t", "commit", "-w", "--stdin", stdin=signed)
    git("update-ref", "HEAD", head)
    git("config", "log.showSignature", "true")
    git("config", "gpg.program", str(fake_gpg))
    assert "Good signature" in git("log", "-1", "HEAD") and ran.exists()  # the trap works
    ran.unlink()
    log = tmp_path / "incident.jsonl"
    args = ["--plan", str(plan), "holding", "--at", "2026-01-01T09:00", "--log", str(log)]
    assert _run(*args)[0] == 0
    entry = json.loads(log.read_text())
    assert entry["commit"] == head
    assert entry["uncommitted_changes"] is False
    assert not ran.exists()
