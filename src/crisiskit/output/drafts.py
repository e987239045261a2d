"""Drafts for people (Rich panels, plain text, Markdown) and machines (JSON)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from crisiskit.messages.drafts import Approver, Draft
from crisiskit.messages.textlength import Bound, Limit, Measurement, describe_character
from crisiskit.output.markup import md_text

if TYPE_CHECKING:  # Rich loads only to print through it: piped, drafts are plain text
    from rich.console import RenderableType
    from rich.text import Text

_BOUND_SIGN = {Bound.EXACT: "", Bound.AT_MOST: "≤ ", Bound.AT_LEAST: "≥ "}


def _length(draft: Draft) -> str:
    """The count and every cap the channel has, e.g. `159/280 weighted characters`."""
    measured, limit = draft.measurement, draft.limit
    sign = _BOUND_SIGN[measured.bound]
    if limit.value is None:
        head = f"{sign}{measured.length:,} {measured.unit.value}"
    else:
        head = f"{sign}{measured.length:,}/{limit.value:,} {measured.unit.value}"
    return " · ".join([head, *_details(measured, limit)])


def _details(measured: Measurement, limit: Limit) -> list[str]:
    details: list[str] = []
    if measured.encoding is not None:
        what = "septets" if measured.encoding == "GSM-7" else "UTF-16 units"
        forced = (
            f" (forced by {describe_character(measured.forced_by)})" if measured.forced_by else ""
        )
        details.append(f"{measured.encoding}{forced}, {measured.units:,} {what}")
    caps = (
        (measured.utf8_bytes, limit.max_utf8_bytes, "UTF-8 bytes"),
        (measured.hashtags, limit.max_hashtags, "hashtags"),
        (measured.mentions, limit.max_mentions, "mentions"),
        (measured.links, limit.max_links, "links"),
    )
    details += [
        f"{value:,}/{cap:,} {what}"
        for value, cap, what in caps
        if value is not None and cap is not None
    ]
    if measured.invalid is not None:
        details.append(f"{describe_character(measured.invalid)} rejected")
    return details


def status(draft: Draft) -> str:
    return f"✗ OVER LIMIT ({_length(draft)})" if draft.over_limit else f"✓ {_length(draft)}"


def _title(draft: Draft) -> str:
    return f"{draft.message} · {draft.channel or 'no channel'} · {draft.locale}"


def _contact(name: str | None, phone: str | None, available: bool | None) -> str:
    duty = {True: ", on duty", False: ", off duty", None: ""}[available]
    details = ", ".join(x for x in (phone,) if x) + duty
    return f"{name or 'nobody'}" + (f" ({details.lstrip(', ')})" if details else "")


def approver_line(approver: Approver) -> str:
    who = _contact(approver.person_name, approver.phone, approver.available)
    moved = " ↑ moved up" if approver.moved_up else ""
    backups = "; backups: " + ", ".join(
        _contact(b.name, b.phone, b.available) for b in approver.backups
    )
    return f"{approver.role_name}: {who}{moved}{backups if approver.backups else ''}"


def rich_drafts(drafts: Sequence[Draft], approvers: Sequence[Approver]) -> RenderableType:
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    panels: list[RenderableType] = []
    for draft in drafts:
        style = "red" if draft.over_limit else "green"
        panels.append(
            Panel(
                # Wrapped, never cropped, even on a soft-wrapping console: every word of the
                # draft must be on screen for the person approving it.
                _body(draft),
                title=_title(draft),
                title_align="left",
                subtitle=Text(status(draft), style=style),
                subtitle_align="right",
                border_style=style,
            )
        )
    panels.append(approvals_text(approvers))
    return Group(*panels)


def title_status(draft: Draft) -> str:
    """`Title (42/100 characters)`, or without a limit `Title (42 characters)`."""
    length = draft.title_length or 0
    refused = draft.title_refused_characters
    # Each refused character named as the platform's documentation names it.
    said = (
        f"; ✗ REFUSED: the platform does not accept {' or '.join(refused)} in a title"
        if refused
        else ""
    )
    if draft.title_limit is None:
        return f"{length:,} characters{said}"
    mark = "✗ OVER LIMIT " if draft.title_over_limit else ""
    return f"{mark}{length:,}/{draft.title_limit:,} characters{said}"


def _body(draft: Draft) -> Text:
    from rich.text import Text

    body = Text(no_wrap=False, overflow="fold")
    if draft.title is not None:
        style = "bold red" if draft.title_refused else "bold"
        body.append("Title: ", style="dim")
        body.append(draft.title, style=style)
        body.append(f"  ({title_status(draft)})\n\n", style="dim")
    body.append(draft.text)
    return body


_APPROVALS_HEADER = "Approve before publishing, in order:\n"
_NOBODY = "  nobody is named: check the plan's approvers\n"


def _approval_lines(approvers: Sequence[Approver]) -> list[str]:
    return [f"  {n}. {approver_line(a)}\n" for n, a in enumerate(approvers, start=1)]


def approvals_text(approvers: Sequence[Approver]) -> Text:
    from rich.text import Text

    text = Text(_APPROVALS_HEADER, style="bold")
    if not approvers:
        text.append(_NOBODY, style="red")
    for line in _approval_lines(approvers):
        text.append(line)
    return text


def approvals_plain(approvers: Sequence[Approver]) -> str:
    """The characters of :func:`approvals_text` as written (Rich strips control codes)."""
    return _APPROVALS_HEADER + ("" if approvers else _NOBODY) + "".join(_approval_lines(approvers))


# A line of a draft that could pass for a draft header gets a backslash in front (and
# one more for each it already has), so a variable cannot forge where a draft begins.
_HEADER_LIKE = re.compile(r"^(?=\\*-----)", re.MULTILINE)


def _unforgeable(text: str) -> str:
    return _HEADER_LIKE.sub("\\\\", text)


def plain_drafts(drafts: Sequence[Draft], headers: bool = False) -> str:
    """Only the drafts: one draft alone is its bare text (for the clipboard) unless
    ``headers`` asks for every draft's header."""
    if len(drafts) == 1 and not headers and drafts[0].title is None:
        return drafts[0].text + "\n"
    parts = [
        f"----- {_title(d)} ({status(d)}) -----\n{_title_line(d)}{_unforgeable(d.text)}\n"
        for d in drafts
    ]
    return "\n".join(parts)


