"""CK210 phone-region-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Violation, rule
from crisiskit.oncall.contacts import foreign_national
from crisiskit.util.countries import country_names


@rule("CK210", "phone-region-mismatch", Level.WARNING)
def check(ctx: LintContext) -> Iterator[Violation]:
    """A national phone number is read in the plan's region, but its person lives elsewhere.

    A number without its +country code is read in the organization's `default_region`.
    When the person's timezone is in another country that dials the number differently,
    the call goes to the wrong country: a New York colleague's "(212) 555-0101" in a plan
    whose region is ID is dialled as +62 21 25550101, in Jakarta. Give the person their
    own `region:` or write the number with its country code. Numbers the person's country
    reads the same way (Toronto and New York share +1) or cannot read at all (an
    Indonesian mobile kept while working from London) are not reported.

    Failing example:
    ```yaml
    people:
      - id: sari
        name: Sari Putri
        phone: "(212) 555-0101"
        email: sari@example.com
        timezone: America/New_York
        working_hours:
          - days: [mon, tue, wed, thu, fri, sat, sun]
            start: "00:00"
            end: "24:00"
    ```

    Passing example:
    ```yaml
    people:
      - id: sari
        name: Sari Putri
        region: US
        phone: "(212) 555-0101"
        email: sari@example.com
        timezone: America/New_York
        working_hours:
          - days: [mon, tue, wed, thu, fri, sat, sun]
            start: "00:00"
            end: "24:00"
    ```
    """
    organization = ctx.plan.organization
    if organization.default_region is None:
        return
    for i, person in enumerate(ctx.plan.people):
        if person.phone is None or person.region is not None:
            continue
        zone = person.timezone or organization.default_timezone
        found = foreign_national(person.phone, organization.default_region, zone)
        if found is None:
            continue
        place = country_names().get(found.country, found.country)
        yield Violation(
            ("people", i, "phone"),
            f"'{person.id}' has the national number '{person.phone}', dialled as "
            f"{found.dialled} (default_region {organization.default_region})",
            # A timezone is only a clue to the country: Amsterdam keeps Berlin's clocks.
            f"if {person.id} lives in {place} (by timezone {zone}), add "
            f'`region: {found.country}` to the person, or write the number as "{found.meant}"',
        )
