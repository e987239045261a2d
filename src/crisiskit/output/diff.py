"""The `diff` report as text (terminal, CI log), Markdown (a PR comment) and JSON.

Every piece of plan text is escaped for where it goes: ``visible`` for terminals and CI
logs (and every line is indented, so none starts with ``::``), ``markup`` for Markdown.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from crisiskit import __version__
from crisiskit.output.json import finding_to_dict
from crisiskit.output.markup import md_cell, md_text
from crisiskit.output.visible import visible
from crisiskit.review.model import Action, Change, DiffReport, Example, Risk, Stage, Wording

SCHEMA_VERSION = 1
# GitHub refuses a comment over 65,536 characters; a margin keeps the marker line and the
# workflow's own additions inside it too.
COMMENT_LIMIT = 65_536
COMMENT_BUDGET = COMMENT_LIMIT - 1_536
_SYMBOL = {Action.ADDED: "+", Action.REMOVED: "-", Action.CHANGED: "~", Action.RENAMED: ">"}
_BADGE = {Risk.HIGH: "🔴 high", Risk.MEDIUM: "🟠 medium", Risk.LOW: "🟡 low"}


# Unchanged text longer than this is cut to its ends in a word diff (the whole text is in
# the before and after examples).
CONTEXT_CHARS = 40


def condensed(words: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """The word diff with long unchanged runs shortened to the words near a change."""
    runs = []
    for index, (op, text) in enumerate(words):
        if op == "=" and len(text) > 2 * CONTEXT_CHARS + 5:
            head = _words_within(text[:CONTEXT_CHARS], keep_end=False) if index > 0 else ""
            tail = (
                _words_within(text[-CONTEXT_CHARS:], keep_end=True)
                if index < len(words) - 1
                else ""
            )
            text = " … ".join(part for part in (head, tail) if part.strip()) or "…"
            if not head.strip():
                text = "… " + text.lstrip() if tail.strip() else "…"
            elif not tail.strip():
                text += " …"
        runs.append((op, text))
    return runs


def _words_within(text: str, keep_end: bool) -> str:
    """``text`` cut at a word boundary, so no word (or URL) is shown half."""
    if keep_end:
        cut = text.find(" ")
        return text[cut + 1 :] if cut >= 0 else ""
    cut = text.rfind(" ")
    return text[:cut] if cut >= 0 else ""


def _risks(report: DiffReport) -> str:
    counts = [f"{report.count(risk)} {risk.value}" for risk in Risk]
    return ", ".join(counts) + " risk"


def _plans_line(report: DiffReport) -> str:
    statuses = [p.status for p in report.plans]
    parts = [
        f"{statuses.count(s)} {s}" for s in ("changed", "added", "removed", "invalid", "unchanged")
    ]
    shown = ", ".join(p for p in parts if not p.startswith("0 "))
    noun = "plan" if len(statuses) == 1 else "plans"
    return f"{len(statuses)} {noun} compared" + (f": {shown}" if shown else "")


def _by_stage(report: DiffReport) -> Iterator[tuple[Stage, list[Change]]]:
    for stage in Stage:
        changes = [c for c in report.changes if c.stage is stage]
        if changes:
            yield stage, changes


# An agency fragment reaches hundreds of plans: name a few, count the rest (JSON has all).
PLANS_NAMED = 5


def plan_list(plans: Sequence[str]) -> str:
    named = ", ".join(plans[:PLANS_NAMED])
    rest = len(plans) - PLANS_NAMED
    return f"{named} and {rest} more" if rest > 0 else named


def _reach(report: DiffReport, change: Change) -> str | None:
    """Where a change comes from and which plans it reaches, when that is not obvious."""
    plans = list(change.plans)
    if change.file not in plans:
        names = plan_list(plans)
        if len(plans) == 1:
            return f"written in {change.file}; in {names}"
        return f"written in {change.file}; reaches {len(plans)} plans: {names}"
    if len(report.plans) > 1:
        return f"in {plan_list(plans)}"
    return None


# Text -------------------------------------------------------------------------------


def render_text(report: DiffReport) -> str:
    lines = [
        f"crisiskit diff: {visible(report.base)} → {visible(report.head)}",
        f"{_plans_line(report)}; {_risks(report)}",
    ]
    for plan in report.plans:
        lines += [f"  {visible(plan.file)}: {visible(problem)}" for problem in plan.problems]
    if not report.changes:
        lines.append("No change to any plan.")
    for stage, changes in _by_stage(report):
        lines += ["", stage.heading]
        for change in changes:
            lines += _text_change(report, change)
    lines += _text_findings(report)
    return "\n".join(lines) + "\n"


def _text_change(report: DiffReport, change: Change) -> list[str]:
    detail = f": {visible(change.detail)}" if change.detail else ""
    lines = [f"  {_SYMBOL[change.action]} {visible(change.subject)}{detail}"]
    if change.risk is not None:
        lines.append(f"      {change.risk.value.upper()}: {visible(change.reason or '')}")
    reach = _reach(report, change)
    if reach:
        lines.append(f"      {visible(reach)}")
    if change.wording is not None:
        lines += _text_wording(change.wording)
    return lines


def _text_wording(wording: Wording) -> list[str]:
    marks = {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}
    diff = "".join(marks[op].format(text) for op, text in condensed(wording.words))
    lines = ["      word diff:"]
    lines += [f"        {visible(line)}" for line in diff.splitlines() or [""]]
    for label, example in (("before", wording.before), ("after", wording.after)):
        lines.append(f"      {label}: {_measure(example)}")
        if example is not None and example.text is not None:
            if example.title is not None:
                lines.append(f"        title: {visible(example.title)}")
            lines += [f"        {visible(line)}" for line in example.text.splitlines()]
    return lines


def _measure(example: Example | None) -> str:
    if example is None:
        return "(no such variant)"
    if example.text is None:
        return f"does not render: {visible(example.error or '')}"
    if example.limit is None:
        return f"{example.length} {example.unit}, no limit"
    over = " — OVER THE LIMIT" if example.over_limit else ""
    return f"{example.length}/{example.limit} {example.unit}{over}"


def _text_findings(report: DiffReport) -> list[str]:
    lines: list[str] = []
    for plan in report.plans:
        if not plan.introduced and not plan.fixed:
            continue
        if not lines:
            lines += ["", "Findings"]
        lines.append(
            f"  {visible(plan.file)}: {len(plan.introduced)} introduced, {len(plan.fixed)} fixed"
        )
        for sign, findings in (("+", plan.introduced), ("-", plan.fixed)):
            for f in findings:
                lines.append(
                    f"    {sign} {visible(f.file)}:{f.line}:{f.column}: {f.severity.value} "
                    f"{f.code} {visible(f.message)}"
                )
    return lines


# Markdown ---------------------------------------------------------------------------


@dataclass
class _Section:
    head: list[str]
    body: list[str] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)


def render_markdown(report: DiffReport, budget: int = COMMENT_BUDGET) -> str:
    """A pull-request comment: the risky changes, a table of the plans changed, and the
    details folded per stage; cut (with a note) to fit GitHub's comment limit."""
    sections = [_md_summary(report), _md_risky(report), _md_table(report)]
    for stage, changes in _by_stage(report):
        sections.append(_md_stage(report, stage, changes))
    findings = _md_findings(report)
    if findings.body:
        sections.append(findings)
    return _fit(sections, budget)


