"""The call list for people (Rich, Markdown with tel: links) and machines (JSON)."""

from __future__ import annotations

import json
from dataclasses import asdict

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from crisiskit.oncall.calllist import Call, CallList, FirstStep
from crisiskit.output.markup import md_cell, md_text
from crisiskit.output.visible import visible


def _status(call: Call) -> str:
    state = "✓ on" if call.available else "✗ off"
    return state + (" ↑ moved up" if call.moved_up else "")


def _title(calls: CallList) -> str:
    what = f"threat {calls.threat}" if calls.threat else f"severity {calls.severity}"
    return f"Call list for {what} at {calls.at.strftime('%a %Y-%m-%d %H:%M %Z')}"


def _group_table(widths: list[int]) -> Table:
    # One table per role; shared minimum widths keep the columns aligned across roles.
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 3, 0, 0))
    table.add_column(justify="right", no_wrap=True, min_width=widths[0])
    table.add_column(no_wrap=True, min_width=widths[1])
    table.add_column(overflow="fold", min_width=widths[2])
    table.add_column(no_wrap=True, min_width=widths[3])
    return table


def _widths(calls: list[Call]) -> list[int]:
    return [
        len(str(len(calls))),
        max((10 if c.moved_up else 5) for c in calls),
        # Capped, so a very long name wraps instead of pushing the phone off the screen.
        min(44, max(max(cell_len(c.name) + 9, cell_len(c.email or "—")) for c in calls)),
        max(max(cell_len(c.phone or "✗ no phone"), cell_len(c.local_time)) for c in calls),
    ]


def threat_rules_line(calls: CallList) -> str | None:
    """The threat's own communication rules in one line, or None when it has none."""
    facts = []
    if calls.codename:
        facts.append(f"codename {visible(calls.codename)} (internal only)")
    if calls.need_to_know:
        circle = ", ".join(visible(name) for name in calls.need_to_know_roles) or "nobody"
        facts.append(f"need to know: notifies only {circle}")
    if calls.first_response:
        kind = "first internal response" if calls.hold_public else "first response"
        facts.append(f"{kind} within {calls.first_response}")
    if calls.hold_public:
        facts.append("no public statement until the facts are validated")
    return " · ".join(facts) or None


_LEGEND = "✓ on / ✗ off: within working hours then · ↑ moved up: the primary is off"
_DUE = "→ due: the deadline if the incident is declared at the list's time"


def _holder_note(call: Call) -> str:
    return " (on call)" if call.on_call else " (backup)" if call.backup else ""


def _step_detail(step: FirstStep) -> str:
    """Who does it, by when, and whom it notifies: `Legal counsel · within 72h → Tue …`."""
    parts = [step.role_name] if step.role_name else []
    if step.within:
        parts.append(f"within {step.within} → {step.due_if_declared_now}")
    if step.regulator:
        parts.append(f"notifies {step.regulator}")
    if step.regulation:
        parts.append(f"under {step.regulation}")
    return " · ".join(parts)


# Below this width the four columns no longer fit: each person's fields are stacked.
STACK_BELOW = 80


def _stacked(number: int, call: Call, digits: int) -> Text:
    """One person as lines, each folding rather than cut: nothing is dropped."""
    indent = " " * (digits + 2)
    text = Text(f"{number:>{digits}}  ", overflow="fold")
    text.append(call.name, style="bold")
    text.append(" (backup)" if call.backup else "")
    text.append(f"\n{indent}")
    text.append("✓ on" if call.available else "✗ off", style="green" if call.available else "red")
    if call.moved_up:
        text.append(" ↑ moved up", style="bold")
    text.append(f"\n{indent}")
    text.append(call.phone or "✗ no phone", style="bold" if call.phone else "bold red")
    text.append(f"\n{indent}{call.local_time}")
    text.append(f"\n{indent}{call.email or '—'}", style="dim")
    return text


def _header(calls: CallList) -> list[RenderableType]:
    """The title, and the threat's own rules under it when it has some."""
    parts: list[RenderableType] = [Text(_title(calls), style="bold")]
    rules = threat_rules_line(calls)
    if rules:
        parts.append(Text(rules, style="bold yellow"))
    return [*parts, Text("")]


