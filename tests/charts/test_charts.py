"""Charts and `who`: snapshots at 80 and 120 columns, every format, and the CLI."""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from rich.console import Console
from typer.testing import CliRunner

from crisiskit import calllist
from crisiskit.charts import coverage, escalation, roles, threats
from crisiskit.cli import app
from crisiskit.loader import load_plan
from crisiskit.model.plan import Plan
from crisiskit.report import calllist as calllist_report
from tests.conftest import FIXTURES, REPO

SNAPSHOTS = FIXTURES / "charts"
HARBOR = REPO / "plans/harbor-outdoor.yaml"
WARUNG = REPO / "plans/kirana-social/warung-rasa.yaml"
SATURDAY_NIGHT = datetime(2026, 11, 28, 23, 0, tzinfo=ZoneInfo("Europe/London"))
runner = CliRunner()


def _plan(path: Path) -> Plan:
    loaded = load_plan(path)
    assert loaded.plan is not None
    return loaded.plan


def _text(renderable: object, width: int) -> str:
    console = Console(width=width, record=True, color_system=None, file=open(os.devnull, "w"))  # noqa: SIM115
    console.print(renderable)
    return console.export_text()


def _snapshot(name: str, actual: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("CRISISKIT_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


def _renderables() -> dict[str, object]:
    harbor, warung = _plan(HARBOR), _plan(WARUNG)
    return {
        "roles": roles.rich(roles.build(warung)),
        "escalation": escalation.rich(escalation.build(harbor)),
        "threats": threats.rich(threats.build(harbor)),
        "coverage": coverage.rich(
            coverage.build(harbor, ZoneInfo("Europe/London"), date(2026, 11, 24))
        ),
        "who": calllist_report.rich(
            calllist.build(harbor, SATURDAY_NIGHT, threat="account-takeover")
        ),
    }


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("chart", ["roles", "escalation", "threats", "coverage", "who"])
def test_rich_snapshots(chart: str, width: int) -> None:
    text = _text(_renderables()[chart], width)
    assert max(len(line) for line in text.splitlines()) <= width
    _snapshot(f"{chart}-{width}.txt", text)


def test_backup_moves_up_when_primary_is_off() -> None:
    calls = calllist.build(_plan(HARBOR), SATURDAY_NIGHT, threat="account-takeover").calls
    first = calls[0]
    assert (first.role, first.name, first.moved_up, first.available) == (
        "social-lead",
        "Maria Alvarez",
        True,
        True,
    )
    tom = next(c for c in calls if c.person == "tom")
    assert not tom.available and not tom.backup


def test_who_markdown_has_tel_links() -> None:
    text = calllist_report.markdown(calllist.build(_plan(HARBOR), SATURDAY_NIGHT, severity="sev2"))
    assert "[+44 7911 123402](tel:+447911123402)" in text


def test_coverage_gap_shows_in_grid() -> None:
    plan = _plan(HARBOR)
    grids = coverage.build(plan, ZoneInfo("Europe/London"), date(2026, 11, 24))
    assert all(not g.gaps for g in grids)
    data = coverage.to_json(grids)
    assert data[0]["uncovered_hours"] == 0 and len(data[0]["hours"]) == 168


def test_threat_matrix_places_every_threat() -> None:
    points = threats.build(_plan(HARBOR))
    text = threats.markdown(points)
    for point in points:
        assert point.id in text
    assert points[0].score >= points[-1].score


@pytest.mark.parametrize("chart", ["roles", "escalation", "threats", "coverage"])
@pytest.mark.parametrize("fmt", ["rich", "mermaid", "markdown", "json"])
def test_chart_cli(chart: str, fmt: str) -> None:
    result = runner.invoke(
        app,
        ["chart", chart, "--plan", str(HARBOR), "--format", fmt]
        + (["--week", "2026-11-24"] if chart == "coverage" else []),
    )
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    if fmt == "json":
        assert json.loads(result.stdout)
    if fmt == "mermaid":
        diagram = result.stdout.split("---\n")[-1]  # after any front matter
        assert diagram.split()[0] in ("flowchart", "quadrantChart", "gantt")


def test_who_cli_json() -> None:
    result = runner.invoke(
        app,
        [
            "who",
            "--plan",
            str(HARBOR),
            "--threat",
            "account-takeover",
            "--at",
            "2026-11-28T23:00",
            "-f",
            "json",
        ],
    )
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["first_steps"][0].startswith("Recover the account")
    assert document["calls"][0]["moved_up"] is True


def test_who_unknown_threat() -> None:
    result = runner.invoke(app, ["who", "--plan", str(HARBOR), "--threat", "alien-invasion"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert "unknown threat" in result.stderr


def test_coverage_bad_timezone() -> None:
    result = runner.invoke(
        app, ["chart", "coverage", "--plan", str(HARBOR), "--tz", "Mars/Olympus"]
    )
    assert result.exit_code == 2
    assert "--tz" in result.stderr
