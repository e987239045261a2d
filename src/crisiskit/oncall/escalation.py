"""The escalation ladder of each severity, derived from `escalation` rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from crisiskit.model.communication import EscalationRule, Severity
from crisiskit.model.plan import Plan


@dataclass(frozen=True, slots=True)
class Rung:
    """A role on the ladder, reached ``after`` the incident is declared."""

    role: str
    after: timedelta
    rule_index: int | None  # the escalation rule that leads here; None for the responder


def rules_for(plan: Plan, severity: Severity) -> list[tuple[int, EscalationRule]]:
    """Escalation rules that apply to a severity (a rule without severities applies to all)."""
    return [
        (i, rule)
        for i, rule in enumerate(plan.escalation)
        if not rule.severities or severity.id in rule.severities
    ]


def ladder(plan: Plan, severity: Severity) -> list[Rung]:
    """The responder, then each escalation in turn; stops at a role already on the ladder."""
    if severity.responder is None:
        return []
    rules = rules_for(plan, severity)
    rungs = [Rung(severity.responder, timedelta(0), None)]
    seen = {severity.responder}
    current = severity.responder
    while True:
        outgoing = sorted((r.after, i, r) for i, r in rules if r.source == current)
        step = next(((after, i, r) for after, i, r in outgoing if r.to not in seen), None)
        if step is None:
            return rungs
        after, index, rule = step
        rungs.append(Rung(rule.to, after, index))
        seen.add(rule.to)
        current = rule.to


def find_cycle(plan: Plan, severity: Severity) -> list[int] | None:
    """Indexes of escalation rules forming a cycle for this severity, if any."""
    graph: dict[str, list[tuple[int, str]]] = {}
    for i, rule in rules_for(plan, severity):
        graph.setdefault(rule.source, []).append((i, rule.to))
    state: dict[str, int] = {}  # 1 visiting, 2 done
    stack: list[int] = []

    def visit(role: str) -> list[int] | None:
        state[role] = 1
        for index, target in graph.get(role, []):
            stack.append(index)
            if state.get(target) == 1:
                start = next(k for k, i in enumerate(stack) if plan.escalation[i].source == target)
                return stack[start:]
            if state.get(target) is None:
                found = visit(target)
                if found:
                    return found
            stack.pop()
        state[role] = 2
        return None

    for role in list(graph):
        if state.get(role) is None:
            found = visit(role)
            if found:
                return found
    return None
