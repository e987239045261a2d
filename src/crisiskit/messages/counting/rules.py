"""What a channel's limit is, and what a count of a draft says (docs/channels.md)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Counting(StrEnum):
    """A platform's counting rule; the value names it in JSON output and the docs."""

    X = "x"  # twitter-text v3 weighted length
    MASTODON = "mastodon"  # graphemes; a URL 23, @user@domain as @user
    BLUESKY = "bluesky"  # graphemes, and UTF-8 bytes
    THREADS = "threads"  # code points, an emoji as its UTF-8 bytes
    UTF16 = "utf-16"  # UTF-16 code units: the platform does not say, this never undercounts
    CODE_POINTS = "code-points"
    SMS = "sms"  # GSM-7 septets or UCS-2 units, in concatenated parts


class Unit(StrEnum):
    """The word shown after a count."""

    WEIGHTED = "weighted characters"
    GRAPHEMES = "graphemes"
    CHARACTERS = "characters"
    UTF16 = "UTF-16 code units"
    SMS_SEGMENTS = "SMS segments"


UNITS: dict[Counting, Unit] = {
    Counting.X: Unit.WEIGHTED,
    Counting.MASTODON: Unit.GRAPHEMES,
    Counting.BLUESKY: Unit.GRAPHEMES,
    Counting.THREADS: Unit.CHARACTERS,
    Counting.UTF16: Unit.UTF16,
    Counting.CODE_POINTS: Unit.CHARACTERS,
    Counting.SMS: Unit.SMS_SEGMENTS,
}


@dataclass(frozen=True, slots=True)
class Limit:
    """A channel's length limit and the platform's other caps on one post."""

    value: int | None  # None: no practical limit
    counting: Counting
    max_utf8_bytes: int | None = None
    max_hashtags: int | None = None
    max_mentions: int | None = None
    max_links: int | None = None

    @property
    def unit(self) -> Unit:
        return UNITS[self.counting]

    def describe(self) -> str:
        return "no limit" if self.value is None else quantity(self.value, self.unit)


def quantity(count: int, unit: Unit) -> str:
    """`1 SMS segment`, `280 weighted characters`."""
    return f"{count:,} {unit.value.removesuffix('s') if count == 1 else unit.value}"


class Bound(StrEnum):
    """Whether a length is the exact count or a bound that settled the verdict."""

    EXACT = "exact"
    AT_MOST = "at most"
    AT_LEAST = "at least"


@dataclass(frozen=True, slots=True)
class Measurement:
    """A draft counted by its channel's rule; fields a rule does not use stay None."""

    length: int
    unit: Unit
    bound: Bound = Bound.EXACT
    # SMS: the encoding, the septets or UTF-16 units, the parts, the first character
    # outside GSM-7 (which forced UCS-2).
    encoding: str | None = None
    units: int | None = None
    parts: int | None = None
    forced_by: str | None = None
    utf8_bytes: int | None = None
    invalid: str | None = None  # a character the platform rejects (X)
    hashtags: int | None = None
    mentions: int | None = None
    links: int | None = None
    # Why the count is a bound (work budget exceeded), when it is one.
    note: str | None = None

    @property
    def exact(self) -> bool:
        return self.bound is Bound.EXACT
