"""Regressions from the review of per-threat communication: the codename never published,
deadlines in absolute time, the timeline per audience, holds, need-to-know, bounds."""

from __future__ import annotations

import json
import re
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiskit.cli.app import app
from tests.conftest import REPO

runner = CliRunner()
AT = ("--at", "2026-11-28T02:00")
BREACH = "customer-data-breach"


def _invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def harbor(repo_dir: Path) -> Path:
    """A copy of the bundled plan, its templates and examples, to break one way or another."""
    for folder in ("plans", "templates", "examples"):
        shutil.copytree(REPO / folder, repo_dir / folder)
    return repo_dir / "plans" / "harbor-outdoor.yaml"


def edit(plan: Path, old: str, new: str) -> Path:
    text = plan.read_text(encoding="utf-8")
    assert old in text, old
    plan.write_text(text.replace(old, new, 1), encoding="utf-8")
    return plan


HOLDING_X = "        file: ../templates/harbor-outdoor/holding-statement.en.x.j2"


def _include_codename(plan: Path) -> None:
    """The public X holding statement includes a partial that prints the codename."""
    templates = plan.parent.parent / "templates" / "harbor-outdoor"
    (templates / "ref.j2").write_text("Ref {{ codename }}.", encoding="utf-8")
    x = templates / "holding-statement.en.x.j2"
    x.write_text(
        x.read_text(encoding="utf-8") + ' {% include "templates/harbor-outdoor/ref.j2" %}',
        encoding="utf-8",
    )


def test_codename_through_an_include_is_found_and_never_rendered(harbor: Path) -> None:
    _include_codename(harbor)
    _, out, _ = _invoke("validate", str(harbor), "--format", "json")
    assert "CK112" in out, out
    _, out, _ = _invoke(
        "respond",
        BREACH,
        "--plan",
        str(harbor),
        *AT,
        "--no-input",
        "--vars-file",
        str(harbor.parent.parent / "examples" / "breach.yaml"),
    )
    assert "Ref ." in out
    assert "Ref Bramble" not in out


def test_a_public_template_printing_the_codename_renders_it_blank(harbor: Path) -> None:
    templates = harbor.parent.parent / "templates" / "harbor-outdoor"
    x = templates / "holding-statement.en.x.j2"
    x.write_text("Update on {{ codename }}: " + x.read_text(encoding="utf-8"), encoding="utf-8")
    _, out, _ = _invoke("validate", str(harbor), "--format", "json")
    assert "CK112" in out
    _, out, _ = _invoke(
        "respond",
        BREACH,
        "--plan",
        str(harbor),
        *AT,
        "--no-input",
        "--vars-file",
        str(harbor.parent.parent / "examples" / "breach.yaml"),
    )
    assert "Update on :" in out
    assert "Update on Bramble" not in out


def test_an_internal_message_on_a_public_channel_gets_no_codename(harbor: Path) -> None:
    _, handbook, _ = _invoke("export", "--plan", str(harbor), "--format", "markdown")
    edit(harbor, "    channels: [incident-room]", "    channels: [incident-room, x]")
    vars_file = str(harbor.parent.parent / "examples" / "breach.yaml")
    code, out, _ = _invoke(
        "respond",
        BREACH,
        "--plan",
        str(harbor),
        *AT,
        "--no-input",
        "--vars-file",
        vars_file,
        "--format",
        "json",
    )
    assert code == 0, out
    briefing = next(m for m in json.loads(out)["messages"] if m["message"] == "breach-briefing")
    texts = {d["channel"]: d["text"] for d in briefing["drafts"]}
    assert "Operation Bramble" in texts["incident-room"]
    assert "Bramble" not in texts["x"]
    code, out, _ = _invoke("export", "--plan", str(harbor), "--format", "markdown")
    assert code == 0, out
    assert out.count("Operation Bramble") == handbook.count("Operation Bramble") > 0


def test_a_shared_message_gets_a_codename_only_when_every_threat_has_it(harbor: Path) -> None:
    # tent-recall (no codename) uses the breach team's briefing too.
    edit(
        harbor,
        "    messages: [holding-statement, update, resolution]",
        "    messages: [holding-statement, update, resolution, breach-briefing]",
    )
    args = ("render-message", "breach-briefing", "--plan", str(harbor), *AT, "--var", "summary=x")
    code, out, err = _invoke(*args)
    assert code == 0, err
    assert "Operation  (need to know)" in out or "Operation (need to know)" in out
    assert "Bramble" not in out
    code, out, _ = _invoke(*args, "--threat", BREACH)
    assert "Operation Bramble" in out


