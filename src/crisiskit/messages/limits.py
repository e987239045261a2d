"""Length limits of each platform, and of each channel of a plan (docs/channels.md)."""

from __future__ import annotations

from dataclasses import replace

from crisiskit.config.settings import Config
from crisiskit.messages.counting.rules import Counting, Limit
from crisiskit.model.communication import Channel, Platform

__all__ = [
    "PLATFORM_LIMITS",
    "TITLE_LIMITS",
    "UNTITLED_PLATFORMS",
    "Limit",
    "channel_limit",
    "title_limit",
]

# Platform defaults, each with its source in docs/channels.md. Where a platform does not
# say what it counts, UTF-16 code units: never fewer than code points, so a draft that
# fits here fits there. An SMS limit counts parts.
PLATFORM_LIMITS: dict[Platform, Limit] = {
    Platform.X: Limit(280, Counting.X),
    Platform.THREADS: Limit(500, Counting.THREADS, max_links=5),
    Platform.BLUESKY: Limit(300, Counting.BLUESKY, max_utf8_bytes=3000),
    Platform.MASTODON: Limit(500, Counting.MASTODON),
    Platform.INSTAGRAM: Limit(2200, Counting.UTF16, max_hashtags=5, max_mentions=20),
    Platform.TIKTOK: Limit(2200, Counting.UTF16),
    Platform.LINKEDIN: Limit(3000, Counting.UTF16),
    Platform.FACEBOOK: Limit(63206, Counting.UTF16),
    Platform.YOUTUBE: Limit(5000, Counting.UTF16),
    Platform.WHATSAPP: Limit(4096, Counting.UTF16),
    Platform.SMS: Limit(1, Counting.SMS),
}


def channel_limit(channel: Channel, config: Config | None = None) -> Limit:
    """The channel's own `limit`, else the configured limit, else the platform default.

    Configuration `channel-limits` is keyed by channel id or platform name. Only the
    length changes (a Mastodon instance allowing 5,000); the platform's other caps and
    its way of counting stay.
    """
    default = PLATFORM_LIMITS.get(channel.platform, Limit(None, Counting.CODE_POINTS))
    if channel.limit is not None:
        return replace(default, value=channel.limit)
    configured = config.settings.channel_limits if config else {}
    for key in (channel.id, channel.platform.value):
        if key in configured:
            return replace(default, value=configured[key])
    return default


# Title limits in characters, only where the platform publishes one (docs/channels.md).
# YouTube: "maximum length of 100 characters" (YouTube Data API, videos resource,
# snippet.title: https://developers.google.com/youtube/v3/docs/videos#snippet.title).
# No number for e-mail: RFC 5322 section 2.1.1 limits a line to 998 characters, but
# section 2.2.3 folds a long Subject over several lines, so a subject has no length limit.
TITLE_LIMITS: dict[Platform, int] = {Platform.YOUTUBE: 100}

# Posts and messages on these platforms have no title field: a title written for the
# e-mail or the status page is not shown in their drafts (one to paste would mislead).
UNTITLED_PLATFORMS = frozenset(
    {
        Platform.X,
        Platform.THREADS,
        Platform.BLUESKY,
        Platform.MASTODON,
        Platform.INSTAGRAM,
        Platform.TIKTOK,
        Platform.FACEBOOK,
        Platform.WHATSAPP,
        Platform.SMS,
        Platform.CHAT,
    }
)


# Characters a platform refuses in a title. YouTube: "may contain all valid UTF-8
# characters except < and >" (same snippet.title page as above).
TITLE_REFUSED: dict[Platform, str] = {Platform.YOUTUBE: "<>"}


def title_refused(channel: Channel | None) -> str:
    """The characters the channel's platform refuses in a title ("" for none)."""
    return TITLE_REFUSED.get(channel.platform, "") if channel else ""


def title_limit(channel: Channel | None) -> int | None:
    """The most characters a title may have on the channel's platform; None: no limit."""
    return TITLE_LIMITS.get(channel.platform) if channel else None
