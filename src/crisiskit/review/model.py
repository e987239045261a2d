"""The result of comparing plans: changes grouped by stage, with risks and findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from crisiskit.diagnostics.findings import Finding


class Risk(StrEnum):
    """How closely a reviewer must look at a change."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        return {Risk.HIGH: 3, Risk.MEDIUM: 2, Risk.LOW: 1}[self]


class Stage(StrEnum):
    """The five stages of a plan, plus the plan's own metadata."""

    PLAN = "plan"
    THREATS = "threats"
    TEAM = "team"
    PROCESS = "process"
    MESSAGES = "messages"
    DRILLS = "drills"

    @property
    def heading(self) -> str:
        return STAGE_TITLES[self]


STAGE_TITLES = {
    Stage.PLAN: "Plan",
    Stage.THREATS: "1. Threats",
    Stage.TEAM: "2. Team",
    Stage.PROCESS: "3. Communication process",
    Stage.MESSAGES: "4. Messages",
    Stage.DRILLS: "5. Drills",
}


class Action(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    RENAMED = "renamed"
    CHANGED = "changed"


@dataclass(frozen=True, slots=True)
class Example:
    """A message rendered with its example values, measured against the channel's limit."""

    text: str | None  # None: it does not render
    length: int | None = None
    limit: int | None = None
    unit: str = "characters"
    error: str | None = None
    template: str | None = None  # the template file it comes from; None when inline
    title: str | None = None  # the rendered title, when the variant has one

    @property
    def over_limit(self) -> bool:
        return self.length is not None and self.limit is not None and self.length > self.limit


@dataclass(frozen=True, slots=True)
class Wording:
    """How one message reads in one locale and channel, before and after."""

    locale: str
    channel: str | None
    # The word diff: ("=", text), ("-", removed text) or ("+", added text), in order.
    words: tuple[tuple[str, str], ...]
    before: Example | None
    after: Example | None


@dataclass(frozen=True, slots=True)
class Change:
    stage: Stage
    action: Action
    subject: str  # what changed, e.g. "role crisis-lead"
    detail: str  # how, e.g. "backups: budi → (none)"
    file: str  # where it is written (after the change; before it for a removal)
    risk: Risk | None = None
    reason: str | None = None
    wording: Wording | None = None
    plans: tuple[str, ...] = ()  # every plan the change reaches (a shared fragment: several)


@dataclass(slots=True)
class PlanDiff:
    """One plan file: whether it was added, removed or changed, and its findings."""

    file: str
    status: str  # added, removed, changed, unchanged
    introduced: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    # Why the plan could not be compared (it does not load on one side).
    problems: list[str] = field(default_factory=list)


@dataclass(slots=True)
class DiffReport:
    base: str  # how the user names the base, e.g. "main (merge-base 3f2a1b0)"
    head: str
    plans: list[PlanDiff] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    def at_least(self, risk: Risk) -> list[Change]:
        return [c for c in self.changes if c.risk is not None and c.risk.rank >= risk.rank]

    def count(self, risk: Risk) -> int:
        return sum(1 for c in self.changes if c.risk is risk)

    def changes_of(self, plan: str) -> list[Change]:
        return [c for c in self.changes if plan in c.plans]
