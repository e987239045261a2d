"""The coverage grid across timezones and clock changes.

Each test pins hours that a wrong computation (fixed offsets, hours counted from Monday
in UTC, the person's zone ignored) would put in a different cell.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from crisiskit.charts import coverage
from crisiskit.charts.coverage import NOBODY, PRIMARY, SKIPPED
from crisiskit.cli import app
from crisiskit.loader import load_plan
from crisiskit.model.plan import Plan
from crisiskit.oncall.coverage import WeekCoverage
from tests.conftest import REPO

ALL_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
MON, SAT, SUN = 0, 5, 6


def _plan(people: list[dict[str, object]], tz: str = "Europe/London") -> Plan:
    return Plan.model_validate(
        {
            "crisiskit": 1,
            "organization": {"name": "T", "default_timezone": tz},
            "locales": [{"id": "en"}],
            "people": people,
            "roles": [
                {
                    "id": "lead",
                    "name": "Lead",
                    "primary": people[0]["id"],
                    "backups": [p["id"] for p in people[1:]],
                    "critical": True,
                }
            ],
        }
    )


def _person(pid: str, tz: str, days: list[str], start: str, end: str) -> dict[str, object]:
    return {
        "id": pid,
        "name": pid,
        "email": f"{pid}@example.com",
        "timezone": tz,
        "working_hours": [{"days": days, "start": start, "end": end}],
    }


def _grid(plan: Plan, tz: str, week_of: date) -> WeekCoverage:
    (grid,) = coverage.build(plan, ZoneInfo(tz), week_of)
    return grid


def _row(grid: WeekCoverage, day: int) -> str:
    return "".join(coverage.symbol(slot) for slot in grid.rows()[day][1])


def _covered_hours(grid: WeekCoverage, day: int) -> list[int]:
    return [slot.hour for slot in grid.rows()[day][1] if slot.covered]


def test_rows_stay_on_the_wall_clock_when_the_clocks_go_forward() -> None:
    # London skips Sunday 29 March 2026 01:00-02:00. The shift is 07:00-19:00 on the
    # clocks every day, Sunday included: nothing may slide by an hour.
    plan = _plan([_person("lon", "Europe/London", ALL_DAYS, "07:00", "19:00")])
    grid = _grid(plan, "Europe/London", date(2026, 3, 29))
    shift = NOBODY * 7 + PRIMARY * 12 + NOBODY * 5
    assert _row(grid, SAT) == shift
    assert _row(grid, SUN) == NOBODY + SKIPPED + NOBODY * 5 + PRIMARY * 12 + NOBODY * 5
    assert grid.clock_changes == ["Sun 01:00 does not exist (clocks go forward)"]
    assert grid.gaps[-1] == "Sun 19:00–Mon 00:00"


def test_a_repeated_hour_is_covered_only_if_both_occurrences_are() -> None:
    # London repeats Sunday 25 October 2026 01:00: first 00:00 UTC (BST), then 01:00 UTC.
    only_first = _plan([_person("utc", "UTC", ["sun"], "00:00", "01:00")])
    grid = _grid(only_first, "Europe/London", date(2026, 10, 25))
    repeated = grid.rows()[SUN][1][1]
    assert len(repeated.starts) == 2 and not repeated.covered
    assert grid.clock_changes == ["Sun 01:00 happens twice (clocks go back)"]

    both = _plan([_person("utc", "UTC", ["sun"], "00:00", "02:00")])
    grid = _grid(both, "Europe/London", date(2026, 10, 25))
    assert _covered_hours(grid, SUN) == [1]
    assert all(not slot.covered for day in range(6) for slot in grid.rows()[day][1])


@pytest.mark.parametrize(
    ("tz", "hours"),
    [
        ("Europe/London", list(range(7, 16))),
        ("Asia/Jakarta", list(range(14, 23))),  # GMT+7 in November
        ("America/New_York", list(range(2, 11))),  # EST, GMT-5
        ("Asia/Kolkata", list(range(13, 21))),  # +5:30: 12:30-13:30 and 21:00-21:30 are partial
    ],
)
def test_tz_moves_the_same_hours_across_the_grid(tz: str, hours: list[int]) -> None:
    # Harbor's social lead Tom works Mon-Fri 07:00-16:00 in London.
    loaded = load_plan(REPO / "plans/harbor-outdoor.yaml")
    assert loaded.plan is not None
    grids = coverage.build(loaded.plan, ZoneInfo(tz), date(2026, 11, 24))
    social = next(g for g in grids if g.role == "social-lead")
    tuesday = [slot.hour for slot in social.rows()[1][1] if slot.primary]
    assert tuesday == hours


def test_a_quarter_hour_zone_counts_whole_hours_only() -> None:
    # 00:00-08:00 UTC is 05:45-13:45 in Kathmandu: whole hours 06:00 to 13:00.
    plan = _plan([_person("utc", "UTC", ALL_DAYS, "00:00", "08:00")])
    grid = _grid(plan, "Asia/Kathmandu", date(2026, 11, 24))
    assert _covered_hours(grid, MON) == list(range(6, 13))


def test_the_persons_own_clock_change_moves_their_hours() -> None:
    # Sydney leaves summer time on Sunday 5 April 2026: 09:00-17:00 there is 22:00-06:00
    # UTC on Saturday (AEDT, +11) but 23:00-07:00 UTC on Sunday (AEST, +10).
    plan = _plan([_person("syd", "Australia/Sydney", ALL_DAYS, "09:00", "17:00")])
    grid = _grid(plan, "UTC", date(2026, 4, 1))
    assert _covered_hours(grid, SAT) == [0, 1, 2, 3, 4, 5, 23]
    # ... and Sunday 23:00 UTC is already Monday 09:00 in Sydney.
    assert _covered_hours(grid, SUN) == [0, 1, 2, 3, 4, 5, 6, 23]
    assert grid.clock_changes == []  # UTC itself never changes


def test_an_overnight_backup_fills_the_night_across_zones() -> None:
    plan = _plan(
        [
            _person("day", "Europe/London", ALL_DAYS, "08:00", "20:00"),
            _person("night", "America/New_York", ALL_DAYS, "15:00", "03:00"),  # 20-08 GMT
        ]
    )
    grid = _grid(plan, "Europe/London", date(2026, 11, 24))
    assert grid.gaps == [] and grid.uncovered_hours == 0
    night = grid.rows()[MON][1][2]
    assert (night.primary, night.backups) == (False, ("night",))


LONDON_PLAN = """\
crisiskit: 1
organization: {name: T, default_timezone: Europe/London, default_region: GB}
locales: [{id: en, spokesperson: lead}]
people:
  - id: ann
    name: Ann
    email: ann@example.com
    timezone: Europe/London
    working_hours:
      - {days: [mon, tue, wed, thu, fri, sat], start: "00:00", end: "24:00"}
      - {days: [sun], start: "03:00", end: "24:00"}
  - id: bob
    name: Bob
    email: bob@example.com
    timezone: Europe/London
    working_hours:
      - {days: [mon, tue, wed, thu, fri, sat], start: "00:00", end: "24:00"}
      - {days: [sun], start: "03:00", end: "24:00"}
