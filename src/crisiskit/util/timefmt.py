"""Moments written the way people in a locale and a timezone write them: `23.30 WIB`."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache

_ZONE_LOCALES = {
    "Asia/Jakarta": "id",
    "Asia/Pontianak": "id",
    "Asia/Makassar": "id",
    "Asia/Jayapura": "id",
    "Asia/Kolkata": "en_IN",
    "Asia/Calcutta": "en_IN",
    "Pacific/Auckland": "en_NZ",
}
_PREFIX_LOCALES = (
    ("Australia/", "en_AU"),
    ("Europe/", "en_GB"),
    ("America/", "en_US"),
    ("US/", "en_US"),
    ("Canada/", "en_CA"),
)


def zone_abbreviation(moment: datetime) -> str:
    """The abbreviation people in the zone use (WIB, GMT, EST), else UTC+8."""
    from babel.dates import get_timezone_name

    key = getattr(moment.tzinfo, "key", "")
    if key in ("UTC", "Etc/UTC"):
        return "UTC"
    locale = _ZONE_LOCALES.get(key) or next(
        (loc for prefix, loc in _PREFIX_LOCALES if key.startswith(prefix)), None
    )
    if locale is not None:
        name = get_timezone_name(moment, "short", locale=locale)
        if name.isalpha():
            return name
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def format_moment(moment: datetime, locale: str, with_date: bool) -> str:
    """A time (and date) the way the locale writes it, with the zone: `15.30 WIB`."""
    # Equal instants in different zones compare equal: the zone must be in the cache key.
    return _format_moment(moment, str(moment.tzinfo), locale, with_date)


@lru_cache(maxsize=256)  # every draft of a run shows the same few moments
def _format_moment(moment: datetime, zone_key: str, locale: str, with_date: bool) -> str:
    from babel import Locale, UnknownLocaleError
    from babel.dates import format_date, format_time

    try:
        babel_locale = Locale.parse(locale.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        babel_locale = Locale.parse("en")
    time = format_time(moment, "short", locale=babel_locale)
    zone = zone_abbreviation(moment)
    text = f"{time} {zone}"
    if with_date:
        text = f"{format_date(moment, 'long', locale=babel_locale)}, {text}"
    # CLDR puts narrow no-break spaces in times ("9:00\u202fAM"); one such character
    # turns an SMS from GSM-7 into UCS-2 and more than doubles its segments.
    return text.replace("\u202f", " ").replace("\xa0", " ")


def later(start: datetime, after: timedelta) -> datetime | None:
    """``after`` past ``start`` in absolute time, shown in ``start``'s zone: "in 10 minutes"
    across a clock change is 10 minutes, not 10 minutes of wall clock. None past the year
    9999 (a plan's durations are bounded, but a guard costs nothing)."""
    from datetime import UTC

    try:
        return (start.astimezone(UTC) + after).astimezone(start.tzinfo)
    except OverflowError:
        return None
