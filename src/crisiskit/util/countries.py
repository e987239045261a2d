"""Countries: ISO 3166 codes and names, and the country of an IANA timezone.

Python's ``zoneinfo`` has no country map; the tz database has one (``zone.tab``: one
country per zone, ``iso3166.tab``: code and name), shipped with the ``tzdata`` package
crisiskit depends on. Aliases (``US/Eastern``) are read from the links in ``tzdata.zi``.
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


@cache
def _zone_countries() -> dict[str, str]:
    zones = {row[2]: row[0] for row in _tz_table("zone.tab") if len(row) >= 3}
    try:
        compact = resources.files("tzdata.zoneinfo").joinpath("tzdata.zi").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover
        return zones
    for line in compact.splitlines():
        parts = line.split()
        # `L America/New_York US/Eastern`: a link from an alias to the zone it names.
        if len(parts) == 3 and parts[0] == "L" and parts[1] in zones:
            zones.setdefault(parts[2], zones[parts[1]])
    return zones


def zone_country(zone: str) -> str | None:
    """The country an IANA timezone belongs to (``Asia/Jakarta`` → ``ID``), or None
    for zones of no country (``UTC``, ``Etc/GMT+7``)."""
    return _zone_countries().get(zone)
