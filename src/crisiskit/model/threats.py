"""Threats: what can go wrong, how likely, how bad, and what to do first."""

from __future__ import annotations

import unicodedata
from datetime import timedelta
from enum import StrEnum
from typing import Any

from pydantic import ConfigDict, Field, field_validator, model_validator

from crisiskit.model.communication import Platform
from crisiskit.model.types import Duration, Id, PlanModel, Text


class ThreatKind(StrEnum):
    ACCOUNT_TAKEOVER = "account-takeover"
    CYBER_ATTACK = "cyber-attack"
    DATA_LEAK = "data-leak"
    VIRAL_NEGATIVE_CONTENT = "viral-negative-content"
    OFFENSIVE_POST = "offensive-post"
    PARTNER_SCANDAL = "partner-scandal"
    MISINFORMATION = "misinformation"
    CUSTOMER_COMPLAINT = "customer-complaint"
    PRODUCT_SAFETY = "product-safety"
    EMPLOYEE_CONDUCT = "employee-conduct"
    SERVICE_OUTAGE = "service-outage"
    OTHER = "other"


class Likelihood(StrEnum):
    RARE = "rare"
    UNLIKELY = "unlikely"
    POSSIBLE = "possible"
    LIKELY = "likely"
    ALMOST_CERTAIN = "almost-certain"

    @property
    def score(self) -> int:
        return list(Likelihood).index(self) + 1


class Impact(StrEnum):
    NEGLIGIBLE = "negligible"
    MINOR = "minor"
    MODERATE = "moderate"
    MAJOR = "major"
    SEVERE = "severe"

    @property
    def score(self) -> int:
        return list(Impact).index(self) + 1


def _step_json_schema(schema: dict[str, Any]) -> None:
    object_schema = dict(schema)
    schema.clear()
    schema["anyOf"] = [{"type": "string", "minLength": 1}, object_schema]
    schema["description"] = "A first step: a sentence, or a mapping with details."


class Step(PlanModel):
    """A first step to take when the threat materialises."""

    model_config = ConfigDict(json_schema_extra=_step_json_schema)

    action: Text = Field(description="What to do.")
    role: Id | None = Field(None, description="Role id that does it.")
    within: Duration | None = Field(None, description="Deadline after declaration.")
    regulator: str | None = Field(
        None,
        description="Authority notified by this step (e.g. Komdigi, ICO); "
        "`within` is then the legal deadline.",
    )
    regulation: Id | None = Field(
        None,
        description="Regulation id (built-in gdpr-art-33, uu-pdp-art-46, or one under "
        "`regulations:`) whose deadline this step meets; `within` may then be left out.",
    )

    @model_validator(mode="before")
    @classmethod
    def _sentence(cls, data: Any) -> Any:
        return {"action": data} if isinstance(data, str) else data


class PublicStatement(StrEnum):
    IMMEDIATE = "immediate"
    AFTER_VALIDATION = "after-validation"


class ThreatCommunication(PlanModel):
    """How a threat's response departs from its severity's (a need-to-know security
    incident: fewer people, a codename, no public statement before the facts are known)."""

    need_to_know: list[Id] | None = Field(
        None,
        description="Role ids notified, replacing the severity's `notify` for this threat "
        "(the owner, first steps, escalation and approvers are still called).",
    )
    codename: str | None = Field(
        None,
        min_length=1,
        max_length=60,
        description="Name the team uses for the incident; templates see it as "
        "`{{ codename }}`, and it never appears in a public message.",
    )
    public_statement: PublicStatement = Field(
        PublicStatement.IMMEDIATE,
        description="`after-validation`: no public statement until the facts are "
        "validated; respond and render-message warn on its public drafts.",
    )
    forbidden_channels: list[Id] = Field(
        default_factory=list,
        description="Channel ids its messages must not use (respond leaves them out).",
    )
    forbidden_platforms: list[Platform] = Field(
        default_factory=list,
        description="Platforms its messages must not use, e.g. [sms].",
    )
    first_response: Duration | None = Field(
        None,
        description="First-response deadline for this threat, replacing its severity's. "
        "With `public_statement: after-validation` it is the internal first response "
        "(paging, the team's briefing): public messages then have no clock deadline, "
        "they go out once the facts are validated.",
    )

    @field_validator("codename")
    @classmethod
    def _one_plain_line(cls, value: str | None) -> str | None:
        """A codename is said aloud and shown in headers: one line of visible text."""
        if value is None:
            return None
        if not value.strip():
            raise ValueError("a codename cannot be blank; give a word, e.g. Bramble")
        if any(unicodedata.category(c).startswith("C") for c in value):
            raise ValueError("a codename is one line without control characters")
        if value != value.strip():
            raise ValueError("a codename cannot start or end with spaces")
        return value

    @property
    def holds_public(self) -> bool:
        return self.public_statement is PublicStatement.AFTER_VALIDATION

    def forbids(self, channel_id: str, platform: Platform | None) -> bool:
        """Whether a channel (with its platform, when known) is off limits."""
        return channel_id in self.forbidden_channels or (
            platform is not None and platform in self.forbidden_platforms
        )


class Threat(PlanModel):
    """A potential crisis the plan prepares for."""

    id: Id
    name: Text = Field(description="Short name of the threat.")
    kind: ThreatKind = Field(description="Category of the threat.")
    description: str | None = Field(None, description="What it looks like.")
    likelihood: Likelihood = Field(description="rare … almost-certain.")
    impact: Impact = Field(description="negligible … severe.")
    severity: Id | None = Field(None, description="Severity id it is declared at by default.")
    owner: Id | None = Field(None, description="Role id owning the response.")
    signals: list[Text] = Field(
        default_factory=list, description="Warning signals that it is happening."
    )
    first_steps: list[Step] = Field(default_factory=list, description="What to do first.")
    messages: list[Id] = Field(default_factory=list, description="Message ids it uses.")
    communication: ThreatCommunication | None = Field(
        None,
        description="Overrides of its severity's communication: need-to-know list, "
        "codename, public statement, forbidden channels, first response.",
    )

    @property
    def rules(self) -> ThreatCommunication:
        """Its communication overrides, or none (every default) when it has no block."""
        return self.communication or _NO_OVERRIDES

    def first_response(self, severity_first_response: timedelta | None) -> timedelta | None:
        """Its own first-response deadline, else its severity's."""
        own = self.rules.first_response
        return own if own is not None else severity_first_response

    def public_first_response(self, severity_first_response: timedelta | None) -> timedelta | None:
        """The deadline of its first public statement: none while it holds them until the
        facts are validated (its own first response is then the internal one)."""
        return None if self.rules.holds_public else self.first_response(severity_first_response)


# Every default, constructed: validating nothing built the model's own validator at import.
_NO_OVERRIDES = ThreatCommunication.model_construct()
