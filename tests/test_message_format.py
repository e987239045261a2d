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
    plan = MULTI.replace("channels: [x, bluesky, mastodon]", "channel: [x, bluesky]")
    problems = _problems(_write(repo_dir, plan))
    assert any(
        "templates[1].channel: expects one channel id, got a list of 2 | `channel` takes "
        "one; for several write `channels: [...]` instead" in p
        for p in problems
    ), problems


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


TITLED = """\
crisiskit: 1
organization: {name: Acme, default_timezone: Europe/London, help_url: "https://acme.example/help"}
locales: [{id: en}]
channels:
  - {id: x, platform: x}
  - {id: email, platform: email}
  - {id: youtube, platform: youtube}
severities:
  - {id: sev1, name: SEV1, level: 1, first_response: 15m, update_every: 30m}
threats:
  - {id: outage, name: Outage, kind: service-outage, likelihood: likely, impact: major,
     severity: sev1, messages: [notice]}
messages:
  - id: notice
    name: Notice
    kind: holding-statement
    channels: [x, email, youtube]
    variables: [{name: issue, description: What, example: a payment outage}]
    templates:
      - locale: en
        title: "{{ org.name }}:
          {{ issue }}"
        text: "We know about {{ issue }}. Next update by {{ next_update }}."
      - {locale: en, channel: x, text: "Short: {{ issue }}."}
"""


