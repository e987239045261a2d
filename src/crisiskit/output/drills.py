"""Drills for people and machines: the summary of a drill, status per threat, history.

Each report has a terminal form (Rich, plain when piped), Markdown for a pull request
or chat, and JSON. Plan text is escaped for each (_line() for terminals and CI logs).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import timedelta

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from crisiskit.drills.history import (
    DrillEntry,
    DrillHistory,
    DrillStatusReport,
    OpenFollowUp,
    ThreatStatus,
)
from crisiskit.drills.session import ActionOutcome, Outcome, judge
from crisiskit.model.drills import DrillRecord, Scenario
from crisiskit.model.types import format_duration
from crisiskit.output.markup import md_cell, md_text
from crisiskit.output.visible import visible


def _line(text: str) -> str:
    """Plan text on one line, escaped: a line break in it cannot start a line of ours
    (a CI log reads a line starting with `::` as a command)."""
    return " ".join(visible(text).split())


def _cell(text: str) -> str:
    """Plan text for a Markdown table cell, control characters escaped too."""
    return md_cell(visible(text))


MARKS = {Outcome.ON_TIME: "✓ on time", Outcome.LATE: "! late", Outcome.MISSED: "✗ missed"}
STYLES = {Outcome.ON_TIME: "green", Outcome.LATE: "yellow", Outcome.MISSED: "red"}


def _time(value: timedelta | None) -> str:
    return format_duration(value) if value is not None else "—"


def _share(part: int, whole: int) -> str:
    return f"{part} of {whole} ({round(100 * part / whole)}%)" if whole else "none recorded"


def _action_lines(outcome: ActionOutcome, role_names: Mapping[str, str]) -> list[str]:
    role = role_names.get(outcome.role or "", outcome.role or "")
    times = f"{_time(outcome.at):>3} / {_time(outcome.within)}"
    return [
        f"  {MARKS[outcome.outcome]:<10} {times:<11} {_line(outcome.id)}"
        + (f" · {_line(role)}" if role else ""),
        f"  {'':<10} {'':<11} {_line(outcome.action)}",
    ]


def drill_summary(
    record: DrillRecord,
    scenario: Scenario,
    outcomes: Sequence[ActionOutcome],
    role_names: Mapping[str, str],
) -> str:
    """What a drill showed: first statement against target, each action, what was agreed."""
    lines = [
        f"Drill summary: {_line(scenario.id)} ({_line(scenario.name)})",
        f"  {record.date.isoformat()} · {record.status.value} · participants: "
        + (", ".join(_line(p) for p in record.participants) or "none listed"),
        "",
    ]
    first = record.time_to_first_statement
    target = record.statement_target
    statement = "First approved statement: " + (
        f"{_time(first)} (target {_time(target)}) {MARKS[judge(first, target)]}"
        if first is not None
        else f"none (target {_time(target)}) {MARKS[Outcome.MISSED]}"
    )
    lines += [statement, ""]
    if outcomes:
        on_time = sum(1 for o in outcomes if o.outcome is Outcome.ON_TIME)
        lines.append(f"Expected actions: {_share(on_time, len(outcomes))} on time")
        lines += [line for o in outcomes for line in _action_lines(o, role_names)]
        lines.append("")
    if record.notes:
        lines.append("Notes")
        lines += [f"  {_time(n.at):>6}  {_line(n.text)}" for n in record.notes]
        lines.append("")
    if record.findings:
        lines.append("Findings")
        lines += [f"  - {_line(f)}" for f in record.findings]
        lines.append("")
    lines.append("Follow-ups" if record.follow_ups else "Follow-ups: none agreed")
    lines += [
        f"  - {_line(f.action)} — {_line(f.owner)}, due {f.due.isoformat()}"
        for f in record.follow_ups
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


# --- status ---------------------------------------------------------------------------


def _due_text(row: ThreatStatus) -> str:
    if not row.scenarios:
        return "no scenario yet"
    if row.next_due is None:
        return "no cadence"
    if row.last is None:
        return "never drilled: due now"
    return f"{row.next_due.isoformat()} ✗ overdue" if row.overdue else row.next_due.isoformat()


def _follow_up_lines(threat: str, f: OpenFollowUp) -> list[str]:
    left = " (left the plan)" if not f.owner_in_plan else ""
    late = "✗" if f.overdue else "·"
    return [
        f"  {late} due {f.due.isoformat()} · {_line(f.owner)}{left} · {_line(threat)} "
        f"(drill of {f.drill.isoformat()})",
        f"      {_line(f.action)}",
    ]


def status_rich(report: DrillStatusReport) -> RenderableType:
    cadence = f"every {_time(report.cadence)}" if report.cadence else "no cadence set"
    table = Table(box=None, pad_edge=False, padding=(0, 2, 0, 0))
    for name in ("Threat", "Last drill", "Next due", "Open follow-ups"):
        table.add_column(name, no_wrap=name != "Threat", overflow="fold")
    for row in report.threats:
        table.add_row(
            Text(_line(row.threat)),
            row.last.isoformat() if row.last else "never",
            Text(_due_text(row), style="red" if row.overdue else ""),
            str(len(row.follow_ups)) if row.follow_ups else "—",
        )
    heading = Text(f"Drill status on {report.today.isoformat()} (cadence {cadence})", style="bold")
    parts: list[RenderableType] = [heading, Text(), table]
    lines = [
        line
        for row in report.threats
        for f in row.follow_ups
        for line in _follow_up_lines(row.threat, f)
    ]
    if lines:
        parts += [Text(), Text("Open follow-ups", style="bold"), *(Text(line) for line in lines)]
    parts += [Text(), Text("✗ overdue", style="dim")]
    return Group(*parts)


def status_markdown(report: DrillStatusReport) -> str:
    lines = [
        f"**Drill status on {report.today.isoformat()}**",
        "",
        "| Threat | Last drill | Next due | Open follow-ups |",
        "| --- | --- | --- | --- |",
    ]
    for row in report.threats:
        follow_ups = "<br>".join(
            f"{_cell(f.owner)}{'' if f.owner_in_plan else ' (left the plan)'} · "
            f"due {f.due.isoformat()}{' ✗ overdue' if f.overdue else ''} · {_cell(f.action)}"
            for f in row.follow_ups
        )
        lines.append(
            f"| {_cell(row.threat)} | {row.last.isoformat() if row.last else 'never'} "
            f"| {_due_text(row)} | {follow_ups or '—'} |"
        )
    return "\n".join(lines) + "\n"


def status_json(report: DrillStatusReport) -> str:
    data = {
        "today": report.today.isoformat(),
        "cadence": _time(report.cadence) if report.cadence else None,
        "threats": [
            {
                "threat": row.threat,
                "scenarios": list(row.scenarios),
                "last_drill": row.last.isoformat() if row.last else None,
                "next_due": row.next_due.isoformat() if row.next_due else None,
                "overdue": row.overdue,
                "open_follow_ups": [
                    {
                        "action": f.action,
                        "owner": f.owner,
                        "owner_in_plan": f.owner_in_plan,
                        "due": f.due.isoformat(),
                        "overdue": f.overdue,
                        "drill": f.drill.isoformat(),
                    }
                    for f in row.follow_ups
                ],
            }
            for row in report.threats
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --- history --------------------------------------------------------------------------

BAR = 24
SYMBOLS = {Outcome.ON_TIME: "✓", Outcome.LATE: "!", Outcome.MISSED: "✗", None: " "}


def _bar(entry: DrillEntry, minutes_per_cell: float, plain: bool) -> tuple[str, int]:
    """The bar of one drill, and how many of its cells are filled."""
    cells = [" "] * BAR
    filled = 0
    if entry.time_to_first_statement is not None:
        filled = max(
            1, round(entry.time_to_first_statement.total_seconds() / 60 / minutes_per_cell)
        )
        filled = min(BAR, filled)
        for i in range(filled):
            cells[i] = "#" if plain else "█"
    if entry.target is not None:
        at = min(BAR - 1, max(0, round(entry.target.total_seconds() / 60 / minutes_per_cell) - 1))
        cells[at] = "|" if plain else "│"
    return "".join(cells), filled


def _scale(history: DrillHistory) -> float:
    longest = max(
        (
            t.total_seconds() / 60
            for d in history.drills
            for t in (d.time_to_first_statement, d.target)
            if t is not None
        ),
        default=1.0,
    )
    return max(longest, 1.0) / BAR


def _trend(history: DrillHistory) -> str:
    timed = history.timed
    change = history.change
    if change is None:
        return "Time to first statement: a trend needs two drills that recorded one"
    first, latest = timed[0].time_to_first_statement, timed[-1].time_to_first_statement
    if change < timedelta(0):
        verdict = f"{_time(-change)} faster"
    elif change > timedelta(0):
        verdict = f"{_time(change)} slower"
    else:
        verdict = "no change"
    return (
        f"Time to first statement: {_time(first)} ({timed[0].date}) → {_time(latest)} "
        f"({timed[-1].date}), {verdict}"
    )


def _scenario_trends(history: DrillHistory) -> list[str]:
    """Per scenario drilled twice or more: its first and latest time (like for like)."""
    lines = []
    for scenario in dict.fromkeys(d.scenario for d in history.timed):
        times = [d.time_to_first_statement for d in history.timed if d.scenario == scenario]
        if len(times) < 2 or times[0] is None or times[-1] is None:
            continue
        change = times[-1] - times[0]
        verdict = (
            f"{_time(-change)} faster"
            if change < timedelta(0)
            else f"{_time(change)} slower"
            if change > timedelta(0)
            else "no change"
        )
        lines.append(f"  {_line(scenario)}: {' → '.join(_time(t) for t in times if t)} ({verdict})")
    return lines


def _footer(history: DrillHistory) -> list[str]:
    judged = [d for d in history.drills if d.statement is not None]
    statements_on_time = sum(1 for d in judged if d.statement is Outcome.ON_TIME)
    return [
        f"Expected actions on time: {_share(history.on_time, history.expected)}",
        f"First statements within target: {_share(statements_on_time, len(judged))}",
        _trend(history),
        *_scenario_trends(history),
    ]


def _row(entry: DrillEntry, scale: float, plain: bool) -> tuple[str, str, str]:
    """(before the bar, the bar, after the bar) of one drill."""
    scenario = _line(entry.scenario)
    scenario = scenario if len(scenario) <= 18 else scenario[:17] + "…"
    bar, _ = _bar(entry, scale, plain)
    times = f"{_time(entry.time_to_first_statement):>5} / {_time(entry.target):<5}"
    actions = f"{entry.on_time}/{len(entry.actions)}" if entry.actions else "—"
    interrupted = " interrupted" if entry.status.value == "interrupted" else ""
    return (
        f"{entry.date.isoformat()}  {scenario:<18}  ",
        bar,
        f"  {times} {SYMBOLS[entry.statement]}  {actions:>5}{interrupted}",
    )


_TITLE = "Time to first approved statement per drill, against its target"
_HEAD = f"{'date':<10}  {'scenario':<18}  {'':<{BAR}}  {'time / target':>13}     actions"


def report_plain(history: DrillHistory) -> str:
    """The history chart for a pipe or a log: ASCII bars, `|` for the target."""
    if not history.drills:
        return "No drills in the log yet.\n"
    scale = _scale(history)
    lines = [_TITLE, "", _HEAD]
    lines += ["".join(_row(entry, scale, plain=True)).rstrip() for entry in history.drills]
    lines += ["", "# time to first statement  | target  ✓ on time  ! late  ✗ missed", ""]
    lines += _footer(history)
    return "\n".join(lines) + "\n"


def report_rich(history: DrillHistory) -> RenderableType:
    """The history chart for a terminal: coloured bars, `│` for the target."""
    if not history.drills:
        return Text("No drills in the log yet.")
    scale = _scale(history)
    rows: list[RenderableType] = [Text(_TITLE, style="bold"), Text(), Text(_HEAD, style="dim")]
    for entry in history.drills:
        before, bar, after = _row(entry, scale, plain=False)
        style = STYLES.get(entry.statement, "") if entry.statement else ""
        line = Text(before)
        for cell in bar:
            line.append(cell, style="bold" if cell == "│" else style or "cyan")
        line.append(after)
        rows.append(line)
    rows += [
        Text(),
        Text("█ time to first statement  │ target  ✓ on time  ! late  ✗ missed", style="dim"),
        Text(),
    ]
    rows += [Text(line) for line in _footer(history)]
    return Group(*rows)


def report_markdown(history: DrillHistory) -> str:
    lines = [
        "**Drill history**",
        "",
        "| Date | Scenario | First statement | Target | Result | Expected actions on time |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for d in history.drills:
        result = MARKS[d.statement] if d.statement else "—"
        if d.status.value == "interrupted":
            result += " (interrupted)"
        actions = f"{d.on_time}/{len(d.actions)}" if d.actions else "—"
        lines.append(
            f"| {d.date.isoformat()} | {_cell(d.scenario)} | {_time(d.time_to_first_statement)} "
            f"| {_time(d.target)} | {result} | {actions} |"
        )
    lines += [""] + [md_text(line) + "  " for line in _footer(history)]
    return "\n".join(lines).rstrip() + "\n"


def report_json(history: DrillHistory) -> str:
    data = {
        "drills": [
            {
                "date": d.date.isoformat(),
                "scenario": d.scenario,
                "threat": d.threat,
                "status": d.status.value,
                "time_to_first_statement": _json_time(d.time_to_first_statement),
                "target": _json_time(d.target),
                "statement": d.statement.value if d.statement else None,
                "actions": [
                    {
                        "id": a.id,
                        "within": _json_time(a.within),
                        "at": _json_time(a.at),
                        "outcome": a.outcome.value,
                    }
                    for a in d.actions
                ],
            }
            for d in history.drills
        ],
        "expected_actions": history.expected,
        "on_time": history.on_time,
        "on_time_share": history.on_time_share,
        "change_in_time_to_first_statement_minutes": (
            history.change.total_seconds() / 60 if history.change is not None else None
        ),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _json_time(value: timedelta | None) -> str | None:
    return format_duration(value) if value is not None else None
