"""X's weighted length: twitter-text v3, in bounded time, with bounds that need no import.

twitter-text (config/v3.json): a code point in the weight-1 ranges counts 1, any other 2;
every URL it finds counts 23 whatever its length; an emoji sequence counts 2; U+FFFE,
U+FEFF and U+FFFF make a post invalid. Text is NFC-normalised and line endings become
``\\n`` first.

Exact counting asks the library, which costs a ~100 ms import and whose URL expression
rescans a run of domain characters from every position in it: quadratic in the run, so a
200,000-character draft could take minutes. Two facts keep it linear and exact:

* No URL or emoji sequence contains a space, a directional mark or ``< > ^ { } \\``.
  Cut there, each piece, read with the separator before it (which the URL expression
  may take as the character preceding a URL), counts as it counts in the whole text.
* A URL's domain ends in ``.`` and a top-level domain from the library's list. A piece
  without one holds no URL: its emoji and characters are counted without the URL scan.

What is left (a piece holding a TLD, scanned by the library) is bounded by a work budget;
past it the piece is given bounds instead of a count, which still settle most verdicts.

Most drafts need none of the library's ~100 ms import (issue 18). A piece that is one URL
of a plain form (``plain_url``: http or https, ASCII labels, a top-level domain of the
library's list, copied into ``xtlds``, a path and query of safe characters, closing
punctuation after it) weighs 23 plus its other characters, exactly as the library counts
it; a piece holding no emoji sign weighs its characters, and one that holds a TLD but no
emoji sign asks only the library's URL extraction, never its emoji module (60 ms). Tests
prove each shortcut equal to the library (tests/conformance/test_x_fast_path.py).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

# config/v3.json "ranges": code points weighing 1 (all others weigh 2, "defaultWeight").
WEIGHT_ONE_RANGES = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
URL_WEIGHT = 23  # "transformedURLLength"
MAX_URL_LENGTH = 4096  # the longest URL twitter-text recognises (extractUrls)
EMOJI_WEIGHT = 2  # an emoji sequence weighs "defaultWeight" once ("emojiParsingEnabled")
# js/src/regexp/invalidCharsGroup.js: the characters that make a post invalid.
INVALID_CHARACTERS = "\ufffe\ufeff\uffff"

# Heavy: weighs 2. © and ® lie in a weight-1 range but are emoji on their own, and the
# library counts an emoji 2 (tests/conformance/test_x.py checks every weight-1 code point).
_HEAVY = re.compile("[^\u0000-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]|[\u00a9\u00ae]")
# Code points that can be part of an emoji sequence (every code point of the library's
# emoji list falls here; a test checks it). Any other character weighs what it weighs.
MAYBE_EMOJI = (
    "[#*0-9\u00a9\u00ae\u200d\u203c\u2049\u20e3\u2100-\u303f\u3200-\u33ff"
    "\ua000-\uabff\ud7a4-\U0010ffff]"
)
# Without any of these no emoji can match: a single-code-point emoji is one of them, and
# every longer sequence holds one (ZWJ, U+FE0F, a skin tone, U+20E3, a regional indicator
# or a tag); digits, # and * are emoji only in keycap sequences. A test checks both.
EMOJI_SIGN = MAYBE_EMOJI.replace("#*0-9", "")


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """Compiled when first needed: these classes reach U+10FFFF and take a millisecond
    each to compile, while most drafts are settled by the upper bound alone."""
    return re.compile(pattern)


# Every top-level domain starts with a letter, so every URL holds a "." before a letter.
_TLD_CANDIDATE = re.compile(r"\.(?=[^\W\d_])")
_ASCII_ALNUM_RUN = re.compile("[A-Za-z0-9]+")
# twitter-text's spacesGroup (checked against the library by a test).
_SPACES = "\u0009-\u000d\u0020\u0085\u00a0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_SPACE_RUN = re.compile(f"[{_SPACES}]+")
# The library's pattern text, character for character (tests/conformance/test_x_fast_path.py
# compares each with the installed port): spacesGroup, directionalMarkersGroup,
# validDomainChars, validPunycode and the look-ahead after a listed top-level domain.
SPACES_GROUP = r"\x09-\x0D\x20\x85\xA0\u1680\u180E\u2000-\u200A\u2028\u2029\u202F\u205F\u3000"
DIRECTIONAL_MARKERS_GROUP = r"\u202A-\u202E\u061C\u200E\u200F\u2066\u2067\u2068\u2069"
DOMAIN_CHARS = (
    r"[^\!'#%&'\(\)*\+,\\\-\.\/:;<=>\?@\[\]\^_{|}~\$/"
    rf"{SPACES_GROUP}\uFFFE\uFEFF\uFFFF{DIRECTIONAL_MARKERS_GROUP}]"
)
PUNYCODE = r"(?:xn--[\-0-9a-z]+)"
TLD_LOOKAHEAD = r"(?=[^0-9a-zA-Z@+-]|$)"
_LINE_ENDINGS = re.compile(r"\r\n|\r")

# About one second of the library's URL scan (see scan_cost); a draft needing more is
# given bounds instead of an exact count.
WORK_BUDGET = 10_000_000


def normalize(text: str) -> str:
    """What twitter-text counts: NFC, with every line ending as ``\\n``."""
    return _LINE_ENDINGS.sub("\n", unicodedata.normalize("NFC", text))


def weight(text: str) -> int:
    """Each code point's weight, emoji sequences and URLs not recognised."""
    return len(text) + len(_HEAVY.findall(text))


