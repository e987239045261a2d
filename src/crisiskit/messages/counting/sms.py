"""SMS: GSM 03.38 septets or UCS-2 units, in the parts a phone sends (docs/channels.md).

3GPP TS 23.038 (GSM 03.38) §6.2.1 defines the GSM 7-bit default alphabet and §6.2.1.1
its extension table, reached by an escape septet: an extension character costs two
septets. A message with any character outside both tables goes as UCS-2, two octets per
UTF-16 code unit, so a character outside the BMP (most emoji) costs two units.

One part carries 140 octets: 160 septets or 70 UCS-2 units. A longer message is sent
concatenated; each part then spends 6 octets on its user-data header (3GPP TS 23.040
§9.2.3.24.1), leaving 153 septets or 67 units. A part never ends between an escape and
its character, nor between the two halves of a surrogate pair: that character moves to
the next part, which can add one.
"""

from __future__ import annotations

from dataclasses import dataclass

# §6.2.1, in code order 0x00-0x7F; 0x1B is the escape to the extension table.
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# §6.2.1.1: form feed, ^ { } \ [ ~ ] | and the euro sign, two septets each.
GSM_EXTENSION = frozenset("\f^{}\\[~]|€")

SINGLE_PART = {"GSM-7": 160, "UCS-2": 70}
CONCATENATED_PART = {"GSM-7": 153, "UCS-2": 67}


@dataclass(frozen=True, slots=True)
class SmsCount:
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    parts: int
    forced_by: str | None  # the first character outside GSM-7, which forced UCS-2


def _cost(char: str, encoding: str) -> int:
    if encoding == "GSM-7":
        return 2 if char in GSM_EXTENSION else 1
    return 2 if ord(char) > 0xFFFF else 1


def count(text: str) -> SmsCount:
    forced_by = next((c for c in text if c not in GSM_BASIC and c not in GSM_EXTENSION), None)
    encoding = "GSM-7" if forced_by is None else "UCS-2"
    costs = [_cost(c, encoding) for c in text]
    units = sum(costs)
    if units <= SINGLE_PART[encoding]:
        return SmsCount(encoding, units, 1, forced_by)
    return SmsCount(encoding, units, _parts(costs, CONCATENATED_PART[encoding]), forced_by)


def _parts(costs: list[int], room: int) -> int:
    """Fill parts in order; a two-unit character that does not fit starts the next part."""
    parts, used = 1, 0
    for cost in costs:
        if used + cost > room:
            parts, used = parts + 1, 0
        used += cost
    return parts
