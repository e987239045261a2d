"""The handbook as Markdown that renders well on GitHub, with Mermaid blocks for charts.

Plan text goes through :mod:`crisiskit.output.markup`: table cells and lines are escaped
so a name cannot become a heading, a link or HTML.
"""

from __future__ import annotations

from crisiskit.charts import coverage as coverage_chart
from crisiskit.charts import escalation as escalation_chart
from crisiskit.charts.people import PersonView
from crisiskit.export.handbook import Handbook, ThreatView
from crisiskit.export.words import WORDS, gantt_words
from crisiskit.output.markup import md_cell, md_text


def _cover(book: Handbook, w: dict[str, str]) -> list[str]:
    version = book.commit or w["not_in_git"]
    if book.commit and book.commit_date:
        version += f" ({w['committed'].format(date=book.commit_date)})"
    if book.commit and book.uncommitted:
        version += f" ({w['uncommitted']})"
    if book.review_due is None:
        review = w["no_review"]
    elif book.overdue:
        review = "**" + w["review_overdue"].format(due=book.review_due.isoformat()) + "**"
    else:
        review = w["review_due"].format(due=book.review_due.isoformat())
    lines = [
        f"# {md_text(w['title'] + ': ' + book.organization)}",
        "",
        f"{w['generated']}: {book.generated.isoformat()} · {w['plan_version']}: {version}",
        "",
        f"{w['review']}: {review}",
        "",
        f"## {w['findings']}",
        "",
    ]
    shown = [
        f"- {f.level} {f.code} {md_text(f.where)}: {md_text(f.message)}" for f in book.findings[:15]
    ]
    if len(book.findings) > 15:
        shown.append(f"- {w['more_findings'].format(count=len(book.findings) - 15)}")
    lines += shown or [w["no_findings"]]
    titles = [w["contacts"], w["roles"], w["escalation"], w["coverage"]]
    titles += [f"{w['threat']}: {t.name}" for t in book.threats]
    titles += [w["approvals"], w["drills"]]
    lines += ["", f"## {w['contents']}", ""]
    lines += [f"{n}. {md_text(title)}" for n, title in enumerate(titles, start=1)]
    return [*lines, ""]


def _person(p: PersonView) -> str:
    phone = f" {md_cell(p.phone)}" if p.phone else ""
    return f"**{md_cell(p.name)}**{phone}<br>{md_cell(p.hours)} ({md_cell(p.timezone)})"


def _contacts(book: Handbook, w: dict[str, str]) -> list[str]:
    lines = [f"## {w['contacts']}", "", w["contacts_intro"], ""]
    lines += [f"| {w['role']} | {w['primary']} | {w['backups']} |", "| --- | --- | --- |"]
    for r in book.people:
        primary = _person(r.primary) if r.primary else w["none"]
        backups = "<br>".join(_person(b) for b in r.backups) or w["none"]
        lines.append(f"| {md_cell(r.role)} | {primary} | {backups} |")
    lines.append("")
    for s in book.contacts:
        timing = [f"{w['first_response']} {s.first_response}"] if s.first_response else []
        timing += [f"{w['updates']} {s.update_every}"] if s.update_every else []
        head = f"**{md_text(s.name)}**" + (" · " + " · ".join(timing) if timing else "")
        order = " → ".join(s.order).replace("notify ", w["notify_word"] + " ")
        order = order.replace("approve ", w["approve_word"] + " ")
        lines.append(f"- {head}: {md_text(order)}")
    lines.append("")
    return lines


def _roles(book: Handbook, w: dict[str, str]) -> list[str]:
    lines = [f"## {w['roles']}", ""]
    for r in book.roles:
        lines += [f"### {md_text(r.name)}", ""]
        lines += [f"- {md_text(item)}" for item in r.responsibilities]
        primary = md_text(r.primary.name) if r.primary else w["none"]
        backups = ", ".join(md_text(b.name) for b in r.backups) or w["none"]
        lines += ["", f"{w['primary']}: {primary} · {w['backups']}: {backups}", ""]
    return lines