def first_invalid(text: str) -> str | None:
    return next((c for c in text if c in INVALID_CHARACTERS), None)


def url_candidates(normalized: str) -> int:
    """At least the number of URLs twitter-text finds: each holds one."""
    return len(_TLD_CANDIDATE.findall(normalized))


def plain_weight(normalized: str) -> int | None:
    """The exact count when no URL or emoji sequence can occur (no TLD candidate, no
    character that may belong to an emoji): each code point's weight. Else None."""
    if _TLD_CANDIDATE.search(normalized) or _compiled(EMOJI_SIGN).search(normalized):
        return None
    return weight(normalized)


def upper_bound(normalized: str) -> int:
    """Never below the library's count, and computed without it (issue 18).

    Every code point at its own weight is at least what an emoji sequence weighs as
    one; a URL weighs 23 instead of its characters, and holds a TLD candidate: the dot
    before its top-level domain. What it adds is at most 23 less what that dot certainly
    brings into it (:func:`_url_certainly_covers`).
    """
    added = sum(
        max(0, URL_WEIGHT - _url_certainly_covers(normalized, dot.start(), runs))
        for runs in [_ascii_runs(normalized)]
        for dot in _TLD_CANDIDATE.finditer(normalized)
    )
    return weight(normalized) + added


def _ascii_runs(normalized: str) -> tuple[dict[int, int], dict[int, int]]:
    """Runs of ASCII letters and digits: end by start, and start by end."""
    spans = [run.span() for run in _ASCII_ALNUM_RUN.finditer(normalized)]
    return dict(spans), {end: start for start, end in spans}


def _url_certainly_covers(
    normalized: str, dot: int, runs: tuple[dict[int, int], dict[int, int]]
) -> int:
    """How many characters a URL whose top-level domain follows ``dot`` covers at least.

    The domain label before the dot has a character, and the domain starts after a
    character that is not an ASCII letter or digit (twitter-text's preceding-character
    rule, the ``//`` of a scheme, or the start of an ASCII-only part of the domain), so
    it holds the whole run of ASCII letters and digits before the dot. A top-level domain
    is at least two characters and ends before a character that is not one of them (its
    lookahead, or the greedy match of a punycode domain), so the URL holds the whole run
    after the dot as well. Every character weighs at least 1.
    """
    ends_by_start, starts_by_end = runs
    before = dot - starts_by_end.get(dot, dot)
    after = ends_by_start.get(dot + 1, dot + 1) - (dot + 1)
    return max(before, 1) + 1 + max(after, 2)


def lower_bound(normalized: str) -> int:
    """Never above the library's count, and computed without it.

    A space-free piece without a TLD candidate holds no URL: its characters that cannot
    belong to an emoji count their weight. In a piece that may hold URLs, each URL (one
    per candidate at most) replaces at most 4,096 characters, weighing 2 each, by 23.
    """
    total = 0
    for piece in _SPACE_RUN.split(normalized):
        maybe = "".join(_compiled(MAYBE_EMOJI).findall(piece))
        certain = weight(piece) - weight(maybe)
        candidates = len(_TLD_CANDIDATE.findall(piece))
        if candidates:
            certain = max(min(URL_WEIGHT, certain), certain - candidates * 2 * MAX_URL_LENGTH)
        total += certain
    return total + weight("".join(_SPACE_RUN.findall(normalized)))


@dataclass(frozen=True, slots=True)
class XCount:
    lower: int
    upper: int
    exact: bool
    invalid: str | None


@dataclass(frozen=True, slots=True)
class Patterns:
    separators: re.Pattern[str]
    domain_run: re.Pattern[str]
    may_precede: re.Pattern[str]


