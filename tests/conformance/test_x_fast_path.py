"""X counts without twitter-text's import (issue 18): every shortcut equals the library.

The reference in every comparison is the installed port itself (twitter-text-parser):
``parse_tweet(text).weightedLength`` with the v3 configuration, ``extract_urls_with_indices``
and its TLD patterns. A shortcut that answers must answer what the library answers; when
it cannot tell, it leaves the text to the library. The Hypothesis tests run a few hundred
examples in CI; CK_FAST_PATH_EXAMPLES=30000 runs them at length (done once for issue 18).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from crisiskit.messages.counting import text as text_counts
from crisiskit.messages.counting import xcount, xtlds
from crisiskit.messages.counting.twittertext import library, url_library
from crisiskit.messages.textlength import Counting, Limit, evaluate
from tests.conftest import FIXTURES, REPO

EXAMPLES = int(os.environ.get("CK_FAST_PATH_EXAMPLES", "300"))


def _library_count(text: str) -> int:
    tt = library()
    return int(tt.parse_tweet(text, tt.config).weightedLength)


def _library_urls(text: str) -> list[str]:
    return [entity["url"] for entity in url_library().extract_urls_with_indices(text)]


# --- The data and pattern text copied from the library --------------------------------


def _words(pattern: str) -> list[str]:
    return pattern[len("(?:(?:") : pattern.index(")(?=")].split("|")


def test_the_stored_tlds_are_the_installed_librarys() -> None:
    # Regenerate with `python scripts/generate_x_tlds.py` when the port changes its list.
    tt = url_library()
    assert list(xtlds.GENERIC) == _words(tt.gtld)
    assert list(xtlds.COUNTRY_CODE) == _words(tt.cctld)
    # The look-ahead after a listed TLD, as each of the library's patterns ends.
    for pattern in (tt.gtld, tt.cctld):
        assert pattern.endswith(xcount.TLD_LOOKAHEAD + ")")


def test_the_copied_pattern_text_is_the_librarys() -> None:
    tt = url_library()
    assert tt.spaces == xcount.SPACES_GROUP
    assert tt.directional_markers == xcount.DIRECTIONAL_MARKERS_GROUP
    assert tt.domain_chars == xcount.DOMAIN_CHARS
    assert tt.punycode == xcount.PUNYCODE


def test_no_non_ascii_tld_matches_ascii_text() -> None:
    # holds_tld decides an ASCII piece with the ASCII TLDs alone. Case-insensitive
    # matching pairs a few non-ASCII letters with ASCII ones (K for the Kelvin sign, s for
    # the long s), so each non-ASCII TLD must hold a character no ASCII one matches.
    ascii_chars = [chr(code) for code in range(128)]

    def matches_ascii(char: str) -> bool:
        pattern = re.compile(re.escape(char), re.IGNORECASE)
        return any(pattern.fullmatch(other) for other in ascii_chars)

    for word in xtlds.GENERIC + xtlds.COUNTRY_CODE:
        if not word.isascii():
            assert not all(matches_ascii(char) for char in word), word
        else:
            assert word.isalpha() and word == word.lower(), word


def test_url_extraction_loads_without_the_emoji_module() -> None:
    script = (
        "import sys\n"
        "from crisiskit.messages.counting.twittertext import library, url_library\n"
        "found = url_library().extract_urls_with_indices('lihat https://example.com/a.')\n"
        "print(found[0]['url'], 'twitter_text.regexp.emoji' in sys.modules)\n"
        # The whole library still loads afterwards, as a fresh import of the package.
        "tt = library()\n"
        "print(tt.parse_tweet('😀 https://example.com/a.', tt.config).weightedLength)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True
    )
    # 2 (the emoji) + 1 (space) + 23 (the URL) + 1 (the full stop): v3.json's weights.
    assert result.stdout.split() == ["https://example.com/a", "False", "27"]


@pytest.mark.parametrize(
    ("text", "loaded"),
    [
        # A plain URL: no library at all.
        ("Bantuan: https://bayarcepat.example.id/bantuan. Terima kasih", set()),
        # A URL without a scheme: the URL extraction, not the emoji module.
        ("Bantuan: bayarcepat.example.id/bantuan", {"urls"}),
        # An emoji: the whole library.
        ("Maaf 🙏🏽", {"urls", "emoji"}),
    ],
    ids=["plain-url", "url-without-scheme", "emoji"],
)
def test_what_an_exact_count_imports(text: str, loaded: set[str]) -> None:
    # The URL modules loaded alone leave sys.modules again (url_library); whether each
    # part was loaded shows in its loader's memo and, for the emoji module, sys.modules.
    script = (
        "import sys\n"
        "from crisiskit.messages.counting import twittertext\n"
        "from crisiskit.messages.textlength import Counting, Limit, evaluate\n"
        f"print(evaluate({text!r}, Limit(280, Counting.X)).measurement.length)\n"
        "urls = twittertext.url_library.cache_info().currsize == 1\n"
        "emoji = 'twitter_text.regexp.emoji' in sys.modules\n"
        "print(sorted(name for name, on in (('urls', urls), ('emoji', emoji)) if on))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True
    )
    length, modules = result.stdout.splitlines()
    assert int(length) == _library_count(text)
    assert eval(modules) == sorted(loaded)  # a list of strings printed by the script


# --- Generated texts ---------------------------------------------------------------------

_LEADS = st.sampled_from(["", "", "(", '"', "'", "@", "#", "$", "a", ".", "-", "/", "\u202a", "«"])
_SCHEMES = st.sampled_from(
    ["https://", "http://", "HTTPS://", "hTtP://", "", "ftp://", "https:/", "https//"]
)
_LABELS = st.one_of(
    st.from_regex(r"[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,6}[a-zA-Z0-9])?", fullmatch=True),
    st.sampled_from(
        ["t", "T", "xn--p1ai", "a" * 63, "a" * 64, "-a", "a-", "a_b", "例", "bücher", "", "1"]
    ),
)
_TLDS = st.one_of(
    st.sampled_from(
        ["com", "id", "co", "COM", "Id", "org", "xn--p1ai", "中国", "zz", "c", "co1", "onion"]
    ),
    st.sampled_from(xtlds.GENERIC + xtlds.COUNTRY_CODE),
)
_PORTS = st.sampled_from(["", "", ":80", ":8080", ":", ":123456", ":x", ":65535"])
_PATH_PARTS = st.sampled_from(
    [*"/aZ9-_.~=+#&!*',;:@$[]|()é日–", "%20", "(x)", "((a))", "bantuan", "ж"]
)
_PATHS = st.one_of(
    st.just(""), st.lists(_PATH_PARTS, max_size=8).map(lambda parts: "/" + "".join(parts))
)
_QUERY_PARTS = st.sampled_from([*"a1=&-_.?!/#%*'();:+$,~|@[]é", "q=1"])
_QUERIES = st.one_of(
    st.just(""), st.lists(_QUERY_PARTS, max_size=6).map(lambda parts: "?" + "".join(parts))
)
_TRAILS = st.lists(st.sampled_from([*".,!?;:'\")(]…😀a-/=。", "\u202c", "\ufe0f"]), max_size=3).map(
    "".join
)


def _url(
    lead: str, scheme: str, labels: list[str], tld: str, rest: tuple[str, str, str, str]
) -> str:
    port, path, query, trail = rest
    return (
        lead + scheme + "".join(f"{label}." for label in labels) + tld + port + path + query + trail
    )


_URLS = st.builds(
    _url,
    _LEADS,
    _SCHEMES,
    st.lists(_LABELS, min_size=1, max_size=4),
    _TLDS,
    st.tuples(_PORTS, _PATHS, _QUERIES, _TRAILS),
)
# Near the library's length limit (4,096 with the scheme counted twice), and t.co links,
# which it cuts to their slug.
_LONG_URLS = st.builds(
    lambda scheme, size, trail: f"{scheme}example.com/{'a' * size}{trail}",
    st.sampled_from(["https://", "http://"]),
    st.integers(4040, 4100),
    _TRAILS,
)
_TCO_URLS = st.builds(
    lambda scheme, slug, rest: f"{scheme}t.co/{slug}{rest}",
    st.sampled_from(["https://", "http://", "HTTPS://"]),
    st.sampled_from(["abc", "a" * 40, "a" * 41, "AbC9"]),
    st.sampled_from(["", "/x", "?a=1", ".", "-x", ")"]),
)
_WORDS = st.sampled_from(
    [
        "Kami",
        "mohon maaf",
        "pukul 02.30 WIB.",
        "e.g.",
        "Jl.Sudirman",
        "bayarcepat.example.id",
        "cs@bayarcepat.example.id",
        "PIN/OTP.",
        "日本",
        "ü",
        "Cafe\u0301",
        "🙏🏽",
        "©",
        "#️⃣",
        "—",
        "\u202a",
        "\r\n",
        "\n",
        "\ufeff",
    ]
)
_SEPARATORS = st.sampled_from([" ", " ", "\n", "  ", "\u3000", "\u202a", "<", "", "\t"])
_PIECES = st.one_of(_URLS, _URLS, _LONG_URLS, _TCO_URLS, _WORDS, st.text(max_size=4))
_TEXTS = st.lists(st.tuples(_PIECES, _SEPARATORS), max_size=6).map(
    lambda parts: "".join(piece + separator for piece, separator in parts)
)


@settings(max_examples=EXAMPLES, deadline=None)
@given(_URLS, st.sampled_from(["", " ", "\u202a", "<", "\u3000"]))
def test_a_plain_url_counts_as_the_library_counts_it(piece: str, before: str) -> None:
    url = xcount.plain_url(piece)
    if url is None:
        return
    # The piece as the library reads it in a text: after a separator, or first.
    in_context = before + piece
    assert _library_urls(in_context) == [url]
    # What the separator weighs, from v3.json's ranges (U+202A and U+3000 weigh 2).
    counted = _library_count(in_context) - sum(1 if ord(c) <= 0x10FF else 2 for c in before)
    assert counted == len(piece) - len(url) + xcount.URL_WEIGHT
    # count() takes the same scan budget for it as for any piece holding a TLD.
    assert xcount.holds_tld(piece)


@settings(max_examples=EXAMPLES, deadline=None)
@given(_TEXTS)
def test_a_whole_text_counts_as_the_library_counts_it(text: str) -> None:
    normalized = xcount.normalize(text)
    counted = xcount.count(normalized)
    assert counted.exact and counted.lower == counted.upper == _library_count(text)
    assert xcount.urls(normalized) == _library_urls(normalized)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.one_of(_TEXTS, st.text(alphabet=st.sampled_from("abcxnoimd.-+@0K\u212a"), max_size=20)))
def test_holds_tld_is_the_librarys_tld_expression(text: str) -> None:
    tt = url_library()
    # The library's own patterns, unchanged: a listed TLD with its look-ahead, or punycode.
    reference = re.compile(rf"\.(?:{tt.gtld}|{tt.cctld}|{tt.punycode})", re.IGNORECASE)
    for piece in xcount.patterns().separators.split(text)[::2]:
        assert xcount.holds_tld(piece) is (reference.search(piece) is not None), piece


# --- twitter-text's conformance file, through the shortcuts --------------------------


def _conformance_texts() -> list[str]:
    tests = YAML(typ="safe").load(
        (FIXTURES / "conformance" / "x" / "validate.yml").read_text(encoding="utf-8")
    )["tests"]
    return [case["text"] for section in tests.values() for case in section]


@pytest.mark.parametrize("text", _conformance_texts())
def test_every_conformance_text_counts_as_the_library_counts_it(text: str) -> None:
    # validate.yml's texts of every section (URLs with and without a scheme, t.co,
    # punycode, emoji, invalid characters), counted with v3's weights by the library.
    normalized = xcount.normalize(text)
    assert xcount.count(normalized).lower == _library_count(text)
    assert xcount.urls(normalized) == _library_urls(normalized)
    assert evaluate(text, Limit(280, Counting.X)).measurement.length == _library_count(text)


def test_the_plain_form_covers_the_usual_links() -> None:
    # The shapes crisis drafts link to; each is counted without the library.
    for piece, url in [
        ("https://bayarcepat.example.id/bantuan", "https://bayarcepat.example.id/bantuan"),
        ("https://bayarcepat.example.id/bantuan.", "https://bayarcepat.example.id/bantuan"),
        ("(https://status.example.com/)", "https://status.example.com/"),
        ("http://example.co.id:8080/a/b?x=1&y=2,", "http://example.co.id:8080/a/b?x=1&y=2"),
        ("HTTPS://Example.COM/Info#top!", "HTTPS://Example.COM/Info#top"),
    ]:
        assert xcount.plain_url(piece) == url
        assert _library_urls(piece) == [url]
    for piece in (
        "example.com",
        "https://t.co/abc",
        "https://例.jp",
        "https://a.zz",
        "https://a.b/c)",
    ):
        assert xcount.plain_url(piece) is None


# --- Threads: code points without `regex` when no cluster can be an emoji --------------


def test_every_emoji_cluster_code_point_may_be_an_emoji() -> None:
    import regex

    cluster = regex.compile(text_counts._EMOJI_CLUSTER)
    every = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)
    members = set(cluster.findall(every))
    assert members  # the class is not empty
    assert all(text_counts.MAY_BE_EMOJI.match(char) for char in members)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.one_of(_TEXTS, st.text()))
def test_threads_length_without_emoji_is_the_code_points(text: str) -> None:
    import regex

    def with_regex(value: str) -> int:  # threads_length's rule, with every cluster read
        clusters: list[Any] = regex.findall(r"\X", value)
        return sum(
            text_counts.utf8_bytes(c) if regex.search(text_counts._EMOJI_CLUSTER, c) else len(c)
            for c in clusters
        )

    assert text_counts.threads_length(text) == with_regex(text)
