"""Mastodon: cases from its own spec and code, through the library and the CLI.

Sources (mastodon/mastodon on GitHub, main):
- SPEC = spec/validators/status_length_validator_spec.rb (each case's `it` title below);
  the spec stubs MAX_CHARS to 500.
- VALIDATOR = app/validators/status_length_validator.rb (URL_PLACEHOLDER_CHARS = 23,
  countable_text, rewrite_entities, each_grapheme_cluster.size).
- EXTRACTOR = app/lib/extractor.rb (MAX_DOMAIN_LENGTH = 253, end_mention_match).
- ACCOUNT = app/models/account.rb (MENTION_RE, USERNAME_RE).
- REGEX = config/initializers/twitter_regex.rb (valid_url: schemes, path and query).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiskit.messages.counting import mastodon
from crisiskit.messages.textlength import Counting, Limit, evaluate
from tests.conformance.harness import render, write_plan

MASTODON = Limit(500, Counting.MASTODON)

# (text, expected count, valid at 500); the source of each is the comment above it.
CASES = [
    # SPEC "reduces calculated length of auto-linkable space-separated URLs": 476 + 1 + 23.
    ("a" * 476 + " http://" + "b" * 30 + ".com/example", 500, True),
    # SPEC "does not reduce calculated length of non-autolinkable URLs": no preceding
    # space, so twitter-text's valid_url_preceding_chars refuses it: 476 + 49.
    ("a" * 476 + "http://" + "b" * 30 + ".com/example", 525, False),
    # SPEC "does not reduce calculated length of count overly long URLs": 5,025 characters,
    # over twitter-text's MAX_URL_LENGTH 4,096, so not a URL.
    ("http://example.com/valid?" + "#foo?" * 1000, 5025, False),
    # SPEC "counts only the front part of remote usernames": 475 + 1 + "@alice".
    ("a" * 475 + " @alice@" + "b" * 30 + ".com", 482, True),
    # SPEC "does count both parts of remote usernames for overly long domains": EXTRACTOR
    # drops a mention whose domain is over 253 characters.
    ("@alice@" + "b" * 500 + ".com", 511, False),
    # SPEC "counts multi byte emoji as single character".
    ("✨" * 500, 500, True),
    # SPEC "counts ZWJ sequence emoji as single character".
    ("🏳️‍⚧️" * 500, 500, True),
    # SPEC "adds an error when text is over character limit": 'a' * 520.
    ("a" * 520, 520, False),
    # VALIDATOR: a URL shorter than 23 still counts 23 ("Lihat " + 23).
    ("Lihat https://x.co", 29, True),
    # VALIDATOR passes extract_url_without_protocol: false: no scheme, counted as written.
    ("Lihat warungrasa.example.id/bantuan", 35, True),
    # REGEX adds gemini:// (and dat, dweb, ipfs, ipns, ssb, gopher) to the schemes.
    ("gemini://warungrasa.example.id/" + "x" * 100, 23, True),
    # EXTRACTOR end_mention_match: a mention followed by "://" is not one.
    ("@bob@mastodon.social://x", 24, True),
    # VALIDATOR rewrite: mention and URL in one post: "@bob" + " " + 23.
    ("@bob@mastodon.social https://mastodon.social/@bob/1234567890", 28, True),
    # Graphemes (each_grapheme_cluster): a family emoji and a flag are one each.
    ("👨‍👩‍👧‍👦🇮🇩", 2, True),
]


@pytest.mark.parametrize(("text", "expected", "valid"), CASES)
def test_library_count_matches_mastodon(text: str, expected: int, valid: bool) -> None:
    evaluation = evaluate(text, MASTODON)
    assert evaluation.measurement.length == expected
    assert evaluation.ok is valid
    # The cheap verdict (a bound, when it settles it) agrees.
    assert evaluate(text, MASTODON, exact=False).ok is valid


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_plan(tmp_path_factory.mktemp("mastodon-conformance"))


@pytest.mark.parametrize(("text", "expected", "valid"), CASES)
def test_cli_json_count_matches_mastodon(plan: Path, text: str, expected: int, valid: bool) -> None:
    drafts = render(plan, text)
    default, instance = drafts["mastodon"], drafts["mastodon-5000"]
    assert (default["length"], default["limit"], default["unit"]) == (expected, 500, "graphemes")
    assert default["ok"] is valid
    # An instance allowing 5,000 counts the same way, against its own limit.
    assert (instance["length"], instance["limit"]) == (expected, 5000)
    assert instance["ok"] is (expected <= 5000)


_PIECES = st.sampled_from(
    [
        "maaf",
        " ",
        "\n",
        "https://warungrasa.example.id/bantuan",
        "http://x.co",
        "gemini://a.example",
        "@bob",
        "@bob@mastodon.social",
        "@alice@example.com://",
        "(",
        ")",
        ".",
        "👍🏽",
        "é",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join), st.integers(1, 200))
def test_a_longer_url_counts_the_same(prefix: str, extra: int) -> None:
    # VALIDATOR: every URL found with a scheme is 23 whatever its length.
    short = f"{prefix} https://warungrasa.example.id/a maaf"
    longer = f"{prefix} https://warungrasa.example.id/a{'b' * extra} maaf"
    assert (
        evaluate(short, MASTODON).measurement.length
        == evaluate(longer, MASTODON).measurement.length
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_piecewise_urls_equal_a_whole_text_scan(text: str) -> None:
    # Counting scans each space-free piece for URLs (to stay linear); scanning the
    # whole text at once must find the same URLs.
    whole = list(mastodon._urls(text))
    pieces = mastodon.count(text)
    rewritten = mastodon._rewrite(
        text,
        list(mastodon._mentions(text)) + [(s, e, "x" * 23) for s, e in whole],
    )
    import regex

    assert pieces.exact and pieces.lower == len(regex.findall(r"\X", rewritten))


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_the_bound_never_undercounts(text: str) -> None:
    assert mastodon.upper_bound(text) >= mastodon.count(text).lower
