"""Contact details formatted for dialling."""

from __future__ import annotations

from dataclasses import dataclass


def dial_format(phone: str, region: str | None) -> str:
    """International format (+62 812-3456-7890), for a number written nationally too."""
    import phonenumbers

    try:
        number = phonenumbers.parse(phone, region)
    except phonenumbers.NumberParseException:
        return phone
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


def dialled(phone: str, region: str | None) -> str | None:
    """The E.164 number a call goes to (+12125550101), or None when it cannot be read."""
    import phonenumbers

    try:
        number = phonenumbers.parse(phone, region)
    except phonenumbers.NumberParseException:
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def tel_uri(phone: str, region: str | None) -> str:
    """A `tel:` URI in E.164 (tel:+6281234567890)."""
    import phonenumbers

    try:
        number = phonenumbers.parse(phone, region)
    except phonenumbers.NumberParseException:
        return "tel:" + "".join(c for c in phone if c.isdigit() or c == "+")
    return "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@dataclass(frozen=True, slots=True)
class ForeignNational:
    """A national number read in the plan's region that its person's country reads otherwise."""

    dialled: str  # as crisiskit dials it, read in the plan's default region
    meant: str  # as the person's own country reads it
    country: str  # the person's country (of their timezone), e.g. US


def foreign_national(phone: str, default_region: str, zone: str) -> ForeignNational | None:
    """A number written nationally (no +country code) by someone whose timezone is in
    another country than ``default_region``, when that country dials it differently.

    None when the number is international, when the zone has no country, or when the
    person's country reads it the same (Toronto and New York share +1) or not at all
    (an Indonesian number kept by someone working from London).
    """
    import phonenumbers

    from crisiskit.util.countries import zone_country

    country = zone_country(zone)
    if country is None or country == default_region:
        return None
    try:
        read = phonenumbers.parse(phone, default_region, keep_raw_input=True)
        theirs = phonenumbers.parse(phone, country)
    except phonenumbers.NumberParseException:
        return None
    if read.country_code_source != phonenumbers.CountryCodeSource.FROM_DEFAULT_COUNTRY:
        return None
    if not phonenumbers.is_valid_number(theirs):
        return None
    e164 = phonenumbers.PhoneNumberFormat.E164
    if phonenumbers.format_number(read, e164) == phonenumbers.format_number(theirs, e164):
        return None
    international = phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return ForeignNational(
        dialled=str(phonenumbers.format_number(read, international)),
        meant=str(phonenumbers.format_number(theirs, international)),
        country=country,
    )