def test_without_threat_channels_every_user_forbids_are_left_out(harbor: Path) -> None:
    # Only the breach uses the internal alert now; it forbids SMS, its only channel but one.
    edit(harbor, "    channels: [staff-sms]", "    channels: [staff-sms, incident-room]")
    edit(
        harbor,
        "    messages: [holding-statement, internal-alert, resolution]",
        "    messages: [holding-statement, resolution]",
    )
    edit(
        harbor,
        "    messages: [holding-statement, update, customer-breach-email, breach-briefing]",
        "    messages: [holding-statement, update, customer-breach-email, internal-alert]",
    )
    code, out, err = _invoke(
        "render-message",
        "internal-alert",
        "--plan",
        str(harbor),
        *AT,
        "--var",
        "summary=x",
        "--format",
        "json",
    )
    assert code == 0, err
    assert [d["channel"] for d in json.loads(out)["drafts"]] == ["incident-room"]
    assert "left out: staff-sms" in err


def test_render_message_with_every_channel_forbidden_exits_2(harbor: Path) -> None:
    code, out, err = _invoke(
        "render-message",
        "internal-alert",
        "--plan",
        str(harbor),
        "--threat",
        BREACH,
        "--no-input",
    )
    assert code == 2
    assert out == ""
    assert "staff-sms" in err and "must not use" in err


RECALL_VARS = ("--var", "issue=x", "--var", "known=k", "--var", "doing=d", "--var", "outcome=o")


def test_deadlines_across_the_clock_change_count_real_minutes(harbor: Path) -> None:
    vars_file = str(harbor.parent.parent / "examples" / "breach.yaml")
    args = ("respond", BREACH, "--plan", str(harbor), "--vars-file", vars_file, "--no-input")
    # 01:50 BST, ten minutes before the clocks go back: ten minutes later is 01:00 GMT.
    code, out, _ = _invoke(*args, "--at", "2026-10-25T01:50")
    assert code == 0, out
    assert "first internal response within 10m (by 01:00 GMT)" in out
    assert "by 02:00 GMT" not in out
    recall = ("respond", "tent-recall", "--plan", str(harbor), *RECALL_VARS, "--no-input")
    code, out, _ = _invoke(*recall, "--at", "2026-10-25T01:50")
    assert "1. holding-statement · within 15m → by 01:05 GMT" in out
    code, out, _ = _invoke(*recall, "--at", "2026-10-25T01:50", "--format", "json")
    assert json.loads(out)["timeline"][0]["due"] == "2026-10-25T01:05:00+00:00"


def test_a_deadline_on_another_day_shows_its_date(harbor: Path) -> None:
    edit(harbor, "      - {kind: update, after: 15m}", "      - {kind: update, after: 1d}")
    code, out, _ = _invoke(
        "respond", "tent-recall", "--plan", str(harbor), *AT, "--no-input", *RECALL_VARS
    )
    assert code == 0, out
    assert "→ by Sun 2026-11-29 02:15 GMT" in out
    assert "→ by 02:15 GMT" in out  # the first, the same day: the time alone


def test_a_timeline_too_long_for_the_calendar_is_a_validation_error(harbor: Path) -> None:
    entries = "".join("      - {kind: update, after: 36500d}\n" for _ in range(90))
    edit(
        harbor,
        "      - {kind: update, after: 15m}\n",
        "      - {kind: update, after: 15m}\n" + entries,
    )
    code, out, _ = _invoke("validate", str(harbor))
    assert code == 1
    assert "a timeline spans at most 36500d" in out
    code, out, err = _invoke(
        "respond",
        BREACH,
        "--plan",
        str(harbor),
        *AT,
        "--no-input",
        "--vars-file",
        str(harbor.parent.parent / "examples" / "breach.yaml"),
    )
    assert code in (1, 2), err
    assert "Traceback" not in out + err


def _next_update(plan: Path, message: str, *extra: str) -> str:
    values = ("issue=x",) if message == "holding-statement" else ("known=k", "doing=d")
    code, out, err = _invoke(
        "render-message",
        message,
        "--plan",
        str(plan),
        *AT,
        "--channel",
        "x",
        *(f"--var={v}" for v in values),
        *extra,
    )
    assert code == 0, err
    found = re.search(r"next update by (\d+:\d\d [AP]M)", out, re.IGNORECASE)
    assert found is not None, out
    return found.group(1)


def test_next_update_waits_for_an_entry_of_the_same_audience(harbor: Path) -> None:
    # An internal alert 2 minutes after the holding statement is not its follow-up.
    edit(
        harbor,
        "      - {kind: update, after: 15m}",
        "      - {kind: internal-alert, after: 2m}\n      - {kind: update, after: 30m}",
    )
    assert _next_update(harbor, "holding-statement") == "2:30 AM"  # the 30m cadence


