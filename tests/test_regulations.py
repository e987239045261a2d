"""Regulations: the registry, deadlines counted as each law counts them, and `who`."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from crisiskit.cli.app import app
from crisiskit.model.regulations import Counting, Regulation, regulation_registry
from crisiskit.oncall.deadlines import due
from tests.conftest import REPO

JAKARTA = ZoneInfo("Asia/Jakarta")
LONDON = ZoneInfo("Europe/London")


def test_business_days_skip_the_weekend() -> None:
    friday = datetime(2026, 11, 27, 10, 0, tzinfo=JAKARTA)
    assert due(friday, timedelta(days=4), Counting.BUSINESS_DAYS) == datetime(
        2026, 12, 3, 10, 0, tzinfo=JAKARTA
    )
    saturday = datetime(2026, 11, 28, 9, 30, tzinfo=JAKARTA)
    assert due(saturday, timedelta(days=1), Counting.BUSINESS_DAYS).date().isoformat() == (
        "2026-11-30"
    )
    monday = datetime(2026, 11, 30, 9, 0, tzinfo=JAKARTA)
    assert due(monday, timedelta(days=4), Counting.BUSINESS_DAYS).weekday() == 4  # Friday


def test_hours_are_absolute_time_and_days_keep_the_clock_across_dst() -> None:
    # The UK leaves summer time on Sunday 25 October 2026.
    friday = datetime(2026, 10, 23, 12, 0, tzinfo=LONDON)
    assert due(friday, timedelta(hours=72)) == datetime(2026, 10, 26, 11, 0, tzinfo=LONDON)
    assert due(friday, timedelta(days=3), Counting.CALENDAR_DAYS) == datetime(
        2026, 10, 26, 12, 0, tzinfo=LONDON
    )


def test_a_plan_entry_replaces_a_built_in_and_adds_its_own() -> None:
    sec = Regulation(
        id="sec", name="SEC 8-K 1.05", within=timedelta(days=4), counting="business-days"
    )
    stricter = Regulation(id="gdpr-art-33", name="GDPR (our policy)", within=timedelta(hours=48))
    registry = regulation_registry([sec, stricter])
    assert registry["sec"].deadline_text == "4 business days"
    assert registry["gdpr-art-33"].within == timedelta(hours=48)
    assert registry["uu-pdp-art-46"].deadline_text == "72 hours"


def test_days_must_be_whole_when_counted_in_days() -> None:
    with pytest.raises(ValidationError, match="whole days"):
        Regulation(id="x", name="X", within="36h", counting="calendar-days")


PLAN = """\
crisiskit: 1
organization: {{name: Acme, default_timezone: America/New_York}}
locales: [{{id: en}}]
people: [{{id: ann, name: Ann, timezone: America/New_York}}]
roles: [{{id: legal, name: Legal counsel, primary: ann, decision_maker: true}}]
severities: [{{id: sev1, name: SEV1, level: 1, responder: legal}}]
threats:
  - id: breach
    name: Breach
    kind: data-leak
    likelihood: rare
    impact: severe
    severity: sev1
    first_steps:
      - {{action: File Form 8-K, role: legal, regulation: {regulation}}}
regulations:
  - {{id: sec-8k-1-05, name: SEC Form 8-K item 1.05, within: 4d, counting: business-days,
     authority: SEC}}
"""


def _who(repo_dir: Path, regulation: str, *args: str) -> tuple[int, str]:
    plan = repo_dir / "plan.yaml"
    plan.write_text(PLAN.format(regulation=regulation), encoding="utf-8")
    result = CliRunner().invoke(
        app,
        ["who", "--plan", str(plan), "--threat", "breach", "--at", "2026-11-27 10:00", *args],
    )
    return result.exit_code, result.output


def test_who_shows_the_law_and_counts_business_days(repo_dir: Path) -> None:
    code, output = _who(repo_dir, "sec-8k-1-05", "--format", "json")
    assert code == 0, output
    step = json.loads(output)["first_steps"][0]
    assert step["regulation"] == "SEC Form 8-K item 1.05"
    assert step["regulator"] == "SEC"
    assert step["within"] == "4 business days"
    assert step["due_if_declared_now"].startswith("Thu 03 Dec 10:00")


def test_who_text_names_the_law(repo_dir: Path) -> None:
    code, output = _who(repo_dir, "gdpr-art-33")
    assert code == 0, output
    assert "under GDPR art. 33" in " ".join(output.split())
    assert "within 72 hours → Mon 30 Nov 10:00" in " ".join(output.split())


def test_an_unknown_regulation_is_a_reference_error(repo_dir: Path) -> None:
    code, output = _who(repo_dir, "gdpr-art-34")
    assert code != 0, output
    assert "unknown regulation 'gdpr-art-34'" in output
    result = CliRunner().invoke(app, ["validate", str(repo_dir / "plan.yaml")])
    assert result.exit_code == 1, result.output
    assert "did you mean 'gdpr-art-33'" in result.output


def test_bundled_plans_name_their_law() -> None:
    text = (REPO / "plans" / "harbor-outdoor.yaml").read_text(encoding="utf-8")
    assert "regulation: uk-gdpr-art-33" in text
