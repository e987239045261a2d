"""Per-threat communication rules, internal-only severities and a severity's timeline,
from the plan to `who`, `respond` and `render-message`."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from crisiskit.cli.app import app
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import all_rules
from crisiskit.model.communication import Severity
from tests.conftest import TODAY, load_valid

PLAN = """\
crisiskit: 1
organization: {name: Acme, default_timezone: Europe/London, help_url: "https://acme.example"}
locales: [{id: en, spokesperson: comms}]
channels:
  - {id: web, platform: website}
  - {id: texts, platform: sms}
  - {id: room, platform: chat, audience: internal}
people:
  - {id: ana, name: Ana, phone: "+44 7911 100001"}
  - {id: ben, name: Ben, phone: "+44 7911 100002"}
  - {id: cai, name: Cai, phone: "+44 7911 100003"}
roles:
  - {id: lead, name: Incident lead, primary: ana, backups: [ben], decision_maker: true,
     responsibilities: [Decide]}
  - {id: security, name: Security lead, primary: ben, backups: [ana],
     responsibilities: [Contain]}
  - {id: comms, name: Comms team, primary: cai, backups: [ana], responsibilities: [Write]}
severities:
  - id: sev1
    name: SEV1
    level: 1
    criteria: [Public harm]
    first_response: 15m
    update_every: 1h
    timeline:
      - {kind: holding-statement, within: 5m}
      - {message: scoping, after: 5m}
    phases: [{until: 2h, update_every: 20m}]
    responder: lead
    notify: [security, comms]
    approvers: [lead]
  - {id: sev4, name: SEV4 ticket, level: 4, criteria: [One complaint], internal_only: true,
     responder: comms}
threats:
  - id: breach
    name: Data breach
    kind: data-leak
    likelihood: possible
    impact: severe
    severity: sev1
    owner: lead
    signals: [Data offered online]
    first_steps:
      - {action: Contain the breach, role: security, within: 30m}
      - {action: Notify the ICO, role: lead, regulation: gdpr-art-33}
    messages: [holding, scoping, briefing]
    communication:
      need_to_know: [security]
      codename: Nightjar
      public_statement: after-validation
      forbidden_platforms: [sms]
      first_response: 10m
  - id: outage
    name: Outage
    kind: service-outage
    likelihood: likely
    impact: major
    severity: sev1
    owner: lead
    signals: [Checkout errors]
    first_steps: [Check the status page]
    messages: [holding, scoping]
messages:
  - {id: holding, name: Holding, kind: holding-statement, channels: [web, texts],
     templates: [{locale: en, text: "We are looking into it. Next update by {{ next_update }}."}]}
  - {id: scoping, name: Scoping, kind: update, channels: [web],
     templates: [{locale: en, text: "What we know. Next update by {{ next_update }}."}]}
  - {id: briefing, name: Briefing, kind: internal-alert, audience: internal, channels: [room],
     templates: [{locale: en, text: "Operation {{ codename }}: next update {{ next_update }}."}]}