@cache
def patterns() -> Patterns:
    return Patterns(
        separators=re.compile(f"([{SPACES_GROUP}{DIRECTIONAL_MARKERS_GROUP}<>^{{}}\\\\]+)"),
        domain_run=re.compile(f"(?:{DOMAIN_CHARS}|[._-])+"),
        may_precede=re.compile("[^A-Za-z0-9@\uff20$#\uff03\ufffe\ufeff\uffff]"),
    )


@cache
def _tld_end() -> re.Pattern[str]:
    """A listed top-level domain or punycode after a dot, as the library's domain ends
    (about 20 ms to compile: only non-ASCII pieces with a dot need it)."""
    from crisiskit.messages.counting.xtlds import COUNTRY_CODE, GENERIC

    return re.compile(
        rf"\.(?:{_trie(GENERIC)}{TLD_LOOKAHEAD}|{_trie(COUNTRY_CODE)}{TLD_LOOKAHEAD}|{PUNYCODE})",
        re.IGNORECASE,
    )


def _trie(words: tuple[str, ...]) -> str:
    """The library's TLD alternation as a trie: it matches the same text, but tries a
    handful of branches at a dot instead of ~1,500 words."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return f"(?:{_branches(root)})"


def _branches(node: dict[str, Any]) -> str:
    options = []
    for char, child in node.items():
        if char == "" or child == {"": {}}:  # a word ends here, or only ends after char
            options.append(re.escape(char))
        else:
            options.append(f"{re.escape(char)}(?:{_branches(child)})")
    return "|".join(options)


# An ASCII text can only match the library's ASCII TLDs (a test checks that no other
# listed TLD matches ASCII text, even case-insensitively). A listed TLD is all letters and
# the look-ahead refuses a letter after it, so it is the whole run of letters after a dot.
@cache
def _ascii_tlds() -> frozenset[str]:
    """Loaded when a count needs them: the upper bound alone (most verdicts) does not."""
    from crisiskit.messages.counting.xtlds import COUNTRY_CODE, GENERIC

    return frozenset(word for word in GENERIC + COUNTRY_CODE if word.isascii())


_ASCII_TLD_RUN = re.compile(r"\.([a-z]++)(?![0-9@+\-])")
_ASCII_PUNYCODE = re.compile(r"\.xn--[\-0-9a-z]")


def holds_tld(piece: str) -> bool:
    """Whether the library's top-level-domain expression (``_tld_end``) matches in the
    piece: without any regular expression of ~1,500 words when the piece is ASCII."""
    if "." not in piece:
        return False
    if not piece.isascii():
        return _tld_end().search(piece) is not None
    lowered = piece.lower()
    if _ASCII_PUNYCODE.search(lowered):
        return True
    tlds = _ascii_tlds()
    return any(run.group(1) in tlds for run in _ASCII_TLD_RUN.finditer(lowered))


# A URL of a plain form, with what may stand before and after it in a piece; every
# character ASCII. The path and query take only characters the library's path and query
# take, and end on one they may end on; what follows is punctuation they never end on.
# Compiled when first needed (_compiled), like every pattern the upper bound does not use.
_PLAIN_URL = (
    r"(?P<lead>[(\"']?)"
    r"(?P<url>(?P<scheme>[Hh][Tt][Tt][Pp][Ss]?://)"
    r"(?P<host>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?P<tld>[A-Za-z]+))"
    r"(?::[0-9]{1,5})?"
    r"(?:/(?:[A-Za-z0-9\-._~/=+%#&]*[A-Za-z0-9\-_/=+#])?)?"
    r"(?:\?[A-Za-z0-9\-._~/=+%#&]*[A-Za-z0-9\-_&=#/])?)"
    r"[.,!?;:'\")]*"
)


def plain_url(piece: str) -> str | None:
    """The URL the library finds in a piece that is one URL of a plain form, else None
    (the library decides). t.co links (cut to their slug) and URLs near the library's
    length limit are left to it."""
    match = _compiled(_PLAIN_URL).fullmatch(piece)
    if match is None:
        return None
    url, scheme = match.group("url"), match.group("scheme")
    if (
        match.group("tld").lower() not in _ascii_tlds()
        or match.group("host").lower() == "t.co"
        or len(scheme) + len(url) > MAX_URL_LENGTH  # extractUrls' isValidUrl
    ):
        return None
    return url


def scan_cost(piece: str, patterns: Patterns) -> int:
    """An estimate of the library's URL-scan work on one piece.

    The scan starts at every character after one that may precede a URL, and from each
    start rescans the run of domain characters ahead, trying the TLD list after every
    dot: about one unit per character and a hundred per dot (40-70 ns a unit on the
    2-CPU machines crisiskit's CI uses).
    """
    cost = 0
    for run in patterns.domain_run.finditer(piece):
        text = run.group()
        starts = 1 + len(patterns.may_precede.findall(text))
        cost += starts * (len(text) + 100 * text.count("."))
    return cost


def _without_urls(piece: str) -> int:
    """The library's count of a piece that holds no URL: emoji sequences weigh 2.

    An emoji sequence lies within a run of characters that may belong to one, so only
    those runs are searched (the emoji expression is slow to try at every position).
    Without an emoji sign there is none, and the library's emoji module is not needed.
    """
    if not _compiled(EMOJI_SIGN).search(piece):
        return weight(piece)
    from crisiskit.messages.counting.twittertext import library

    emoji = library().emoji
    saved = 0
    for run in _compiled(f"{MAYBE_EMOJI}+").finditer(piece):
        for match in emoji.finditer(run.group()):
            saved += weight(match.group()) - EMOJI_WEIGHT
    return weight(piece) - saved


def _in_context(pieces: list[str], index: int) -> str:
    """The piece with the separator before it, which the URL expression reads as the
    character preceding a URL (at the start of text it reads nothing instead)."""
    return pieces[index - 1][-1] + pieces[index] if index else pieces[index]


def _with_urls(pieces: list[str], index: int) -> int:
    """The library's count of a piece that may hold URLs, read in its context."""
    in_context = _in_context(pieces, index)
    context_weight = weight(in_context[: len(in_context) - len(pieces[index])])
    # An emoji sequence never holds the separator before the piece: only the piece says.
    if _compiled(EMOJI_SIGN).search(pieces[index]):
        from crisiskit.messages.counting.twittertext import library

        tt = library()
        return int(tt.parse_tweet(in_context, tt.config).weightedLength) - context_weight
    return _weigh_without_emoji(in_context) - context_weight


def _weigh_without_emoji(text: str) -> int:
    """parse_tweet's weighted length of a text holding no emoji, from the URLs the
    library's extraction finds: its loop, where a URL's start skips the URL's length."""
    from crisiskit.messages.counting.twittertext import url_library

    normalized = normalize(text)  # as parse_tweet reads it
    total = position = 0
    for entity in url_library().extract_urls_with_indices(normalized):
        start = entity["indices"][0]
        if start < position:  # inside a URL already counted: the loop never sees it
            continue
        total += weight(normalized[position:start]) + URL_WEIGHT
        position = start + len(entity["url"])
    return total + weight(normalized[position:])


def count(normalized: str, budget: int = WORK_BUDGET) -> XCount:
    """The library's weighted length of NFC, ``\\n``-only text, piece by piece."""
    found_patterns = patterns()
    lower = upper = spent = 0
    exact = True
    pieces = found_patterns.separators.split(normalized)
    for index, piece in enumerate(pieces):
        if index % 2:  # a run of separators: no URL, no emoji
            lower += weight(piece)
            upper += weight(piece)
            continue
        url = plain_url(piece)
        if url is None and not holds_tld(piece):
            exact_piece = _without_urls(piece)
        else:
            spent += scan_cost(piece, found_patterns)
            if spent > budget:
                exact = False
                lower += lower_bound(piece)
                upper += upper_bound(piece)
                continue
            if url is not None:  # ASCII: each character weighs 1
                exact_piece = len(piece) - len(url) + URL_WEIGHT
            else:
                exact_piece = _with_urls(pieces, index)
        lower += exact_piece
        upper += exact_piece
    return XCount(lower, upper, exact, first_invalid(normalized))


def urls(normalized: str, budget: int = WORK_BUDGET) -> list[str] | None:
    """The URLs twitter-text finds (with or without a scheme); None past the budget."""
    found_patterns = patterns()
    found: list[str] = []
    spent = 0
    pieces = found_patterns.separators.split(normalized)
    for index in range(0, len(pieces), 2):
        url = plain_url(pieces[index])
        if url is None and not holds_tld(pieces[index]):
            continue
        spent += scan_cost(pieces[index], found_patterns)
        if spent > budget:
            return None
        if url is not None:
            found.append(url)
            continue
        from crisiskit.messages.counting.twittertext import url_library

        in_context = _in_context(pieces, index)
        extracted = url_library().extract_urls_with_indices(in_context)
        found += [entity["url"] for entity in extracted]
    return found
