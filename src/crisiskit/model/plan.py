"""The whole plan, and the fragment format that plans include."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from crisiskit.model.communication import Channel, EscalationRule, Locale, Severity
from crisiskit.model.drills import Drills
from crisiskit.model.messages import Message
from crisiskit.model.organization import Organization, Review
from crisiskit.model.team import Person, Role
from crisiskit.model.threats import Threat
from crisiskit.model.types import PlanModel

FORMAT_VERSION = 1

# Sections holding lists of items with an `id`; fragments may contribute to them.
ID_SECTIONS = (
    "locales",
    "channels",
    "people",
    "roles",
    "severities",
    "threats",
    "messages",
)
LIST_SECTIONS = (*ID_SECTIONS, "escalation")
FRAGMENT_SECTIONS = frozenset((*LIST_SECTIONS, "include"))


class Plan(PlanModel):
    """A social-media crisis plan."""

    crisiskit: Literal[1] = Field(description="Plan format version.")
    organization: Organization
    review: Review | None = None
    locales: list[Locale] = Field(min_length=1, description="Locales, the default first.")
    channels: list[Channel] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    severities: list[Severity] = Field(default_factory=list)
    escalation: list[EscalationRule] = Field(default_factory=list)
    threats: list[Threat] = Field(default_factory=list)
    messages: list[Message] = Field(default_factory=list)
    drills: Drills = Field(default_factory=Drills)
    include: list[str] = Field(
        default_factory=list,
        description="Fragments to include, by path relative to this file.",
    )
