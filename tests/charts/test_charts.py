"""Charts and `who` through the CLI: snapshots at 80 and 120 columns, every format, plain
and NO_COLOR output, highlights."""

from __future__ import annotations

import io
import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from rich.console import Console
from typer.testing import CliRunner

from crisiskit.charts import escalation, roles, threats
from crisiskit.cli import app
from crisiskit.loader import load_plan
from crisiskit.model.plan import Plan
from crisiskit.oncall import calllist
from crisiskit.output import calllist as calllist_report
from tests.conftest import FIXTURES, REPO, assert_golden

SNAPSHOTS = FIXTURES / "charts"
HARBOR = REPO / "plans/harbor-outdoor.yaml"
WARUNG = REPO / "plans/kirana-social/warung-rasa.yaml"
TRICKY = SNAPSHOTS / "tricky-plan.yaml"
BUNDLED = [HARBOR, *sorted((REPO / "plans/kirana-social").glob("*.yaml"))]
PLANS = [p for p in BUNDLED if p.name != "agency-team.yaml"]
SATURDAY_NIGHT = datetime(2026, 11, 28, 23, 0, tzinfo=ZoneInfo("Europe/London"))
runner = CliRunner()

# The command behind each snapshot: real bundled plans, fixed dates.
COMMANDS: dict[str, list[str]] = {
    "roles": ["chart", "roles", "--plan", str(WARUNG)],
    "escalation": ["chart", "escalation", "--plan", str(HARBOR)],
    "threats": ["chart", "threats", "--plan", str(HARBOR)],
    "coverage": ["chart", "coverage", "--plan", str(HARBOR), "--week", "2026-11-24"],
    "who": [
        "who",
        "--plan",
        str(HARBOR),
        "--threat",
        "account-takeover",
        "--at",
        "2026-11-28T23:00",
    ],
}
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _plan(path: Path) -> Plan:
    loaded = load_plan(path)
    assert loaded.plan is not None
    return loaded.plan


def _run(args: list[str], columns: int = 80, **env: str) -> tuple[int, str, str]:
    result = runner.invoke(app, args, env={"COLUMNS": str(columns), **env})
    return result.exit_code, result.stdout, result.stderr


def _snapshot(name: str, actual: str) -> None:
    assert_golden(SNAPSHOTS / name, actual)


def _width(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(line) for line in text.splitlines()), default=0)


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("chart", list(COMMANDS))
def test_rich_snapshots(chart: str, width: int) -> None:
    code, out, err = _run(COMMANDS[chart], columns=width)
    assert (code, err) == (0, "")
    assert _width(out) <= width
    assert not ANSI.search(out)  # piped: plain text
    _snapshot(f"{chart}-{width}.txt", out)


@pytest.mark.parametrize(
    ("chart", "fmt"),
    [
        (chart, fmt)
        for chart in COMMANDS
        for fmt in ("mermaid", "markdown")
        if (chart, fmt) != ("who", "mermaid")  # who has no Mermaid form
    ],
)
def test_pr_format_snapshots(chart: str, fmt: str) -> None:
    code, out, err = _run([*COMMANDS[chart], "--format", fmt])
    assert (code, err) == (0, "")
    _snapshot(f"{chart}.{'mmd' if fmt == 'mermaid' else 'md'}", out)


def test_coverage_snapshot_in_a_week_the_clocks_go_forward() -> None:
    code, out, _ = _run(
        ["chart", "coverage", "--plan", str(HARBOR), "--week", "2026-03-29", "--format", "markdown"]
    )
    assert code == 0
    _snapshot("coverage-dst.md", out)


FORMATS = {
    **{chart: ["text", "mermaid", "markdown", "json"] for chart in COMMANDS},
    "who": ["text", "markdown", "json"],  # a call list has no diagram
}


