"""Communication process: locales, channels, severities and escalation."""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field, model_validator

from crisiskit.model.types import (
    ID_PATTERN,
    MAX_DURATION_DAYS,
    Duration,
    Id,
    PlanModel,
    Text,
    Timezone,
    format_duration,
)

ZERO = timedelta(0)


class MessageKind(StrEnum):
    """What a message is for (here, not in messages.py, so a severity's timeline can
    name one without an import cycle)."""

    HOLDING_STATEMENT = "holding-statement"
    UPDATE = "update"
    RESOLUTION = "resolution"
    APOLOGY = "apology"
    INTERNAL_ALERT = "internal-alert"
    OTHER = "other"


class Locale(PlanModel):
    """A language the organisation communicates in."""

    id: Id = Field(description="Locale code, e.g. id, en, en-gb.")
    name: str | None = Field(None, description="Name of the language, e.g. Bahasa Indonesia.")
    spokesperson: Id | None = Field(None, description="Role id of the spokesperson.")
    timezone: Timezone | None = Field(
        None,
        description="IANA timezone of this locale's audience: times in its drafts "
        "(next_update, now) are shown there; the plan's default_timezone if absent.",
    )


class Platform(StrEnum):
    X = "x"
    THREADS = "threads"
    BLUESKY = "bluesky"
    MASTODON = "mastodon"
    INSTAGRAM = "instagram"
    TIKTOK = "tiktok"
    LINKEDIN = "linkedin"
    FACEBOOK = "facebook"
    YOUTUBE = "youtube"
    WHATSAPP = "whatsapp"
    SMS = "sms"
    EMAIL = "email"
    WEBSITE = "website"
    CHAT = "chat"
    OTHER = "other"


class Audience(StrEnum):
    """The built-in audiences; a plan adds its own under `audiences:`."""

    PUBLIC = "public"
    INTERNAL = "internal"
    CUSTOMERS = "customers"
    PRESS = "press"
    REGULATORS = "regulators"
    EMPLOYEES = "employees"
    INVESTORS = "investors"
    PARTNERS = "partners"


def _built_in_member(audience: str) -> str:
    # A built-in audience is the enum member itself (so `audience is Audience.PUBLIC`
    # holds); a plan's own audience (`premium-customers`) stays its id.
    return Audience(audience) if audience in Audience.__members__.values() else audience


AudienceId = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        max_length=64,
        description="Audience id: public, internal, customers, press, regulators, "
        "employees, investors, partners, or one of the plan's `audiences:`.",
    ),
    AfterValidator(_built_in_member),
]


class Reach(StrEnum):
    """How far a text for an audience travels."""

    PUBLIC = "public"  # published openly: anyone can read it (posts, the status page)
    EXTERNAL = "external"  # sent to people outside the organisation, not published
    INTERNAL = "internal"  # stays inside the organisation


# How far each reach goes, narrowest first.
REACH_ORDER: dict[Reach, int] = {Reach.INTERNAL: 0, Reach.EXTERNAL: 1, Reach.PUBLIC: 2}

_BUILT_IN_REACH: dict[str, Reach] = {
    "public": Reach.PUBLIC,
    "internal": Reach.INTERNAL,
    "customers": Reach.EXTERNAL,
    "press": Reach.EXTERNAL,
    "regulators": Reach.EXTERNAL,
    "employees": Reach.INTERNAL,
    "investors": Reach.EXTERNAL,
    "partners": Reach.EXTERNAL,
}

# Platforms where whatever is posted is published: anyone can read it, whatever
# audience the plan says the channel is for.
PUBLISHING_PLATFORMS: frozenset[Platform] = frozenset(
    {
        Platform.X,
        Platform.BLUESKY,
        Platform.THREADS,
        Platform.MASTODON,
        Platform.INSTAGRAM,
        Platform.TIKTOK,
        Platform.FACEBOOK,
        Platform.LINKEDIN,
        Platform.YOUTUBE,
        Platform.WEBSITE,
    }
)


