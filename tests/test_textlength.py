"""Lengths as the platforms count them, on tricky real text."""

from __future__ import annotations

import pytest

from crisiskit.textlength import Unit, grapheme_count, measure, sms_segments, x_weighted_length


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
    ],
)
def test_x_weighted_length(text: str, weighted: int) -> None:
    assert x_weighted_length(text) == weighted


@pytest.mark.parametrize(
    ("text", "graphemes"),
    [("👨‍👩‍👧‍👦", 1), ("🇮🇩", 1), ("Cafe\u0301", 4), ("👍🏽 ok", 4), ("日本", 2)],
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


def test_measure_units() -> None:
    assert measure("日本", Unit.WEIGHTED).length == 4
    assert measure("日本", Unit.CHARACTERS).length == 2
    sms = measure("Halo", Unit.SMS_SEGMENTS)
    assert (sms.length, sms.encoding, sms.units) == (1, "GSM-7", 4)
