"""Team: people and the roles they hold."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationInfo, WithJsonSchema, model_validator

from crisiskit.model.types import (
    ClockTime,
    Duration,
    Email,
    Id,
    IsoDate,
    Phone,
    PlanModel,
    Region,
    Text,
    Timezone,
)


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
    # Before `phone`: the phone's validator reads the region it is written in.
    region: Region | None = Field(
        None,
        description="ISO 3166 country code the person's national phone number is written "
        "in, e.g. US; the organization's default_region if absent.",
    )
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

    @model_validator(mode="before")
    @classmethod
    def _note_zone(cls, data: Any, info: ValidationInfo) -> Any:
        # The phone's validator names the country a national number was likely written
        # in, from this person's timezone; validators see one another only through context.
        if isinstance(info.context, dict):
            zone = data.get("timezone") if isinstance(data, dict) else None
            info.context["person_zone"] = zone if isinstance(zone, str) else None
        return data

    def phone_region(self, default_region: str | None) -> str | None:
        """The country this person's national phone number is read in."""
        return self.region or default_region


def _local_moment(value: Any) -> Any:
    """`2026-11-25 09:00` as written: wall-clock time in the rotation's timezone."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip()).replace(tzinfo=None)
        except ValueError:
            raise ValueError(f"{value!r} is not a date and time; write YYYY-MM-DD HH:MM") from None
    return value


LocalMoment = Annotated[
    datetime,
    BeforeValidator(_local_moment),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$",
            "description": "Local date and time, YYYY-MM-DD HH:MM.",
        }
    ),
]


class Override(PlanModel):
    """Someone covering the rotation for a while (a swap, a holiday)."""

    person: Id = Field(description="Person id on call instead.")
    start: LocalMoment = Field(
        alias="from", description="From, YYYY-MM-DD HH:MM in the rotation's timezone."
    )
    end: LocalMoment = Field(
        alias="to", description="Until (exclusive), YYYY-MM-DD HH:MM in the rotation's timezone."
    )

    @model_validator(mode="after")
    def _ordered(self) -> Override:
        if self.end <= self.start:
            raise ValueError("an override must end after it starts (`to` after `from`)")
        return self


class Rotation(PlanModel):
    """An on-call rotation: members take turns, handing over at a fixed local time."""

    members: list[Id] = Field(min_length=1, description="Person ids, in the order they serve.")
    length: Duration = Field(description="Shift length in whole days: 1d, 1w, 3d.")
    handoff_day: Weekday | None = Field(
        None, description="Weekday of the handoff, for weekly shifts; that of `start` if absent."
    )
    handoff_time: ClockTime = Field(description="Local time of the handoff, HH:MM.")
    timezone: Timezone | None = Field(
        None, description="IANA timezone of the handoff; the plan's default_timezone if absent."
    )
    start: IsoDate = Field(description="Date the first member's first shift starts.")
    overrides: list[Override] = Field(
        default_factory=list, description="Dated overrides: who covers from … to …."
    )

    @model_validator(mode="after")
    def _consistent(self) -> Rotation:
        if self.length < timedelta(days=1) or self.length % timedelta(days=1):
            raise ValueError("a rotation's length must be whole days: 1d (daily), 1w, 3d")
        if self.handoff_day is not None and self.handoff_day.number != self.start.weekday():
            raise ValueError(
                f"`start` {self.start.isoformat()} is not a {self.handoff_day.value}; "
                "the first shift starts on the handoff day"
            )
        return self


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
    rotation: Rotation | None = Field(
        None,
        description="On-call rotation; whoever is on call is called first, then the "
        "primary and backups.",
    )
