"""Regulations: legal notification deadlines and how each is counted."""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum

from pydantic import Field, model_validator

from crisiskit.model.types import Duration, Id, PlanModel, Text


class Counting(StrEnum):
    """How a law counts its deadline."""

    HOURS = "hours"
    CALENDAR_DAYS = "calendar-days"
    BUSINESS_DAYS = "business-days"


class Regulation(PlanModel):
    """A law that obliges notifying an authority, with its deadline."""

    id: Id
    name: Text = Field(description="Name and article, e.g. GDPR art. 33.")
    within: Duration = Field(
        description="Legal deadline: 72h; in days (4d, 30d) when counted in days."
    )
    counting: Counting = Field(
        Counting.HOURS,
        description="hours (72 hours from awareness), calendar-days or business-days "
        "(Monday to Friday; public holidays are not known to crisiskit).",
    )
    authority: str | None = Field(None, description="Authority to notify, e.g. ICO, Komdigi, SEC.")

    @model_validator(mode="after")
    def _whole_days(self) -> Regulation:
        if self.counting is not Counting.HOURS and self.within % timedelta(days=1):
            raise ValueError(
                f"a deadline counted in {self.counting.value} must be whole days, e.g. 4d"
            )
        return self

    @property
    def deadline_text(self) -> str:
        """The deadline as the law states it: `72 hours`, `4 business days`."""
        if self.counting is Counting.HOURS:
            return f"{int(self.within.total_seconds() // 3600)} hours"
        days = self.within.days
        kind = "business" if self.counting is Counting.BUSINESS_DAYS else "calendar"
        return f"{days} {kind} day" + ("" if days == 1 else "s")


# Known to every plan; a plan adds its own (or replaces one) under `regulations:`.
# Constructed, not validated: validating them here built the model's own validator at
# import, which nothing else uses (tests/test_model_constants.py checks they are equal).
BUILT_IN_REGULATIONS: tuple[Regulation, ...] = (
    Regulation.model_construct(
        id="gdpr-art-33",
        name="GDPR art. 33",
        within=timedelta(hours=72),
        authority="the supervisory authority",
    ),
    Regulation.model_construct(
        id="uu-pdp-art-46",
        name="UU No. 27/2022 art. 46",
        within=timedelta(hours=72),  # "3 x 24 jam"
        authority="Komdigi",
    ),
)


def regulation_registry(plan_regulations: list[Regulation]) -> dict[str, Regulation]:
    """Built-in regulations, then the plan's (a plan's entry replaces a built-in one)."""
    registry = {r.id: r for r in BUILT_IN_REGULATIONS}
    registry.update((r.id, r) for r in plan_regulations)
    return registry
