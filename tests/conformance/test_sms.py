"""SMS: GSM 03.38's tables and the concatenation arithmetic, with boundary cases.

Sources:
- TABLE = the Unicode Consortium's GSM0338.TXT (table 2.0), copied to
  tests/fixtures/conformance/sms. It maps the default alphabet (0xNN) and the extension
  table (0x1BNN, two septets).
- 23.038 = 3GPP TS 23.038 §6.2.1 (default alphabet) and §6.2.1.1 (extension table).
- 23.040 = 3GPP TS 23.040 §9.2.3.24.1: a concatenated part spends 6 octets of its 140
  on the user-data header: 153 septets or 67 UCS-2 units remain (160 and 70 alone).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crisiskit.messages.counting import sms
from crisiskit.messages.counting.sms import GSM_BASIC, GSM_EXTENSION
from tests.conformance.harness import render, write_plan
from tests.conftest import FIXTURES


def _table() -> tuple[set[str], set[str]]:
    basic: set[str] = set()
    extension: set[str] = set()
    for line in (FIXTURES / "conformance" / "sms" / "GSM0338.TXT").read_text("utf-8").splitlines():
        if line.startswith("0x"):
            code, unicode = line.split("\t")[:2]
            (extension if len(code) == 6 else basic).add(chr(int(unicode, 16)))
    return basic, extension


def test_alphabet_is_gsm_0338() -> None:
    basic, extension = _table()
    # TABLE maps 0x1B (the escape) to NBSP for display only: it encodes no character.
    basic.discard("\u00a0")
    # TABLE (version 2.0) reads 0x09 as small ç; 23.038's table and handsets (Android's
    # GsmAlphabet) show capital Ç, which is what a gateway encodes. crisiskit follows the
    # standard: ç forces UCS-2, which never shows fewer parts than are sent.
    basic.discard("ç")
    basic.add("Ç")
    assert basic == GSM_BASIC and len(GSM_BASIC) == 127
    assert extension == GSM_EXTENSION and len(GSM_EXTENSION) == 10


# (text, encoding, units, parts, forced_by); the arithmetic's source beside each.
CASES = [
    ("a" * 160, "GSM-7", 160, 1, None),  # 23.040: 160 septets in one part
    ("a" * 161, "GSM-7", 161, 2, None),  # 161 > 160: concatenated, 153 per part
    ("a" * 306, "GSM-7", 306, 2, None),  # 2 × 153
    ("a" * 307, "GSM-7", 307, 3, None),
    ("€" * 80, "GSM-7", 160, 1, None),  # TABLE 0x1B65: two septets each
    ("[" + "a" * 159, "GSM-7", 161, 2, None),  # the escape pushes it over 160
    # An escape pair never straddles two parts: 152 septets, then "€" needs 2 of the
    # 1 left, so it starts part 2: 152 + (2 + 152 = 154 > 153) -> 3 parts.
    ("a" * 152 + "€" + "a" * 152, "GSM-7", 306, 3, None),
    ("a" * 153 + "€" + "a" * 151, "GSM-7", 306, 2, None),  # no straddle: 2 parts
    ("ê" * 70, "UCS-2", 70, 1, "ê"),  # ê is in no GSM table: 70 units in one part
    ("ê" * 71, "UCS-2", 71, 2, "ê"),
    ("ê" * 134, "UCS-2", 134, 2, "ê"),  # 2 × 67
    ("ê" * 135, "UCS-2", 135, 3, "ê"),
    ("😀" * 35, "UCS-2", 70, 1, "😀"),  # a surrogate pair: 2 UTF-16 units
    # A surrogate pair never straddles two parts: 66 units, then 😀 needs 2 of the 1
    # left, so it starts part 2: 66 + (2 + 66 = 68 > 67) -> 3 parts.
    ("ê" * 66 + "😀" + "ê" * 66, "UCS-2", 134, 3, "ê"),
    ("ê" * 67 + "😀" + "ê" * 65, "UCS-2", 134, 2, "ê"),
    ("Harga naik ça va", "UCS-2", 16, 1, "ç"),  # ç: see test_alphabet_is_gsm_0338
    ("ÇA VA", "GSM-7", 5, 1, None),
    ("Ganti PIN—jangan", "UCS-2", 16, 1, "—"),  # the em dash is not GSM
    ("Sugèng rawuh di Kafé", "GSM-7", 20, 1, None),  # è and é are
]


@pytest.mark.parametrize(("text", "encoding", "units", "parts", "forced_by"), CASES)
def test_library_counts(
    text: str, encoding: str, units: int, parts: int, forced_by: str | None
) -> None:
    assert sms.count(text) == sms.SmsCount(encoding, units, parts, forced_by)


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_plan(tmp_path_factory.mktemp("sms-conformance"))


@pytest.mark.parametrize(("text", "encoding", "units", "parts", "forced_by"), CASES)
def test_cli_json_shows_encoding_units_and_parts(
    plan: Path, text: str, encoding: str, units: int, parts: int, forced_by: str | None
) -> None:
    drafts = render(plan, text)
    one, three = drafts["sms"], drafts["sms-3"]
    assert (one["encoding"], one["units"], one["parts"], one["forced_by"]) == (
        encoding,
        units,
        parts,
        forced_by,
    )
    assert (one["length"], one["limit"], one["unit"], one["ok"]) == (
        parts,
        1,
        "SMS segments",
        parts == 1,
    )
    assert (three["limit"], three["ok"]) == (3, parts <= 3)


_GSM = st.sampled_from(sorted(GSM_BASIC | GSM_EXTENSION))


@given(st.text(_GSM, max_size=400), _GSM)
def test_appending_gsm_to_gsm_keeps_gsm(text: str, char: str) -> None:
    # Issue 13's invariant: a GSM-7 character never switches a GSM-7 text to UCS-2, and
    # one more character never needs fewer parts.
    before, after = sms.count(text), sms.count(text + char)
    assert before.encoding == after.encoding == "GSM-7"
    assert after.parts >= before.parts


@given(st.text(max_size=300))
def test_parts_hold_what_they_must(text: str) -> None:
    counted = sms.count(text)
    single = sms.SINGLE_PART[counted.encoding]
    room = sms.CONCATENATED_PART[counted.encoding]
    if counted.units <= single:
        assert counted.parts == 1
    else:
        # Never fewer parts than the units need; at most one more per part for the
        # pairs that could not be split.
        assert -(-counted.units // room) <= counted.parts <= -(-counted.units // (room - 1))
