"""twitter-text (the `twitter-text-parser` port), imported without setuptools.

The port's emoji module reads its bundled `emoji-test.txt` with
``pkg_resources.resource_string`` while it is imported. `pkg_resources` ships with
setuptools, which Python 3.12+ venvs no longer contain, so importing the port fails there
with ``ModuleNotFoundError``. No maintained replacement passes twitter-text's conformance
suite, so crisiskit keeps the port and answers that one call itself: during the import,
``pkg_resources`` is a stand-in whose ``resource_string`` reads the same bundled file
through ``importlib.resources``. The stand-in is removed as soon as the import is done;
a real `pkg_resources`, when one is already imported, is used as it is. Even where
setuptools exists the stand-in is used: importing the real one costs ~60 ms and warns
that it is deprecated.

The emoji module is also most of the import's cost (~60 ms of ~100: it parses
`emoji-test.txt` and compiles a pattern of every emoji), and most drafts hold no emoji.
``url_library`` loads the URL extraction alone: importing any of the port's modules runs
its package ``__init__``, which imports everything, so the package is created from its
spec without running that file while its URL modules load (see ``_url_modules``).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache
from importlib import resources, util
from re import Pattern
from types import ModuleType
from typing import Any

# twitter-text's current configuration (config/v3.json in twitter/twitter-text).
CONFIG_VERSION = "version3"


class _ResourceReader(ModuleType):
    """The one `pkg_resources` function the port calls, on importlib.resources."""

    @staticmethod
    def resource_string(module_name: str, resource: str) -> bytes:
        module = sys.modules[module_name]
        spec = module.__spec__
        is_package = spec is not None and spec.submodule_search_locations is not None
        package = module_name if is_package else module_name.rpartition(".")[0]
        return resources.files(package).joinpath(resource).read_bytes()


@dataclass(frozen=True, slots=True)
class UrlExpressions:
    """The port's URL extraction and the pattern pieces it is built of (no emoji)."""

    # twitter-text's regular-expression pieces, as pattern text, to build on.
    gtld: str
    cctld: str
    punycode: str
    domain: str
    domain_chars: str
    url_preceding_chars: str
    balanced_parens: str
    latin_accent_chars: str
    spaces: str
    directional_markers: str
    tco_url: Pattern[str]
    extract_urls_with_indices: Any


@dataclass(frozen=True, slots=True)
class TwitterText:
    """The parts of the port that crisiskit's X count uses when a text may hold emoji."""

    parse_tweet: Any
    config: dict[str, Any]
    emoji: Pattern[str]
    urls: UrlExpressions


_ABSENT = object()


@cache
def library() -> TwitterText:
    """Import the port once, lending it `pkg_resources.resource_string` if it needs it."""
    previous = sys.modules.get("pkg_resources", _ABSENT)
    lend = not isinstance(previous, ModuleType)
    if lend:
        sys.modules["pkg_resources"] = _ResourceReader("pkg_resources")
    try:
        return _load()
    finally:
        if lend:
            if previous is _ABSENT:
                del sys.modules["pkg_resources"]
            else:  # None: someone marked it unimportable; keep it so
                sys.modules["pkg_resources"] = previous  # type: ignore[assignment]


def _load() -> TwitterText:
    import twitter_text
    from twitter_text.config import config
    from twitter_text.regexp.emoji import emoji

    return TwitterText(
        parse_tweet=twitter_text.parse_tweet,
        config=config[CONFIG_VERSION],
        emoji=emoji,
        urls=url_library(),
    )


@cache
def url_library() -> UrlExpressions:
    """The port's URL extraction, without its emoji module when that is not loaded yet."""
    if "twitter_text" in sys.modules:
        return _url_expressions()
    spec = util.find_spec("twitter_text")
    if spec is None:  # not installed: the import reports it as usual
        return _url_expressions()
    # The package without its __init__: the URL modules import only each other and the
    # package's regex_supplant. Removed again at once with the modules loaded under it
    # (the expressions keep what they need), so that a later `import twitter_text`
    # (library(), or anyone's) loads the whole package as usual, each module bound to it.
    before = set(sys.modules)
    sys.modules["twitter_text"] = util.module_from_spec(spec)
    try:
        return _url_expressions()
    finally:
        for name in set(sys.modules) - before:
            if name == "twitter_text" or name.startswith("twitter_text."):
                del sys.modules[name]


def _url_expressions() -> UrlExpressions:
    from twitter_text.extract_urls import extract_urls_with_indices
    from twitter_text.regexp.directional_markers_group import directional_markers_group
    from twitter_text.regexp.latin_accent_chars import latin_accent_chars
    from twitter_text.regexp.spaces_group import spaces_group
    from twitter_text.regexp.valid_cctld import valid_cctld
    from twitter_text.regexp.valid_domain import valid_domain
    from twitter_text.regexp.valid_domain_chars import valid_domain_chars
    from twitter_text.regexp.valid_gtld import valid_gtld
    from twitter_text.regexp.valid_punycode import valid_punycode
    from twitter_text.regexp.valid_tco_url import valid_tco_url
    from twitter_text.regexp.valid_url_balanced_parens import valid_url_balanced_parens
    from twitter_text.regexp.valid_url_preceding_chars import valid_url_preceding_chars

    return UrlExpressions(
        gtld=valid_gtld.pattern,
        cctld=valid_cctld.pattern,
        punycode=valid_punycode.pattern,
        domain=valid_domain.pattern,
        domain_chars=valid_domain_chars.pattern,
        url_preceding_chars=valid_url_preceding_chars.pattern,
        balanced_parens=valid_url_balanced_parens.pattern,
        latin_accent_chars=latin_accent_chars.pattern,
        spaces=str(spaces_group),
        directional_markers=str(directional_markers_group),
        tco_url=valid_tco_url,
        extract_urls_with_indices=extract_urls_with_indices,
    )
