"""Every id reference in a plan must resolve; every id must be unique."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from crisiskit import checks
from crisiskit.findings import Finding
from crisiskit.loader.sourcemap import DataPath

if TYPE_CHECKING:
    from crisiskit.loader.plan import LoadedPlan


class _Index:
    """Ids of one kind, with where each was defined."""

    def __init__(self, kind: str, section: str) -> None:
        self.kind = kind
        self.section = section
        self.ids: dict[str, DataPath] = {}


def check_references(loaded: LoadedPlan) -> list[Finding]:
    plan = loaded.plan
    assert plan is not None
    findings: list[Finding] = []

    def index(kind: str, section: str, items: Iterable[tuple[str, DataPath]]) -> _Index:
        result = _Index(kind, section)
        for item_id, path in items:
            first = result.ids.get(item_id)
            if first is None:
                result.ids[item_id] = path
                continue
            file, span, _ = loaded.locate(first)
            where = f"{file}:{span.line}" if span else file
            findings.append(
                loaded.finding(
                    checks.DUPLICATE_ID,
                    f"{kind} id '{item_id}' is defined twice (first at {where})",
                    path,
                    hint="ids must be unique across the plan and its included fragments",
                )
            )
        return result

    def listed(section: str, ids: Sequence[str]) -> Iterable[tuple[str, DataPath]]:
        return ((item_id, (section, i, "id")) for i, item_id in enumerate(ids))

    people = index("person", "people", listed("people", [p.id for p in plan.people]))
    roles = index("role", "roles", listed("roles", [r.id for r in plan.roles]))
    locales = index("locale", "locales", listed("locales", [x.id for x in plan.locales]))
    channels = index("channel", "channels", listed("channels", [c.id for c in plan.channels]))
    severities = index(
        "severity", "severities", listed("severities", [s.id for s in plan.severities])
    )
    threats = index("threat", "threats", listed("threats", [t.id for t in plan.threats]))
    messages = index("message", "messages", listed("messages", [m.id for m in plan.messages]))
    scenarios = index(
        "scenario",
        "drills.scenarios",
        ((s.id, ("drills", "scenarios", i, "id")) for i, s in enumerate(plan.drills.scenarios)),
    )

    def ref(target: _Index, value: str | None, path: DataPath) -> None:
        if value is None or value in target.ids:
            return
        close = difflib.get_close_matches(value, list(target.ids), n=1, cutoff=0.6)
        if close:
            hint = f"did you mean '{close[0]}'?"
        elif target.ids:
            known = sorted(target.ids)
            hint = f"known {target.kind} ids: " + ", ".join(known[:8])
            hint += ", …" if len(known) > 8 else ""
        else:
            hint = f"the plan defines no {target.section}; add one"
        findings.append(
            loaded.finding(
                checks.UNKNOWN_REFERENCE,
                f"unknown {target.kind} '{value}'",
                path,
                hint=hint,
            )
        )

    def refs(target: _Index, values: Sequence[str], path: DataPath) -> None:
        for i, value in enumerate(values):
            ref(target, value, (*path, i))

    ref(people, plan.organization.owner, ("organization", "owner"))
    if plan.review is not None:
        ref(people, plan.review.owner, ("review", "owner"))
    for i, locale in enumerate(plan.locales):
        ref(roles, locale.spokesperson, ("locales", i, "spokesperson"))
    for i, channel in enumerate(plan.channels):
        ref(roles, channel.spokesperson, ("channels", i, "spokesperson"))
    for i, person in enumerate(plan.people):
        refs(locales, person.locales, ("people", i, "locales"))
    for i, role in enumerate(plan.roles):
        ref(people, role.primary, ("roles", i, "primary"))
        refs(people, role.backups, ("roles", i, "backups"))
    for i, severity in enumerate(plan.severities):
        ref(roles, severity.responder, ("severities", i, "responder"))
        refs(roles, severity.notify, ("severities", i, "notify"))
        refs(roles, severity.approvers, ("severities", i, "approvers"))
    for i, rule in enumerate(plan.escalation):
        ref(roles, rule.source, ("escalation", i, "from"))
        ref(roles, rule.to, ("escalation", i, "to"))
        refs(severities, rule.severities, ("escalation", i, "severities"))
    for i, threat in enumerate(plan.threats):
        ref(severities, threat.severity, ("threats", i, "severity"))
        ref(roles, threat.owner, ("threats", i, "owner"))
        refs(messages, threat.messages, ("threats", i, "messages"))
        for j, step in enumerate(threat.first_steps):
            ref(roles, step.role, ("threats", i, "first_steps", j, "role"))
    for i, message in enumerate(plan.messages):
        base: DataPath = ("messages", i)
        refs(channels, message.channels, (*base, "channels"))
        refs(locales, message.locales, (*base, "locales"))
        refs(roles, message.approvers, (*base, "approvers"))
        index(
            "variable",
            "variables",
            ((v.name, (*base, "variables", j, "name")) for j, v in enumerate(message.variables)),
        )
        variants = (
            (f"{t.locale}/{t.channel or '*'}", (*base, "templates", j))
            for j, t in enumerate(message.templates)
        )
        index("template variant (locale/channel)", "templates", variants)
        for j, variant in enumerate(message.templates):
            ref(locales, variant.locale, (*base, "templates", j, "locale"))
            ref(channels, variant.channel, (*base, "templates", j, "channel"))
    for i, scenario in enumerate(plan.drills.scenarios):
        base = ("drills", "scenarios", i)
        ref(threats, scenario.threat, (*base, "threat"))
        ref(severities, scenario.severity, (*base, "severity"))
        for j, inject in enumerate(scenario.injects):
            ref(channels, inject.channel, (*base, "injects", j, "channel"))
    for i, record in enumerate(plan.drills.log):
        base = ("drills", "log", i)
        ref(scenarios, record.scenario, (*base, "scenario"))
        refs(people, record.participants, (*base, "participants"))
        for j, follow_up in enumerate(record.follow_ups):
            ref(people, follow_up.owner, (*base, "follow_ups", j, "owner"))
    return findings
