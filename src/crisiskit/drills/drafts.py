"""The scenario's message drafts, rendered during a drill by the render-message service."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from crisiskit.config.settings import Config
from crisiskit.diagnostics.errors import UsageError
from crisiskit.drills.scenarios import severity_of
from crisiskit.loader.plan import ValidPlan
from crisiskit.messages import service
from crisiskit.messages.drafts import Approver, Draft, approval_chain, example_variables
from crisiskit.messages.variables import Values
from crisiskit.model.drills import Scenario
from crisiskit.model.messages import Message
from crisiskit.model.threats import Threat
from crisiskit.util.suggest import unknown


@dataclass(frozen=True, slots=True)
class DrillDrafts:
    message: Message
    drafts: list[Draft]
    approvers: list[Approver]


def render_for_drill(
    loaded: ValidPlan,
    scenario: Scenario,
    threat: Threat,
    message_id: str,
    channels: Sequence[str],
    config: Config,
    now: datetime,
    values: dict[str, str] | None = None,
) -> DrillDrafts:
    """Drafts of one of the threat's messages, at the scenario's severity.

    Variables default to the examples the message declares: a drill rehearses the
    wording and the approvals, not the facts of a real incident.
    """
    if message_id not in threat.messages:
        raise UsageError(unknown("message of this threat", message_id, threat.messages))
    message = service.pick_message(loaded, message_id)
    severity = severity_of(loaded, scenario)
    selection = service.select(
        loaded, message, list(channels) or None, None, threat.id, severity, now
    )
    given = Values(shared={**example_variables(message), **(values or {})})
    for variable in message.variables:  # an example per locale, unless a value was given
        if variable.name not in (values or {}):
            for locale, example in variable.examples.items():
                given.set(variable.name, locale, example)
    drafts = service.render_drafts(loaded, message, given, selection, config)
    return DrillDrafts(message, drafts, approval_chain(loaded, message, selection.severity, now))