def _threat(t: ThreatView, w: dict[str, str]) -> list[str]:
    lines = [f"## {md_text(w['threat'] + ': ' + t.name)}", ""]
    lines += [
        f"{w['severity']}: {md_text(t.severity or w['none'])} · {w['owner']}: "
        f"{md_text(t.owner or w['none'])} · {w['likelihood']}: {t.likelihood} · "
        f"{w['impact']}: {t.impact}",
        "",
        *([f"**{md_text(' · '.join(t.rules))}**", ""] if t.rules else []),
        f"### {w['signals']}",
        "",
    ]
    lines += [f"- {md_text(s)}" for s in t.signals] or [f"- {w['none']}"]
    lines += ["", f"### {w['first_steps']}", ""]
    for n, s in enumerate(t.steps, start=1):
        extra = (f" — {md_text(s.role)}" if s.role else "") + (
            f" · {w['within']} {s.within}" if s.within else ""
        )
        extra += f" · {w['regulator']}: {md_text(s.regulator)}" if s.regulator else ""
        lines.append(f"{n}. {md_text(s.action)}{extra}")
    lines += ["", f"### {w['messages']}", "", w["example_values"], ""]
    for d in t.drafts:
        head = f"**{md_text(d.message_name)}** · {md_text(d.channel)} · {md_text(d.locale)}"
        if d.text is None:
            lines += [f"{head} · {w['does_not_render']}: {md_text(d.error or '')}", ""]
            continue
        flag = f" **{w['over_limit']}**" if d.over_limit else ""
        lines += [f"{head} · {w['length']} {d.length}{flag}", ""]
        if d.title is not None:
            lines += [f"{w['draft_title']} ({d.title_length}): **{md_text(d.title)}**", ""]
        lines += [f"> {md_text(line)}" if line else ">" for line in d.text.splitlines()]
        lines.append("")
    return lines


def render_markdown(book: Handbook) -> str:
    w = WORDS[book.language]
    lines = _cover(book, w) + _contacts(book, w) + _roles(book, w)
    lines += [f"## {w['escalation']}", "", "```mermaid"]
    lines += [escalation_chart.mermaid(book.ladders).rstrip("\n"), "```", ""]
    lines += [f"## {w['coverage']}", ""]
    if book.coverage:
        gantt = coverage_chart.mermaid(book.coverage, gantt_words(book.language))
        lines += ["```mermaid", gantt.rstrip("\n"), "```", ""]
        for g in book.coverage:
            gaps = ", ".join(g.gaps)
            lines.append(
                f"- {md_text(g.name)}: " + (f"{w['uncovered']}: {gaps}" if gaps else w["covered"])
            )
        lines.append("")
    for t in book.threats:
        lines += _threat(t, w)
    lines += [
        f"## {w['approvals']}",
        "",
        f"| {w['severity']} / {w['message']} | {w['approvers']} |",
    ]
    lines += ["| --- | --- |"]
    lines += [
        f"| {md_cell(a.message)} | {md_cell(' → '.join(a.approvers) or w['none'])} |"
        for a in book.approvals
    ]
    cadence = f"{w['cadence']}: {book.drill_cadence or w['none']}"
    if book.next_drill:
        cadence += f" · {w['next_drill']}: {book.next_drill.isoformat()}"
    lines += ["", f"## {w['drills']}", "", cadence, "", f"### {w['scenarios']}", ""]
    lines += [f"- {md_text(s)}" for s in book.scenarios] or [f"- {w['none']}"]
    lines += ["", f"### {w['last_drills']}", ""]
    lines += [f"| {w['date']} | {w['scenario']} | {w['time_to_first_statement']} |"]
    lines += ["| --- | --- | --- |"]
    lines += [
        f"| {d.date} | {md_cell(d.scenario)} | {d.time_to_first_statement or ''} |"
        for d in book.last_drills
    ]
    return "\n".join(lines) + "\n"
