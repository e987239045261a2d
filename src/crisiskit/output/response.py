"""A whole response (`crisiskit respond`) as text, Markdown, JSON and a directory of files."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Any

from crisiskit.messages.drafts import Draft
from crisiskit.messages.response import RenderedResponse, Response, cadence, next_update_due
from crisiskit.model.types import format_duration
from crisiskit.output import calllist
from crisiskit.output.drafts import (
    approvals_text,
    approver_line,
    markdown_drafts,
    plain_drafts,
    status,
    title_status,
)
from crisiskit.output.markup import md_cell, md_text
from crisiskit.util.timefmt import later, zone_abbreviation

INDEX = "index.md"


def _moment(moment: datetime) -> str:
    return f"{moment:%a %Y-%m-%d %H:%M} {zone_abbreviation(moment)}"


def _clock(start: datetime, after: timedelta) -> str:
    """The deadline's time, with its date when it falls on another day than ``start``."""
    moment = later(start, after)
    if moment is None:
        return "never (too far ahead)"
    day = "" if moment.date() == start.date() else f"{moment:%a %Y-%m-%d} "
    return f"{day}{moment:%H:%M} {zone_abbreviation(moment)}"


def _due(start: datetime, after: timedelta) -> str | None:
    moment = later(start, after)
    return moment.isoformat(timespec="seconds") if moment is not None else None


def heading(response: Response) -> list[str]:
    """Threat, severity, declaration time and cadence: the first lines of every format."""
    threat = response.threat
    lines = [f"Response to {threat.id}: {threat.name}"]
    first, every = cadence(response)
    held = threat.rules.holds_public
    facts = [response.severity.name if response.severity else "no severity"]
    facts.append(f"declared {_moment(response.now)}")
    if first is not None:
        kind = "first internal response" if held else "first response"
        facts.append(f"{kind} within {format_duration(first)} (by {_clock(response.now, first)})")
    if held:
        facts.append("public statements held — publish after validation")
    if every is not None:
        upcoming = next_update_due(response)
        by = "" if held or upcoming is None else f" (next by {_clock(response.now, upcoming)})"
        once = " once public" if held else ""
        facts.append(f"updates every {format_duration(every)}{once}{by}")
    if threat.rules.codename:
        facts.append(f"codename {threat.rules.codename} (internal only)")
    lines.append(" · ".join(facts))
    return lines


def timeline_entries(response: Response) -> list[str]:
    """The severity's timeline: each message due, in order, by the clock."""
    lines = []
    for item in response.timeline:
        what = item.message or f"{item.what} (no prepared message for this threat)"
        if item.held:  # no clock: it goes out once the facts are validated
            lines.append(f"{what} · held — publish after validation")
        else:
            lines.append(f"{what} · {item.written} → by {_clock(response.now, item.due)}")
    return lines


def timeline_lines(response: Response) -> list[str]:
    """The timeline numbered, as plain text."""
    return [f"{n}. {entry}" for n, entry in enumerate(timeline_entries(response), start=1)]


def warning_lines(response: Response) -> list[str]:
    return [f"⚠ {warning}" for warning in response.warnings]


def draft_file(message: str, channel: str | None, locale: str) -> str:
    """`holding-statement.x.id.txt`: ids only (the schema's id pattern), so a safe name."""
    return f"{message}.{channel or 'any'}.{locale}.txt"


def file_name(draft: Draft) -> str:
    return draft_file(draft.message, draft.channel, draft.locale)


def title_file_name(draft: Draft) -> str:
    """`customer-notice.email.en.title.txt`, beside the draft's own file."""
    return file_name(draft).removesuffix(".txt") + ".title.txt"


def text_drafts(rendered: RenderedResponse) -> str:
    """Every message: its approval chain, then its drafts, each under a header."""
    chunks = []
    for part in rendered.parts:
        approvals = approvals_text(part.approvers).plain
        mark = f" · {HELD}" if _held(rendered, part.message.id) else ""
        chunks.append(f"===== {part.message.id}: {part.message.name}{mark} =====\n{approvals}")
        if part.drafts:
            chunks.append(plain_drafts(part.drafts, headers=True))
    return "\n".join(chunks)


HELD = "HELD until the facts are validated"
# The first line of a held draft's file: it cannot be pasted by accident, as whoever
# publishes deletes it, once the facts are validated.
HOLD_LINE = "HOLD: do not publish until the facts are validated; then delete this line."


