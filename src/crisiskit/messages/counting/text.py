"""Counts shared by several platforms: graphemes, UTF-8 and UTF-16, hashtags and mentions."""

from __future__ import annotations

import re

# A hashtag as Instagram and Threads link it: "#" then letters, digits or "_" of any
# script, not inside a word or an HTML entity. Counted at every occurrence: a platform
# that caps hashtags may count repeats, and counting more never lets a post through.
_HASHTAG = re.compile(r"(?<![\w&#＃])[#＃]\w+")
# An Instagram mention: "@" then up to 30 letters, digits, "." or "_", not inside a word
# (so an e-mail address is not one).
_MENTION = re.compile(r"(?<![\w@＠.])[@＠][\w.]{1,30}")
_EMOJI_CLUSTER = r"[\p{Extended_Pictographic}\p{Regional_Indicator}\u20e3\ufe0f]"
# Every code point _EMOJI_CLUSTER matches lies here (tests/conformance/test_x_fast_path.py
# checks all of them): a text without any counts its code points, without `regex`.
MAY_BE_EMOJI = re.compile(
    "[\u00a9\u00ae\u203c\u2049\u20e3\u2100-\u2bff\u3000-\u33ff\ufe0f\U0001f000-\U0001ffff]"
)


def graphemes(text: str) -> int:
    """Extended grapheme clusters (Unicode UAX #29), as Intl.Segmenter counts them."""
    import regex

    return len(regex.findall(r"\X", text))


def utf8_bytes(text: str) -> int:
    # surrogatepass: a lone surrogate (possible in a Python string) costs its 3 bytes,
    # as atproto's utf8Len counts it.
    return len(text.encode("utf-8", "surrogatepass"))


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def threads_length(text: str) -> int:
    """Meta: "Emojis are counted as the number of UTF-8 bytes"; other characters count 1.

    A grapheme cluster holding an emoji counts its UTF-8 bytes; any other counts its code
    points. Meta does not say more; this reading is the longer one.
    """
    if not MAY_BE_EMOJI.search(text):  # no cluster holds an emoji: each counts its code points
        return len(text)
    import regex

    total = 0
    for cluster in regex.findall(r"\X", text):
        emoji = regex.search(_EMOJI_CLUSTER, cluster)
        total += utf8_bytes(cluster) if emoji else len(cluster)
    return total


def hashtags(text: str) -> int:
    return len(_HASHTAG.findall(text))


def mentions(text: str) -> int:
    return len(_MENTION.findall(text))
