"""A plan's items by id, built once per plan, for the paths that look items up per draft.

Looking an id up by scanning a section is fine once; the render context, the cadence of
each message and the holders of each critical role do it per draft or per role, which
made a large plan quadratic. ``plan_index(plan)`` builds every map once and returns the
same index for the same plan object afterwards.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from crisiskit.model.communication import (
        AudienceDefinition,
        Channel,
        Locale,
        Reach,
        Severity,
    )
    from crisiskit.model.messages import Message
    from crisiskit.model.plan import Plan
    from crisiskit.model.team import Person, Role
    from crisiskit.model.threats import Threat

# Plans are immutable (frozen models), so an index never goes stale; a few are kept so
# that an agency run, which works through its plans one at a time, reuses each one's.
_KEPT = 4
_indexes: OrderedDict[int, tuple[Plan, PlanIndex]] = OrderedDict()


@dataclass(frozen=True, slots=True)
class PlanIndex:
    """id → item for every section with ids (the first item wins for a duplicate id)."""

    locales: dict[str, Locale]
    channels: dict[str, Channel]
    people: dict[str, Person]
    roles: dict[str, Role]
    severities: dict[str, Severity]
    threats: dict[str, Threat]
    messages: dict[str, Message]
    # Built-in audiences and the plan's own.
    audiences: dict[str, AudienceDefinition]
    # Message id → the threats that use it, in plan order.
    threats_using: dict[str, list[Threat]]
    # id(message) → (message, its reach): asked per draft by the renderer and the rules.
    reaches: dict[int, tuple[Message, Reach]] = field(default_factory=dict)
    # What the layers above derive from the plan alone, kept with it (by a key of theirs).
    derived: dict[object, object] = field(default_factory=dict)

    @staticmethod
    def build(plan: Plan) -> PlanIndex:
        from crisiskit.model.communication import audience_registry

        threats_using: dict[str, list[Threat]] = {}
        for threat in plan.threats:
            for message_id in dict.fromkeys(threat.messages):
                threats_using.setdefault(message_id, []).append(threat)
        return PlanIndex(
            locales=_first_by_id(plan.locales),
            channels=_first_by_id(plan.channels),
            people=_first_by_id(plan.people),
            roles=_first_by_id(plan.roles),
            severities=_first_by_id(plan.severities),
            threats=_first_by_id(plan.threats),
            messages=_first_by_id(plan.messages),
            audiences=audience_registry(plan.audiences),
            threats_using=threats_using,
        )


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_Item = TypeVar("_Item", bound=_HasId)


def _first_by_id(items: list[_Item]) -> dict[str, _Item]:
    # A duplicate id is a finding of its own; lookups keep the first, as a scan would.
    found: dict[str, _Item] = {}
    for item in items:
        found.setdefault(item.id, item)
    return found


def plan_index(plan: Plan) -> PlanIndex:
    """The index of ``plan``, built on first use."""
    key = id(plan)
    kept = _indexes.get(key)
    if kept is not None and kept[0] is plan:
        _indexes.move_to_end(key)
        return kept[1]
    index = PlanIndex.build(plan)
    _indexes[key] = (plan, index)  # holding the plan keeps its id from being reused
    while len(_indexes) > _KEPT:
        _indexes.popitem(last=False)
    return index


def reach_of(plan: Plan, audience: str) -> Reach:
    """How far a text for ``audience`` travels; an unknown audience (CK014) as external."""
    from crisiskit.model.communication import Reach

    found = plan_index(plan).audiences.get(audience)
    return found.reach if found is not None else Reach.EXTERNAL


def channel_reach(plan: Plan, channel: Channel) -> Reach:
    """How far a post on ``channel`` travels: public on a publishing platform (X, the
    website...) whatever audience the channel names, else its audience's reach."""
    from crisiskit.model.communication import PUBLISHING_PLATFORMS, Reach

    if channel.platform in PUBLISHING_PLATFORMS:
        return Reach.PUBLIC
    return reach_of(plan, channel.audience)


def message_reach(plan: Plan, message: Message) -> Reach:
    """How far ``message`` travels: its audience's reach, or further when one of its
    channels publishes it (a customers message on X is public)."""
    from crisiskit.model.communication import REACH_ORDER

    index = plan_index(plan)
    known = index.reaches.get(id(message))
    if known is not None and known[0] is message:  # the plan holds it: its id is not reused
        return known[1]
    channels = index.channels
    reaches = [reach_of(plan, message.audience)]
    reaches += [channel_reach(plan, channels[c]) for c in message.channels if c in channels]
    reach = max(reaches, key=REACH_ORDER.__getitem__)
    index.reaches[id(message)] = (message, reach)
    return reach
