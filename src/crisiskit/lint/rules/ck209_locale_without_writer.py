"""CK209 locale-without-writer."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from zoneinfo import ZoneInfo

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.model.team import Role
from crisiskit.oncall.coverage import WeekCoverage, week_coverage


@rule("CK209", "locale-without-writer", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """At some hour nobody on duty in a role can write a locale the role covers.

    A role's `locales` are the languages it must be able to post in. For each of
    them that has messages, every hour of the week in which a holder of the role is
    on duty (working hours in each person's timezone, laid over the current week in
    the plan's timezone) must have one on duty who speaks it (a person's `locales`;
    someone who lists none is taken to speak them all). Otherwise the English
    statement waits at night for someone who can write it. Hours with nobody on duty
    at all are CK205's.

    Failing example:
    ```yaml
    locales:
      - id: id
        name: Bahasa Indonesia
        spokesperson: spokesperson
    people:
      - id: dimas
        name: Dimas Pratama
        phone: "+62 813-1111-2222"
        locales: [id]
        working_hours:
          - days: [mon, tue, wed, thu, fri, sat, sun]
            start: "12:00"
            end: "24:00"
    roles:
      - id: social-lead
        name: Social media lead
        responsibilities: [Watch the channels and declare incidents]
        primary: rina
        backups: [dimas]
        critical: true
        locales: [en]
    ```

    Passing example:
    ```yaml
    locales:
      - id: id
        name: Bahasa Indonesia
        spokesperson: spokesperson
    people:
      - id: dimas
        name: Dimas Pratama
        phone: "+62 813-1111-2222"
        locales: [id, en]
        working_hours:
          - days: [mon, tue, wed, thu, fri, sat, sun]
            start: "12:00"
            end: "24:00"
    roles:
      - id: social-lead
        name: Social media lead
        responsibilities: [Watch the channels and declare incidents]
        primary: rina
        backups: [dimas]
        critical: true
        locales: [en]
    ```
    """
    zone = ZoneInfo(ctx.plan.organization.default_timezone)
    written = {locale for m in ctx.plan.messages for locale in ctx.message_locales(m)}
    for i, role in enumerate(ctx.plan.roles):
        wanted = [locale for locale in role.locales if locale in written]
        if not wanted or role.primary not in ctx.people:
            continue
        on_duty = week_coverage(ctx.plan, role, zone, ctx.today)
        for locale in wanted:
            without = _without_writer(ctx, role, locale, on_duty, zone)
            hours = without.uncovered_hours
            if not hours:
                continue
            shown = ", ".join(without.gaps[:4]) + (", …" if len(without.gaps) > 4 else "")
            yield Violation(
                ("roles", i, "locales", role.locales.index(locale)),
                f"role '{role.id}' covers locale '{locale}', but for {hours} h a week "
                f"({zone.key}) nobody on duty speaks it: {shown}",
                f"add a holder who speaks '{locale}' for those hours, "
                "or list it in the `locales` of someone on duty",
            )


def _without_writer(
    ctx: LintContext, role: Role, locale: str, on_duty: WeekCoverage, zone: ZoneInfo
) -> WeekCoverage:
    """The week's hours in which a holder is on duty but none speaks ``locale``."""
    holders = [p for p in dict.fromkeys([role.primary, *role.backups]) if p in ctx.people]
    speakers = [p for p in holders if not ctx.people[p].locales or locale in ctx.people[p].locales]
    writers = week_coverage(
        ctx.plan,
        role.model_copy(
            update={"primary": speakers[0] if speakers else "", "backups": speakers[1:]}
        ),
        zone,
        ctx.today,
    )
    slots = [
        replace(
            duty,
            uncovered_occurrences=(
                len(duty.starts) - duty.uncovered_occurrences if writer.uncovered_occurrences else 0
            ),
        )
        for duty, writer in zip(on_duty.slots, writers.slots, strict=True)
    ]
    return replace(on_duty, slots=slots)
