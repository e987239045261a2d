"""Messages: prepared templates per locale and channel."""

from __future__ import annotations

from typing import Self

from pydantic import Field, field_validator, model_validator

from crisiskit.model.communication import Audience, AudienceId
from crisiskit.model.communication import MessageKind as MessageKind  # its old home
from crisiskit.model.types import Id, PlanModel, Text

# Names a variable may not take: the plan's value would win in the template.
RESERVED_NAMES = frozenset(
    {"org", "spokesperson", "now", "next_update", "locale", "channel", "severity"}
)
# Names every template may use besides the message's declared variables. `codename` came
# later: a variable of that name, declared before, keeps validating and wins over it.
CONTEXT_NAMES = RESERVED_NAMES | {"codename"}


class Variable(PlanModel):
    """A value the author fills in when rendering the message."""

    name: str = Field(
        pattern=r"^[a-z_][a-z0-9_]*$", description="Template variable name (snake_case)."
    )

    @field_validator("name")
    @classmethod
    def _not_a_context_name(cls, name: str) -> str:
        # The plan's own value would win in the template, and the one typed in be lost.
        if name in RESERVED_NAMES:
            raise ValueError(
                f"'{name}' is a value every template already has; give the variable "
                f"another name (e.g. {name}_text)"
            )
        return name

    description: Text = Field(description="What to fill in, for the person rendering.")
    example: str = Field(description="An example value, used to check the template.")
    required: bool = Field(True, description="Whether rendering needs it.")
    per_locale: bool = Field(
        False,
        description="Written once per locale (asked for each locale rendered); a single "
        "value still serves every locale.",
    )
    examples: dict[Id, str] = Field(
        default_factory=dict,
        description="Example values per locale id; `example` serves the locales not listed.",
    )

    def example_for(self, locale: str | None) -> str:
        """The example in ``locale`` when the variable gives one, else `example`."""
        return self.examples.get(locale, self.example) if locale else self.example


class TemplateVariant(PlanModel):
    """The text of a message in one locale, optionally for some channels only."""

    locale: Id = Field(description="Locale id.")
    channel: Id | None = Field(None, description="Channel id this variant is specialised for.")
    channels: list[Id] | None = Field(
        None,
        min_length=1,
        json_schema_extra={"uniqueItems": True},
        description="Channel ids this variant serves (instead of `channel:`), e.g. one "
        "short notice for [x, bluesky, mastodon].",
    )
    title: str | None = Field(
        None,
        description="Inline Jinja template of the title (status page heading, e-mail "
        "subject, video title); a channel variant without one uses its locale's general "
        "variant's.",
    )
    file: str | None = Field(None, description="Jinja template path, relative to the plan file.")
    text: str | None = Field(None, description="Inline Jinja template.")

    @model_validator(mode="after")
    def _one_source(self) -> Self:
        if (self.file is None) == (self.text is None):
            raise ValueError("give exactly one of `file` or `text`")
        if self.channel is not None and self.channels is not None:
            raise ValueError("give `channel:` for one channel or `channels:` for several, not both")
        if self.channels is not None:
            repeated = sorted({c for c in self.channels if self.channels.count(c) > 1})
            if repeated:
                raise ValueError(f"`channels:` lists '{repeated[0]}' more than once")
        return self

    @property
    def served_channels(self) -> tuple[str, ...]:
        """The channels this variant is specialised for; empty for a locale's general one."""
        if self.channels is not None:
            return tuple(self.channels)
        return (self.channel,) if self.channel is not None else ()

    @property
    def general(self) -> bool:
        """Serves every channel of its locale that has no variant of its own."""
        return self.channel is None and self.channels is None


class Message(PlanModel):
    """A prepared message with its variables and templates."""

    id: Id
    name: Text = Field(description="Display name.")
    kind: MessageKind = Field(description="What the message is for.")
    audience: AudienceId = Field(
        Audience.PUBLIC, description="Who it is written for: public, internal, customers, …"
    )
    channels: list[Id] = Field(min_length=1, description="Channel ids it is published on.")
    locales: list[Id] = Field(
        default_factory=list, description="Locale ids it exists in; all plan locales if empty."
    )
    approvers: list[Id] = Field(
        default_factory=list,
        description="Role ids approving it, in order, on top of the severity's approvers.",
    )
    variables: list[Variable] = Field(default_factory=list, description="Template variables.")
    templates: list[TemplateVariant] = Field(
        min_length=1, description="One template per locale, optionally per channel."
    )
