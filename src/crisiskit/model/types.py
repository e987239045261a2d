"""Value types of the plan format: ids, durations, dates, clock times, contacts."""

from __future__ import annotations

import re
import zoneinfo
from datetime import date, timedelta
from functools import lru_cache
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationInfo,
    WithJsonSchema,
)

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
_ID = re.compile(ID_PATTERN)


def is_id(value: str) -> bool:
    return _ID.match(value) is not None and len(value) <= 64


def id_form(value: str) -> str:
    """The id a name was meant to be: `Crisis Lead` → `crisis-lead`, `SEV1` → `sev1`,
    `ｓａｒｉ` → `sari`, `İstanbul` → `istanbul`; control characters are dropped."""
    import unicodedata

    # NFKC first (fullwidth `ｓ` is `s`), then accents off (`İ` is `I` and a dot above).
    plain = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", value))
    plain = "".join(
        c for c in plain if not unicodedata.combining(c) and unicodedata.category(c) != "Cc"
    )
    words = re.sub(r"[^a-z0-9_-]+", "-", plain.strip().casefold())
    return words.strip("-_")[:64]


class PlanModel(BaseModel):
    """Base of every plan model: unknown keys are errors, values are immutable."""

    # defer_build: only the plan's validator is built, on first use, with every section
    # inside it; building one for each of the forty models at import cost more than
    # validating a typical plan (target 1 of issue 18).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


Id = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        max_length=64,
        description="Identifier: lowercase letters, digits, '-' and '_'.",
    ),
]

_DURATION = re.compile(r"(\d+)\s*(w|d|h|m)")
_DURATION_FULL = re.compile(r"^(?:\d+\s*[wdhm]\s*)+$")
_UNIT_SECONDS = {"w": 7 * 86400, "d": 86400, "h": 3600, "m": 60}
DURATION_PATTERN = r"^(?:[0-9]+\s*[wdhm]\s*)+$"
# A hundred years: any cadence or deadline beyond it is a typo, and date arithmetic on it
# would leave the calendar.
MAX_DURATION_DAYS = 36_500


def parse_duration(value: Any) -> timedelta:
    """Parse ``15m``, ``2h``, ``3d``, ``1w`` or compounds such as ``1h30m``."""
    if isinstance(value, timedelta):
        return value
    if not isinstance(value, str):
        raise ValueError(
            f"{value!r} is not a duration; write a number and a unit, e.g. 15m, 2h, 3d, 1w or 1h30m"
        )
    return _parse_duration_text(value)


@lru_cache(maxsize=1024)  # a plan (an agency's fragment in every client) repeats a few
def _parse_duration_text(value: str) -> timedelta:
    if not _DURATION_FULL.match(value.strip()):
        raise ValueError(
            f"{value!r} is not a duration; write a number and a unit, e.g. 15m, 2h, 3d, 1w or 1h30m"
        )
    parts = _DURATION.findall(value)
    if any(len(number) > 7 for number, _ in parts):  # also keeps int() off huge digit runs
        raise ValueError(f"{value!r} is too long; durations go up to {MAX_DURATION_DAYS}d")
    seconds = sum(int(n) * _UNIT_SECONDS[u] for n, u in parts)
    if seconds > MAX_DURATION_DAYS * 86400:
        raise ValueError(f"{value!r} is too long; durations go up to {MAX_DURATION_DAYS}d")
    return timedelta(seconds=seconds)


def format_duration(value: timedelta) -> str:
    """The shortest human form of a duration: ``90m`` becomes ``1h30m``."""
    seconds = int(value.total_seconds())
    if seconds == 0:
        return "0m"
    parts = []
    for unit in ("d", "h", "m"):
        size = _UNIT_SECONDS[unit]
        if seconds >= size:
            parts.append(f"{seconds // size}{unit}")
            seconds %= size
    return "".join(parts)


Duration = Annotated[
    timedelta,
    BeforeValidator(parse_duration),
    PlainSerializer(format_duration, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": DURATION_PATTERN,
            "description": "A duration: a number and a unit (m, h, d, w), e.g. 15m, 2h, 90d.",
        }
    ),
]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Dates a plan can mean; a review, drill or follow-up plus any duration stays on the calendar.
MIN_YEAR, MAX_YEAR = 1900, 9000