"""

AT = ["--at", "2026-11-27T10:00"]
runner = CliRunner()


@pytest.fixture
def plan(repo_dir: Path) -> Path:
    path = repo_dir / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def _invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_who_notifies_only_those_who_need_to_know(plan: Path) -> None:
    code, out, _ = _invoke("who", "--plan", str(plan), "--threat", "breach", *AT, "-f", "json")
    assert code == 0
    calls = json.loads(out)
    roles = {c["role"]: c["reason"] for c in calls["calls"]}
    assert roles == {"lead": "owns the threat", "security": "first step 1"}
    assert "comms" not in roles  # the severity notifies it; the breach does not
    assert calls["codename"] == "Nightjar" and calls["need_to_know"] is True
    assert calls["hold_public"] is True and calls["first_response"] == "10m"
    # Another threat at the same severity keeps the severity's notify list.
    code, out, _ = _invoke("who", "--plan", str(plan), "--threat", "outage", *AT, "-f", "json")
    other = json.loads(out)
    assert {c["role"] for c in other["calls"]} == {"lead", "security", "comms"}
    assert other["codename"] is None and other["need_to_know"] is False


def test_who_text_states_the_threat_rules(plan: Path) -> None:
    code, out, _ = _invoke("who", "--plan", str(plan), "--threat", "breach", *AT)
    assert code == 0
    words = " ".join(out.split())  # the rules line wraps at the terminal's width
    assert "codename Nightjar (internal only)" in words
    assert "no public statement until the facts are validated" in words
    assert "first internal response within 10m" in words


def test_respond_json_has_codename_hold_timeline_and_own_first_response(plan: Path) -> None:
    code, out, _ = _invoke(
        "respond", "breach", "--plan", str(plan), *AT, "--no-input", "--format", "json"
    )
    assert code == 0, out
    document = json.loads(out)
    assert document["first_response"] == "10m"  # the threat's, not SEV1's 15m
    assert document["codename"] == "Nightjar"
    assert document["public_statement"] == "after-validation"
    assert any("holding, scoping" in w and "validated" in w for w in document["warnings"])
    assert any(w.startswith("left out: texts for 'holding'") for w in document["warnings"])
    # Held public entries have no clock deadline: they go out once the facts are validated.
    timeline = [(t["message"], t["due"], t["held"]) for t in document["timeline"]]
    assert timeline == [("holding", None, True), ("scoping", None, True)]
    drafts = {
        (m["message"], d["channel"]): d["text"] for m in document["messages"] for d in m["drafts"]
    }
    assert ("holding", "texts") not in drafts  # SMS is forbidden for the breach
    # The holding statement promises the scoping message; the phases take over after it.
    assert drafts[("holding", "web")].endswith("Next update by 10:15 AM GMT.")
    assert drafts[("scoping", "web")].endswith("Next update by 10:20 AM GMT.")
    assert drafts[("briefing", "room")].startswith("Operation Nightjar:")
    held = {m["message"]: m["held"] for m in document["messages"]}
    assert held == {"holding": True, "scoping": True, "briefing": False}


def test_respond_text_shows_the_hold_and_the_timeline(plan: Path) -> None:
    code, out, _ = _invoke("respond", "breach", "--plan", str(plan), *AT, "--no-input")
    assert code == 0
    # Held: the threat's own first response is the internal one; public entries wait.
    assert "first internal response within 10m (by 10:10 GMT)" in out
    assert "codename Nightjar (internal only)" in out
    assert "⚠ hold: threat 'breach' makes no public statement" in out
    assert "1. holding · held — publish after validation" in out
    assert "2. scoping · held — publish after validation" in out
    assert "→ by 10:1" not in out.split("Call list")[0]


def test_respond_without_threat_rules_keeps_the_severity(plan: Path) -> None:
    code, out, _ = _invoke(
        "respond", "outage", "--plan", str(plan), *AT, "--no-input", "--format", "json"
    )
    document = json.loads(out)
    assert code == 0
    assert document["first_response"] == "15m" and document["warnings"] == []
    assert [t["due"] for t in document["timeline"]] == [
        "2026-11-27T10:05:00+00:00",
        "2026-11-27T10:10:00+00:00",
    ]
    channels = {d["channel"] for m in document["messages"] for d in m["drafts"]}
    assert channels == {"web", "texts"}


def test_render_message_warns_on_a_held_public_message(plan: Path) -> None:
    args = ["render-message", "holding", "--plan", str(plan), "--threat", "breach", *AT]
    code, out, err = _invoke(*args, "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["warnings"] and "validated" in document["warnings"][0]
    assert [d["channel"] for d in document["drafts"]] == ["web"]
    code, out, err = _invoke(*args)
    assert code == 0 and "warning: hold: threat 'breach'" in err
    # Without --threat the message also serves the outage: no hold to warn about.
    code, out, err = _invoke("render-message", "holding", "--plan", str(plan), *AT)
    assert code == 0 and "hold" not in err


def test_render_message_refuses_a_forbidden_channel_asked_for(plan: Path) -> None:
    code, _, err = _invoke(
        "render-message", "holding", "--plan", str(plan), "--threat", "breach",
        "--channel", "texts", *AT,
    )  # fmt: skip
    assert code == 2
    assert "threat 'breach' must not use channel 'texts'" in err
    assert "render without --threat" in err


def test_render_message_gives_the_codename_to_internal_templates(plan: Path) -> None:
    code, out, _ = _invoke("render-message", "briefing", "--plan", str(plan), *AT)
    assert code == 0 and "Operation Nightjar:" in out


def test_a_variable_called_codename_keeps_validating_and_wins(repo_dir: Path) -> None:
    path = repo_dir / "plan.yaml"
    path.write_text(
        PLAN.replace(
            "audience: internal, channels: [room],",
            "audience: internal, channels: [room], variables: [{name: codename, "
            "description: Product code, example: X1}],",
        ),
        encoding="utf-8",
    )
    load_valid(path)
    code, out, _ = _invoke(
        "render-message", "briefing", "--plan", str(path), *AT, "--var", "codename=P-7"
    )
    assert code == 0 and "Operation P-7:" in out


def _findings(path: Path, code: str) -> list[str]:
    context = LintContext(load_valid(path), TODAY)
    check = next(r for r in all_rules() if r.code == code)
    return [".".join(map(str, v.path)) for v in check.check(context)]


SEV4 = "level: 4, criteria: [One complaint], internal_only: true,"
# What each rule would hold the ticket level to, were it not internal-only: CK305 a
# first response faster than SEV1's; CK307 a slow one at what becomes the top level.
TIMINGS = {
    "CK303": [],
    "CK306": [],
    "CK305": [(SEV4, SEV4 + " first_response: 5m,")],
    "CK307": [(SEV4, SEV4 + " first_response: 4h,"), ("    level: 1\n", "    level: 5\n")],
}
UNMARKED = {
    "CK303": ["severities.1.responder"],
    "CK305": ["severities.1.first_response"],
    "CK306": ["severities.1"],
    "CK307": ["severities.1.first_response"],
}


@pytest.mark.parametrize("code", sorted(UNMARKED))
def test_an_internal_only_severity_needs_no_public_timings_or_decision(
    plan: Path, code: str
) -> None:
    text = PLAN
    for old, new in TIMINGS[code]:
        assert old in text
        text = text.replace(old, new, 1)
    plan.write_text(text, encoding="utf-8")
    assert _findings(plan, code) == []
    # The same level without the mark is held to them.
    plan.write_text(text.replace("internal_only: true,", ""), encoding="utf-8")
    assert _findings(plan, code) == UNMARKED[code]


def test_the_bundled_plan_validates_with_its_need_to_know_threat() -> None:
    from tests.conftest import REPO

    valid = load_valid(REPO / "plans" / "harbor-outdoor.yaml")
    breach = next(t for t in valid.plan.threats if t.id == "customer-data-breach")
    assert breach.rules.codename and breach.rules.holds_public
    assert any(s.internal_only for s in valid.plan.severities)


def test_timeline_deadlines_count_after_from_the_entry_before() -> None:
    severity = Severity.model_validate(
        {
            "id": "sev1",
            "name": "SEV1",
            "level": 1,
            "timeline": [
                {"kind": "holding-statement", "within": "5m"},
                {"message": "scoping", "after": "5m"},
                {"kind": "update", "within": "1h"},
            ],
        }
    )
    assert [due for _, due in severity.timeline_deadlines()] == [
        timedelta(minutes=5),
        timedelta(minutes=10),
        timedelta(hours=1),
    ]
    moved = severity.timeline_deadlines(timedelta(minutes=2))
    assert [due for _, due in moved] == [
        timedelta(minutes=2),
        timedelta(minutes=7),
        timedelta(hours=1),
    ]


@pytest.mark.parametrize(
    "entry",
    [
        {"kind": "holding-statement"},
        {"kind": "holding-statement", "message": "x", "within": "5m"},
        {"kind": "holding-statement", "within": "5m", "after": "5m"},
    ],
)
def test_a_timeline_entry_names_one_message_and_one_deadline(entry: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        Severity.model_validate({"id": "s", "name": "S", "level": 1, "timeline": [entry]})


def test_the_schema_describes_every_addition() -> None:
    from jsonschema import Draft202012Validator

    from crisiskit.model.schema import plan_json_schema

    schema = plan_json_schema()
    definitions = schema["$defs"]
    assert set(definitions["ThreatCommunication"]["properties"]) == {
        "need_to_know",
        "codename",
        "public_statement",
        "forbidden_channels",
        "forbidden_platforms",
        "first_response",
    }
    assert {"internal_only", "timeline"} <= set(definitions["Severity"]["properties"])
    assert set(definitions["TimelineEntry"]["properties"]) == {"kind", "message", "within", "after"}
    from ruamel.yaml import YAML

    document = YAML(typ="safe").load(PLAN)
    assert list(Draft202012Validator(schema).iter_errors(document)) == []
    document["threats"][0]["communication"]["public_statement"] = "later"
    assert list(Draft202012Validator(schema).iter_errors(document))


def test_diff_flags_a_need_to_know_threat_loosened(plan: Path) -> None:
    from crisiskit.review.model import Risk
    from crisiskit.review.risks import severity_field, threat_field

    before = load_valid(plan).plan
    breach = before.threats[0]
    assert breach.communication is not None
    loosened = breach.model_copy(
        update={
            "communication": breach.communication.model_copy(
                update={"public_statement": "immediate"}
            )
        }
    )
    assessed = threat_field("communication", breach, loosened, before, before)
    assert assessed is not None and assessed[0] is Risk.HIGH and "validated" in assessed[1]
    texts = breach.model_copy(
        update={
            "communication": breach.communication.model_copy(update={"forbidden_platforms": []})
        }
    )
    assessed = threat_field("communication", breach, texts, before, before)
    assert assessed == (Risk.MEDIUM, "threat breach may use sms again")
    assert threat_field("communication", breach, breach, before, before) is None
    sev1 = before.severities[0]
    quiet = sev1.model_copy(update={"internal_only": True})
    assert severity_field("internal_only", sev1, quiet, before) == (
        Risk.HIGH,
        "SEV1 no longer has a public response",
    )


def test_render_message_follows_the_timeline_then_the_phases(plan: Path) -> None:
    def next_update(message: str, *extra: str) -> str:
        code, out, _ = _invoke("render-message", message, "--plan", str(plan), *AT, *extra)
        assert code == 0, out
        return out.strip().rsplit("Next update by ", 1)[1]

    # The outage follows SEV1's timeline: holding by 10:05 promises scoping by 10:10.
    assert next_update("holding", "--threat", "outage", "--channel", "web") == "10:10 AM GMT."
    # Declared at 09:57: the scoping message is due at 10:07, counted from the declaration.
    declared = ("--declared", "2026-11-27T09:57")
    assert next_update("holding", "--threat", "outage", "--channel", "web", *declared) == (
        "10:07 AM GMT."
    )
    # Past the scoping deadline, the phase's 20 minutes.
    late = ("--declared", "2026-11-27T09:30")
    assert next_update("holding", "--threat", "outage", "--channel", "web", *late) == (
        "10:20 AM GMT."
    )
    # The breach's own first response moves the timeline: scoping by 10:15.
    assert next_update("holding", "--threat", "breach") == "10:15 AM GMT."


def test_the_handbook_states_the_threat_rules_and_leaves_forbidden_channels_out(
    plan: Path,
) -> None:
    target = plan.parent / "handbook.md"
    code, _, err = _invoke(
        "export", "--plan", str(plan), "--output", str(target), "--format", "markdown"
    )
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert (
        "**codename Nightjar (internal only) · need to know: notify only Security lead "
        "(the responder, escalation and approvers are still called) · "
        "first internal response 10m · no public statement until the facts are "
        "validated · never on sms**"
    ) in text
    breach = text[text.index("## Threat: Data breach") : text.index("## Threat: Outage")]
    assert "Operation Nightjar:" in breach
    assert "texts" not in breach  # the SMS channel is left out of the breach's drafts
    assert "texts" in text[text.index("## Threat: Outage") :]


def test_respond_markdown_lists_the_timeline(plan: Path) -> None:
    code, out, _ = _invoke(
        "respond", "breach", "--plan", str(plan), *AT, "--no-input", "--format", "markdown"
    )
    assert code == 0
    assert "**⚠ hold: threat 'breach' makes no public statement" in out
    timeline = out[out.index("**Timeline**") :].splitlines()[2:4]
    assert timeline[0] == "1. holding · held — publish after validation"
    assert timeline[1] == "2. scoping · held — publish after validation"


def test_render_message_warns_without_threat_when_every_user_holds(repo_dir: Path) -> None:
    path = repo_dir / "plan.yaml"
    only_breach = PLAN.replace(
        "    signals: [Checkout errors]\n    first_steps: [Check the status page]\n"
        "    messages: [holding, scoping]",
        "    signals: [Checkout errors]\n    first_steps: [Check the status page]\n"
        "    messages: [scoping]",
    )
    assert only_breach != PLAN
    path.write_text(only_breach, encoding="utf-8")
    code, _, err = _invoke("render-message", "holding", "--plan", str(path), *AT)
    assert code == 0 and "warning: hold: threat 'breach' makes no public statement" in err
    # The scoping update also serves the outage, which may speak: no warning.
    code, _, err = _invoke("render-message", "scoping", "--plan", str(path), *AT)
    assert code == 0 and "hold" not in err
