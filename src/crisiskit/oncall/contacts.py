"""Contact details formatted for dialling."""

from __future__ import annotations


def dial_format(phone: str, region: str | None) -> str:
    """International format (+62 812-3456-7890), for a number written nationally too."""
    import phonenumbers

    try:
        number = phonenumbers.parse(phone, region)
    except phonenumbers.NumberParseException:
        return phone
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


def tel_uri(phone: str, region: str | None) -> str:
    """A `tel:` URI in E.164 (tel:+6281234567890)."""
    import phonenumbers

    try:
        number = phonenumbers.parse(phone, region)
    except phonenumbers.NumberParseException:
        return "tel:" + "".join(c for c in phone if c.isdigit() or c == "+")
    return "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
