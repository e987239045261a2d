"""Which scenario a drill runs, and whether it can be run at all."""

from __future__ import annotations

from datetime import timedelta

from crisiskit.diagnostics.errors import UsageError
from crisiskit.loader.plan import ValidPlan
from crisiskit.model.drills import Scenario
from crisiskit.model.threats import Threat
from crisiskit.util.suggest import unknown


def pick_scenario(loaded: ValidPlan, scenario_id: str) -> Scenario:
    """The scenario with this id; a UsageError with the nearest id otherwise."""
    scenarios = loaded.plan.drills.scenarios
    for scenario in scenarios:
        if scenario.id == scenario_id:
            return scenario
    if not scenarios:
        raise UsageError(f"{loaded.file} has no drill scenarios; add one under `drills.scenarios:`")
    raise UsageError(unknown("scenario", scenario_id, [s.id for s in scenarios]))


def runnable_threat(loaded: ValidPlan, scenario: Scenario) -> Threat:
    """The scenario's threat, refused when it has no messages to rehearse."""
    threat = next(t for t in loaded.plan.threats if t.id == scenario.threat)
    if not threat.messages:
        raise UsageError(
            f"scenario '{scenario.id}': its threat '{threat.id}' lists no messages, so there "
            "is no statement to rehearse; add `messages:` to the threat"
        )
    return threat


def severity_of(loaded: ValidPlan, scenario: Scenario) -> str | None:
    """The severity the scenario is declared at: its own, else its threat's."""
    if scenario.severity is not None:
        return scenario.severity
    threat = next((t for t in loaded.plan.threats if t.id == scenario.threat), None)
    return threat.severity if threat else None


def statement_target(loaded: ValidPlan, scenario: Scenario) -> timedelta | None:
    """Target for the first approved statement: the scenario's statement action, else the
    first response its threat (else its severity) promises; none for a threat that holds
    public statements until the facts are validated."""
    action = scenario.statement_action
    if action is not None:
        return action.within
    severity_id = severity_of(loaded, scenario)
    severity = next((s for s in loaded.plan.severities if s.id == severity_id), None)
    first = severity.first_response if severity else None
    threat = next((t for t in loaded.plan.threats if t.id == scenario.threat), None)
    # A threat's own first response (a need-to-know breach: sooner) is the drill's target;
    # a threat holding public statements until the facts are validated sets none.
    return threat.public_first_response(first) if threat else first


def default_participants(loaded: ValidPlan, scenario: Scenario) -> list[str]:
    """The primary holders of the scenario's participant roles (and of its action roles)."""
    roles = {r.id: r for r in loaded.plan.roles}
    wanted = [*scenario.participants, *(a.role for a in scenario.expected)]
    people = [roles[role].primary for role in dict.fromkeys(wanted) if role in roles]
    return list(dict.fromkeys(people))
