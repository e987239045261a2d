"""Drills: training cadence, scenarios with timed injects and expected actions, the drill log."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator

from crisiskit.model.types import Duration, Id, IsoDate, PlanModel, Text


class Inject(PlanModel):
    """A timed event fed to the team during an exercise."""

    at: Duration = Field(description="Time since the exercise started, e.g. 10m.")
    text: Text = Field(description="What happens.")
    channel: Id | None = Field(None, description="Channel id where it appears.")


class ExpectedAction(PlanModel):
    """What the team should do during the exercise, who does it, and how soon."""

    id: Id = Field(description="Identifier of the action within its scenario.")
    action: Text = Field(description="What must happen, e.g. holding statement approved.")
    role: Id = Field(description="Role id that does it.")
    within: Duration = Field(description="Target time since the exercise started, e.g. 30m.")
    first_statement: bool = Field(
        False,
        description="This action is the first approved public statement: its time is the "
        "drill's time to first statement and `within` its target.",
    )


class Scenario(PlanModel):
    """A tabletop scenario for one threat."""

    id: Id
    name: Text = Field(description="Name of the scenario.")
    threat: Id = Field(description="Threat id exercised.")
    severity: Id | None = Field(None, description="Severity id it is declared at.")
    description: str | None = Field(None, description="The situation at the start.")
    participants: list[Id] = Field(
        default_factory=list, description="Role ids whose holders take part."
    )
    injects: list[Inject] = Field(default_factory=list, description="Timed injects.")
    expected: list[ExpectedAction] = Field(
        default_factory=list, description="Actions the team should take, with targets."
    )

    @model_validator(mode="after")
    def _unique_actions(self) -> Scenario:
        seen: set[str] = set()
        for action in self.expected:
            if action.id in seen:
                raise ValueError(f"expected action id '{action.id}' is used twice")
            seen.add(action.id)
        if sum(1 for action in self.expected if action.first_statement) > 1:
            raise ValueError("only one expected action can be the `first_statement`")
        return self

    @property
    def statement_action(self) -> ExpectedAction | None:
        return next((a for a in self.expected if a.first_statement), None)


class FollowUp(PlanModel):
    """An action agreed after a drill."""

    action: Text = Field(description="What must be done.")
    owner: Id = Field(description="Person id responsible.")
    due: IsoDate = Field(description="Due date.")
    done: bool = Field(False, description="Whether it is done.")


class ActionResult(PlanModel):
    """When an expected action happened during a drill (no `at`: it was missed)."""

    id: Id = Field(description="Expected action id of the scenario.")
    within: Duration | None = Field(None, description="The target it had when the drill ran.")
    at: Duration | None = Field(None, description="Drill time it happened; absent if missed.")


class DrillNote(PlanModel):
    """A decision or observation noted during the drill."""

    at: Duration = Field(description="Drill time it was noted.")
    text: Text = Field(description="What was decided or seen.")


class DrillStatus(StrEnum):
    COMPLETED = "completed"
    INTERRUPTED = "interrupted"


class DrillRecord(PlanModel):
    """A drill that was held."""

    date: IsoDate
    scenario: Id = Field(description="Scenario id exercised.")
    status: DrillStatus = Field(
        DrillStatus.COMPLETED, description="completed, or interrupted before its end."
    )
    participants: list[Id] = Field(default_factory=list, description="Person ids taking part.")
    time_to_first_statement: Duration | None = Field(
        None, description="Time from declaration to the first approved statement."
    )
    statement_target: Duration | None = Field(
        None, description="The target for the first statement when the drill ran."
    )
    actions: list[ActionResult] = Field(
        default_factory=list, description="When each expected action happened."
    )
    notes: list[DrillNote] = Field(
        default_factory=list, description="Decisions and observations, with their drill time."
    )
    findings: list[Text] = Field(default_factory=list, description="What was learned.")
    follow_ups: list[FollowUp] = Field(
        default_factory=list, description="Actions agreed after the drill."
    )


class Drills(PlanModel):
    """Regular training and simulation."""

    cadence: Duration | None = Field(None, description="How often a drill is held, e.g. 90d.")
    records: str | None = Field(
        None,
        description="Directory (relative to the plan) holding one YAML file per drill held; "
        "each file is one entry of the log.",
    )
    scenarios: list[Scenario] = Field(default_factory=list, description="Tabletop scenarios.")
    log: list[DrillRecord] = Field(default_factory=list, description="Drills held.")
