"""Mastodon's length: its StatusLengthValidator, rule for rule (docs/channels.md).

app/validators/status_length_validator.rb (mastodon/mastodon): the text is rewritten
before counting (``countable_text``): every URL that ``Extractor`` finds *with a scheme*
becomes 23 characters, every mention ``@user@domain`` becomes ``@user``, overlapping
entities keep the first; then grapheme clusters are counted
(``each_grapheme_cluster.size``). The limit is per instance (500 by default).

URLs are twitter-text's, as Mastodon changes them in
config/initializers/twitter_regex.rb: more schemes, and path and query characters of any
script. Mentions are Account::MENTION_RE, dropped by app/lib/extractor.rb when a
``@``, a Latin accent or ``://`` follows, or when the domain is over 253 characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import regex

URL_PLACEHOLDER_LENGTH = 23  # StatusLengthValidator::URL_PLACEHOLDER_CHARS
MAX_URL_LENGTH = 4096  # twitter-text's Extractor: longer URLs are not URLs
MAX_TCO_SLUG_LENGTH = 40
MAX_DOMAIN_LENGTH = 253  # Extractor::MAX_DOMAIN_LENGTH, for mentions
SCHEMES = "https?|dat|dweb|ipfs|ipns|ssb|gopher|gemini"  # twitter_regex.rb, valid_url

# Unicode White_Space, which Mastodon's path characters exclude.
_WHITE_SPACE = "\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# twitter_regex.rb UCHARS: characters of any script allowed in a query.
_UCHARS = (
    "\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U0001fffd\U00020000-\U0002fffd"
    "\U00030000-\U0003fffd\U00040000-\U0004fffd\U00050000-\U0005fffd\U00060000-\U0006fffd"
    "\U00070000-\U0007fffd\U00080000-\U0008fffd\U00090000-\U0009fffd\U000a0000-\U000afffd"
    "\U000b0000-\U000bfffd\U000c0000-\U000cfffd\U000d0000-\U000dfffd\U000e1000-\U000efffd"
    "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
)
_PIECE = re.compile(f"[^{_WHITE_SPACE}]+")
# Work past which a piece of a pathological draft gets bounds instead of a count.
WORK_BUDGET = 10_000_000


@dataclass(frozen=True, slots=True)
class MastodonCount:
    lower: int
    upper: int
    exact: bool


def upper_bound(text: str) -> int:
    """Code points are at least graphemes; a URL grows to 23 at most, and has a scheme."""
    return len(text) + URL_PLACEHOLDER_LENGTH * text.count("://")


@cache
def _url_pattern() -> re.Pattern[str]:
    from crisiskit.messages.counting.twittertext import url_library

    tt = url_library()
    general = f"[^{_WHITE_SPACE}<>()?]"
    balanced = rf"\((?:{general}+|(?:{general}*\({general}+\){general}*))\)"
    # Ruby builds the ending characters before it redefines balanced parentheses, so
    # they keep twitter-text's own.
    ending = rf"[^{_WHITE_SPACE}()?!*\"'「」<>;:=,.$%\[\]~&|@]|(?:{tt.balanced_parens})"
    path = rf"(?:(?:{general}*(?:{balanced}{general}*)*(?:{ending}))|(?:{general}+/))"
    query = rf"[a-z0-9!?*'();:&=+$/%#\[\]\-_.,~|@\^{_UCHARS}]"
    query_end = rf"[a-z0-9_&=#/\-{_UCHARS}]"
    return re.compile(
        rf"({tt.url_preceding_chars})"
        rf"((({SCHEMES})://)?({tt.domain})(?::([0-9]+))?(/{path}*)?(\?{query}*{query_end})?)",
        re.IGNORECASE,
    )


@cache
def _mention_patterns() -> tuple[regex.Pattern[str], re.Pattern[str]]:
    import regex

    from crisiskit.messages.counting.twittertext import url_library

    word = r"\p{L}\p{M}\p{Nd}\p{Pc}"  # Ruby's [[:word:]]
    mention = regex.compile(
        rf"(?<![=/{word}])@(([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@[{word}]+(?:[.-]+[{word}]+)*)?)",
        regex.IGNORECASE,
    )
    end_mention = re.compile(f"[@\uff20{url_library().latin_accent_chars}]|://")
    return mention, end_mention


def _valid_length(url: str, domain: str) -> bool:
    """twitter-text's is_valid_domain: 4,096 characters at most, the domain in punycode."""
    try:
        encoded = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    return len(url) + max(0, len(encoded) - len(domain)) <= MAX_URL_LENGTH


def _urls(piece: str) -> Iterator[tuple[int, int]]:
    """Extractor.extract_urls_with_indices(piece, extract_url_without_protocol: false)."""
    from crisiskit.messages.counting.twittertext import url_library

    tco = url_library().tco_url
    for match in _url_pattern().finditer(piece):
        url, scheme, domain = match.group(2), match.group(3), match.group(5)
        if not scheme:
            continue
        start, end = match.start(2), match.end(2)
        short = tco.match(url)
        if short:
            if len(short.group(1)) > MAX_TCO_SLUG_LENGTH:
                continue
            url, end = short.group(0), start + len(short.group(0))
        if _valid_length(url, domain):
            yield start, end


def _mentions(text: str) -> Iterator[tuple[int, int, str]]:
    """Extractor.extract_mentions_or_lists_with_indices: (start, end, what it counts as)."""
    mention, end_mention = _mention_patterns()
    for match in mention.finditer(text):
        if end_mention.match(text, match.end()):
            continue
        screen_name = match.group(1)
        local, _, domain = screen_name.partition("@")
        if domain and len(domain) > MAX_DOMAIN_LENGTH:
            continue
        yield match.start(), match.end(), "@" + local


def count(text: str, budget: int = WORK_BUDGET) -> MastodonCount:
    """StatusLengthValidator's count of a post's text (no content warning)."""
    import regex

    from crisiskit.messages.counting.xcount import patterns, scan_cost

    entities: list[tuple[int, int, str]] = list(_mentions(text))
    placeholder = "x" * URL_PLACEHOLDER_LENGTH
    spent, lower_extra, upper_extra, exact = 0, 0, 0, True
    for match in _PIECE.finditer(text):
        piece, start, end = match.group(), match.start(), match.end()
        if "://" not in piece:  # a URL Mastodon counts as 23 has a scheme
            continue
        spent += scan_cost(piece, patterns())
        if spent > budget:
            # Left as written: at most 23 more per scheme, at least nothing.
            exact = False
            entities = [e for e in entities if not start <= e[0] < end]
            lower_extra -= len(piece)
            upper_extra += URL_PLACEHOLDER_LENGTH * piece.count("://")
            continue
        # Read with the space before it, as the URL expression would read it in the text.
        context = text[start - 1 : end] if start else piece
        shift = start - (1 if start else 0)
        entities += [(shift + s, shift + e, placeholder) for s, e in _urls(context)]
    graphemes = len(regex.findall(r"\X", _rewrite(text, entities)))
    return MastodonCount(max(0, graphemes + lower_extra), graphemes + upper_extra, exact)


def _rewrite(text: str, entities: list[tuple[int, int, str]]) -> str:
    """StatusLengthValidator#rewrite_entities after remove_overlapping_entities."""
    parts: list[str] = []
    last = 0
    for start, end, replacement in sorted(entities, key=lambda e: e[0]):
        if start < last:  # overlaps an entity already kept
            continue
        parts += [text[last:start], replacement]
        last = end
    return "".join(parts) + text[last:]