class AudienceDefinition(PlanModel):
    """An audience a plan adds to the built-in ones, e.g. premium customers."""

    id: Id
    name: Text = Field(description="Display name, e.g. Premium customers.")
    reach: Reach = Field(
        description="public (published openly), external (sent outside the organisation, "
        "not published) or internal (stays inside the organisation)."
    )

    @model_validator(mode="after")
    def _keeps_built_in_meaning(self) -> AudienceDefinition:
        # Narrowing a built-in audience would take its messages off the approval and
        # hold rules (customers as internal: a breach e-mail nobody approves).
        built_in = _BUILT_IN_REACH.get(self.id)
        if self.id == Audience.INTERNAL.value and self.reach is not Reach.INTERNAL:
            raise ValueError("the 'internal' audience always has `reach: internal`")
        if built_in is not None and REACH_ORDER[self.reach] < REACH_ORDER[built_in]:
            raise ValueError(
                f"the built-in '{self.id}' audience has `reach: {built_in}`; a plan may "
                f"widen it but not narrow it to {self.reach} (add an audience of your own)"
            )
        return self


_BUILT_IN_NAMES = {
    "public": "The public",
    "internal": "The crisis team",
    "customers": "Customers",
    "press": "Press",
    "regulators": "Regulators",
    "employees": "Employees",
    "investors": "Investors",
    "partners": "Partners",
}
# Constructed, not validated: validating them here built the model's own validator at
# import, which nothing else uses (tests/test_model_constants.py checks they are equal).
BUILT_IN_AUDIENCES: tuple[AudienceDefinition, ...] = tuple(
    AudienceDefinition.model_construct(id=key, name=_BUILT_IN_NAMES[key], reach=reach)
    for key, reach in _BUILT_IN_REACH.items()
)


def audience_registry(plan_audiences: list[AudienceDefinition]) -> dict[str, AudienceDefinition]:
    """Built-in audiences, then the plan's (a plan's entry replaces a built-in one)."""
    registry = {a.id: a for a in BUILT_IN_AUDIENCES}
    registry.update((a.id, a) for a in plan_audiences)
    return registry


class Channel(PlanModel):
    """A place where messages are published or sent."""

    id: Id
    platform: Platform = Field(description="Platform; it sets the default length limit.")
    name: str | None = Field(None, description="Display name.")
    handle: str | None = Field(None, description="Account handle on the platform.")
    audience: AudienceId = Field(Audience.PUBLIC, description="Who reads the channel.")
    limit: int | None = Field(
        None, gt=0, description="Length limit overriding the platform default."
    )
    spokesperson: Id | None = Field(
        None, description="Role id speaking on this channel, overriding the locale's."
    )
    timezone: Timezone | None = Field(
        None,
        description="IANA timezone of this channel's audience, overriding the locale's "
        "for times in its drafts.",
    )


class Phase(PlanModel):
    """A stretch of the incident with its own update cadence (first 2h: every 20m)."""

    until: Duration = Field(description="End of the phase, as time since declaration.")
    update_every: Duration = Field(description="Cadence of updates during the phase.")
    cadence: dict[AudienceId, Duration] = Field(
        default_factory=dict,
        description="Cadence per message audience during the phase, e.g. {internal: 15m}.",
    )


class TimelineEntry(PlanModel):
    """One prepared message of the communication timeline, and when it is due."""

    kind: MessageKind | None = Field(
        None,
        description="Message kind due at this point (the threat's first message of that "
        "kind), e.g. holding-statement.",
    )
    message: Id | None = Field(
        None, description="Message id due at this point, e.g. a scoping-update."
    )
    within: Duration | None = Field(
        None, description="Deadline counted from the declaration, e.g. 5m."
    )
    after: Duration | None = Field(
        None, description="Deadline counted from the previous entry's deadline, e.g. 5m."
    )

    @model_validator(mode="after")
    def _one_each(self) -> TimelineEntry:
        if (self.kind is None) == (self.message is None):
            raise ValueError("give exactly one of `kind` or `message`")
        if (self.within is None) == (self.after is None):
            raise ValueError("give exactly one of `within` or `after`")
        return self

    @property
    def what(self) -> str:
        """The message id or kind, as written."""
        return self.message or self.kind or ""