def parse_iso_date(value: Any) -> date:
    if isinstance(value, date):
        parsed = value
    elif not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ValueError(f"{value!r} is not an ISO 8601 date; write YYYY-MM-DD")
    else:
        try:
            parsed = date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a valid date: {exc}") from None
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise ValueError(f"{parsed} is out of range; use a year from {MIN_YEAR} to {MAX_YEAR}")
    return parsed


IsoDate = Annotated[
    date,
    BeforeValidator(parse_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "description": "ISO 8601 date."}),
]

_CLOCK = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)$")


def parse_clock(value: Any) -> int:
    """Minutes since midnight of ``HH:MM`` (``24:00`` is the end of the day)."""
    if isinstance(value, str):
        match = _CLOCK.match(value)
        if match:
            minutes = int(match[1]) * 60 + int(match[2])
            if minutes <= 24 * 60:
                return minutes
    raise ValueError(f"{value!r} is not a time of day; write HH:MM, e.g. 09:00 or 17:30")


ClockTime = Annotated[
    int,
    BeforeValidator(parse_clock),
    PlainSerializer(lambda m: f"{m // 60:02d}:{m % 60:02d}", return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^([01][0-9]|2[0-4]):[0-5][0-9]$",
            "description": "Time of day, HH:MM (24-hour clock).",
        }
    ),
]


def load_zone(key: str) -> zoneinfo.ZoneInfo | None:
    """The IANA timezone ``key`` names, or None. A directory of the tz database
    (``America``) or a name too long for a file name raises OSError, not "not found"."""
    try:
        return zoneinfo.ZoneInfo(key)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return None


@lru_cache(maxsize=512)
def _zone_exists(key: str) -> bool:
    return load_zone(key) is not None


def check_timezone(value: str) -> str:
    if not _zone_exists(value):
        from crisiskit.util.suggest import did_you_mean

        hint = did_you_mean(value, sorted(zoneinfo.available_timezones()))
        suggestion = f"; {hint}" if hint else ""
        raise ValueError(f"'{value}' is not an IANA timezone{suggestion}")
    return value


Timezone = Annotated[
    str,
    AfterValidator(check_timezone),
    Field(description="IANA timezone name, e.g. Asia/Jakarta or Europe/London."),
]


@lru_cache(maxsize=256)
def region_problem(value: str) -> str | None:
    """Why ``value`` is not a country code phone numbers can be read in, or None."""
    import phonenumbers

    from crisiskit.util.countries import country_named, english_name

    if value in phonenumbers.SUPPORTED_REGIONS:
        return None
    problem = f"'{value}' is not an ISO 3166 two-letter country code"
    if value.upper() in phonenumbers.SUPPORTED_REGIONS:
        return f"{problem}: country codes are uppercase; write '{value.upper()}'"
    if value.upper() == "UK":
        return f"{problem}; the United Kingdom's is 'GB'"
    code = country_named(value) if len(value) > 2 else None
    if code is not None and code in phonenumbers.SUPPORTED_REGIONS:
        return f"{problem}; {english_name(code)} is '{code}'"
    return f"{problem}, e.g. ID, US or GB"


def check_region(value: str) -> str:
    problem = region_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


Region = Annotated[
    str,
    AfterValidator(check_region),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^[A-Z]{2}$",
            "description": "ISO 3166 two-letter country code, e.g. ID, US or GB.",
        }
    ),
]


def check_phone(value: str, info: ValidationInfo) -> str:
    # A person's own region (validated before the phone) reads their national numbers.
    region = info.data.get("region") if "region" in info.data else None
    context = info.context or {}
    region = region or context.get("region")
    if region is None and context.get("region_unknown") and not value.lstrip().startswith("+"):
        return value  # a fragment checked alone: the including plan's region reads it
    zone = context.get("person_zone") or context.get("default_timezone")
    problem = _phone_problem(value, region, zone if isinstance(zone, str) else None)
    if problem is not None:
        raise ValueError(problem)
    return value


def phone_problem(value: str, region: str | None) -> str | None:
    """Why ``value`` is not a phone number (national numbers read in ``region``), or None."""
    return _phone_problem(value, region, None)


@lru_cache(maxsize=4096)  # an agency's shared staff appear in every client plan
def _phone_problem(value: str, region: str | None, zone: str | None) -> str | None:
    import phonenumbers

    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        hint = "" if region else " (or set organization.default_region for national numbers)"
        return (
            f"'{value}' is not a phone number; write it with its country code, "
            f"e.g. +62 812-3456-7890{hint}"
        )
    if not phonenumbers.is_valid_number(number):
        if not value.lstrip().startswith("+") and region:
            return f"'{value}' is not a valid phone number in {region}; " + (
                _short_number(value, region)
                or _international_prefix(value)
                or _read_abroad(value, region, zone)
            )
        return f"'{value}' is not a valid phone number for its country"
    return None


