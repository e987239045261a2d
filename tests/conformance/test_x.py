"""X: twitter-text's own conformance cases (v3 sections) and configuration, through the
library and the CLI, plus the invariants and the bounds that spare the library's import.

Expected values come from tests/fixtures/conformance/x/validate.yml and v3.json (copied
from twitter/twitter-text; see the README there), never from crisiskit's code.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from crisiskit.messages.counting import xcount
from crisiskit.messages.counting.twittertext import library, url_library
from crisiskit.messages.textlength import Bound, Counting, Limit, evaluate
from tests.conformance.harness import render, write_plan
from tests.conftest import FIXTURES, REPO

DATA = FIXTURES / "conformance" / "x"
# The sections that use the current configuration (v3: emoji sequences weigh 2). The
# python port's own conformance test runs the same two (tests/test_conformance.py).
V3_SECTIONS = (
    "WeightedTweetsWithDiscountedEmojiCounterTest",
    "UnicodeDirectionalMarkerCounterTest",
)
X = Limit(280, Counting.X)


def _cases() -> list[Any]:
    tests = YAML(typ="safe").load((DATA / "validate.yml").read_text(encoding="utf-8"))["tests"]
    return [
        pytest.param(case["text"], case["expected"], id=f"{section}: {case['description']}")
        for section in V3_SECTIONS
        for case in tests[section]
    ]


CASES = _cases()


def test_the_v3_sections_are_all_there() -> None:
    # validate.yml lines 442-706: 22 + 2 cases. Fewer means a bad copy.
    assert len(CASES) == 24


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_library_count_matches_twitter_text(text: str, expected: dict[str, Any]) -> None:
    evaluation = evaluate(text, X)
    assert evaluation.measurement.bound is Bound.EXACT
    assert evaluation.measurement.length == expected["weightedLength"]
    # "valid": no invalid character, and 0 < weighted length <= 280 (v3.json).
    assert (evaluation.ok and evaluation.measurement.length > 0) is expected["valid"]


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_plan(tmp_path_factory.mktemp("x-conformance"))


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_cli_json_count_matches_twitter_text(
    plan: Path, text: str, expected: dict[str, Any]
) -> None:
    if text != text.strip():
        pytest.skip("a draft is published trimmed (docs/channels.md)")
    draft = render(plan, text)["x"]
    assert (draft["length"], draft["limit"], draft["unit"]) == (
        expected["weightedLength"],
        280,
        "weighted characters",
    )
    assert (draft["ok"] and draft["length"] > 0) is expected["valid"]


def test_configuration_is_twitter_texts_v3() -> None:
    config = json.loads((DATA / "v3.json").read_text(encoding="utf-8"))
    ranges = tuple((r["start"], r["end"]) for r in config["ranges"])
    assert all(r["weight"] == config["scale"] for r in config["ranges"])  # weight 1
    assert ranges == xcount.WEIGHT_ONE_RANGES
    assert config["defaultWeight"] // config["scale"] == 2 == xcount.EMOJI_WEIGHT
    assert config["transformedURLLength"] == xcount.URL_WEIGHT
    assert config["maxWeightedTweetLength"] == 280 and config["emojiParsingEnabled"]
    # The library counts with the same configuration.
    port = library().config
    assert port["version"] == config["version"] == 3
    assert [(r["start"], r["end"], r["weight"]) for r in port["ranges"]] == [
        (r["start"], r["end"], r["weight"]) for r in config["ranges"]
    ]
    assert (port["default_weight"], port["transformed_url_length"]) == (200, 23)


def test_invalid_characters_make_a_post_invalid() -> None:
    # js/src/regexp/invalidCharsGroup.js: /\uFFFE\uFEFF\uFFFF/. Directional marks are
    # not among them (validate.yml: "Tweet text containing directional characters
    # should be considered valid").
    for char in "\ufffe\ufeff\uffff":
        evaluation = evaluate(f"Halo {char}", X)
        assert not evaluation.ok and "which X rejects" in evaluation.problems[0]
    assert evaluate("Halo \u202a\u2066", X).ok


def test_the_library_imports_without_setuptools() -> None:
    # Issue 19: Python 3.12+ venvs have no pkg_resources. Marking it unimportable
    # reproduces that here; the count must work and pkg_resources stay unimportable.
    script = (
        "import sys; sys.modules['pkg_resources'] = None\n"
        "from crisiskit.messages.textlength import Counting, Limit, evaluate\n"
        "print(evaluate('tenda ambruk 😀 — ça https://x.co', Limit(280, Counting.X)).measurement.length)\n"
        "try:\n    import pkg_resources\nexcept ImportError:\n    print('still absent')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert result.stdout.split() == ["44", "still", "absent"]


# --- Bounds (issue 18) and invariants ------------------------------------------------

_PIECES = st.sampled_from(
    [
        "kami",
        "Mohon maaf",
        "@warungrasa",
        "#WarungRasa",
        "https://warungrasa.example.id/bantuan",
        "warungrasa.example.id",
        "http://1.2.3.4/x",
        "bit.ly/3xYz",
        "t.co/abc",
        "23.30",
        "©",
        "®️",
        "#️⃣",
        "Kafé",
        "Cafe\u0301",
        "🙏🏽",
        "👨‍👩‍👧‍👦",
        "🇮🇩",
        "日本",
        "한국어",
        "—",
        "…",
        " ",
        ". ",
        "\r\n",
        "\u202a",
        "<",
        "x.co",
        # Runs of letters and digits around a dot, which the upper bound counts in a URL.
        "abc.com",
        ".co",
        "xn--p1ai",
        "www.",
        "9",
        "-",
        "_",
        "/",
        "@",
        "https://",
        "例.jp",
        "Z",
    ]
)
_TEXTS = st.one_of(
    st.lists(_PIECES, max_size=30).map("".join),
    st.text(max_size=80),
    st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=20).map("".join),
)


def _library(text: str) -> int:
    """The port's own count of the whole text, in one call: the reference."""
    tt = library()
    return int(tt.parse_tweet(text, tt.config).weightedLength)


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_piecewise_count_equals_the_library_on_the_whole_text(text: str) -> None:
    counted = xcount.count(xcount.normalize(text))
    assert counted.exact and counted.lower == _library(text)


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_plain_text_is_counted_exactly_without_the_library(text: str) -> None:
    plain = xcount.plain_weight(xcount.normalize(text))
    assert plain is None or plain == _library(text)


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_bounds_never_cross_the_library(text: str) -> None:
    # The upper bound decides most drafts without importing the library; it must never
    # undercount, nor the lower bound overcount.
    normalized = xcount.normalize(text)
    exact = _library(text)
    assert xcount.lower_bound(normalized) <= exact <= xcount.upper_bound(normalized)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join), st.integers(1, 300))