@pytest.mark.parametrize("plan", [*PLANS, TRICKY], ids=lambda p: p.stem)
@pytest.mark.parametrize(
    ("command", "fmt"),
    [(command, fmt) for command, formats in FORMATS.items() for fmt in formats],
)
def test_every_chart_of_every_plan_fits_80_columns(plan: Path, command: str, fmt: str) -> None:
    args = ["who"] if command == "who" else ["chart", command]
    code, out, err = _run([*args, "--plan", str(plan), "--format", fmt])
    assert (code, err) == (0, "")
    if fmt == "text":
        assert _width(out) <= 80
    if fmt == "json":
        assert json.loads(out)


@pytest.mark.parametrize("chart", list(COMMANDS))
def test_colour_comes_with_symbols(chart: str) -> None:
    """On a colour terminal the charts use colour; with NO_COLOR the same symbols remain."""
    coloured = _run(COMMANDS[chart], FORCE_COLOR="1", TERM="xterm-256color")[1]
    plain = _run(COMMANDS[chart], FORCE_COLOR="1", TERM="xterm-256color", NO_COLOR="1")[1]
    assert re.search(r"\x1b\[[0-9;]*(3[1-7]|4[1-7]|38;5|48;5)[0-9;]*m", coloured)
    assert not re.search(r"\x1b\[[0-9;]*(3[1-7]|4[1-7]|38;5|48;5)[0-9;]*m", plain)
    assert ANSI.sub("", coloured) == ANSI.sub("", plain)
    symbols = {
        "roles": "★",
        "escalation": "→",
        "threats": "▲▲",
        "coverage": "█",
        "who": "✗ off",
    }
    assert symbols[chart] in ANSI.sub("", plain)


def test_missing_backup_and_overload_are_highlighted_in_every_format() -> None:
    views = roles.build(_plan(TRICKY), max_critical=2)
    lead = next(v for v in views if v.id == "end")
    assert lead.missing_backup and lead.overloaded == ["end"]
    console = Console(width=80, file=io.StringIO(), record=True, color_system=None)
    console.print(roles.rich(views))
    text = console.export_text()
    assert "✗ no backup" in text and "⚠" in text and "overloaded" in text
    assert "✗ **no backup**" in roles.markdown(views)
    assert "⚠ overloaded" in roles.markdown(views)
    diagram = roles.mermaid(views)
    assert "✗ no backup" in diagram and "overloaded" in diagram
    # Above the threshold nobody is overloaded.
    assert not any(v.overloaded for v in roles.build(_plan(TRICKY), max_critical=3))


def test_plan_text_cannot_break_markdown_or_mermaid() -> None:
    plan = _plan(TRICKY)
    table = roles.markdown(roles.build(plan))
    rows = [line for line in table.splitlines() if line.startswith("| **")]
    # Every row keeps its four cells: the names' pipes are escaped.
    assert all(len(re.findall(r"(?<!\\)\|", row)) == 5 for row in rows)
    assert "<b>" not in table
    for diagram in (roles.mermaid(roles.build(plan)), escalation.mermaid(escalation.build(plan))):
        labels = re.findall(r'\["(.*?)"\]', diagram)
        assert labels and not any('"' in label or "<b>lead" in label for label in labels)
        # Node ids never come from plan ids (`end` would close a subgraph).
        assert not re.search(r"^\s*(subgraph )?end\b[\[\"]", diagram, re.MULTILINE)
    assert '"end (end)"' in threats.mermaid(threats.build(plan))


def test_escalation_ladder_is_ordered_in_time() -> None:
    ladders = escalation.build(_plan(HARBOR))
    sev1 = ladders[0]
    assert [s.at for s in sev1.steps] == ["T+0m", "T+10m", "T+30m"]
    assert [s.role for s in sev1.steps] == ["social-lead", "crisis-lead", "executive"]
    assert sev1.first_response == "15m" and sev1.update_every == "30m"
    assert sev1.approvers == ["Crisis lead", "Executive sponsor"]