def _short_number(value: str, region: str) -> str | None:
    """`112`, `911`: no region makes an emergency or service number a person's phone."""
    from phonenumbers import shortnumberinfo

    digits = re.sub(r"\D", "", value)
    if not digits or len(digits) > 6:
        return None
    regions = (region, *sorted(shortnumberinfo.SUPPORTED_SHORT_REGIONS))
    if any(shortnumberinfo.is_emergency_number(digits, r) for r in regions):
        return (
            "it is an emergency or short service number, which cannot reach a person from "
            "a call list: write the person's own number with its country code"
        )
    return None


def _international_prefix(value: str) -> str | None:
    """`0062 812-3456-7890`, `001 212 555 0101`: dialled with a prefix the region does
    not use abroad; written with `+` the number is the same everywhere."""
    import phonenumbers

    digits = re.sub(r"\D", "", value)
    if not digits.startswith("00"):
        return None
    try:
        number = phonenumbers.parse("+" + digits[2:], None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    written = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return f'if 00 is meant as the international prefix, write it with a "+": "{written}"'


def _read_abroad(value: str, region: str, zone: str | None) -> str:
    """How to write a national number from the person's own country (by their timezone)."""
    import phonenumbers

    from crisiskit.util.countries import country_names, zone_country

    country = zone_country(zone) if zone else None
    if country is not None and country != region:
        try:
            theirs = phonenumbers.parse(value, country)
        except phonenumbers.NumberParseException:
            theirs = None
        if theirs is not None and phonenumbers.is_valid_number(theirs):
            written = phonenumbers.format_number(
                theirs, phonenumbers.PhoneNumberFormat.INTERNATIONAL
            )
            place = country_names().get(country, country)
            # A guess from the timezone: Amsterdam keeps Berlin's clocks.
            return (
                f"if this person lives in {place} (by timezone {zone}), it is {written} "
                f'there: add `region: {country}` to the person, or write "{written}"'
            )
    return (
        "check its digits, or write it with its country code (a number of another "
        "country: give the person that `region:`, e.g. US)"
    )


def _phone_is_text(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(
            f'write the phone number in quotes ("{value}"): unquoted, YAML reads it as a '
            "number, dropping a leading 0 or +"
        )
    return value


Phone = Annotated[
    str,
    BeforeValidator(_phone_is_text),
    AfterValidator(check_phone),
    Field(
        description="Phone number, international (+62 812-3456-7890) or national "
        "in the person's region or the organization's default_region.",
    ),
]


def check_email(value: str) -> str:
    problem = _email_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


# The form nearly every address in a plan takes, which email-validator always accepts
# (a Hypothesis test checks it): a dot-atom of letters, digits and `_+-` at a domain of
# letter-and-digit labels (single hyphens inside) ending in a letters-only top-level
# domain, within the length limits, outside the special-use domains. Anything else is
# asked of the library, whose import and checks cost more than validating a typical plan.
_PLAIN_EMAIL = re.compile(
    r"[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@(?:[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\.)+[A-Za-z]{2,63}"
)
# email_validator.SPECIAL_USE_DOMAIN_NAMES (a test keeps them equal).
SPECIAL_USE_DOMAINS = ("arpa", "invalid", "local", "localhost", "onion", "test")


def plainly_valid_email(value: str) -> bool:
    """Whether ``value`` is an address of the plain form above (so certainly valid)."""
    # Limits as email-validator applies them: 254 in all, 64 before the @, 63 a label.
    if len(value) > 254 or not _PLAIN_EMAIL.fullmatch(value):
        return False
    local, _, domain = value.rpartition("@")
    domain = domain.lower()
    if len(local) > 64 or any(len(label) > 63 for label in domain.split(".")):
        return False
    return not any(domain == name or domain.endswith(f".{name}") for name in SPECIAL_USE_DOMAINS)


@lru_cache(maxsize=4096)
def _email_problem(value: str) -> str | None:
    if plainly_valid_email(value):
        return None
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        return f"'{value}' is not a valid e-mail address: {exc}"
    return None


Email = Annotated[str, AfterValidator(check_email), Field(description="E-mail address.")]

Text = Annotated[str, Field(min_length=1)]
