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
    ("EST", "MST", "HST", "CET", "EET", "MET", "WET", "EST5EDT", "CST6CDT", "MST7MDT", "PST8PDT")
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


# Names people write for a country that no ISO or CLDR name list spells that way.
# ISO 3166 itself names GB "United Kingdom of Great Britain and Northern Ireland",
# NL "Netherlands", KR "Korea, Republic of", MM "Myanmar", CZ "Czechia".
_COMMON_NAMES = {
    "America": "US",
    "Amerika": "US",
    "United States of America": "US",
    "England": "GB",
    "Scotland": "GB",
    "Wales": "GB",
    "Northern Ireland": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "Inggris": "GB",
    "Holland": "NL",
    "Korea": "KR",
    "Burma": "MM",
    "Czech Republic": "CZ",
    "East Timor": "TL",
    "Timor Timur": "TL",
    "UAE": "AE",
}


def _folded(name: str) -> str:
    """A name compared loosely: `Côte d'Ivoire` → `cote d ivoire`."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


@cache
def _names_to_codes() -> dict[str, str]:
    """Every name a country is known by, folded → ISO 3166 alpha-2 code.

    English and Indonesian names and the alpha-3 codes come from CLDR (via Babel, which
    crisiskit depends on): `Korea Selatan` → KR, `USA` → US, `Myanmar (Burma)` gives both.
    """
    from babel import Locale
    from babel.core import get_global

    names: dict[str, str] = {}
    for alias, targets in get_global("territory_aliases").items():
        if len(alias) == 3 and alias.isalpha() and len(targets) == 1:
            names[_folded(alias)] = targets[0]
    for locale in ("en", "id"):
        for code, name in Locale(locale).territories.items():
            if len(code) == 2 and code.isalpha():
                for part in name.replace(")", "").split("("):
                    names.setdefault(_folded(part), code)
    for code, name in country_names().items():
        names.setdefault(_folded(name), code)
    for name, code in _COMMON_NAMES.items():
        names[_folded(name)] = code
    return names


def country_named(value: str) -> str | None:
    """The ISO 3166 alpha-2 code of a country written by name or alpha-3 code
    (`Indonesia`, `Amerika Serikat`, `IDN`, `South Korea`), or a near-certain misspelling
    of one (`Indonesai`); None when nothing is that close (`Holland` is not `Poland`)."""
    import difflib

    names = _names_to_codes()
    folded = _folded(value)
    if folded in names:
        return names[folded]
    if len(folded) < 5:
        return None
    close = difflib.get_close_matches(folded, list(names), n=1, cutoff=0.85)
    return names[close[0]] if close else None


def english_name(code: str) -> str:
    """`KR` → `South Korea` (CLDR's English name), else the tz database's, else the code."""
    from babel import Locale

    name = Locale("en").territories.get(code)
    return str(name) if name else country_names().get(code, code)