def test_threat_matrix_places_every_threat() -> None:
    points = threats.build(_plan(HARBOR))
    text = threats.markdown(points)
    for point in points:
        assert point.id in text
    assert points[0].score >= points[-1].score
    # Two threats in one cell are spread apart, not drawn on top of each other.
    diagram = threats.mermaid(points)
    coordinates = re.findall(r": \[(\d\.\d\d), (\d\.\d\d)\]", diagram)
    assert len(coordinates) == len(set(coordinates)) == len(points)


# --- who ------------------------------------------------------------------------------


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


def test_primary_stays_first_when_on_duty() -> None:
    # Tuesday 10:00 in London: Tom works 07:00–16:00 on weekdays.
    tuesday = datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo("Europe/London"))
    calls = calllist.build(_plan(HARBOR), tuesday, threat="account-takeover").calls
    assert (calls[0].person, calls[0].available, calls[0].moved_up) == ("tom", True, False)


def test_at_with_an_offset_is_that_instant() -> None:
    # 23:00 in Jakarta is 16:00 in London: Tom (Sat 07:00–19:00) is on duty.
    code, out, _ = _run(
        [
            "who",
            "--plan",
            str(HARBOR),
            "--threat",
            "account-takeover",
            "--at",
            "2026-11-28T23:00+07:00",
            "-f",
            "json",
        ]
    )
    first = json.loads(out)["calls"][0]
    assert code == 0 and first["person"] == "tom" and first["local_time"] == "Sat 16:00 GMT"


def test_who_rich_shows_phone_and_email() -> None:
    out = _run(COMMANDS["who"])[1]
    assert "+1 212-555-0147" in out and "maria.alvarez@harbor-outdoor.example.com" in out
    assert "↑ moved up" in out and "First steps:" in out and "Prepare:" in out


def test_who_markdown_has_tel_links() -> None:
    text = calllist_report.markdown(calllist.build(_plan(HARBOR), SATURDAY_NIGHT, severity="sev2"))
    assert "[+44 7911 123402](tel:+447911123402)" in text


def test_who_cli_json() -> None:
    code, out, _ = _run([*COMMANDS["who"], "-f", "json"])
    assert code == 0
    document = json.loads(out)
    first = document["first_steps"][0]
    assert first["action"].startswith("Recover the account")
    assert (first["role_name"], first["within"]) == ("Social media lead", "15m")
    # 15 minutes after the list's moment (Sat 23:00 GMT in COMMANDS["who"]).
    assert first["due_if_declared_now"] == "Sat 28 Nov 23:15 GMT"
    assert document["calls"][0]["moved_up"] is True


def test_who_shows_a_regulator_deadline_in_hours_and_when_it_falls_due() -> None:
    warung = REPO / "plans" / "kirana-social" / "warung-rasa.yaml"
    args = ["who", "--plan", str(warung), "--threat", "data-leak", "--at", "2026-11-28T23:00"]
    code, out, _ = _run([*args, "-f", "json"])
    assert code == 0
    notify = json.loads(out)["first_steps"][1]
    assert notify["within"] == "72h" and notify["regulator"] == "Komdigi / Lembaga PDP"
    assert notify["due_if_declared_now"] == "Tue 01 Dec 23:00 WIB"
    code, out, _ = _run([*args, "-f", "markdown"])
    assert "— Legal counsel · within 72h → Tue 01 Dec 23:00 WIB · notifies Komdigi" in out


@pytest.mark.parametrize(
    ("within", "shown"),
    [
        (timedelta(minutes=15), "15m"),
        (timedelta(hours=1, minutes=30), "1h30m"),
        (timedelta(hours=72), "72h"),
        (timedelta(days=7), "7d"),
    ],
)
def test_short_deadlines_are_shown_in_hours(within: timedelta, shown: str) -> None:
    from crisiskit.oncall.calllist import _deadline

    assert _deadline(within) == shown
