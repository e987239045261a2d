"""Threads, Instagram, TikTok, LinkedIn, Facebook: platforms that publish documentation,
not code. Each case names the page behind it; where a page leaves the unit open,
crisiskit counts UTF-16 code units, never fewer than code points (docs/channels.md).

Sources:
- THREADS = developers.facebook.com/documentation/threads/posts, "Limitations": "Text
  posts are limited to 500 characters. Emojis are counted as the number of UTF-8 bytes."
- THREADS-LINKS = developers.facebook.com/documentation/threads/create-posts/text-attachments:
  from 2025-12-22 a post with more than 5 links fails (THREADS_API__LINK_LIMIT_EXCEEDED);
  "All unique URLs found in the text field are counted as links".
- IG = Instagram's caption limit of 2,200 characters (IG User Media reference, caption)
  and its announcement (December 2025) that captions take at most 5 hashtags; Meta's
  reference has capped @-mentions at 20.
- TIKTOK = developers.tiktok.com Content Posting API, Direct Post: the video caption
  (post_info.title) takes at most 2,200.
- LINKEDIN = a post's commentary: 3,000 characters.
- FACEBOOK = a Page post: 63,206 characters.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from crisiskit.messages.limits import PLATFORM_LIMITS
from crisiskit.messages.textlength import evaluate
from crisiskit.model.communication import Platform
from tests.conformance.harness import render, write_plan

URL = "https://warungrasa.example.id/bantuan/{}"
FIVE_LINKS = " ".join(URL.format(i) for i in range(5))
SIX_LINKS = " ".join(URL.format(i) for i in range(6))
SAME_LINK = " ".join([URL.format(0)] * 6)
MENTIONS_20 = " ".join(f"@user{i}" for i in range(20))
MENTIONS_21 = " ".join(f"@user{i}" for i in range(21))

# (channel id, text, expected length, ok, what else the JSON must say)
CASES = [
    ("threads", "a" * 500, 500, True, {}),  # THREADS: 500 characters
    ("threads", "a" * 501, 501, False, {}),
    ("threads", "😀" * 125, 500, True, {}),  # THREADS: an emoji counts its 4 UTF-8 bytes
    ("threads", "😀" * 126, 504, False, {}),
    ("threads", "é" * 500, 500, True, {}),  # only emoji count bytes: é counts 1
    ("threads", "👍🏽" * 62, 496, True, {}),  # a skin-toned emoji: 8 bytes
    # THREADS-LINKS: 5 links pass, 6 fail, a repeated link counts once (ASCII: the
    # length is the number of characters).
    ("threads", FIVE_LINKS, len(FIVE_LINKS), True, {"links": 5}),
    ("threads", SIX_LINKS, len(SIX_LINKS), False, {"links": 6}),
    ("threads", SAME_LINK, len(SAME_LINK), True, {"links": 1}),
    ("instagram", "a" * 2200, 2200, True, {}),  # IG: 2,200
    ("instagram", "a" * 2201, 2201, False, {}),
    ("instagram", "😀" * 1100, 2200, True, {}),  # UTF-16: an emoji is 2 units
    ("instagram", "😀" * 1101, 2202, False, {}),
    ("instagram", "Maaf #a #b #c #d #e", 19, True, {"hashtags": 5}),  # IG: 5 hashtags
    ("instagram", "Maaf #a #b #c #d #e #f", 22, False, {"hashtags": 6}),
    ("instagram", "Info: bantuan@warungrasa.id #1", 30, True, {"hashtags": 1, "mentions": 0}),
    ("instagram", MENTIONS_20, len(MENTIONS_20), True, {"mentions": 20}),  # IG: 20
    ("instagram", MENTIONS_21, len(MENTIONS_21), False, {"mentions": 21}),
    ("tiktok", "a" * 2200, 2200, True, {}),  # TIKTOK: 2,200
    ("tiktok", "a" * 2199 + "😀", 2201, False, {}),
    ("linkedin", "a" * 3000, 3000, True, {}),  # LINKEDIN: 3,000
    ("linkedin", "a" * 2999 + "😀", 3001, False, {}),
    ("facebook", "a" * 63206, 63206, True, {}),  # FACEBOOK: 63,206
    ("facebook", "a" * 63205 + "😀", 63207, False, {}),
]
PLATFORM = {
    "threads": Platform.THREADS,
    "instagram": Platform.INSTAGRAM,
    "tiktok": Platform.TIKTOK,
    "linkedin": Platform.LINKEDIN,
    "facebook": Platform.FACEBOOK,
}


@pytest.mark.parametrize(("channel", "text", "length", "ok", "extra"), CASES)
def test_library_counts(
    channel: str, text: str, length: int, ok: bool, extra: dict[str, int]
) -> None:
    limit = PLATFORM_LIMITS[PLATFORM[channel]]
    evaluation = evaluate(text, limit)
    assert (evaluation.measurement.length, evaluation.ok) == (length, ok)
    for key, value in extra.items():
        assert getattr(evaluation.measurement, key) == value
    assert evaluate(text, limit, exact=False).ok is ok


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_plan(tmp_path_factory.mktemp("documented-conformance"))


@pytest.mark.parametrize(("channel", "text", "length", "ok", "extra"), CASES)
def test_cli_json_counts(
    plan: Path, channel: str, text: str, length: int, ok: bool, extra: dict[str, int]
) -> None:
    draft = render(plan, text)[channel]
    assert (draft["length"], draft["ok"]) == (length, ok)
    assert draft["limit"] == PLATFORM_LIMITS[PLATFORM[channel]].value
    for key, value in extra.items():
        assert draft[key] == value
    assert bool(draft["problems"]) is not ok
