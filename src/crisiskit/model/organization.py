"""Plan metadata: who the plan is for, and when it was last reviewed."""

from __future__ import annotations

from pydantic import Field

from crisiskit.model.types import Duration, Id, IsoDate, PlanModel, Region, Text, Timezone


class Coordination(PlanModel):
    """Where the team coordinates internally during an incident."""

    war_room: str | None = Field(
        None, description="Chat channel or room for the incident, e.g. Slack #crisis."
    )
    bridge: str | None = Field(None, description="Call bridge or meeting link.")
    backup: str | None = Field(
        None,
        description="Fallback channel if the usual tools are down or compromised "
        "(e.g. a Signal group).",
    )


class Organization(PlanModel):
    """The organisation or client the plan protects."""

    name: Text = Field(description="Organisation or client name, as used in messages.")
    id: Id | None = Field(None, description="Short id of the organisation or client.")
    agency: str | None = Field(
        None, description="The agency that runs this client's accounts, if any."
    )
    handles: dict[str, str] = Field(
        default_factory=dict,
        description="Brand handles per platform, e.g. {x: '@brand', instagram: '@brand'}.",
    )
    default_timezone: Timezone = Field(
        description="IANA timezone of the plan; people without their own use it."
    )
    default_region: Region | None = Field(
        None,
        description="ISO 3166 country code used to read national phone numbers, e.g. ID.",
    )
    owner: Id | None = Field(None, description="Person id of the plan owner.")
    website: str | None = Field(None, description="Public website of the organisation.")
    help_url: str | None = Field(
        None, description="Where the public can get help; messages may point to it."
    )
    coordination: Coordination | None = Field(
        None, description="Internal coordination channels during an incident."
    )


class Review(PlanModel):
    """When the plan was last reviewed and how often it must be."""

    last_reviewed: IsoDate = Field(description="Date of the last full review.")
    cadence: Duration = Field(description="How often the plan is reviewed, e.g. 90d.")
    owner: Id | None = Field(None, description="Person id responsible for the review.")
    notes: str | None = Field(None, description="Free notes about the last review.")
