"""A drill being run: what the facilitator marked, noted and agreed, and its record.

The same session is filled from the terminal (`drill run`) or from an answers file
(`drill run --answers`); either way it becomes one `DrillRecord`, and the summary and
the history report read outcomes from records alone, so they always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from crisiskit.diagnostics.errors import UsageError
from crisiskit.model.drills import (
    ActionResult,
    DrillNote,
    DrillRecord,
    DrillStatus,
    ExpectedAction,
    FollowUp,
    Scenario,
)
from crisiskit.util.suggest import unknown


def to_minute(moment: timedelta) -> timedelta:
    """Drill times are kept in whole minutes, rounded up: 30m01s is past a 30m target."""
    minutes = -(-int(moment.total_seconds()) // 60)
    return timedelta(minutes=minutes)


class Outcome(StrEnum):
    ON_TIME = "on time"
    LATE = "late"
    MISSED = "missed"


def judge(at: timedelta | None, within: timedelta | None) -> Outcome:
    """On time when it happened within its target (or has none), late after, else missed."""
    if at is None:
        return Outcome.MISSED
    return Outcome.ON_TIME if within is None or at <= within else Outcome.LATE


@dataclass(frozen=True, slots=True)
class ActionOutcome:
    id: str
    action: str
    role: str | None
    within: timedelta | None
    at: timedelta | None

    @property
    def outcome(self) -> Outcome:
        return judge(self.at, self.within)


def action_outcomes(record: DrillRecord, scenario: Scenario | None) -> list[ActionOutcome]:
    """Each expected action of a record, with the text and role the scenario gives it."""
    expected = {a.id: a for a in scenario.expected} if scenario else {}
    outcomes = []
    for result in record.actions:
        known = expected.get(result.id)
        outcomes.append(
            ActionOutcome(
                result.id,
                known.action if known else result.id,
                known.role if known else None,
                result.within if result.within is not None or known is None else known.within,
                result.at,
            )
        )
    return outcomes


@dataclass
class DrillSession:
    """What has been recorded so far in one drill."""

    scenario: Scenario
    day: date
    participants: list[str]
    statement_target: timedelta | None
    people: frozenset[str]
    marks: dict[str, timedelta] = field(default_factory=dict)
    notes: list[DrillNote] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    interrupted: bool = False

    def action(self, reference: str) -> ExpectedAction:
        """An expected action by its number in the list (1-based) or its id."""
        expected = self.scenario.expected
        if reference.isdigit() and 1 <= int(reference) <= len(expected):
            return expected[int(reference) - 1]
        for action in expected:
            if action.id == reference:
                return action
        if reference.isdigit():
            raise UsageError(f"no expected action {reference}; they are numbered 1–{len(expected)}")
        raise UsageError(unknown("expected action", reference, [a.id for a in expected]))

    def mark(self, reference: str, at: timedelta) -> ExpectedAction:
        action = self.action(reference)
        self.marks[action.id] = to_minute(at)
        return action

    def unmark(self, reference: str) -> ExpectedAction:
        action = self.action(reference)
        self.marks.pop(action.id, None)
        return action

    def note(self, text: str, at: timedelta) -> None:
        if not text.strip():
            raise UsageError("a note needs text: note TEXT")
        self.notes.append(DrillNote(at=to_minute(at), text=text.strip()))

    def finding(self, text: str) -> None:
        if not text.strip():
            raise UsageError("a finding needs text: finding TEXT")
        self.findings.append(text.strip())

    def follow_up(self, owner: str, due: str, action: str) -> FollowUp:
        if owner not in self.people:
            raise UsageError(unknown("person", owner, sorted(self.people)))
        try:
            due_date = date.fromisoformat(due)
        except ValueError:
            raise UsageError(f"due date '{due}' is not a date; write YYYY-MM-DD") from None
        if not action.strip():
            raise UsageError("a follow-up needs an action: follow-up OWNER YYYY-MM-DD ACTION")
        entry = FollowUp(action=action.strip(), owner=owner, due=due_date)
        self.follow_ups.append(entry)
        return entry

    @property
    def time_to_first_statement(self) -> timedelta | None:
        action = self.scenario.statement_action
        return self.marks.get(action.id) if action else None

    def record(self) -> DrillRecord:
        """The drill as one entry of the drill log."""
        return DrillRecord(
            date=self.day,
            scenario=self.scenario.id,
            status=DrillStatus.INTERRUPTED if self.interrupted else DrillStatus.COMPLETED,
            participants=self.participants,
            time_to_first_statement=self.time_to_first_statement,
            statement_target=self.statement_target,
            actions=[
                ActionResult(id=a.id, within=a.within, at=self.marks.get(a.id))
                for a in self.scenario.expected
            ],
            notes=sorted(self.notes, key=lambda n: n.at),
            findings=self.findings,
            follow_ups=self.follow_ups,
        )
