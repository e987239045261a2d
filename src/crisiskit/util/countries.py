"""Countries: ISO 3166 codes and names, and the country of an IANA timezone.

Python's ``zoneinfo`` has no country map; the tz database has one (``zone.tab``: one
country per zone, ``iso3166.tab``: code and name), shipped with the ``tzdata`` package
crisiskit depends on. Aliases (``US/Eastern``) are read from the links in ``tzdata.zi``,
when the zone they link to serves one country only (``zone1970.tab``).
"""

from __future__ import annotations

from functools import cache
from importlib import resources


def _tz_table(name: str) -> list[list[str]]:
    """Rows of one tab-separated table of the tz database, without comments."""
    try:
        text = resources.files("tzdata.zoneinfo").joinpath(name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - tzdata is a dependency
        return []
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def country_names() -> dict[str, str]:
    """ISO 3166 alpha-2 code → English short name (``ID`` → ``Indonesia``)."""
    return {row[0]: row[1] for row in _tz_table("iso3166.tab") if len(row) >= 2}


# Zones named after a rule of time, not a place (`backward` keeps them as links to one
# city's zone since tzdata 2024b: `EST` → America/Panama, `HST` → Pacific/Honolulu).
_NON_GEOGRAPHIC = frozenset(
    {"EST", "MST", "HST", "CET", "EET", "MET", "WET"}
    | {"EST5EDT", "CST6CDT", "MST7MDT", "PST8PDT"}
)


@cache
def _zone_countries() -> dict[str, str]:
    zones = {row[2]: row[0] for row in _tz_table("zone.tab") if len(row) >= 3}
    # zone1970.tab names every country a zone serves: `DE,DK,NO,SE,SJ  Europe/Berlin`.
    served = {row[2]: row[0].split(",") for row in _tz_table("zone1970.tab") if len(row) >= 3}
    try:
        compact = resources.files("tzdata.zoneinfo").joinpath("tzdata.zi").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover
        return zones
    for line in compact.splitlines():
        parts = line.split()
        # `L America/New_York US/Eastern`: a link from an alias to the zone it names.
        if len(parts) != 3 or parts[0] != "L" or parts[2] in _NON_GEOGRAPHIC:
            continue
        target, alias = parts[1], parts[2]
        # A link only says the clocks agree: `Iceland` → Africa/Abidjan (CI), `Pacific/Yap`
        # → Pacific/Port_Moresby (PG). The alias is in the target's country only when that
        # zone serves that one country alone.
        if served.get(target, [])[:2] == [zones.get(target)]:
            zones.setdefault(alias, zones[target])
    return zones


def zone_country(zone: str) -> str | None:
    """The country an IANA timezone belongs to (``Asia/Jakarta`` → ``ID``), or None
    for zones of no country (``UTC``, ``Etc/GMT+7``)."""
    return _zone_countries().get(zone)
