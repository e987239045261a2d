"""The drill log read back: status per threat, and the history across drills."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from crisiskit.drills.scenarios import statement_target
from crisiskit.drills.session import ActionOutcome, Outcome, action_outcomes, judge
from crisiskit.loader.plan import ValidPlan
from crisiskit.model.drills import DrillRecord, DrillStatus, Scenario


@dataclass(frozen=True, slots=True)
class OpenFollowUp:
    action: str
    owner: str
    owner_in_plan: bool
    due: date
    overdue: bool
    drill: date


@dataclass(frozen=True, slots=True)
class ThreatStatus:
    """Where one threat stands: its last drill, the next due date, open follow-ups."""

    threat: str
    name: str
    scenarios: tuple[str, ...]
    last: date | None
    next_due: date | None  # None without a cadence
    overdue: bool
    follow_ups: tuple[OpenFollowUp, ...]


@dataclass(frozen=True, slots=True)
class DrillStatusReport:
    today: date
    cadence: timedelta | None
    threats: tuple[ThreatStatus, ...]


def drill_status(loaded: ValidPlan, today: date) -> DrillStatusReport:
    """Per threat: the last drill held, whether it is overdue, and what is still open."""
    plan = loaded.plan
    cadence = plan.drills.cadence
    people = {p.id for p in plan.people}
    threat_of = {s.id: s.threat for s in plan.drills.scenarios}
    rows = []
    for threat in plan.threats:
        records = [
            r for r in plan.drills.log if threat_of.get(r.scenario) == threat.id and r.date <= today
        ]
        last = max((r.date for r in records), default=None)
        next_due = None if cadence is None else (last + cadence if last else today)
        follow_ups = tuple(
            OpenFollowUp(f.action, f.owner, f.owner in people, f.due, f.due < today, r.date)
            for r in sorted(records, key=lambda r: r.date)
            for f in r.follow_ups
            if not f.done
        )
        scenarios = tuple(s.id for s in plan.drills.scenarios if s.threat == threat.id)
        rows.append(
            ThreatStatus(
                threat=threat.id,
                name=threat.name,
                scenarios=scenarios,
                last=last,
                next_due=next_due,
                # Never drilled is due today, and overdue; otherwise overdue past its date.
                overdue=bool(scenarios)
                and next_due is not None
                and (last is None or next_due < today),
                follow_ups=follow_ups,
            )
        )
    return DrillStatusReport(today, cadence, tuple(rows))


@dataclass(frozen=True, slots=True)
class DrillEntry:
    """One drill of the history, with what its record says against its targets."""

    date: date
    scenario: str
    threat: str | None
    status: DrillStatus
    time_to_first_statement: timedelta | None
    target: timedelta | None
    actions: tuple[ActionOutcome, ...]

    @property
    def statement(self) -> Outcome | None:
        if self.time_to_first_statement is None and not self.actions:
            return None  # an old entry that recorded nothing to judge
        return judge(self.time_to_first_statement, self.target)

    @property
    def on_time(self) -> int:
        return sum(1 for a in self.actions if a.outcome is Outcome.ON_TIME)


@dataclass(frozen=True, slots=True)
class DrillHistory:
    drills: tuple[DrillEntry, ...]

    @property
    def expected(self) -> int:
        return sum(len(d.actions) for d in self.drills)

    @property
    def on_time(self) -> int:
        return sum(d.on_time for d in self.drills)

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.expected if self.expected else None

    @property
    def timed(self) -> list[DrillEntry]:
        return [d for d in self.drills if d.time_to_first_statement is not None]

    @property
    def change(self) -> timedelta | None:
        """Latest time to first statement minus the first one (negative: faster)."""
        timed = self.timed
        if len(timed) < 2:
            return None
        first, latest = timed[0].time_to_first_statement, timed[-1].time_to_first_statement
        assert first is not None and latest is not None
        return latest - first


def drill_history(loaded: ValidPlan, until: date | None = None) -> DrillHistory:
    """Every drill of the log (record files included), oldest first."""
    scenarios = {s.id: s for s in loaded.plan.drills.scenarios}
    entries = []
    for record in sorted(loaded.plan.drills.log, key=lambda r: r.date):
        if until is not None and record.date > until:
            continue
        entries.append(_entry(loaded, record, scenarios.get(record.scenario)))
    return DrillHistory(tuple(entries))


def _entry(loaded: ValidPlan, record: DrillRecord, known: Scenario | None) -> DrillEntry:
    target = record.statement_target
    if target is None and known is not None:
        target = statement_target(loaded, known)
    return DrillEntry(
        date=record.date,
        scenario=record.scenario,
        threat=known.threat if known else None,
        status=record.status,
        time_to_first_statement=record.time_to_first_statement,
        target=target,
        actions=tuple(action_outcomes(record, known)),
    )
