"""Bluesky: the lexicon's limits and atproto's own length tests, through library and CLI.

Sources (bluesky-social/atproto on GitHub):
- LEXICON = lexicons/app/bsky/feed/post.json, copied to tests/fixtures/conformance/bluesky
  (record.properties.text: "maxLength": 3000, "maxGraphemes": 300).
- VALIDATOR = packages/lexicon/src/validators/primitives.ts, string(): maxLength is
  compared with utf8Len(value) (line ~226), maxGraphemes with graphemeLen(value) (~287).
- GRAPHEMES = packages/lex/lex-data/src/utf8-grapheme-len.test.ts (Intl.Segmenter).
- BYTES = packages/lex/lex-data/src/utf8-len.test.ts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crisiskit.messages.counting.text import graphemes, utf8_bytes
from crisiskit.messages.limits import PLATFORM_LIMITS
from crisiskit.messages.textlength import evaluate
from crisiskit.model.communication import Platform
from tests.conformance.harness import render, write_plan
from tests.conftest import FIXTURES

LEXICON = json.loads(
    (FIXTURES / "conformance" / "bluesky" / "app.bsky.feed.post.json").read_text("utf-8")
)
TEXT = LEXICON["defs"]["main"]["record"]["properties"]["text"]
BLUESKY = PLATFORM_LIMITS[Platform.BLUESKY]

# GRAPHEMES: (text, graphemes), every case of the test file.
GRAPHEME_CASES = [
    ("a", 1),
    ("~", 1),
    ("ö", 1),
    ("ñ", 1),
    ("©", 1),
    ("⽘", 1),
    ("☎", 1),
    ("𓋓", 1),
    ("😀", 1),
    ("👨‍👩‍👧‍👧", 1),
    ("a~öñ©⽘☎𓋓😀👨‍👩‍👧‍👧", 10),
    ("नमस्ते", 3),  # atproto issue 4321: Indic conjuncts (Unicode 15.1 rules)
]
# BYTES: (text, UTF-8 bytes), every case of the test file.
BYTE_CASES = [
    ("a", 1),
    ("~", 1),
    ("ö", 2),
    ("ñ", 2),
    ("©", 2),
    ("⽘", 3),
    ("☎", 3),
    ("𓋓", 4),
    ("😀", 4),
    ("👨‍👩‍👧‍👧", 25),
    ("\ud83d", 3),  # a high surrogate with no low surrogate
    ("\udc00", 3),  # a low surrogate with no high surrogate
]


def test_limits_are_the_lexicons() -> None:
    assert (BLUESKY.value, BLUESKY.max_utf8_bytes) == (TEXT["maxGraphemes"], TEXT["maxLength"])
    assert (BLUESKY.value, BLUESKY.max_utf8_bytes) == (300, 3000)


@pytest.mark.parametrize(("text", "expected"), GRAPHEME_CASES)
def test_graphemes_as_atproto_counts_them(text: str, expected: int) -> None:
    assert graphemes(text) == expected
    assert evaluate(text, BLUESKY).measurement.length == expected


@pytest.mark.parametrize(("text", "expected"), BYTE_CASES)
def test_utf8_bytes_as_atproto_counts_them(text: str, expected: int) -> None:
    assert utf8_bytes(text) == expected
    assert evaluate(text, BLUESKY).measurement.utf8_bytes == expected


# Boundaries derived from LEXICON and VALIDATOR: both limits apply, each on its own.
BOUNDARY_CASES = [
    ("a" * 300, 300, 300, True),
    ("a" * 301, 301, 301, False),
    ("😀" * 300, 300, 1200, True),  # 300 graphemes of 4 bytes: both within
    ("👨‍👩‍👧‍👧" * 120, 120, 3000, True),  # exactly 3,000 bytes in 120 graphemes
    ("👨‍👩‍👧‍👧" * 121, 121, 3025, False),  # graphemes fine, bytes over
    ("नमस्ते" * 100, 300, 1800, True),  # 600 code points but 300 graphemes
]


@pytest.mark.parametrize(("text", "graphemes_", "size", "valid"), BOUNDARY_CASES)
def test_both_limits_apply(text: str, graphemes_: int, size: int, valid: bool) -> None:
    evaluation = evaluate(text, BLUESKY)
    assert (evaluation.measurement.length, evaluation.measurement.utf8_bytes) == (graphemes_, size)
    assert evaluation.ok is valid
    assert evaluate(text, BLUESKY, exact=False).ok is valid


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_plan(tmp_path_factory.mktemp("bluesky-conformance"))


@pytest.mark.parametrize(("text", "graphemes_", "size", "valid"), BOUNDARY_CASES)
def test_cli_json_shows_both_counts(
    plan: Path, text: str, graphemes_: int, size: int, valid: bool
) -> None:
    draft = render(plan, text)["bluesky"]
    assert (draft["length"], draft["limit"], draft["unit"]) == (graphemes_, 300, "graphemes")
    assert (draft["utf8_bytes"], draft["max_utf8_bytes"], draft["ok"]) == (size, 3000, valid)


@given(st.text(max_size=60))
def test_graphemes_never_exceed_code_points(text: str) -> None:
    # The invariant behind the cheap verdict: code points bound graphemes from above.
    assert graphemes(text) <= len(text)