def _size(text: str) -> int:
    """Characters as GitHub counts them (UTF-16 code units), to stay under its limit."""
    return len(text.encode("utf-16-le")) // 2


def _fit(sections: list[_Section], budget: int) -> str:
    out: list[str] = []
    used = shown = 0
    cut = False
    for section in sections:
        head, tail = "\n".join(section.head), "\n".join(section.tail)
        if used + _size(head) + _size(tail) + 2 > budget:
            cut = True
            break
        out.append(head)
        used += _size(head) + 1
        for line in section.body:
            if used + _size(line) + _size(tail) + 2 > budget:
                cut = True
                break
            out.append(line)
            used += _size(line) + 1
            shown += 1
        out.append(tail)
        used += _size(tail) + 1
        if cut:
            break
    if cut:
        hidden = sum(len(s.body) for s in sections) - shown
        out.append(
            f"\n> [!NOTE]\n> Cut to fit GitHub's {COMMENT_LIMIT:,}-character comment limit: "
            f"{hidden} more entries are not shown. Run `crisiskit diff` (or `--format json`) "
            "for the whole report."
        )
    return "\n".join(out).strip("\n") + "\n"


def _md_summary(report: DiffReport) -> _Section:
    head = [
        "## crisiskit diff",
        "",
        f"{md_text(report.base)} → {md_text(report.head)}: {_plans_line(report)}; "
        f"**{report.count(Risk.HIGH)} high**, {report.count(Risk.MEDIUM)} medium, "
        f"{report.count(Risk.LOW)} low risk.",
    ]
    problems = [
        f"- **{md_text(plan.file)}** {md_text(problem)}"
        for plan in report.plans
        for problem in plan.problems
    ]
    return _Section(head, problems, [""])


# More plans than this (an agency fragment reaching every client) fold their table away.
TABLE_ROWS_SHOWN = 10