def test_next_update_is_never_later_than_the_cadence(harbor: Path) -> None:
    edit(
        harbor,
        "      - {kind: update, after: 15m}",
        "      - {kind: update, after: 15m}\n      - {kind: resolution, after: 1d}",
    )
    assert _next_update(harbor, "update") == "2:30 AM"
    # The breach's update is due 10m + 15m after the declaration: sooner than the cadence.
    assert _next_update(harbor, "holding-statement", "--threat", BREACH) == "2:25 AM"


def test_a_threat_first_response_that_reorders_the_timeline_is_flagged(harbor: Path) -> None:
    edit(
        harbor,
        "      - {kind: holding-statement, within: 15m}\n      - {kind: update, after: 15m}",
        "      - {kind: holding-statement, within: 5m}\n      - {kind: update, within: 20m}",
    )
    edit(harbor, "      first_response: 10m", "      first_response: 45m")
    _, out, _ = _invoke("validate", str(harbor), "--format", "json")
    found = {(f["code"], f["path"]) for f in json.loads(out)["findings"]}
    assert ("CK314", "threats[1].communication.first_response") in found, out
    assert ("CK313", "threats[1].communication.first_response") in found, out
    edit(harbor, "      public_statement: after-validation", "      public_statement: immediate")
    _, out, _ = _invoke(
        "respond",
        BREACH,
        "--plan",
        str(harbor),
        *AT,
        "--no-input",
        "--format",
        "json",
        "--vars-file",
        str(harbor.parent.parent / "examples" / "breach.yaml"),
    )
    timeline = [(t["what"], t["due"]) for t in json.loads(out)["timeline"]]
    assert timeline == [
        ("update", "2026-11-28T02:20:00+00:00"),
        ("holding-statement", "2026-11-28T02:45:00+00:00"),
    ]


def _codes_at(plan: Path, path: str) -> set[str]:
    _, out, _ = _invoke("validate", str(plan), "--format", "json")
    return {f["code"] for f in json.loads(out)["findings"] if f["path"] == path}


def test_a_held_threat_first_response_is_internal(harbor: Path) -> None:
    where = "threats[1].communication.first_response"
    edit(harbor, "      first_response: 10m", "      first_response: 2h")
    assert "CK307" not in _codes_at(harbor, where)  # held: not a public deadline
    edit(harbor, "      public_statement: after-validation", "      public_statement: immediate")
    assert "CK307" in _codes_at(harbor, where)


def test_a_held_threat_sets_no_drill_statement_target(harbor: Path) -> None:
    from crisiskit.drills.scenarios import statement_target
    from tests.conftest import load_valid

    # Without the scenario's own statement action (1h), the threat would set the target.
    edit(harbor, "          within: 1h\n          first_statement: true", "          within: 1h")
    loaded = load_valid(harbor)
    breach = next(s for s in loaded.plan.drills.scenarios if s.threat == BREACH)
    assert statement_target(loaded, breach) is None
    edit(harbor, "      public_statement: after-validation", "      public_statement: immediate")
    loaded = load_valid(harbor)
    breach = next(s for s in loaded.plan.drills.scenarios if s.threat == BREACH)
    assert statement_target(loaded, breach) == timedelta(minutes=10)


def test_public_drafts_at_an_internal_only_level_warn_and_promise_nothing(
    harbor: Path,
) -> None:
    code, out, err = _invoke(
        "render-message",
        "holding-statement",
        "--plan",
        str(harbor),
        *AT,
        "--severity",
        "sev4",
        "--channel",
        "x",
        "--var",
        "issue=x",
    )
    assert code == 0, err
    assert "internal only: sev4 makes no public response" in err
    assert not re.search(r"next update by \d", out, re.IGNORECASE)
    code, out, err = _invoke(
        "render-message",
        "holding-statement",
        "--plan",
        str(harbor),
        *AT,
        "--severity",
        "sev4",
        "--var",
        "issue=x",
        "--format",
        "json",
    )
    assert any("internal only: sev4" in w for w in json.loads(out)["warnings"])
    code, out, _ = _invoke(
        "respond",
        "tent-recall",
        "--plan",
        str(harbor),
        *AT,
        "--severity",
        "sev4",
        "--no-input",
        *RECALL_VARS,
        "--format",
        "json",
    )
    document = json.loads(out)
    assert any("internal only: sev4" in w for w in document["warnings"])
    texts = [d["text"] for m in document["messages"] for d in m["drafts"]]
    assert not any(re.search(r"next update by \d", t, re.IGNORECASE) for t in texts)


