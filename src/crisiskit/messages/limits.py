"""Length limits of each platform, and of each channel of a plan (docs/channels.md)."""

from __future__ import annotations

from dataclasses import replace

from crisiskit.config.settings import Config
from crisiskit.messages.counting.rules import Counting, Limit
from crisiskit.model.communication import Channel, Platform

__all__ = ["PLATFORM_LIMITS", "Limit", "channel_limit"]

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