def rich(calls: CallList, width: int = STACK_BELOW) -> RenderableType:
    """One block per role, two lines per person, so the list fits 80 columns with e-mail;
    narrower, each person's fields are stacked so that no phone number is cut."""
    parts = _header(calls)
    table: Table | None = None
    widths = _widths(calls.calls) if calls.calls else []
    group: tuple[str, str] | None = None
    stacked = width < STACK_BELOW
    for number, call in enumerate(calls.calls, start=1):
        if (call.role, call.reason) != group:
            group = (call.role, call.reason)
            if table is not None:
                parts += [table, Text("")]
            elif number > 1:
                parts.append(Text(""))
            parts.append(Text(f"{call.role_name} · {call.reason}", style="bold"))
            table = None if stacked else _group_table(widths)
        if stacked:
            parts.append(_stacked(number, call, len(str(len(calls.calls)))))
            continue
        assert table is not None
        style = "green" if call.available else "red"
        status = Text("✓ on" if call.available else "✗ off", style=style)
        if call.moved_up:
            status.append("\n↑ moved up", style="bold")
        person = Text.assemble(
            (call.name, "bold"),
            " (on call)" if call.on_call else " (backup)" if call.backup else "",
            (f"\n{call.email or '—'}", "dim"),
        )
        contact = Text.assemble(
            (call.phone or "✗ no phone", "bold" if call.phone else "bold red"),
            f"\n{call.local_time}",
        )
        table.add_row(str(number), status, person, contact)
    if table is not None:
        parts += [table, Text("")]
    elif calls.calls:
        parts.append(Text(""))
    else:
        parts += [Text("✗ nobody to call: no role on this ladder has a person", style="bold red")]
    if calls.first_steps:
        # A grid, so a wrapped line keeps its indent under the step's text.
        steps = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1, 0, 0))
        steps.add_column(justify="right", no_wrap=True)
        steps.add_column(overflow="fold")
        for n, step in enumerate(calls.first_steps, start=1):
            text = Text(step.action)
            detail = _step_detail(step)
            if detail:
                # A regulator's deadline is the one that must not slip.
                text.append(
                    f"\n{detail}", style="bold" if step.regulator or step.regulation else "dim"
                )
            steps.add_row(f"{n}.", text)
        parts += [Text("First steps:", style="bold"), steps, Text("")]
    if calls.messages:
        parts.append(Text(f"Prepare: {', '.join(calls.messages)}", style="bold"))
        parts.append(Text(""))
    parts.append(Text(_LEGEND, style="dim"))
    if any(step.within for step in calls.first_steps):
        parts.append(Text(_DUE, style="dim"))
    return Group(*parts)


def markdown(calls: CallList) -> str:
    lines = [
        # Bold rather than a heading: pasted into a PR comment or a README section, a
        # heading would break the surrounding outline.
        f"**{_title(calls)}**",
        "",
        *([f"**{md_text(rules)}**", ""] if (rules := threat_rules_line(calls)) else []),
        "| # | Role | Person | Phone | E-mail | Local time | Hours |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for n, c in enumerate(calls.calls, start=1):
        phone = f"[{md_cell(c.phone)}]({c.tel})" if c.phone and c.tel else "—"
        lines.append(
            f"| {n} | {md_cell(c.role_name)} ({c.reason}) "
            f"| {md_cell(c.name)}{_holder_note(c)} "
            f"| {phone} | {md_cell(c.email or '—')} | {c.local_time} | {_status(c)} |"
        )
    if calls.first_steps:
        lines += ["", "**First steps**", ""]
        for n, step in enumerate(calls.first_steps, start=1):
            detail = _step_detail(step)
            lines.append(
                f"{n}. {md_text(step.action)}" + (f" — {md_text(detail)}" if detail else "")
            )
        if any(step.within for step in calls.first_steps):
            lines += ["", f"_{_DUE}_"]
    if calls.messages:
        lines += ["", "**Prepare:** " + ", ".join(f"`{m}`" for m in calls.messages)]
    return "\n".join(lines) + "\n"


def to_json(calls: CallList) -> str:
    document = asdict(calls)
    document["at"] = calls.at.isoformat()
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
