"""On-call rotations: handoffs at local time, overrides, timezones and clock changes."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from crisiskit.cli.app import app
from crisiskit.messages.drafts import approval_chain
from crisiskit.model.plan import Plan
from crisiskit.model.team import Rotation
from crisiskit.oncall.coverage import week_coverage
from crisiskit.oncall.rotation import on_call
from tests.conftest import load_valid

NEW_YORK = ZoneInfo("America/New_York")
JAKARTA = ZoneInfo("Asia/Jakarta")

PLAN = """\
crisiskit: 1
organization: {name: Acme, default_timezone: Asia/Jakarta}
locales: [{id: en}]
people:
  - {id: ann, name: Ann, timezone: America/New_York}
  - {id: bob, name: Bob, timezone: America/New_York}
  - {id: cy, name: Cy, timezone: America/New_York}
  - {id: dee, name: Dee, timezone: America/New_York}
  - {id: lead, name: Lead, working_hours: [{days: [mon, tue, wed, thu, fri], start: "09:00",
                                            end: "17:00"}]}
roles:
  - id: ic
    name: Incident commander
    primary: lead
    critical: true
    decision_maker: true
    rotation:
      members: [ann, bob, cy]
      length: 1w
      handoff_day: mon
      handoff_time: "09:00"
      timezone: America/New_York
      start: 2026-10-26
      overrides:
        - {person: dee, from: "2026-11-04 12:00", to: "2026-11-05 08:00"}
severities: [{id: sev1, name: SEV1, level: 1, responder: ic, approvers: [ic]}]
channels: [{id: web, platform: website}]
messages:
  - {id: notice, name: Notice, kind: holding-statement, channels: [web],
     templates: [{locale: en, text: "We are looking into it."}]}
