"""Length limits of each platform, and of each channel of a plan."""

from __future__ import annotations

from dataclasses import dataclass

from crisiskit.config.settings import Config
from crisiskit.messages.textlength import Unit
from crisiskit.model.communication import Channel, Platform


@dataclass(frozen=True, slots=True)
class Limit:
    value: int | None  # None: no practical limit
    unit: Unit

    def describe(self) -> str:
        return "no limit" if self.value is None else f"{self.value:,} {self.unit.value}"


# Platform defaults (2026). An SMS limit counts segments of 160 GSM-7 / 70 UCS-2 characters.
PLATFORM_LIMITS: dict[Platform, Limit] = {
    Platform.X: Limit(280, Unit.WEIGHTED),
    Platform.THREADS: Limit(500, Unit.CHARACTERS),
    Platform.BLUESKY: Limit(300, Unit.GRAPHEMES),
    Platform.MASTODON: Limit(500, Unit.CHARACTERS),
    Platform.INSTAGRAM: Limit(2200, Unit.CHARACTERS),
    Platform.TIKTOK: Limit(2200, Unit.CHARACTERS),
    Platform.LINKEDIN: Limit(3000, Unit.CHARACTERS),
    Platform.FACEBOOK: Limit(63206, Unit.CHARACTERS),
    Platform.YOUTUBE: Limit(5000, Unit.CHARACTERS),
    Platform.WHATSAPP: Limit(4096, Unit.CHARACTERS),
    Platform.SMS: Limit(1, Unit.SMS_SEGMENTS),
}


def channel_limit(channel: Channel, config: Config | None = None) -> Limit:
    """The channel's own `limit`, else the configured limit, else the platform default.

    Configuration `channel-limits` is keyed by channel id or platform name.
    """
    default = PLATFORM_LIMITS.get(channel.platform, Limit(None, Unit.CHARACTERS))
    if channel.limit is not None:
        return Limit(channel.limit, default.unit)
    configured = config.settings.channel_limits if config else {}
    for key in (channel.id, channel.platform.value):
        if key in configured:
            return Limit(configured[key], default.unit)
    return default