roles:
  - {id: lead, name: Lead, primary: ann, backups: [bob], critical: true}
"""


@pytest.mark.parametrize(
    ("week_of", "hours", "gaps"),
    [
        # Clocks go back on Sunday 25 October 2026: 01:00-02:00 happens twice, so the
        # holders' Sunday 00:00-03:00 off is four real hours.
        ("2026-10-25", 4, ["Sun 00:00–03:00"]),
        # Clocks go forward on Sunday 29 March 2026: 01:00-02:00 never happens.
        ("2026-03-29", 2, ["Sun 00:00–03:00"]),
        ("2026-11-29", 3, ["Sun 00:00–03:00"]),
    ],
)
def test_the_rule_and_the_chart_give_one_answer_across_clock_changes(
    tmp_path: Path, week_of: str, hours: int, gaps: list[str]
) -> None:
    (tmp_path / ".git").mkdir()
    plan = tmp_path / "plan.yaml"
    plan.write_text(LONDON_PLAN, encoding="utf-8")
    runner = CliRunner()
    chart = runner.invoke(
        app, ["chart", "coverage", "--plan", str(plan), "--week", week_of, "-f", "json"]
    )
    assert chart.exit_code == 0, chart.stderr
    (grid,) = json.loads(chart.stdout)
    assert (grid["uncovered_hours"], grid["gaps"]) == (hours, gaps)
    lint = runner.invoke(app, ["validate", str(plan), "--today", week_of, "-f", "json"])
    found = [f for f in json.loads(lint.stdout)["findings"] if f["code"] == "CK205"]
    assert [f["message"] for f in found] == [
        f"critical role 'lead' is uncovered {hours} h a week (Europe/London): {gaps[0]}"
    ]