class Severity(PlanModel):
    """One level of the severity scale (SEV1 is the most severe)."""

    id: Id
    name: Text = Field(description="Display name, e.g. SEV1 — Critical.")
    level: int = Field(ge=1, le=10, description="1 is the most severe.")
    criteria: list[Text] = Field(
        default_factory=list, description="When an incident has this severity."
    )
    internal_only: bool = Field(
        False,
        description="No public response at this level (e.g. SEV4/SEV5 tickets): no public "
        "first response, update cadence or decision maker is demanded of it.",
    )
    first_response: Duration | None = Field(
        None, description="Deadline for the first public response after declaration."
    )
    update_every: Duration | None = Field(None, description="Cadence of public updates.")
    cadence: dict[AudienceId, Duration] = Field(
        default_factory=dict,
        description="Update cadence per message audience, overriding `update_every` for "
        "messages to it, e.g. {internal: 30m}.",
    )
    phases: list[Phase] = Field(
        default_factory=list,
        description="Communication timeline: cadences for the first hours after declaration, "
        "in order; `update_every` and `cadence` apply after the last.",
    )
    timeline: list[TimelineEntry] = Field(
        default_factory=list,
        description="Which prepared message is due when, in order: e.g. a holding "
        "statement within 5m, then a scoping update 5m after it.",
    )
    responder: Id | None = Field(
        None, description="Role id that takes the incident first; escalation starts here."
    )
    notify: list[Id] = Field(
        default_factory=list, description="Role ids notified when it is declared."
    )
    approvers: list[Id] = Field(
        default_factory=list,
        description="Role ids that must approve, in order, before anything is published.",
    )

    @model_validator(mode="after")
    def _phases_in_order(self) -> Severity:
        ends = [phase.until for phase in self.phases]
        if ends != sorted(set(ends)):
            raise ValueError("phases must be in order, each `until` later than the one before")
        # Entries counted `after` one another add up: bounded as one duration is, so every
        # deadline stays on the calendar.
        last = max((due for _, due in self.timeline_deadlines()), default=ZERO)
        if last > timedelta(days=MAX_DURATION_DAYS):
            raise ValueError(
                f"the timeline's last entry is due {format_duration(last)} after the "
                f"declaration; a timeline spans at most {MAX_DURATION_DAYS}d"
            )
        return self

    def timeline_index(self, message_id: str, kind: str) -> int | None:
        """The first timeline entry naming the message, or its kind."""
        for number, entry in enumerate(self.timeline):
            if entry.message == message_id or (entry.message is None and entry.kind == kind):
                return number
        return None

    def timeline_deadlines(
        self, first_response: timedelta | None = None
    ) -> list[tuple[TimelineEntry, timedelta]]:
        """Each timeline entry with its deadline counted from the declaration.

        The first entry is the first response: a threat's own ``first_response`` moves
        it (and the entries counted `after` it).
        """
        deadlines: list[tuple[TimelineEntry, timedelta]] = []
        previous = timedelta(0)
        for number, entry in enumerate(self.timeline):
            due = entry.within if entry.within is not None else previous + (entry.after or ZERO)
            if number == 0 and first_response is not None:
                due = first_response
            deadlines.append((entry, due))
            previous = due
        return deadlines


class EscalationRule(PlanModel):
    """Who escalates to whom, and after how long without resolution."""

    source: Id = Field(alias="from", description="Role id escalating.")
    to: Id = Field(description="Role id escalated to.")
    after: Duration = Field(description="Time since declaration before escalating.")
    severities: list[Id] = Field(
        default_factory=list, description="Severity ids it applies to; all when empty."
    )
