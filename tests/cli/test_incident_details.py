"""Issue 12's defects, each with a regression test: the right people, times for the
audience, terminal widths, trailing spaces, --list --threat, YAML context, help text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiskit.cli import app
from tests.conftest import REPO

runner = CliRunner()
BAYAR = str(REPO / "plans/kirana-social/bayar-cepat.yaml")
WARUNG = REPO / "plans/kirana-social/warung-rasa.yaml"
HARBOR = str(REPO / "plans/harbor-outdoor.yaml")
PLANS = [
    str(p)
    for p in sorted(REPO.glob("plans/**/*.yaml"))
    if "\ncrisiskit: 1" in "\n" + p.read_text(encoding="utf-8")  # plans, not fragments
]
PHONE = re.compile(r"\+\d[\d -]{6,}\d")


def _run(*args: str, columns: int = 80) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": str(columns)})
    return result.exit_code, result.stdout, result.stderr


def test_who_lists_the_roles_of_first_steps_and_message_approvers() -> None:
    code, out, _ = _run(
        "who", "--plan", BAYAR, "--threat", "kyc-data-leak", "--at", "2026-11-28T02:00"
    )
    assert code == 0
    assert "Security incident lead · first step 1" in out
    assert "Oscar Siregar" in out and "+62 811-4000-5002" in out
    # The SMS notice is approved by the security lead, whom nothing else in an account
    # takeover calls.
    code, out, _ = _run(
        "who",
        "--plan",
        BAYAR,
        "--threat",
        "support-account-takeover",
        "--at",
        "2026-11-28T02:00",
    )
    assert code == 0
    assert "Security incident lead · approves sms-security-notice" in out


@pytest.mark.parametrize("columns", [60, 70, 80, 120])
@pytest.mark.parametrize("plan", PLANS, ids=lambda p: Path(p).stem)
def test_who_never_cuts_a_phone_or_drops_a_column(plan: str, columns: int) -> None:
    code, out, _ = _run("who", "--plan", plan, "--at", "2026-11-28T23:00", columns=columns)
    assert code == 0
    code, full, _ = _run("who", "--plan", plan, "--at", "2026-11-28T23:00", "--format", "json")
    import json

    calls = json.loads(full)["calls"]
    for call in calls:
        if call["phone"]:
            assert call["phone"] in out, (columns, call["phone"])
        assert call["local_time"] in out
    from rich.cells import cell_len

    assert max(cell_len(line) for line in out.splitlines()) <= columns
    assert not any(line.endswith(" ") for line in out.splitlines())


@pytest.mark.parametrize(
    "args",
    [
        ["who", "--plan", HARBOR, "--threat", "account-takeover", "--at", "2026-11-28T23:00"],
        ["chart", "roles", "--plan", HARBOR],
        ["chart", "escalation", "--plan", HARBOR],
        ["chart", "threats", "--plan", HARBOR],
        ["chart", "coverage", "--plan", HARBOR, "--week", "2026-11-24"],
        ["render-message", "--plan", HARBOR, "--list"],
        ["rules"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_no_trailing_spaces_in_text_output(args: list[str]) -> None:
    code, out, _ = _run(*args)
    assert code == 0
    assert [line for line in out.splitlines() if line != line.rstrip()] == []


def test_approvers_follow_working_hours_with_backups_phones() -> None:
    base = [
        "render-message",
        "--plan",
        BAYAR,
        "update",
        "--locale",
        "en",
        "--channel",
        "x",
        "--var",
        "known=closed",
        "--threat",
        "kyc-data-leak",
    ]
    _, _, night = _run(*base, "--at", "2026-11-28T02:00")
    assert (
        "1. Crisis lead: Eko Prasetyo (+62 815-1000-2005, on duty) ↑ moved up; "
        "backups: Dewi Anggraini (+62 812-1000-2004, off duty)"
    ) in night
    _, _, day = _run(*base, "--at", "2026-11-24T10:00")  # a Tuesday morning
    assert "1. Crisis lead: Dewi Anggraini (+62 812-1000-2004, on duty); backups: Eko" in day


def _copy(tmp_path: Path, old: str, new: str) -> str:
    shutil.copytree(REPO / "plans/kirana-social", tmp_path / "plans/kirana-social")
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    (tmp_path / ".git").mkdir()
    plan = tmp_path / "plans/kirana-social/warung-rasa.yaml"
    text = plan.read_text(encoding="utf-8")
    assert text.count(old) == 1
    plan.write_text(text.replace(old, new), encoding="utf-8")
    return str(plan)


def _next_update(plan: str, channel: str, locale: str) -> str:
    code, out, err = _run(
        "render-message",
        "--plan",
        plan,
        "holding-statement",
        "--channel",
        channel,
        "--locale",
        locale,
        "--var",
        "issue=a video",
        "--var",
        "issue_id=video",
        "--at",
        "2026-11-28T23:00",
    )
    assert code == 0, err
    return out


def test_next_update_in_the_locale_or_channel_timezone(tmp_path: Path) -> None:
    assert "11:30 PM WIB" in _next_update(str(WARUNG), "x", "en")
    plan = _copy(
        tmp_path,
        "  - id: en\n    name: English\n",
        "  - id: en\n    name: English\n    timezone: America/New_York\n",
    )
    assert "11:30 AM EST" in _next_update(plan, "x", "en")
    assert "23.30 WIB" in _next_update(plan, "x", "id")  # the Indonesian audience is home
    text = Path(plan).read_text(encoding="utf-8")
    Path(plan).write_text(
        text.replace("  - id: instagram\n", "  - id: instagram\n    timezone: Europe/London\n", 1),
        encoding="utf-8",
    )
    assert "4:30 PM GMT" in _next_update(plan, "instagram", "en")  # the channel wins


def test_list_threat_lists_only_its_messages() -> None:
    code, out, _ = _run("render-message", "--plan", BAYAR, "--list", "--threat", "kyc-data-leak")
    assert code == 0
    listed = [line.split(" (")[0] for line in out.splitlines() if line and line[0] != " "]
    assert listed == ["holding-statement", "update", "internal-alert"]
    code, _, err = _run("render-message", "--plan", BAYAR, "--list", "--threat", "kyc")
    assert code == 2 and "unknown threat 'kyc'" in err


def test_yaml_syntax_errors_keep_the_parsers_context(repo_dir: Path) -> None:
    plan = repo_dir / "plan.yaml"
    plan.write_text('crisiskit: 1\norganization:\n  name: "Acme\n  default_timezone: UTC\n')
    _, out, _ = _run("validate", str(plan))
    assert "while scanning a quoted scalar that started at line 3, column 9" in out
    plan.write_text("crisiskit: 1\norganization:\n  name: @acme\n")
    _, out, _ = _run("validate", str(plan))
    assert "found character '@' that cannot start any token" in out


def test_mermaid_fence_and_markdown_charts_carry_it() -> None:
    code, out, _ = _run("chart", "threats", "--plan", HARBOR, "--format", "mermaid", "--fence")
    assert code == 0 and out.startswith("```mermaid\n") and out.endswith("\n```\n")
    code, out, _ = _run("chart", "roles", "--plan", HARBOR, "--format", "markdown")
    assert code == 0 and "\n```mermaid\n" in out and out.endswith("\n```\n")
    code, _, err = _run("chart", "roles", "--plan", HARBOR, "--fence")
    assert code == 2 and "--fence goes with --format mermaid" in err


@pytest.mark.parametrize(
    "command", [["respond"], ["render-message"], ["who"], ["validate"], ["chart", "roles"]]
)
def test_help_speaks_the_users_language(command: list[str]) -> None:
    code, out, _ = _run(*command, "--help", columns=200)
    assert code == 0
    assert not re.search(r"<(list|str|int|path|bool)\b", out.lower()), out
    if "--output" in out:
        # -o is always where output goes instead of stdout; its metavar says what it takes.
        assert re.search(r"-o, --output (PATH|DIR|FORMAT=PATH)\b", out), out
    if "--format" in out:
        assert "text" in out


def test_respond_help_has_an_example() -> None:
    _, out, _ = _run("respond", "--help", columns=200)
    assert "crisiskit respond kyc-data-leak" in out and "--allow-over-limit" in out


def test_call_list_prefers_someone_who_can_write_the_locale(tmp_path: Path) -> None:
    shutil.copytree(REPO / "plans/kirana-social", tmp_path / "plans")
    (tmp_path / ".git").mkdir()
    plan = tmp_path / "plans/bayar-cepat.yaml"
    text = plan.read_text(encoding="utf-8")
    # The client lead must write English; Nadia (primary) now speaks only Indonesian.
    text = text.replace(
        "    decision_maker: true\n", "    decision_maker: true\n    locales: [en]\n", 1
    )
    # Nadia's own entry: the first `locales: [id, en]` after her id, wherever fmt puts it.
    start = text.index("  - id: nadia\n")
    at = text.index("    locales: [id, en]\n", start)
    assert "  - id: " not in text[start + 1 : at], "the locales belong to Nadia"
    text = text[:at] + "    locales: [id]\n" + text[at + len("    locales: [id, en]\n") :]
    plan.write_text(text, encoding="utf-8")
    tuesday = ["--at", "2026-11-24T10:00"]  # both Nadia and Rudi are on duty
    code, out, _ = _run("who", "--plan", str(plan), "--threat", "kyc-data-leak", *tuesday)
    assert code == 0
    block = out[out.index("Client lead · T+30m") :].splitlines()
    assert "Rudi Hartono (backup)" in block[1] and "moved up" in block[2]
    code, _, err = _run(
        "render-message",
        "--plan",
        str(plan),
        "update",
        "--locale",
        "en",
        "--channel",
        "x",
        "--var",
        "known=closed",
        "--threat",
        "kyc-data-leak",
        *tuesday,
    )
    assert code == 0
    assert "2. Client lead: Rudi Hartono (+62 815-4000-5004, on duty) ↑ moved up" in err
    # The English-speaking backup also closes CK209's gap for English.
    result = runner.invoke(app, ["validate", str(plan), "--today", "2026-11-24"])
    assert "CK209" not in result.stdout