def test_a_title_renders_on_one_line_where_the_platform_has_titles(repo_dir: Path) -> None:
    plan = _write(repo_dir, TITLED)
    drafts = _render_json(plan, "notice", "--var", "issue=cards\nfail")
    titles = {d["channel"]: (d["title"], d["title_limit"]) for d in drafts}
    # X has no title field; e-mail has no limit; YouTube allows 100 characters.
    assert titles == {
        "x": (None, None),
        "email": ("Acme: cards fail", None),
        "youtube": ("Acme: cards fail", 100),
    }
    result = CliRunner().invoke(
        app, ["render-message", "--plan", str(plan), "notice", "--var", "issue=cards"]
    )
    assert result.exit_code == 0, result.output
    assert "----- notice · email · en (✓ " in result.output
    assert "Title: Acme: cards (11 characters)\n\nWe know about cards." in result.output
    assert "Title: Acme: cards (11/100 characters)" in result.output
    log = repo_dir / "incident.jsonl"
    result = CliRunner().invoke(
        app,
        [
            "render-message",
            "--plan",
            str(plan),
            "notice",
            "--var",
            "issue=cards",
            "--log",
            str(log),
        ],
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [(r["channel"], r["title"]) for r in records] == [
        ("x", None),
        ("email", "Acme: cards"),
        ("youtube", "Acme: cards"),
    ]


def test_a_youtube_title_over_100_characters_exits_1(repo_dir: Path) -> None:
    plan = _write(repo_dir, TITLED)
    result = CliRunner().invoke(
        app,
        [
            "render-message",
            "--plan",
            str(plan),
            "notice",
            "--channel",
            "youtube",
            "--var",
            "issue=" + "a" * 95,
        ],
    )
    assert result.exit_code == 1
    assert "notice · youtube · en: title is ✗ OVER LIMIT 101/100 characters" in result.output


def test_respond_writes_the_title_beside_the_draft(repo_dir: Path) -> None:
    plan = _write(repo_dir, TITLED)
    out = repo_dir / "out"
    result = CliRunner().invoke(
        app,
        [
            "respond",
            "--plan",
            str(plan),
            "outage",
            "--var",
            "issue=cards",
            "--output",
            str(out),
            "--no-input",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (out / "notice.email.en.title.txt").read_text(encoding="utf-8") == "Acme: cards\n"
    assert (out / "notice.email.en.txt").read_text(encoding="utf-8").startswith("We know about")
    assert not (out / "notice.x.en.title.txt").exists()
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "[notice.youtube.en.title.txt](notice.youtube.en.title.txt) (title)" in index
    # A second run refuses to replace the title files too.
    again = CliRunner().invoke(
        app,
        [
            "respond",
            "--plan",
            str(plan),
            "outage",
            "--var",
            "issue=cards",
            "--output",
            str(out),
            "--no-input",
        ],
    )
    assert again.exit_code == 2 and "already holds" in again.output


def test_export_and_diff_show_the_title(repo_dir: Path) -> None:
    plan = _write(repo_dir, TITLED)
    result = CliRunner().invoke(
        app, ["export", "--plan", str(plan), "--format", "markdown", "--today", "2026-11-24"]
    )
    assert result.exit_code == 0, result.output
    assert "Title (22/100): **Acme: a payment outage**" in result.output
    before = repo_dir / "before.yaml"
    before.write_text(TITLED.replace("{{ org.name }}:", "Update from {{ org.name }}:"), "utf-8")
    result = CliRunner().invoke(app, ["diff", str(before), str(plan), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    changes = json.loads(result.output)
    text = json.dumps(changes)
    assert '"title": "Update from Acme: a payment outage"' in text
    assert '"title": "Acme: a payment outage"' in text


AUDIENCES = """\
crisiskit: 1
organization: {name: Acme, default_timezone: Europe/London, help_url: "https://acme.example/help"}
locales: [{id: en}]
audiences:
  - {id: premium-customers, name: Premium customers, reach: external}
channels:
  - {id: web, platform: website}
  - {id: premium-email, platform: email, audience: premium-customers}
  - {id: press-list, platform: email, audience: press}
severities:
  - {id: sev1, name: SEV1, level: 1, update_every: 1h, cadence: {premium-customers: 15m, press: 2h}}
messages:
  - {id: premium-notice, name: Premium notice, kind: update, audience: premium-customers,
     channels: [premium-email],
     templates: [{locale: en, text: "Next update by {{ next_update }}."}]}
  - {id: press-note, name: Press note, kind: update, audience: press, channels: [press-list],
     templates: [{locale: en, text: "Next note by {{ next_update }}."}]}
"""


def test_each_audience_has_its_own_cadence(repo_dir: Path) -> None:
    plan = _write(repo_dir, AUDIENCES)
    assert _problems(plan) == []
    common = ["--severity", "sev1", "--at", "2026-11-27T10:00"]
    premium = _render_json(plan, "premium-notice", *common)
    press = _render_json(plan, "press-note", *common)
    assert premium[0]["text"] == "Next update by 10:15 AM GMT."
    assert press[0]["text"] == "Next note by 12:00 PM GMT."


def test_unknown_audiences_are_findings_with_a_suggestion(repo_dir: Path) -> None:
    plan = AUDIENCES.replace("audience: premium-customers,\n", "audience: premium-customer,\n")
    plan = plan.replace("audience: press}", "audience: presss}").replace("press: 2h", "pres: 2h")
    problems = _problems(_write(repo_dir, plan))
    assert problems == [
        "CK014 channels[2].audience: unknown audience 'presss' | did you mean 'press'?",
        "CK014 messages[0].audience: unknown audience 'premium-customer' | did you mean "
        "'premium-customers'?",
        "CK014 severities[0].cadence.pres: unknown audience 'pres' | did you mean 'press'?",
    ]


def test_the_public_and_internal_audiences_keep_their_reach(repo_dir: Path) -> None:
    plan = AUDIENCES.replace(
        "  - {id: premium-customers, name: Premium customers, reach: external}",
        "  - {id: internal, name: Everyone, reach: public}",
    )
    problems = _problems(_write(repo_dir, plan))
    assert any("the 'internal' audience always has `reach: internal`" in p for p in problems)


def test_an_audience_mismatch_says_what_goes_wrong(repo_dir: Path) -> None:
    plan = AUDIENCES.replace("channels: [press-list]", "channels: [web, premium-email]")
    result = CliRunner().invoke(app, ["validate", str(_write(repo_dir, plan)), "--format", "json"])
    found = [f["message"] for f in json.loads(result.output)["findings"] if f["code"] == "CK410"]
    assert found == [
        "press message 'press-note' is published on public channel 'web': anyone can read "
        "what was written for press",
        "press message 'press-note' is sent to premium-customers on channel 'premium-email'",
    ]


def test_respond_and_export_use_each_audience_cadence(repo_dir: Path) -> None:
    plan = AUDIENCES + (
        "threats:\n"
        "  - {id: outage, name: Outage, kind: service-outage, likelihood: likely,\n"
        "     impact: major, severity: sev1, messages: [premium-notice, press-note]}\n"
    )
    path = _write(repo_dir, plan)
    result = CliRunner().invoke(
        app,
        ["respond", "--plan", str(path), "outage", "--at", "2026-11-27T10:00", "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    texts = [m["drafts"][0]["text"] for m in json.loads(result.stdout)["messages"]]
    assert texts == ["Next update by 10:15 AM GMT.", "Next note by 12:00 PM GMT."]
    result = CliRunner().invoke(
        app, ["export", "--plan", str(path), "--format", "markdown", "--today", "2026-11-27"]
    )
    assert "> Next update by 9:15 AM GMT." in result.output
    assert "> Next note by 11:00 AM GMT." in result.output


def test_a_public_message_on_a_press_channel_misses_the_public(repo_dir: Path) -> None:
    plan = AUDIENCES + (
        "  - {id: statement, name: Statement, kind: holding-statement, channels: [press-list],\n"
        '     templates: [{locale: en, text: "Next update by {{ next_update }}."}]}\n'
    )
    result = CliRunner().invoke(app, ["validate", str(_write(repo_dir, plan)), "--format", "json"])
    found = [f["message"] for f in json.loads(result.output)["findings"] if f["code"] == "CK410"]
    assert found == [
        "public message 'statement' is sent only to press on channel 'press-list'; the public "
        "never sees it"
    ]


def test_diff_flags_a_message_that_now_reaches_further(repo_dir: Path) -> None:
    after = _write(
        repo_dir, AUDIENCES.replace("audience: press, channels", "audience: public, channels")
    )
    before = repo_dir / "before.yaml"
    before.write_text(AUDIENCES, encoding="utf-8")
    result = CliRunner().invoke(app, ["diff", str(before), str(after), "--format", "json"])
    risks = [c["risk"] for c in json.loads(result.output)["changes"] if c["risk"]]
    assert risks == [
        {
            "level": "medium",
            "reason": "message press-note now reaches public (public), was press (external): "
            "check that its text may go that far",
        }
    ]
