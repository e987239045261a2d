"""Lengths as the platforms count them, on tricky real text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiskit.messages.counting import sms
from crisiskit.messages.counting.text import graphemes
from crisiskit.messages.drafts import Draft
from crisiskit.messages.textlength import Bound, Counting, Limit, evaluate


def x_weighted_length(text: str) -> int:
    return evaluate(text, Limit(280, Counting.X)).measurement.length


def grapheme_count(text: str) -> int:
    return graphemes(text)


def sms_segments(text: str) -> tuple[str, int, int]:
    counted = sms.count(text)
    return counted.encoding, counted.units, counted.parts


@pytest.mark.parametrize(
    ("text", "weighted"),
    [
        ("Maaf atas ketidaknyamanan ini", 29),  # plain Latin: 1 each
        ("👍", 2),
        ("👍🏽", 2),  # skin-tone modifier: one emoji
        ("👨‍👩‍👧‍👦", 2),  # ZWJ family: one emoji
        ("🏳️‍🌈", 2),  # flag ZWJ sequence
        ("日本語", 6),  # CJK: 2 each
        ("https://warungrasa.example.id/bantuan?ref=krisis", 23),  # any URL: 23
        ("Cek https://a.co dan https://example.com/very/long/path", 4 + 23 + 5 + 23),
        ("Kami mohon maaf 🙏🏽 #WarungRasa @warungrasa", 16 + 2 + 1 + 11 + 1 + 11),
        ("Café crème", 10),  # precomposed diacritics
        ("Cafe\u0301", 4),  # combining accent counts with its letter (NFC)
        # Javanese names in Indonesian posts: diacritics weigh 1, precomposed or combining.
        ("Sugèng rawuh di Kafé Pèndhapa 🙏🏽", 30 + 2),
        ("Suge\u0300ng rawuh di Kafe\u0301 Pe\u0300ndhapa 🙏🏽", 30 + 2),
        # A mention, a ZWJ emoji with a skin tone, a hashtag and a URL in one post.
        (
            "@bayarcepat 👩🏽‍💻 tim kami sedang menangani gangguan #BayarCepat "
            "https://bayarcepat.example.id/status",
            11 + 1 + 2 + 36 + 11 + 1 + 23,
        ),
        ("🇮🇩 #DirgahayuRI @kemlu_ri", 2 + 13 + 10),  # a flag is one emoji
        ("Mohon maaf 申し訳ありません", 11 + 8 * 2),
        ("한국어 ok", 3 * 2 + 3),  # Hangul weighs 2 like CJK
        # Typography: the em dash weighs 1, but the ellipsis and the bullet weigh 2.
        ("Ganti PIN Anda—jangan bagikan OTP.", 34),
        ("Info terbaru… • pukul 23.30 WIB", 12 + 2 + 1 + 2 + 16),
    ],
)
def test_x_weighted_length(text: str, weighted: int) -> None:
    assert x_weighted_length(text) == weighted


@pytest.mark.parametrize(
    ("text", "graphemes"),
    [
        ("👨‍👩‍👧‍👦", 1),
        ("🇮🇩", 1),
        ("Cafe\u0301", 4),
        ("👍🏽 ok", 4),
        ("日本", 2),
        ("👩🏽‍💻", 1),
        ("Suge\u0300ng rawuh 🙏🏽", 14),
        ("@bayarcepat #BayarCepat https://bayarcepat.example.id", 11 + 1 + 11 + 1 + 29),
    ],
)
def test_graphemes(text: str, graphemes: int) -> None:
    assert grapheme_count(text) == graphemes


def test_sms_gsm7_and_extension_characters() -> None:
    assert sms_segments("a" * 160) == ("GSM-7", 160, 1)
    assert sms_segments("a" * 161) == ("GSM-7", 161, 2)
    assert sms_segments("€" * 80) == ("GSM-7", 160, 1)  # extension table: 2 septets each
    assert sms_segments("[" + "a" * 159) == ("GSM-7", 161, 2)


def test_sms_ucs2_for_emoji_and_indonesian_diacritics_outside_gsm() -> None:
    assert sms_segments("Ganti PIN Anda 🙏") == ("UCS-2", 17, 1)  # emoji: 2 UTF-16 units
    assert sms_segments("ê" * 70) == ("UCS-2", 70, 1)  # ê is not in GSM-7
    assert sms_segments("ê" * 71) == ("UCS-2", 71, 2)
    assert sms_segments("ê" * 135) == ("UCS-2", 135, 3)  # 67 per concatenated segment


def test_sms_indonesian_diacritics_and_typography() -> None:
    # è and é are in GSM-7; a combining accent, an em dash or an emoji are not.
    assert sms_segments("Sugèng rawuh di Kafé Pèndhapa") == ("GSM-7", 29, 1)
    assert sms_segments("Suge\u0300ng rawuh") == ("UCS-2", 13, 1)
    assert sms_segments("Ganti PIN Anda—jangan bagikan OTP.") == ("UCS-2", 34, 1)
    assert sms_segments("Sugèng rawuh 🙏🏽") == ("UCS-2", 17, 1)  # 2 surrogate pairs


def test_each_counting_has_its_unit() -> None:
    assert evaluate("日本", Limit(280, Counting.X)).measurement.length == 4
    assert evaluate("日本", Limit(None, Counting.CODE_POINTS)).measurement.length == 2
    assert evaluate("😀", Limit(2200, Counting.UTF16)).measurement.length == 2
    counted = evaluate("Halo", Limit(1, Counting.SMS)).measurement
    assert (counted.length, counted.encoding, counted.units, counted.parts) == (1, "GSM-7", 4, 1)


# Pieces of real posts: words, mentions, hashtags, URLs with and without a scheme.
_PIECES = st.sampled_from(
    [
        "kami",
        "Mohon maaf",
        "@warungrasa",
        "@bob@mastodon.social",
        "#WarungRasa",
        "https://warungrasa.example.id/bantuan",
        "warungrasa.example.id",
        "t.co",
        "http://1.2.3.4/x",
        "bit.ly/3xYz",
        "23.30",
        "Rp50.000,00",
        "Kafé",
        "🙏🏽",
        "日本",
        " ",
        ". ",
        "\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join), st.integers(1, 400))
def test_the_cheap_verdict_agrees_with_the_exact_one(text: str, limit: int) -> None:
    # Drafts far from their limit are judged on bounds; the verdict must not change.
    for counting in Counting:
        bounded = Limit(limit, counting)
        cheap = evaluate(text, bounded, exact=False)
        exact = evaluate(text, bounded)
        assert exact.measurement.bound is Bound.EXACT
        assert cheap.ok is exact.ok, counting
        if cheap.measurement.bound is Bound.AT_MOST:
            assert cheap.measurement.length >= exact.measurement.length
        if cheap.measurement.bound is Bound.AT_LEAST:
            assert cheap.measurement.length <= exact.measurement.length


@pytest.mark.parametrize("extra", range(-3, 4))
def test_over_limit_at_the_boundary(extra: int) -> None:
    url = "https://warungrasa.example.id/bantuan"  # 37 characters, weighs 23
    text = "a" * (280 - 23 - 1 + extra) + " " + url
    draft = Draft("m", "en", "x", text, Limit(280, Counting.X), 0, "t")
    assert draft.measurement.length == 280 + extra
    assert draft.over_limit is (extra > 0)