def _title_line(draft: Draft) -> str:
    # A title is one line (rendering joins its lines), so it cannot forge a header.
    if draft.title is None:
        return ""
    return f"Title: {draft.title} ({title_status(draft)})\n\n"


def markdown_drafts(
    message_name: str, drafts: Sequence[Draft], approvers: Sequence[Approver]
) -> str:
    lines = [f"## {message_name}", ""]
    for draft in drafts:
        lines += [f"### {draft.channel or 'no channel'} · {draft.locale} — {status(draft)}", ""]
        if draft.title is not None:
            lines += [f"**Title:** {md_text(draft.title)} ({title_status(draft)})", ""]
        lines += [f"> {md_text(line)}" if line else ">" for line in draft.text.splitlines()]
        lines.append("")
    lines += ["### Approvals", ""]
    lines += [f"{n}. {approver_line(a)}" for n, a in enumerate(approvers, start=1)] or [
        "Nobody is named."
    ]
    return "\n".join(lines) + "\n"


def _counts(draft: Draft) -> dict[str, Any]:
    """A draft's count for machines: every key always present, null where unused."""
    measured, limit = draft.measurement, draft.limit
    return {
        "length": measured.length,
        "limit": limit.value,
        "unit": measured.unit.value,
        "counting": limit.counting.value,
        "bound": measured.bound.value,
        "ok": not draft.over_limit,
        "problems": list(draft.problems),
        "encoding": measured.encoding,
        "units": measured.units,
        "parts": measured.parts,
        "forced_by": measured.forced_by,
        "utf8_bytes": measured.utf8_bytes,
        "max_utf8_bytes": limit.max_utf8_bytes,
        "hashtags": measured.hashtags,
        "max_hashtags": limit.max_hashtags,
        "mentions": measured.mentions,
        "max_mentions": limit.max_mentions,
        "links": measured.links,
        "max_links": limit.max_links,
        "invalid": measured.invalid,
    }


def json_drafts(
    message: str,
    severity: str | None,
    variables: Mapping[str, str | Mapping[str, str]],
    drafts: Sequence[Draft],
    approvers: Sequence[Approver],
    generated_at: str,
    warnings: Sequence[str] = (),
) -> str:
    document: dict[str, Any] = {
        "message": message,
        "severity": severity,
        "generated_at": generated_at,
        "warnings": list(warnings),
        "variables": dict(variables),
        "drafts": [
            {
                "locale": d.locale,
                "channel": d.channel,
                "title": d.title,
                "title_length": d.title_length,
                "title_limit": d.title_limit,
                "title_ok": not d.title_refused,
                "text": d.text,
                **_counts(d),
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
                "available": a.available,
                "moved_up": a.moved_up,
                "backups": [
                    {"person": b.person, "name": b.name, "phone": b.phone, "available": b.available}
                    for b in a.backups
                ],
            }
            for a in approvers
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