def test_the_hold_is_marked_on_every_held_message(harbor: Path) -> None:
    vars_file = str(harbor.parent.parent / "examples" / "breach.yaml")
    args = ("respond", BREACH, "--plan", str(harbor), *AT, "--vars-file", vars_file)
    code, out, _ = _invoke(*args, "--no-input")
    assert "===== holding-statement: Holding statement · HELD until the facts are" in out
    assert "===== breach-briefing: Need-to-know briefing for the breach team =====" in out
    code, out, _ = _invoke(*args, "--no-input", "--format", "markdown")
    assert "Holding statement — HELD until the facts are validated" in out
    folder, log = harbor.parent / "response", harbor.parent / "incident.jsonl"
    code, _, err = _invoke(*args, "--no-input", "--output", str(folder), "--log", str(log))
    assert code == 0, err
    held = (folder / "holding-statement.x.en.txt").read_text(encoding="utf-8")
    assert held.startswith("HOLD: do not publish until the facts are validated")
    briefing = (folder / "breach-briefing.incident-room.en.txt").read_text(encoding="utf-8")
    assert briefing.startswith("Operation Bramble")
    index = (folder / "index.md").read_text(encoding="utf-8")
    assert "(`holding-statement`) — HELD until the facts are validated" in index
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert {r["message"]: r["held"] for r in records} == {
        "holding-statement": True,
        "update": True,
        "customer-breach-email": True,
        "breach-briefing": False,
    }


def _diff(old: Path, new: Path) -> tuple[str, list[dict[str, object]]]:
    code, out, err = _invoke("diff", str(old), str(new), "--format", "json")
    assert code in (0, 1), err
    document = json.loads(out)
    changes = [c for c in document["changes"] if "communication" in str(c.get("detail", ""))]
    return out, changes


def test_diff_names_each_loosening_and_a_widened_circle(harbor: Path) -> None:
    old = harbor.parent / "old.yaml"
    old.write_text(harbor.read_text(encoding="utf-8"), encoding="utf-8")
    edit(
        harbor,
        "      need_to_know: [crisis-lead, dpo]",
        "      need_to_know: [crisis-lead, dpo, executive]",
    )
    _, [change] = _diff(old, harbor)
    assert change["risk"]["level"] == "medium"  # type: ignore[index]
    assert "need-to-know widened to executive" in str(change["risk"])
    edit(harbor, "      forbidden_platforms: [sms]", "      forbidden_platforms: []")
    edit(harbor, "      first_response: 10m", "      first_response: 5m")
    _, [change] = _diff(old, harbor)
    assert "may use sms again" in str(change["risk"])
    assert "widened to executive" in str(change["risk"])
    assert "first_response: 10m → 5m" in str(change["detail"])


def test_an_internal_template_showing_a_blank_codename_warns(harbor: Path) -> None:
    # tent-recall, without a codename, uses the briefing that says "Operation {{ codename }}".
    edit(
        harbor,
        "    messages: [holding-statement, update, resolution]",
        "    messages: [holding-statement, update, resolution, breach-briefing]",
    )
    code, _, err = _invoke(
        "render-message",
        "breach-briefing",
        "--plan",
        str(harbor),
        *AT,
        "--var",
        "summary=x",
        "--threat",
        "tent-recall",
    )
    assert code == 0, err
    assert "blank codename: 'breach-briefing'" in err
    code, out, _ = _invoke(
        "respond",
        "tent-recall",
        "--plan",
        str(harbor),
        *AT,
        "--no-input",
        *RECALL_VARS,
        "--var",
        "summary=x",
        "--format",
        "json",
    )
    assert any(w.startswith("blank codename") for w in json.loads(out)["warnings"])
    _, _, err = _invoke(
        "render-message",
        "breach-briefing",
        "--plan",
        str(harbor),
        *AT,
        "--var",
        "summary=x",
        "--threat",
        BREACH,
    )
    assert "blank codename" not in err


def test_readme_need_to_know_example_is_real_output(monkeypatch: pytest.MonkeyPatch) -> None:
    import shlex

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("$ crisiskit respond customer-data-breach")
    block = readme[start : readme.index("```", start)].rstrip("\n").splitlines()
    command = block[0][:-1] + block[1].strip()
    monkeypatch.chdir(REPO)
    result = runner.invoke(app, shlex.split(command)[2:], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    shown = "\n".join(block[2:]).split("\n…\n")
    assert len(shown) == 3
    for chunk in shown:
        assert chunk in result.stdout


def test_the_heading_next_update_agrees_with_the_timeline(harbor: Path) -> None:
    edit(harbor, "      - {kind: update, after: 15m}", "      - {kind: update, after: 5m}")
    code, out, _ = _invoke(
        "respond", "tent-recall", "--plan", str(harbor), *AT, "--no-input", *RECALL_VARS
    )
    assert code == 0, out
    assert "updates every 30m (next by 02:20 GMT)" in out
    assert "2. update · 5m after the previous → by 02:20 GMT" in out