"""


@pytest.fixture
def plan_file(repo_dir: Path) -> Path:
    path = repo_dir / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def _rotation(plan_file: Path) -> tuple[Rotation, Plan]:
    plan = load_valid(plan_file).plan
    rotation = plan.roles[0].rotation
    assert rotation is not None
    return rotation, plan


def _at(
    year: int, month: int, day: int, hour: int, minute: int, zone: ZoneInfo = NEW_YORK
) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=zone)


def test_weekly_handoff_at_local_time(plan_file: Path) -> None:
    rotation, plan = _rotation(plan_file)
    assert on_call(rotation, plan, _at(2026, 10, 26, 8, 59)) is None
    assert on_call(rotation, plan, _at(2026, 10, 26, 9, 0)) == "ann"
    assert on_call(rotation, plan, _at(2026, 11, 2, 8, 59)) == "ann"
    assert on_call(rotation, plan, _at(2026, 11, 2, 9, 0)) == "bob"
    assert on_call(rotation, plan, _at(2026, 11, 16, 9, 0)) == "ann"


def test_the_handoff_stays_at_nine_across_the_clock_change(plan_file: Path) -> None:
    # New York leaves summer time on Sunday 1 November 2026: that shift lasts 169 hours.
    rotation, plan = _rotation(plan_file)
    just_before = datetime(2026, 11, 2, 13, 59, tzinfo=UTC)  # 08:59 EST
    at_nine = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)  # 09:00 EST
    assert on_call(rotation, plan, just_before) == "ann"
    assert on_call(rotation, plan, at_nine) == "bob"


def test_handoff_read_in_the_rotation_timezone_not_the_callers(plan_file: Path) -> None:
    rotation, plan = _rotation(plan_file)
    # Monday 9 November 20:00 in Jakarta is 08:00 in New York: still Bob's week.
    assert on_call(rotation, plan, _at(2026, 11, 9, 20, 0, zone=JAKARTA)) == "bob"
    assert on_call(rotation, plan, _at(2026, 11, 9, 21, 0, zone=JAKARTA)) == "cy"


def test_an_override_covers_its_window_only(plan_file: Path) -> None:
    rotation, plan = _rotation(plan_file)
    assert on_call(rotation, plan, _at(2026, 11, 4, 11, 59)) == "bob"
    assert on_call(rotation, plan, _at(2026, 11, 4, 12, 0)) == "dee"
    assert on_call(rotation, plan, _at(2026, 11, 5, 7, 59)) == "dee"
    assert on_call(rotation, plan, _at(2026, 11, 5, 8, 0)) == "bob"


def test_daily_and_n_day_lengths() -> None:
    daily = Rotation.model_validate(
        {
            "members": ["a", "b"],
            "length": "1d",
            "handoff_time": "08:00",
            "start": "2026-11-01",
            "timezone": "Asia/Jakarta",
        }
    )
    three = daily.model_copy(update={"length": daily.length * 3})
    plan = Plan.model_validate(
        {
            "crisiskit": 1,
            "organization": {"name": "Acme", "default_timezone": "Asia/Jakarta"},
            "locales": [{"id": "en"}],
        }
    )
    moment = _at(2026, 11, 4, 8, 0, zone=JAKARTA)
    assert on_call(daily, plan, moment) == "b"  # day 4 → index 3
    assert on_call(three, plan, moment) == "b"  # day 4 → shift 1
    assert on_call(three, plan, _at(2026, 11, 7, 8, 0, zone=JAKARTA)) == "a"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"length": "12h"}, "whole days"),
        ({"handoff_day": "tue"}, "is not a tue"),
        (
            {"overrides": [{"person": "a", "from": "2026-11-02 09:00", "to": "2026-11-01 09:00"}]},
            "end after it starts",
        ),
        (
            {"overrides": [{"person": "a", "from": "next week", "to": "2026-11-01 09:00"}]},
            "YYYY-MM-DD HH:MM",
        ),
    ],
)
def test_rotation_mistakes_are_explained(change: dict[str, object], message: str) -> None:
    data = {"members": ["a"], "length": "1w", "handoff_time": "09:00", "start": "2026-11-02"}
    with pytest.raises(ValidationError, match=message):
        Rotation.model_validate({**data, **change})


def test_who_calls_whoever_is_on_call_first(plan_file: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "who",
            "--plan",
            str(plan_file),
            "--severity",
            "sev1",
            "--at",
            "2026-11-04 13:00",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    calls = json.loads(result.output)["calls"]
    # 13:00 in Jakarta (the plan's timezone) is 01:00 in New York: Bob's week.
    assert [c["person"] for c in calls] == ["bob", "lead"]
    assert calls[0]["available"] is True and calls[0]["on_call"] is True
    assert calls[1]["on_call"] is False and calls[1]["backup"] is False


def test_coverage_counts_the_rotation_and_names_who_is_on_call(plan_file: Path) -> None:
    _, plan = _rotation(plan_file)
    role = plan.roles[0]
    grid = week_coverage(plan, role, NEW_YORK, date(2026, 11, 2))
    assert grid.uncovered_hours == 0
    monday = grid.slots[:24]
    assert monday[8].on_call == "ann" and monday[9].on_call == "bob"
    wednesday_noon = grid.slots[2 * 24 + 12]
    assert wednesday_noon.on_call == "dee" and wednesday_noon.first_line
    # The week before the rotation starts only the lead's office hours are covered.
    before = week_coverage(plan, role, NEW_YORK, date(2026, 10, 19))
    assert before.uncovered_hours > 100


def test_the_approval_chain_asks_whoever_is_on_call(plan_file: Path) -> None:
    valid = load_valid(plan_file)
    message = valid.plan.messages[0]
    chain = approval_chain(valid, message, "sev1", _at(2026, 11, 10, 12, 0))
    assert [(a.role, a.person, a.available) for a in chain] == [("ic", "cy", True)]
    assert [b.person for b in chain[0].backups] == ["lead"]
    fixed = approval_chain(valid, message, "sev1")
    assert [(a.person, a.backups) for a in fixed] == [("lead", ())]
