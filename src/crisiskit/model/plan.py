"""The whole plan, and the fragment format that plans include."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from crisiskit.model.communication import (
    AudienceDefinition,
    Channel,
    EscalationRule,
    Locale,
    Severity,
)
from crisiskit.model.drills import Drills
from crisiskit.model.messages import Message
from crisiskit.model.organization import Organization, Review
from crisiskit.model.regulations import Regulation
from crisiskit.model.team import Person, Role
from crisiskit.model.threats import Threat
from crisiskit.model.types import PlanModel

# Sections holding lists of items with an `id`; fragments may contribute to them.
ID_SECTIONS = (
    "locales",
    "channels",
    "people",
    "roles",
    "severities",
    "threats",
    "messages",
    "regulations",
    "audiences",
)
LIST_SECTIONS = (*ID_SECTIONS, "escalation")
FRAGMENT_SECTIONS = frozenset((*LIST_SECTIONS, "include"))


def _whole_number(value: Any) -> Any:
    # `true` and `1.0` equal 1 in Python; a version is written as the number itself.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("the format version is a whole number")
    return value


class Plan(PlanModel):
    """A social-media crisis plan."""

    crisiskit: Annotated[Literal[1], BeforeValidator(_whole_number)] = Field(
        description="Plan format version."
    )
    organization: Organization = Field(description="Who the plan protects.")
    review: Review | None = Field(None, description="Last review date and review cadence.")
    locales: list[Locale] = Field(min_length=1, description="Locales, the default first.")
    channels: list[Channel] = Field(
        default_factory=list, description="Where messages are published or sent."
    )
    people: list[Person] = Field(default_factory=list, description="The crisis team's people.")
    roles: list[Role] = Field(
        default_factory=list, description="Roles with a primary holder and backups."
    )
    severities: list[Severity] = Field(
        default_factory=list, description="The severity scale, most severe first."
    )
    escalation: list[EscalationRule] = Field(
        default_factory=list, description="Who escalates to whom, after how long."
    )
    threats: list[Threat] = Field(
        default_factory=list, description="Potential crises the plan prepares for."
    )
    messages: list[Message] = Field(default_factory=list, description="Prepared message templates.")
    regulations: list[Regulation] = Field(
        default_factory=list,
        description="Regulations with notification deadlines, added to the built-in "
        "gdpr-art-33 (72 hours) and uu-pdp-art-46 (3 x 24 hours).",
    )
    audiences: list[AudienceDefinition] = Field(
        default_factory=list,
        description="Audiences added to the built-in public, internal, customers, press, "
        "regulators, employees, investors and partners, e.g. premium customers.",
    )
    drills: Drills = Field(
        default_factory=Drills, description="Drill cadence, scenarios and the drill log."
    )
    include: list[str] = Field(
        default_factory=list,
        description="Fragments to include, by path relative to this file.",
    )