def test_a_longer_url_weighs_the_same(prefix: str, extra: int) -> None:
    short = f"{prefix} https://warungrasa.example.id/a maaf"
    longer = f"{prefix} https://warungrasa.example.id/a{'b' * extra} maaf"
    assert evaluate(short, X).measurement.length == evaluate(longer, X).measurement.length


def test_every_weight_one_code_point_is_bounded() -> None:
    # Exhaustive over the weight-1 ranges: © and ® are emoji and weigh 2; some code points
    # decompose under NFC into two. The bound must cover each of them.
    for start, end in xcount.WEIGHT_ONE_RANGES:
        for code in range(start, end + 1):
            if 0xD800 <= code <= 0xDFFF:
                continue
            char = chr(code)
            assert xcount.upper_bound(xcount.normalize(char)) >= _library(char), hex(code)


def test_emoji_and_tld_sets_behind_the_bounds() -> None:
    from twitter_text.regexp.emoji import emoji_list

    maybe_emoji = re.compile(xcount.MAYBE_EMOJI)
    emoji_sign = re.compile(xcount.EMOJI_SIGN)

    # Every code point of every emoji in the library's list may belong to an emoji.
    codes = {int(c, 16) for e in emoji_list for c in e.codepoint.split()}
    assert all(maybe_emoji.match(chr(code)) for code in codes)
    # Every emoji holds a sign that one may be there (plain_weight relies on it).
    for entry in emoji_list:
        assert emoji_sign.search("".join(chr(int(c, 16)) for c in entry.codepoint.split()))
    # Every TLD starts with a letter, so every URL holds a "." before a letter.
    tt = url_library()
    for pattern in (tt.gtld, tt.cctld):
        words = pattern[len("(?:(?:") : pattern.index(")(?=")].split("|")
        assert all(word[0].isalpha() for word in words)

    def members(char_class: str) -> set[int]:
        pattern = re.compile(f"[{char_class}]")
        return {code for code in range(0x3100) if pattern.match(chr(code))}

    assert members(xcount._SPACES) == members(tt.spaces)


