"""How a person is shown in charts and call lists."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crisiskit.model.plan import Plan
from crisiskit.model.team import Person, WorkingHours
from crisiskit.oncall.contacts import dial_format


@dataclass(frozen=True, slots=True)
class HoursWords:
    """How working hours are written: weekday abbreviations Monday first, and the blanks."""

    days: Sequence[str] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    no_hours: str = "no working hours"
    no_days: str = "no days"


ENGLISH_HOURS = HoursWords()


@dataclass(frozen=True, slots=True)
class PersonView:
    id: str
    name: str
    phone: str | None
    email: str | None
    timezone: str
    hours: str


def _days(window: WorkingHours, words: HoursWords) -> str:
    """Days as runs, the week wrapping round: Mon–Fri, Sun–Thu, Mon,Wed,Fri, Fri–Sun."""
    names = words.days
    numbers = sorted({day.number for day in window.days})
    if not numbers:
        return words.no_days
    if len(numbers) == 7:
        return f"{names[0]}–{names[6]}"
    # Start after a day off, so a run through Sunday into Monday stays one run.
    first = next(n for n in numbers if (n - 1) % 7 not in numbers)
    ordered = sorted(numbers, key=lambda n: (n - first) % 7)
    runs: list[list[int]] = []
    for n in ordered:
        if runs and (runs[-1][-1] + 1) % 7 == n:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ",".join(
        f"{names[run[0]]}–{names[run[-1]]}" if len(run) > 2 else ",".join(names[n] for n in run)
        for run in runs
    )


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def describe_hours(person: Person, words: HoursWords = ENGLISH_HOURS) -> str:
    if not person.working_hours:
        return words.no_hours
    return "; ".join(
        f"{_days(w, words)} {_clock(w.start)}–{_clock(w.end)}" for w in person.working_hours
    )


def person_view(person: Person, plan: Plan, words: HoursWords = ENGLISH_HOURS) -> PersonView:
    region = plan.organization.default_region
    return PersonView(
        id=person.id,
        name=person.name,
        phone=dial_format(person.phone, person.phone_region(region)) if person.phone else None,
        email=person.email,
        timezone=person.timezone or plan.organization.default_timezone,
        hours=describe_hours(person, words),
    )
