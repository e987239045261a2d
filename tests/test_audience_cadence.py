"""A severity's update cadence per audience: `next_update` in a draft follows it."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from typer.testing import CliRunner

from crisiskit.cli.app import app
from crisiskit.messages import service
from tests.conftest import load_valid

PLAN = """\
crisiskit: 1
organization: {name: Acme, default_timezone: Europe/London}
locales: [{id: en}]
channels:
  - {id: web, platform: website}
  - {id: slack, platform: chat, audience: internal}
severities:
  - {id: sev1, name: SEV1, level: 1, update_every: 1h, cadence: {internal: 30m}}
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

    def cadence(message_index: int, severity: str) -> timedelta | None:
        message = valid.plan.messages[message_index]
        return service.select(valid, message, None, None, None, severity, NOW).update_every

    assert public.audience.value == "public" and internal.audience.value == "internal"
    assert cadence(0, "sev1") == timedelta(hours=1)
    assert cadence(1, "sev1") == timedelta(minutes=30)
    assert cadence(1, "sev2") == timedelta(hours=2)  # no cadence for internal: update_every


def test_next_update_in_the_draft_uses_the_audience_cadence(repo_dir: Path) -> None:
    plan = _plan(repo_dir)
    outputs = {}
    for message in ("public-update", "exec-summary"):
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
            ],
        )
        assert result.exit_code == 0, result.output
        outputs[message] = result.output
    assert "Next update by 11:00" in outputs["public-update"]
    assert "Next summary by 10:30" in outputs["exec-summary"]
