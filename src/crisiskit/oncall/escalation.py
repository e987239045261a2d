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
    """Indexes of escalation rules forming a cycle for this severity, if any.

    A depth-first search with its own stack: a plan's chain of 1,200 roles is data,
    not a reason to run out of Python's call stack.
    """
    graph: dict[str, list[tuple[int, str]]] = {}
    for i, rule in rules_for(plan, severity):
        graph.setdefault(rule.source, []).append((i, rule.to))
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    for start in list(graph):
        if state.get(start) is None:
            found = _cycle_from(start, graph, state)
            if found:
                return found
    return None


def _cycle_from(
    start: str, graph: dict[str, list[tuple[int, str]]], state: dict[str, int]
) -> list[int] | None:
    path_rules: list[int] = []  # the rule taken out of each role on the path
    path_roles: list[str] = [start]
    pending = [iter(graph.get(start, []))]
    state[start] = 1
    while pending:
        step = next(pending[-1], None)
        if step is None:
            state[path_roles.pop()] = 2
            pending.pop()
            if path_rules:
                path_rules.pop()
            continue
        index, target = step
        if state.get(target) == 1:
            return [*path_rules[path_roles.index(target) :], index]
        if state.get(target) is None:
            state[target] = 1
            path_rules.append(index)
            path_roles.append(target)
            pending.append(iter(graph.get(target, [])))
    return None
