"""Team: people and the roles they hold."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from crisiskit.model.types import ClockTime, Email, Id, Phone, PlanModel, Text, Timezone


class Weekday(StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def number(self) -> int:
        """0 for Monday … 6 for Sunday, as in ``datetime.weekday()``."""
        return _WEEKDAY_NUMBERS[self]


# Coverage checks ask this millions of times on a large agency; list(Enum) is slow.
_WEEKDAY_NUMBERS = {day: number for number, day in enumerate(Weekday)}


class WorkingHours(PlanModel):
    """A weekly window of availability in the person's timezone.

    An end earlier than the start crosses midnight (22:00-06:00).
    """

    days: list[Weekday] = Field(min_length=1, description="Days the window starts on.")
    start: ClockTime = Field(description="Start, HH:MM local time.")
    end: ClockTime = Field(description="End, HH:MM local time; 24:00 for midnight.")


class Person(PlanModel):
    """Someone who can be called during an incident."""

    id: Id
    name: Text = Field(description="Full name.")
    title: str | None = Field(None, description="Job title.")
    phone: Phone | None = Field(None, description="Phone number for calls and SMS.")
    email: Email | None = Field(None, description="E-mail address.")
    chat: str | None = Field(None, description="Chat handle, e.g. Slack @rina.")
    timezone: Timezone | None = Field(
        None, description="IANA timezone; the plan's default_timezone if absent."
    )
    working_hours: list[WorkingHours] = Field(
        default_factory=list, description="Weekly windows in which the person can be reached."
    )
    locales: list[Id] = Field(default_factory=list, description="Locales the person speaks.")


class Role(PlanModel):
    """A responsibility in the crisis team with a primary holder and backups."""

    id: Id
    name: Text = Field(description="Role name, e.g. Crisis lead.")
    responsibilities: list[Text] = Field(
        default_factory=list, description="What the role does, in plain sentences."
    )
    primary: Id = Field(description="Person id of the primary holder.")
    backups: list[Id] = Field(default_factory=list, description="Person ids of the backups.")
    critical: bool = Field(False, description="A critical role must be reachable around the clock.")
    decision_maker: bool = Field(
        False, description="The role may take the final decision; escalation must reach one."
    )
    locales: list[Id] = Field(
        default_factory=list,
        description="Locale ids the role must be able to write in; call lists prefer holders "
        "who speak them, and CK209 checks someone on duty does.",
    )
