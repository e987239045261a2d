"""A severity's update cadence per audience and phase: `next_update` in a draft follows it."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from crisiskit.cli.app import app
from crisiskit.messages import service
from crisiskit.model.communication import Severity
from crisiskit.model.messages import Message
from tests.conftest import load_valid

PLAN = """\
crisiskit: 1
organization: {name: Acme, default_timezone: Europe/London}
locales: [{id: en}]
channels:
  - {id: web, platform: website}
  - {id: slack, platform: chat, audience: internal}
severities:
  - {id: sev1, name: SEV1, level: 1, update_every: 1h, cadence: {internal: 30m},
     phases: [{until: 2h, update_every: 20m, cadence: {internal: 10m}}]}
  - {id: sev2, name: SEV2, level: 2, update_every: 2h}
messages:
  - {id: public-update, name: Update, kind: update, channels: [web],
     templates: [{locale: en, text: "Next update by {{ next_update }}."}]}
  - {id: exec-summary, name: Executive summary, kind: update, audience: internal,
     channels: [slack], templates: [{locale: en, text: "Next summary by {{ next_update }}."}]}
"""

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=ZoneInfo("Europe/London"))


def _plan(repo_dir: Path) -> Path:
    path = repo_dir / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def test_the_audience_cadence_overrides_update_every(repo_dir: Path) -> None:
    valid = load_valid(_plan(repo_dir))
    public, internal = valid.plan.messages

    declared = NOW - timedelta(hours=3)  # after the two-hour phase

    def cadence(message_index: int, severity: str) -> timedelta | None:
        message = valid.plan.messages[message_index]
        selection = service.select(valid, message, None, None, None, severity, NOW, declared)
        return selection.update_every

    assert public.audience == "public" and internal.audience == "internal"
    assert cadence(0, "sev1") == timedelta(hours=1)
    assert cadence(1, "sev1") == timedelta(minutes=30)
    assert cadence(1, "sev2") == timedelta(hours=2)  # no cadence for internal: update_every


def test_the_phase_sets_the_cadence_until_it_ends(repo_dir: Path) -> None:
    valid = load_valid(_plan(repo_dir))
    public, internal = valid.plan.messages

    def cadence(message: Message, since: timedelta | None) -> timedelta | None:
        declared = None if since is None else NOW - since
        selection = service.select(valid, message, None, None, None, "sev1", NOW, declared)
        return selection.update_every

    assert cadence(public, None) == timedelta(minutes=20)  # declared now: the first phase
    assert cadence(internal, None) == timedelta(minutes=10)
    assert cadence(public, timedelta(hours=1, minutes=59)) == timedelta(minutes=20)
    assert cadence(public, timedelta(hours=2)) == timedelta(hours=1)
    assert cadence(internal, timedelta(hours=2)) == timedelta(minutes=30)


def test_phases_out_of_order_are_refused() -> None:
    with pytest.raises(ValidationError, match="phases must be in order"):
        Severity.model_validate(
            {
                "id": "sev1",
                "name": "SEV1",
                "level": 1,
                "phases": [
                    {"until": "2h", "update_every": "20m"},
                    {"until": "1h", "update_every": "5m"},
                ],
            }
        )


def _render(plan: Path, message: str, *declared: str) -> str:
    result = CliRunner().invoke(
        app,
        [
            "render-message",
            "--plan",
            str(plan),
            message,
            "--severity",
            "sev1",
            "--at",
            "2026-11-27T10:00",
            "--no-input",
            *declared,
        ],
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_next_update_in_the_draft_uses_the_audience_and_phase_cadence(repo_dir: Path) -> None:
    plan = _plan(repo_dir)
    later = ("--declared", "2026-11-27T07:00")
    assert "Next update by 11:00" in _render(plan, "public-update", *later)
    assert "Next summary by 10:30" in _render(plan, "exec-summary", *later)
    assert "Next update by 10:20" in _render(plan, "public-update")
    assert "Next summary by 10:10" in _render(
        plan, "exec-summary", "--declared", "2026-11-27T09:00"
    )


def test_a_declaration_after_the_draft_is_refused(repo_dir: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "render-message",
            "--plan",
            str(_plan(repo_dir)),
            "public-update",
            "--at",
            "2026-11-27T10:00",
            "--declared",
            "2026-11-27T11:00",
            "--no-input",
        ],
    )
    assert result.exit_code == 2
    assert "--declared: 2026-11-27T11:00 is after the draft's time" in result.output
