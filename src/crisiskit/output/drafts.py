"""Drafts for people (Rich panels, plain text, Markdown) and machines (JSON)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from crisiskit.messages.drafts import Approver, Draft
from crisiskit.output.markup import md_text


def _length(draft: Draft) -> str:
    measured = draft.measurement
    limit = draft.limit
    if limit.value is None:
        return f"{measured.length:,} {measured.unit.value}"
    extra = f", {measured.encoding} {measured.units} chars" if measured.encoding else ""
    return f"{measured.length:,}/{limit.value:,} {measured.unit.value}{extra}"


def status(draft: Draft) -> str:
    return f"✗ OVER LIMIT ({_length(draft)})" if draft.over_limit else f"✓ {_length(draft)}"


def _title(draft: Draft) -> str:
    return f"{draft.message} · {draft.channel or 'no channel'} · {draft.locale}"


def _approver_line(approver: Approver) -> str:
    who = approver.person_name or "nobody"
    phone = f" ({approver.phone})" if approver.phone else ""
    backups = f"; backups: {', '.join(approver.backups)}" if approver.backups else ""
    return f"{approver.role_name}: {who}{phone}{backups}"


def rich_drafts(drafts: Sequence[Draft], approvers: Sequence[Approver]) -> RenderableType:
    panels: list[RenderableType] = []
    for draft in drafts:
        style = "red" if draft.over_limit else "green"
        panels.append(
            Panel(
                # Wrapped, never cropped, even on a soft-wrapping console: every word of the
                # draft must be on screen for the person approving it.
                Text(draft.text, no_wrap=False, overflow="fold"),
                title=_title(draft),
                title_align="left",
                subtitle=Text(status(draft), style=style),
                subtitle_align="right",
                border_style=style,
            )
        )
    panels.append(approvals_text(approvers))
    return Group(*panels)


def approvals_text(approvers: Sequence[Approver]) -> Text:
    text = Text("Approve before publishing, in order:\n", style="bold")
    if not approvers:
        text.append("  nobody is named: check the plan's approvers\n", style="red")
    for number, approver in enumerate(approvers, start=1):
        text.append(f"  {number}. {_approver_line(approver)}\n")
    return text


def plain_drafts(drafts: Sequence[Draft]) -> str:
    """Only the drafts: one draft alone is its bare text, ready for the clipboard."""
    if len(drafts) == 1:
        return drafts[0].text + "\n"
    parts = [f"----- {_title(d)} ({status(d)}) -----\n{d.text}\n" for d in drafts]
    return "\n".join(parts)


def markdown_drafts(
    message_name: str, drafts: Sequence[Draft], approvers: Sequence[Approver]
) -> str:
    lines = [f"## {message_name}", ""]
    for draft in drafts:
        lines += [f"### {draft.channel or 'no channel'} · {draft.locale} — {status(draft)}", ""]
        lines += [f"> {md_text(line)}" if line else ">" for line in draft.text.splitlines()]
        lines.append("")
    lines += ["### Approvals", ""]
    lines += [f"{n}. {_approver_line(a)}" for n, a in enumerate(approvers, start=1)] or [
        "Nobody is named."
    ]
    return "\n".join(lines) + "\n"


def json_drafts(
    message: str,
    severity: str | None,
    variables: dict[str, str],
    drafts: Sequence[Draft],
    approvers: Sequence[Approver],
    generated_at: str,
) -> str:
    document: dict[str, Any] = {
        "message": message,
        "severity": severity,
        "generated_at": generated_at,
        "variables": variables,
        "drafts": [
            {
                "locale": d.locale,
                "channel": d.channel,
                "text": d.text,
                "length": d.measurement.length,
                "unit": d.measurement.unit.value,
                "encoding": d.measurement.encoding,
                "limit": d.limit.value,
                "ok": not d.over_limit,
                "template": d.template,
            }
            for d in drafts
        ],
        "approvals": [
            {
                "role": a.role,
                "role_name": a.role_name,
                "person": a.person,
                "name": a.person_name,
                "phone": a.phone,
                "backups": list(a.backups),
            }
            for a in approvers
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
