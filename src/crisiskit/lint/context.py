"""What a rule sees: the validated plan, its sources, the configuration and today."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from crisiskit.config.settings import Config
from crisiskit.loader.plan import ValidPlan
from crisiskit.loader.sourcemap import DataPath
from crisiskit.model.communication import Channel, Locale, Severity
from crisiskit.model.drills import FollowUp
from crisiskit.model.messages import Message
from crisiskit.model.plan import Plan
from crisiskit.model.team import Person, Role
from crisiskit.model.threats import Threat

if TYPE_CHECKING:
    from crisiskit.diagnostics.errors import TemplateError
    from crisiskit.messages.templates import Renderer
    from crisiskit.model.messages import TemplateVariant


@dataclass
class LintContext:
    loaded: ValidPlan
    today: date
    config: Config = field(default_factory=Config)

    @property
    def plan(self) -> Plan:
        return self.loaded.plan

    @cached_property
    def people(self) -> dict[str, Person]:
        return {p.id: p for p in self.plan.people}

    @cached_property
    def roles(self) -> dict[str, Role]:
        return {r.id: r for r in self.plan.roles}

    @cached_property
    def severities(self) -> dict[str, Severity]:
        return {s.id: s for s in self.plan.severities}

    @cached_property
    def channels(self) -> dict[str, Channel]:
        return {c.id: c for c in self.plan.channels}

    @cached_property
    def locales(self) -> dict[str, Locale]:
        return {x.id: x for x in self.plan.locales}

    @cached_property
    def messages(self) -> dict[str, Message]:
        return {m.id: m for m in self.plan.messages}

    @cached_property
    def threats(self) -> dict[str, Threat]:
        return {t.id: t for t in self.plan.threats}

    @cached_property
    def renderer(self) -> Renderer:
        from crisiskit.messages.templates import Renderer

        return Renderer.for_root(self.loaded.root, self.loaded.tree)

    def template_source(self, variant: TemplateVariant) -> tuple[str, str]:
        """The variant's template text and the name to report it by, read once per plan
        however many rules and drafts ask (raises TemplateError as the renderer does)."""
        sources = self._sources
        known = sources.get(id(variant))
        if known is None or known[0] is not variant:
            from crisiskit.diagnostics.errors import TemplateError

            try:
                known = (variant, self.renderer.source(self.loaded, variant))
            except TemplateError as error:
                known = (variant, error)
            sources[id(variant)] = known
        if isinstance(known[1], tuple):
            return known[1]
        raise known[1]

    @cached_property
    def _sources(self) -> dict[int, tuple[TemplateVariant, tuple[str, str] | TemplateError]]:
        return {}

    def message_locales(self, message: Message) -> list[str]:
        """The locales a message must exist in: its own list, or all the plan's."""
        return message.locales or [x.id for x in self.plan.locales]

    def follow_ups(self) -> Iterator[tuple[DataPath, FollowUp]]:
        """Every follow-up in the drill log, with the data path of its entry."""
        for i, record in enumerate(self.plan.drills.log):
            for j, follow_up in enumerate(record.follow_ups):
                yield ("drills", "log", i, "follow_ups", j), follow_up
