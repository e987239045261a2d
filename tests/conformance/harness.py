"""Counting through the public CLI: a plan with one channel per platform and one message
whose template is just its variable, so the draft is exactly the text under test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from crisiskit.cli import app

# Channel id -> (platform, its own limit or None for the platform default).
CHANNELS: dict[str, tuple[str, int | None]] = {
    "x": ("x", None),
    "mastodon": ("mastodon", None),
    "mastodon-5000": ("mastodon", 5000),  # an instance that allows 5,000
    "bluesky": ("bluesky", None),
    "threads": ("threads", None),
    "instagram": ("instagram", None),
    "tiktok": ("tiktok", None),
    "linkedin": ("linkedin", None),
    "facebook": ("facebook", None),
    "sms": ("sms", None),
    "sms-3": ("sms", 3),
}


def _channels() -> str:
    lines = []
    for channel, (platform, limit) in CHANNELS.items():
        lines.append(f"  - id: {channel}\n    platform: {platform}")
        if limit is not None:
            lines.append(f"    limit: {limit}")
    return "\n".join(lines)


PLAN = f"""\
crisiskit: 1
organization:
  name: Conformance
  default_timezone: UTC
locales:
  - id: en
    spokesperson: lead
channels:
{_channels()}
people:
  - id: rina
    name: Rina Wijaya
    email: rina@example.com
roles:
  - id: lead
    name: Lead
    primary: rina
severities:
  - id: sev1
    name: SEV1
    level: 1
    responder: lead
messages:
  - id: post
    name: Post
    kind: update
    channels: [{", ".join(CHANNELS)}]
    variables:
      - name: text
        description: The post
        example: hello
    templates:
      - locale: en
        text: "{{{{ text }}}}"
"""


def write_plan(directory: Path) -> Path:
    (directory / ".git").mkdir(exist_ok=True)
    plan = directory / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    return plan


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar: every character outside printable ASCII escaped, so
    the file holds any text exactly (YAML refuses some characters written raw)."""
    escaped = "".join(
        f"\\{c}" if c in '"\\' else c if " " <= c <= "~" else f"\\U{ord(c):08X}" for c in text
    )
    return f'"{escaped}"'


def render(plan: Path, text: str) -> dict[str, dict[str, Any]]:
    """`render-message --format json` on every channel: each channel's draft, by id."""
    values = plan.parent / "vars.yaml"
    values.write_text(f"text: {_quoted(text)}\n", encoding="utf-8")
    args = ["render-message", "post", "--plan", str(plan), "--all-channels"]
    # Over-limit cases are the point here: every channel's count is read, not refused.
    args += ["--vars-file", str(values), "--format", "json", "--no-input", "--allow-over-limit"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr or result.stdout
    drafts = json.loads(result.stdout)["drafts"]
    assert all(d["text"] == text for d in drafts), "the draft must be the text under test"
    return {d["channel"]: d for d in drafts}