def _md_table(report: DiffReport) -> _Section:
    plans = [plan for plan in report.plans if plan.status != "unchanged"]
    if not plans:
        return _Section([], [], [])
    head = [
        "| Plan | Status | High | Medium | Low | Changes | Findings introduced | Fixed |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    tail = [""]
    if len(plans) > TABLE_ROWS_SHOWN:
        head = [f"<details><summary>{len(plans)} plans changed</summary>", "", *head]
        tail = ["", "</details>", ""]
    body = []
    for plan in plans:
        changes = report.changes_of(plan.file)
        counts = [sum(1 for c in changes if c.risk is risk) for risk in Risk]
        body.append(
            f"| {md_cell(plan.file)} | {plan.status} | "
            + " | ".join(str(n) for n in counts)
            + f" | {len(changes)} | {len(plan.introduced)} | {len(plan.fixed)} |"
        )
    return _Section(head, body, tail)


def _md_risky(report: DiffReport) -> _Section:
    risky = sorted(report.at_least(Risk.LOW), key=lambda c: -(c.risk.rank if c.risk else 0))
    if not risky:
        return _Section(["No risky change."], [], [""])
    body = [
        f"- {_BADGE[c.risk]} — {md_text(c.reason or c.detail)} ({md_text(plan_list(c.plans))})"
        for c in risky
        if c.risk is not None
    ]
    return _Section(["### Risky changes", ""], body, [""])


def _md_stage(report: DiffReport, stage: Stage, changes: list[Change]) -> _Section:
    noun = "change" if len(changes) == 1 else "changes"
    head = [f"<details><summary>{stage.heading} — {len(changes)} {noun}</summary>", ""]
    body = []
    for change in changes:
        line = (
            f"- `{_SYMBOL[change.action]}` **{md_text(change.subject)}** {md_text(change.detail)}"
        )
        if change.risk is not None:
            line += f" — {_BADGE[change.risk]}: {md_text(change.reason or '')}"
        reach = _reach(report, change)
        if reach:
            line += f" <br>_{md_text(reach)}_"
        if change.wording is not None:
            line += "\n" + _md_wording(change.wording)
        body.append(line)
    return _Section(head, body, ["", "</details>", ""])


def _md_wording(wording: Wording) -> str:
    parts = []
    for op, text in condensed(wording.words):
        escaped = "<br>".join(md_text(line) for line in text.split("\n"))
        if op == "=":
            parts.append(escaped)
        elif text.strip():
            tag = "del" if op == "-" else "ins"
            parts.append(f"<{tag}>{escaped}</{tag}>")
        else:
            parts.append(escaped)
    lines = ["", "  " + "".join(parts), ""]
    for label, example in (("Before", wording.before), ("After", wording.after)):
        lines.append(f"  {label}: {md_text(_measure(example))}")
        if example is not None and example.text is not None:
            if example.title is not None:
                lines.append(f"  > **{md_text(example.title)}**")
            lines += [f"  > {md_text(line)}" for line in example.text.splitlines()]
            lines.append("")
    return "\n".join(lines)


def _md_findings(report: DiffReport) -> _Section:
    introduced = sum(len(p.introduced) for p in report.plans)
    fixed = sum(len(p.fixed) for p in report.plans)
    head = [f"<details><summary>Findings — {introduced} introduced, {fixed} fixed</summary>", ""]
    # A finding in a shared fragment comes with every plan including it: listed once.
    reached: dict[str, list[str]] = {}
    for plan in report.plans:
        for sign, findings in (("introduced", plan.introduced), ("fixed", plan.fixed)):
            for f in findings:
                line = (
                    f"- {sign}: `{f.code}` {f.severity.value} {md_text(f.file)}:{f.line} — "
                    f"{md_text(f.message)}"
                )
                reached.setdefault(line, []).append(plan.file)
    body = [
        line + (f" _(in {len(plans)} plans)_" if len(plans) > 1 else "")
        for line, plans in reached.items()
    ]
    return _Section(head, body, ["", "</details>"])


# JSON -------------------------------------------------------------------------------


def _example(example: Example | None) -> dict[str, Any] | None:
    if example is None:
        return None
    return {
        "title": example.title,
        "text": example.text,
        "length": example.length,
        "limit": example.limit,
        "unit": example.unit,
        "over_limit": example.over_limit,
        "error": example.error,
        "template": example.template,
    }


def _change(change: Change) -> dict[str, Any]:
    wording = change.wording
    return {
        "stage": change.stage.value,
        "action": change.action.value,
        "subject": change.subject,
        "detail": change.detail,
        "file": change.file,
        "plans": list(change.plans),
        "risk": {"level": change.risk.value, "reason": change.reason} if change.risk else None,
        "wording": None
        if wording is None
        else {
            "locale": wording.locale,
            "channel": wording.channel,
            "words": [{"op": op, "text": text} for op, text in wording.words],
            "before": _example(wording.before),
            "after": _example(wording.after),
        },
    }


def render_json(report: DiffReport) -> str:
    document = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "crisiskit", "version": __version__},
        "base": report.base,
        "head": report.head,
        "summary": {
            "plans": len(report.plans),
            "changes": len(report.changes),
            **{risk.value: report.count(risk) for risk in Risk},
        },
        "plans": [
            {
                "file": plan.file,
                "status": plan.status,
                "problems": plan.problems,
                "introduced": [finding_to_dict(f) for f in plan.introduced],
                "fixed": [finding_to_dict(f) for f in plan.fixed],
            }
            for plan in report.plans
        ],
        "changes": [_change(c) for c in report.changes],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
