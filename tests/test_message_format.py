"""Message format additions: multi-channel variants, titles, more audiences."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from crisiskit.cli.app import app
from crisiskit.loader import load_plan

MULTI = """\
crisiskit: 1
organization: {name: Acme, default_timezone: Europe/London, help_url: "https://acme.example/help"}
locales: [{id: en}]
channels:
  - {id: x, platform: x}
  - {id: bluesky, platform: bluesky}
  - {id: mastodon, platform: mastodon}
  - {id: web, platform: website}
messages:
  - id: notice
    name: Notice
    kind: holding-statement
    channels: [x, bluesky, mastodon, web]
    templates:
      - {locale: en, text: "The long version for the website."}
      - {locale: en, channels: [x, bluesky, mastodon], text: "The short notice."}
"""


def _write(repo_dir: Path, text: str) -> Path:
    path = repo_dir / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    return [f"{f.code} {f.path}: {f.message} | {f.hint}" for f in load_plan(path).findings]


def _render_json(path: Path, *args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(
        app,
        ["render-message", "--plan", str(path), *args, "--no-input", "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    drafts: list[dict[str, object]] = json.loads(result.output)["drafts"]
    return drafts


def test_a_multi_channel_variant_serves_each_listed_channel(repo_dir: Path) -> None:
    drafts = _render_json(_write(repo_dir, MULTI), "notice")
    texts = {d["channel"]: d["text"] for d in drafts}
    assert texts == {
        "x": "The short notice.",
        "bluesky": "The short notice.",
        "mastodon": "The short notice.",
        "web": "The long version for the website.",
    }


def test_unknown_and_repeated_channels_in_the_list_are_findings(repo_dir: Path) -> None:
    plan = MULTI.replace("channels: [x, bluesky, mastodon]", "channels: [x, blusky, x]")
    problems = _problems(_write(repo_dir, plan))
    assert any("lists 'x' more than once" in p for p in problems), problems
    plan = MULTI.replace("channels: [x, bluesky, mastodon]", "channels: [x, blusky]")
    problems = _problems(_write(repo_dir, plan))
    assert any(
        "templates[1].channels[1]: unknown channel 'blusky'" in p and "did you mean 'bluesky'" in p
        for p in problems
    ), problems


def test_channel_and_channels_together_are_refused(repo_dir: Path) -> None:
    plan = MULTI.replace("channels: [x, bluesky, mastodon]", "channel: web, channels: [x]")
    problems = _problems(_write(repo_dir, plan))
    assert any("not both" in p for p in problems), problems


def test_a_channel_served_by_two_variants_of_a_locale_names_both(repo_dir: Path) -> None:
    plan = MULTI + '      - {locale: en, channel: bluesky, text: "Another."}\n'
    problems = _problems(_write(repo_dir, plan))
    assert problems == [
        "CK015 messages[0].templates[2].channel: two variants serve locale 'en' on channel "
        "'bluesky': templates[1] (at line 16) and templates[2] | keep one variant per "
        "locale and channel; remove the channel from one"
    ]
    # Another locale's variant for the same channel is no clash.
    plan = MULTI.replace("locales: [{id: en}]", "locales: [{id: en}, {id: id}]")
    plan += '      - {locale: id, text: "Umum."}\n'
    plan += '      - {locale: id, channels: [bluesky, x], text: "Singkat."}\n'
    assert _problems(_write(repo_dir, plan)) == []
