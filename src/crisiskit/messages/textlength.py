"""Text length the way each platform counts it (docs/channels.md).

``evaluate`` judges a draft against its channel's limit. With ``exact=False`` it first
tries bounds that need no library (X's weight table, code points for graphemes): most
drafts are far below their limit, and X's counting library costs ~100 ms to import. With
``exact=True`` (a count that is shown) it counts; only a pathological draft whose exact
count would cost more than a work budget gets bounds instead (``Bound``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from crisiskit.messages.counting.rules import (
    Bound,
    Counting,
    Limit,
    Measurement,
    Unit,
    quantity,
)

__all__ = ["Bound", "Counting", "Evaluation", "Limit", "Measurement", "Unit", "evaluate"]


@dataclass(frozen=True, slots=True)
class Evaluation:
    measurement: Measurement
    problems: tuple[str, ...]  # empty: the platform accepts the draft as it is

    @property
    def ok(self) -> bool:
        return not self.problems


def describe_character(char: str) -> str:
    """A character named safely for any output: its code point, and the glyph if harmless."""
    code = f"U+{ord(char):04X}"
    shown = ord(char) > 0x7F and char.isprintable() and unicodedata.category(char)[0] != "M"
    return f"{code} {char}" if shown else code


@lru_cache(maxsize=4096)
def evaluate(text: str, limit: Limit, exact: bool = True) -> Evaluation:
    counted = _MEASURES[limit.counting](text, limit, exact)
    return Evaluation(counted, _problems(counted, limit))


def _length_problem(measured: Measurement, limit: Limit) -> str | None:
    if limit.value is None or measured.bound is Bound.AT_MOST:
        return None  # an upper bound is only ever reported when it is within the limit
    length = f"{quantity(measured.length, measured.unit)}; the limit is {limit.describe()}"
    if measured.bound is Bound.EXACT:
        return None if measured.length <= limit.value else length
    if measured.length > limit.value:
        return f"at least {length}"
    # The bounds straddle the limit and counting would cost too much: nobody can say it
    # fits, so it is not publishable until it is shortened.
    return f"at least {length} ({measured.note})"


def _problems(measured: Measurement, limit: Limit) -> tuple[str, ...]:
    found = [_length_problem(measured, limit)]
    if measured.invalid is not None:
        found.append(f"contains {describe_character(measured.invalid)}, which X rejects")
    caps = (
        (measured.utf8_bytes, limit.max_utf8_bytes, "UTF-8 bytes"),
        (measured.hashtags, limit.max_hashtags, "hashtags"),
        (measured.mentions, limit.max_mentions, "mentions"),
        (measured.links, limit.max_links, "links"),
    )
    for value, cap, what in caps:
        if value is not None and cap is not None and value > cap:
            found.append(f"{value:,} {what}; the limit is {cap:,}")
    return tuple(problem for problem in found if problem)


def _verdict_bounds(
    unit: Unit, lower: int, upper: int, exact_count: int | None, limit: Limit, note: str
) -> Measurement:
    """A measurement from bounds: exact when known, else the bound that settles it."""
    if exact_count is not None:
        return Measurement(exact_count, unit)
    if limit.value is not None and upper <= limit.value:
        return Measurement(upper, unit, Bound.AT_MOST, note=note)
    return Measurement(lower, unit, Bound.AT_LEAST, note=note)


def _measure_x(text: str, limit: Limit, exact: bool) -> Measurement:
    from crisiskit.messages.counting import xcount

    normalized = xcount.normalize(text)
    invalid = xcount.first_invalid(normalized)
    if not exact and limit.value is not None:
        upper = xcount.upper_bound(normalized)
        if upper <= limit.value:
            return Measurement(upper, Unit.WEIGHTED, Bound.AT_MOST, invalid=invalid)
        lower = xcount.lower_bound(normalized)
        if lower > limit.value:
            return Measurement(lower, Unit.WEIGHTED, Bound.AT_LEAST, invalid=invalid)
    plain = xcount.plain_weight(normalized)
    if plain is not None:  # exact without the library
        return Measurement(plain, Unit.WEIGHTED, invalid=invalid)
    counted = xcount.count(normalized)
    note = "too costly to count exactly: shorten its unbroken runs of text"
    measured = _verdict_bounds(
        Unit.WEIGHTED,
        counted.lower,
        counted.upper,
        counted.lower if counted.exact else None,
        limit,
        note,
    )
    return replace(measured, invalid=invalid)


def _measure_mastodon(text: str, limit: Limit, exact: bool) -> Measurement:
    from crisiskit.messages.counting import mastodon

    if not exact and limit.value is not None:
        upper = mastodon.upper_bound(text)
        if upper <= limit.value:
            return Measurement(upper, Unit.GRAPHEMES, Bound.AT_MOST)
    counted = mastodon.count(text)
    note = "too costly to count exactly: shorten its unbroken runs of text"
    return _verdict_bounds(
        Unit.GRAPHEMES,
        counted.lower,
        counted.upper,
        counted.lower if counted.exact else None,
        limit,
        note,
    )


def _measure_bluesky(text: str, limit: Limit, exact: bool) -> Measurement:
    from crisiskit.messages.counting.text import graphemes, utf8_bytes

    size = utf8_bytes(text)
    if not exact and limit.value is not None and len(text) <= limit.value:
        # Graphemes are never more than code points.
        return Measurement(len(text), Unit.GRAPHEMES, Bound.AT_MOST, utf8_bytes=size)
    return Measurement(graphemes(text), Unit.GRAPHEMES, utf8_bytes=size)


def _measure_threads(text: str, limit: Limit, exact: bool) -> Measurement:
    from crisiskit.messages.counting.text import threads_length, utf8_bytes

    links = _threads_links(text, limit, exact)
    if not exact and limit.value is not None:
        upper = utf8_bytes(text)  # every cluster counts at most its UTF-8 bytes
        if upper <= limit.value:
            return Measurement(upper, Unit.CHARACTERS, Bound.AT_MOST, links=links)
        if len(text) > limit.value:  # and at least its code points
            return Measurement(len(text), Unit.CHARACTERS, Bound.AT_LEAST, links=links)
    return Measurement(threads_length(text), Unit.CHARACTERS, links=links)


def _threads_links(text: str, limit: Limit, exact: bool) -> int | None:
    """Unique URLs, as twitter-text finds them (Meta does not publish its rule).

    Every such URL holds a TLD candidate: with no more candidates than the cap allows,
    the verdict needs no count.
    """
    from crisiskit.messages.counting import xcount

    if limit.max_links is None:
        return None
    normalized = xcount.normalize(text)
    candidates = xcount.url_candidates(normalized)
    if candidates == 0 or (not exact and candidates <= limit.max_links):
        return 0 if candidates == 0 else None
    found = xcount.urls(normalized)
    return candidates if found is None else len(set(found))


def _measure_utf16(text: str, limit: Limit, exact: bool) -> Measurement:
    from crisiskit.messages.counting.text import hashtags, mentions, utf16_units

    return Measurement(
        utf16_units(text),
        Unit.UTF16,
        hashtags=hashtags(text) if limit.max_hashtags is not None else None,
        mentions=mentions(text) if limit.max_mentions is not None else None,
    )


def _measure_code_points(text: str, limit: Limit, exact: bool) -> Measurement:
    return Measurement(len(text), Unit.CHARACTERS)


def _measure_sms(text: str, limit: Limit, exact: bool) -> Measurement:
    from crisiskit.messages.counting import sms

    counted = sms.count(text)
    return Measurement(
        counted.parts,
        Unit.SMS_SEGMENTS,
        encoding=counted.encoding,
        units=counted.units,
        parts=counted.parts,
        forced_by=counted.forced_by,
    )


_MEASURES = {
    Counting.X: _measure_x,
    Counting.MASTODON: _measure_mastodon,
    Counting.BLUESKY: _measure_bluesky,
    Counting.THREADS: _measure_threads,
    Counting.UTF16: _measure_utf16,
    Counting.CODE_POINTS: _measure_code_points,
    Counting.SMS: _measure_sms,
}
