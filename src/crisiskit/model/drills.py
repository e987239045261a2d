"""Drills: training cadence, scenarios with timed injects, and the drill log."""

from __future__ import annotations

from pydantic import Field

from crisiskit.model.types import Duration, Id, IsoDate, PlanModel, Text


class Inject(PlanModel):
    """A timed event fed to the team during an exercise."""

    at: Duration = Field(description="Time since the exercise started, e.g. 10m.")
    text: Text = Field(description="What happens.")
    channel: Id | None = Field(None, description="Channel id where it appears.")


class Scenario(PlanModel):
    """A tabletop scenario for one threat."""

    id: Id
    name: Text = Field(description="Name of the scenario.")
    threat: Id = Field(description="Threat id exercised.")
    severity: Id | None = Field(None, description="Severity id it is declared at.")
    description: str | None = Field(None, description="The situation at the start.")
    injects: list[Inject] = Field(default_factory=list, description="Timed injects.")


class FollowUp(PlanModel):
    """An action agreed after a drill."""

    action: Text = Field(description="What must be done.")
    owner: Id = Field(description="Person id responsible.")
    due: IsoDate = Field(description="Due date.")
    done: bool = Field(False, description="Whether it is done.")


class DrillRecord(PlanModel):
    """A drill that was held."""

    date: IsoDate
    scenario: Id = Field(description="Scenario id exercised.")
    participants: list[Id] = Field(default_factory=list, description="Person ids taking part.")
    time_to_first_statement: Duration | None = Field(
        None, description="Time from declaration to the first approved statement."
    )
    findings: list[Text] = Field(default_factory=list, description="What was learned.")
    follow_ups: list[FollowUp] = Field(
        default_factory=list, description="Actions agreed after the drill."
    )


class Drills(PlanModel):
    """Regular training and simulation."""

    cadence: Duration | None = Field(None, description="How often a drill is held, e.g. 90d.")
    scenarios: list[Scenario] = Field(default_factory=list, description="Tabletop scenarios.")
    log: list[DrillRecord] = Field(default_factory=list, description="Drills held.")
