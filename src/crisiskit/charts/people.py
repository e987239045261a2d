"""How a person is shown in charts and call lists."""

from __future__ import annotations

from dataclasses import dataclass

from crisiskit.contacts import dial_format
from crisiskit.model.plan import Plan
from crisiskit.model.team import Person, WorkingHours

_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


@dataclass(frozen=True, slots=True)
class PersonView:
    id: str
    name: str
    phone: str | None
    email: str | None
    timezone: str
    hours: str


def _days(window: WorkingHours) -> str:
    numbers = sorted(day.number for day in window.days)
    if numbers == list(range(numbers[0], numbers[-1] + 1)) and len(numbers) > 2:
        return f"{_DAYS[numbers[0]]}–{_DAYS[numbers[-1]]}"
    return ",".join(_DAYS[n] for n in numbers)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def describe_hours(person: Person) -> str:
    if not person.working_hours:
        return "no working hours"
    return "; ".join(f"{_days(w)} {_clock(w.start)}–{_clock(w.end)}" for w in person.working_hours)


def person_view(person: Person, plan: Plan) -> PersonView:
    region = plan.organization.default_region
    return PersonView(
        id=person.id,
        name=person.name,
        phone=dial_format(person.phone, region) if person.phone else None,
        email=person.email,
        timezone=person.timezone or plan.organization.default_timezone,
        hours=describe_hours(person),
    )