def _held(rendered: RenderedResponse, message_id: str) -> bool:
    return any(p.message.id == message_id and p.selection.held for p in rendered.response.parts)


def files(rendered: RenderedResponse) -> dict[str, str]:
    """One file per message × channel × locale (the draft; a held one starts with the
    HOLD line), its title when it has one, and the index."""
    result = {
        file_name(d): (f"{HOLD_LINE}\n\n" if _held(rendered, d.message) else "") + d.text + "\n"
        for d in rendered.drafts
    }
    result.update((title_file_name(d), d.title + "\n") for d in rendered.drafts if d.title)
    result[INDEX] = markdown(rendered, with_files=True)
    return result


def markdown(rendered: RenderedResponse, with_files: bool = False) -> str:
    """The response for the incident channel or a ticket: call list first, then drafts."""
    response = rendered.response
    title, facts = heading(response)
    lines = [f"# {md_text(title)}", "", md_text(facts), ""]
    lines += [f"**{md_text(w)}**" for w in warning_lines(response)]
    if response.warnings:
        lines.append("")
    if response.timeline:
        entries = timeline_entries(response)
        lines += ["**Timeline**", "", *(f"{n}. {md_text(t)}" for n, t in enumerate(entries, 1))]
        lines.append("")
    lines.append(calllist.markdown(rendered.calls))
    for part in rendered.parts:
        if with_files:
            mark = f" — {HELD}" if _held(rendered, part.message.id) else ""
            lines += [f"## {md_text(part.message.name)} (`{part.message.id}`){mark}", ""]
            lines += ["| File | Channel | Locale | Length |", "| --- | --- | --- | --- |"]
            for d in part.drafts:
                lines.append(
                    f"| [{file_name(d)}]({file_name(d)}) | {d.channel or '—'} | {d.locale} "
                    f"| {md_cell(status(d))} |"
                )
                if d.title is not None:
                    name = title_file_name(d)
                    lines.append(
                        f"| [{name}]({name}) (title) | {d.channel or '—'} | {d.locale} "
                        f"| {md_cell(title_status(d))} |"
                    )
            lines += ["", "Approve before publishing, in order:", ""]
            lines += [
                f"{n}. {md_text(approver_line(a))}" for n, a in enumerate(part.approvers, 1)
            ] or ["Nobody is named: check the plan's approvers."]
            lines.append("")
        else:
            mark = f" — {HELD}" if _held(rendered, part.message.id) else ""
            lines.append(markdown_drafts(part.message.name + mark, part.drafts, part.approvers))
    return "\n".join(lines).rstrip("\n") + "\n"


def to_json(rendered: RenderedResponse) -> str:
    response = rendered.response
    first, every = cadence(response)
    calls = json.loads(calllist.to_json(rendered.calls))
    held = {p.message.id for p in response.parts if p.selection.held}
    document: dict[str, Any] = {
        "threat": response.threat.id,
        "severity": response.severity.id if response.severity else None,
        "declared_at": response.now.isoformat(timespec="seconds"),
        "first_response": format_duration(first) if first else None,
        "update_every": format_duration(every) if every else None,
        "codename": response.threat.rules.codename,
        "public_statement": response.threat.rules.public_statement.value,
        "warnings": response.warnings,
        "timeline": [
            {
                "what": item.what,
                "message": item.message,
                "due": None if item.held else _due(response.now, item.due),
                "after_declaration": None if item.held else format_duration(item.due),
                "held": item.held,
            }
            for item in response.timeline
        ],
        "variables": rendered.values.as_json(),
        "calls": calls,
        "messages": [
            {
                "message": part.message.id,
                "held": part.message.id in held,
                "approvals": [asdict(a) for a in part.approvers],
                "drafts": [
                    {
                        "channel": d.channel,
                        "locale": d.locale,
                        "file": file_name(d),
                        "title": d.title,
                        "title_file": title_file_name(d) if d.title is not None else None,
                        "text": d.text,
                        "length": d.measurement.length,
                        "unit": d.measurement.unit.value,
                        "limit": d.limit.value,
                        "ok": not d.over_limit,
                    }
                    for d in part.drafts
                ],
            }
            for part in rendered.parts
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
