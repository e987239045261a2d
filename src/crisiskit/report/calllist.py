"""The call list for people (Rich, Markdown with tel: links) and machines (JSON)."""

from __future__ import annotations

import json
from dataclasses import asdict

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from crisiskit.calllist import Call, CallList


def _status(call: Call) -> str:
    state = "✓ on" if call.available else "✗ off"
    return state + (" ↑ moved up" if call.moved_up else "")


def _title(calls: CallList) -> str:
    what = f"threat {calls.threat}" if calls.threat else f"severity {calls.severity}"
    return f"Call list for {what} at {calls.at.strftime('%a %Y-%m-%d %H:%M %Z')}"


def rich(calls: CallList) -> RenderableType:
    table = Table(title=_title(calls), title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for column in ("#", "Role", "Person", "Phone", "Local time", "Hours"):
        table.add_column(column, no_wrap=column in ("#", "Phone", "Local time"))
    for number, call in enumerate(calls.calls, start=1):
        style = "green" if call.available else "red"
        table.add_row(
            str(number),
            Text(call.role_name) + Text(f" · {call.reason}", style="dim"),
            call.name + (" (backup)" if call.backup else ""),
            call.phone or call.email or "—",
            call.local_time,
            Text(_status(call), style=style),
        )
    parts: list[RenderableType] = [table]
    if calls.first_steps:
        steps = Text("First steps:\n", style="bold")
        for n, step in enumerate(calls.first_steps, start=1):
            steps.append(f"  {n}. {step}\n")
        parts.append(steps)
    if calls.messages:
        parts.append(Text(f"Prepare: {', '.join(calls.messages)}", style="bold"))
    return Group(*parts)


def markdown(calls: CallList) -> str:
    lines = [
        f"### {_title(calls)}",
        "",
        "| # | Role | Person | Phone | E-mail | Local time | Hours |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for n, c in enumerate(calls.calls, start=1):
        phone = f"[{c.phone}]({c.tel})" if c.phone and c.tel else "—"
        lines.append(
            f"| {n} | {c.role_name} ({c.reason}) | {c.name}{' (backup)' if c.backup else ''} "
            f"| {phone} | {c.email or '—'} | {c.local_time} | {_status(c)} |"
        )
    if calls.first_steps:
        lines += ["", "**First steps**", ""]
        lines += [f"{n}. {step}" for n, step in enumerate(calls.first_steps, start=1)]
    if calls.messages:
        lines += ["", "**Prepare:** " + ", ".join(f"`{m}`" for m in calls.messages)]
    return "\n".join(lines) + "\n"


def to_json(calls: CallList) -> str:
    document = asdict(calls)
    document["at"] = calls.at.isoformat()
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