def test_a_draft_far_below_the_limit_or_plain_needs_no_library() -> None:
    script = (
        "import sys\n"
        "from crisiskit.messages.textlength import Counting, Limit, evaluate\n"
        "text = 'Kami mohon maaf 🙏🏽 — info: https://warungrasa.example.id/bantuan'\n"
        "print(evaluate(text, Limit(280, Counting.X), exact=False).ok)\n"
        "plain = 'Kami mohon maaf — kabar terbaru pukul 23.30 WIB'\n"
        "print(evaluate(plain, Limit(280, Counting.X)).measurement.length)\n"
        "print(any(m.startswith('twitter_text') for m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True
    )
    # Plain text (no TLD, nothing that may be an emoji) is counted exactly without it.
    assert result.stdout.split() == ["True", "47", "False"]


@pytest.mark.parametrize(
    "text",
    [
        "a." * 99_500,  # a 199,000-character run of labels without a TLD
        "日" * 199_000 + ".",  # CJK: every character may start a URL
        "a." * 2048 + "a-.com",  # a TLD after a run the URL scan rescans
        "x.co-" * 39_800,
        "Mohon maaf https://warungrasa.example.id/x 🙏🏽 " * 4_000,
    ],
    ids=["labels", "cjk", "rescanned", "tld-dash", "real-text"],
)
def test_long_drafts_are_judged_in_bounded_time(text: str) -> None:
    # A bound against the quadratic URL scan (a 199,000-character template took 70 s),
    # not a benchmark: generous, and the verdicts must still be right.
    started = time.monotonic()
    evaluation = evaluate(text, X, exact=False)
    shown = evaluate(text, X)
    assert time.monotonic() - started < 20
    assert not evaluation.ok and not shown.ok
    assert shown.measurement.bound in (Bound.EXACT, Bound.AT_LEAST)


def test_the_whole_library_imports_as_usual_after_the_url_modules_alone() -> None:
    """Found by review: after url_library(), the package imported next lacked its
    `regexp` attribute (its modules were bound to a package thrown away). Imported here
    through library(), which lends it `pkg_resources` where setuptools is missing."""
    script = (
        "from crisiskit.messages.counting.twittertext import library, url_library\n"
        "urls = url_library()\n"
        "tt = library()\n"
        "import twitter_text, twitter_text.regexp\n"
        "print(twitter_text.regexp.__name__, twitter_text.extract_urls.__name__)\n"
        "print(twitter_text.parse_tweet('a https://t.co/x').weightedLength)\n"
        "print(tt.urls is urls)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert result.stdout.split("\n")[:3] == [
        "twitter_text.regexp extract_urls",
        "25",  # 'a ' and a URL weighing 23 (config/v3.json transformedURLLength)
        "True",
    ]
