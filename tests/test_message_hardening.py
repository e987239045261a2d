"""Messages hold up against hostile values and plans: titles, reach, diff, phrases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiskit.cli.app import app

TITLED = """\
crisiskit: 1
organization: {name: Acme, default_timezone: Europe/London, help_url: "https://acme.example/help"}
locales: [{id: en}]
channels:
  - {id: email, platform: email, audience: customers}
severities:
  - {id: sev1, name: SEV1, level: 1, first_response: 15m, update_every: 30m}
threats:
  - {id: outage, name: Outage, kind: service-outage, likelihood: likely, impact: major,
     severity: sev1, messages: [notice]}
messages:
  - id: notice
    name: Notice
    kind: update
    audience: customers
    channels: [email]
    variables: [{name: issue, description: What, example: "EXAMPLE"}]
    templates:
      - locale: en
        title: "Important: {{ issue }}"
        text: "We know about {{ issue }}."
"""


def _write(repo_dir: Path, text: str, name: str = "plan.yaml") -> Path:
    path = repo_dir / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "value", ["{{ org.name }}", "order {#4411 details", "{% if true %}x{% endif %}"]
)
def test_a_title_shows_a_typed_value_as_data(repo_dir: Path, value: str) -> None:
    plan = _write(repo_dir, TITLED)
    result = CliRunner().invoke(
        app,
        [
            "render-message",
            "--plan",
            str(plan),
            "notice",
            "--var",
            f"issue={value}",
            "--no-input",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    [draft] = json.loads(result.output)["drafts"]
    assert draft["title"] == f"Important: {value}"
    assert draft["text"] == f"We know about {value}."


@pytest.mark.parametrize(
    "value", ["{{ org.name }}", "order {#4411 details", "{% if true %}x{% endif %}"]
)
def test_an_example_value_in_a_title_is_data_in_lint_export_and_diff(
    repo_dir: Path, value: str
) -> None:
    plain = _write(repo_dir, TITLED.replace('"EXAMPLE"', '"cards"'), "plain.yaml")
    plan = _write(repo_dir, TITLED.replace('"EXAMPLE"', json.dumps(value)))
    codes = []
    for path in (plain, plan):
        result = CliRunner().invoke(app, ["validate", str(path), "--format", "json"])
        assert result.exit_code in (0, 1), result.output
        codes.append(sorted(f["code"] for f in json.loads(result.output)["findings"]))
    # The value changes no finding: it is not run as a template.
    assert codes[0] == codes[1]
    result = CliRunner().invoke(
        app, ["export", "--plan", str(plan), "--format", "markdown", "--today", "2026-11-24"]
    )
    assert result.exit_code == 0, result.output
    assert f"Important: {value}" in result.output.replace("\\", "")
    before = _write(repo_dir, TITLED.replace("Important:", "Note:"), "before.yaml")
    result = CliRunner().invoke(app, ["diff", str(before), str(plan), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    assert json.dumps(f"Important: {value}") in result.output


REACH = """\
crisiskit: 1
organization: {name: Acme, default_timezone: Europe/London, help_url: "https://acme.example/help"}
locales: [{id: en}]
audiences:
  - {id: fans, name: Fans, reach: internal}
channels:
  - {id: x, platform: x, audience: fans}
  - {id: email, platform: email, audience: customers}
messages:
  - {id: fan-post, name: Fan post, kind: update, audience: fans, channels: [x],
     templates: [{locale: en, text: "Hello fans."}]}
  - {id: mail, name: Mail, kind: update, audience: customers, channels: [email],
     templates: [{locale: en, text: "Hello customers."}]}
"""


def _findings(path: Path) -> list[tuple[str, str, str]]:
    result = CliRunner().invoke(app, ["validate", str(path), "--format", "json"])
    assert result.exit_code in (0, 1, 2), result.output
    found = json.loads(result.output)["findings"]
    return [(f["code"], f["path"], f["message"]) for f in found]


def test_a_post_on_a_publishing_platform_is_public_whatever_its_audience(
    repo_dir: Path,
) -> None:
    found = _findings(_write(repo_dir, REACH))
    unapproved = [path for code, path, _ in found if code in ("CK308", "CK408")]
    # The X account publishes the fans' post: it needs approval and a next update.
    assert "messages[0]" in unapproved
    assert "messages[0].templates[0].text" in unapproved


@pytest.mark.parametrize("audience", ["customers", "press", "regulators", "public"])
def test_a_built_in_audience_cannot_be_narrowed(repo_dir: Path, audience: str) -> None:
    plan = REACH.replace(
        "{id: fans, name: Fans, reach: internal}",
        f"{{id: {audience}, name: Them, reach: internal}}",
    )
    found = _findings(_write(repo_dir, plan))
    assert any(
        f"the built-in '{audience}' audience has `reach:" in message
        and "not narrow it to internal" in message
        for _, _, message in found
    ), found


def test_a_built_in_audience_may_be_widened(repo_dir: Path) -> None:
    plan = REACH.replace(
        "{id: fans, name: Fans, reach: internal}", "{id: employees, name: Staff, reach: external}"
    )
    found = _findings(_write(repo_dir, plan))
    assert not any("built-in" in message for _, _, message in found)


def test_a_public_message_on_x_for_another_audience_is_not_said_to_miss_the_public(
    repo_dir: Path,
) -> None:
    plan = REACH.replace("audience: fans, channels: [x]", "audience: public, channels: [x]")
    found = _findings(_write(repo_dir, plan))
    assert not any("never sees it" in message for _, _, message in found), found
    plan = REACH.replace("audience: fans, channels: [x]", "audience: customers, channels: [x]")
    found = _findings(_write(repo_dir, plan))
    assert (
        "CK410",
        "messages[0].channels[0]",
        "customers message 'fan-post' is published on public channel 'x': anyone can "
        "read what was written for customers",
    ) in found


DIFFED = """\
crisiskit: 1
organization: {name: Acme, default_timezone: Europe/London, help_url: "https://acme.example/help"}
locales: [{id: en}]
audiences:
  - {id: vip, name: VIP customers, reach: external}
channels:
  - {id: email, platform: email, audience: customers}
  - {id: vip-email, platform: email, audience: vip}
messages:
  - {id: mail, name: Mail, kind: update, audience: customers, channels: [email],
     templates: [{locale: en, text: "Hello."}]}
  - {id: vip-mail, name: VIP mail, kind: update, audience: vip, channels: [vip-email],
     templates: [{locale: en, text: "Hello."}]}
"""


def _diff(repo_dir: Path, before: str, after: str) -> tuple[str, list[dict[str, object]]]:
    old = _write(repo_dir, before, "before.yaml")
    new = _write(repo_dir, after, "after.yaml")
    text = CliRunner().invoke(app, ["diff", str(old), str(new)]).output
    result = CliRunner().invoke(app, ["diff", str(old), str(new), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    changes: list[dict[str, object]] = json.loads(result.output)["changes"]
    return text, changes


def test_diff_shows_audiences_and_regulations(repo_dir: Path) -> None:
    after = DIFFED.replace(
        "channels:\n",
        "  - {id: fans, name: Fans, reach: public}\n"
        "regulations:\n  - {id: gdpr, name: GDPR art. 33, within: 72h}\nchannels:\n",
        1,
    )
    text, changes = _diff(repo_dir, DIFFED, after)
    assert "No change to any plan" not in text
    assert {c["subject"] for c in changes} >= {"audience fans", "regulation gdpr"}


def test_diff_flags_a_message_moved_inside_the_organisation(repo_dir: Path) -> None:
    # The message and its channel both move: nothing carries it outside any more.
    after = DIFFED.replace("audience: customers", "audience: employees")
    _, changes = _diff(repo_dir, DIFFED, after)
    risks = [c["risk"] for c in changes if c["risk"]]
    assert {
        "level": "medium",
        "reason": "message mail now reaches only employees (internal), was customers "
        "(external): it no longer needs approval and is not held; check that it never "
        "leaves the organisation",
    } in risks


def test_diff_names_each_message_an_audience_redefinition_moves(repo_dir: Path) -> None:
    after = DIFFED.replace("reach: external}", "reach: internal}")
    _, changes = _diff(repo_dir, DIFFED, after)
    risky = {str(c["subject"]): c["risk"] for c in changes if c["risk"]}
    assert set(risky) >= {"audience vip", "message vip-mail"}
    assert "message mail" not in risky


YOUTUBE = """\
crisiskit: 1
organization: {name: Acme, default_timezone: Europe/London, help_url: "https://acme.example/help"}
locales: [{id: en}]
channels:
  - {id: youtube, platform: youtube}
messages:
  - id: video
    name: Video
    kind: update
    channels: [youtube]
    variables: [{name: issue, description: What, example: "cards"}]
    templates:
      - locale: en
        title: "Update <{{ issue }}>"
        text: "We know about {{ issue }}. Next update by {{ next_update }}."
"""


def test_a_youtube_title_with_angle_brackets_is_refused(repo_dir: Path) -> None:
    plan = _write(repo_dir, YOUTUBE)
    found = _findings(plan)
    assert (
        "CK411",
        "messages[0].templates[0].title",
        "title of 'video' (en) on youtube contains < and >, which the platform refuses in a title",
    ) in found
    result = CliRunner().invoke(
        app,
        [
            "render-message",
            "--plan",
            str(plan),
            "video",
            "--var",
            "issue=cards",
            "--no-input",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 1, result.output
    [draft] = json.loads(result.stdout)["drafts"]
    assert draft["title_ok"] is False


def test_a_single_titled_draft_piped_is_its_bare_body(repo_dir: Path) -> None:
    plan = _write(repo_dir, TITLED)
    result = CliRunner().invoke(
        app,
        ["render-message", "--plan", str(plan), "notice", "--var", "issue=cards", "--no-input"],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "We know about cards.\n"
    assert "Title: Important: cards\n" in result.stderr


def test_a_title_that_renders_empty_is_no_title(repo_dir: Path) -> None:
    conditional = "{% if issue == 'cards' %}Card payments{% endif %}"
    plan = _write(
        repo_dir,
        TITLED.replace('"Important: {{ issue }}"', json.dumps(conditional)).replace(
            '"EXAMPLE"', '"a delay"'
        ),
    )
    found = _findings(plan)
    assert (
        "CK411",
        "messages[0].templates[0].title",
        "title of 'notice' (en) on email is empty with the example values",
    ) in found
    out = repo_dir / "response"
    common = ["respond", "--plan", str(plan), "outage", "--output", str(out), "--no-input"]
    result = CliRunner().invoke(app, [*common, "--var", "issue=cards"])
    assert result.exit_code == 0, result.output
    subject = out / "notice.email.en.title.txt"
    assert subject.read_text(encoding="utf-8") == "Card payments\n"
    result = CliRunner().invoke(
        app, [*common, "--var", "issue=a delay", "--force", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    [draft] = json.loads(result.stdout)["messages"][0]["drafts"]
    assert (draft["title"], draft["title_file"]) == (None, None)
    assert "title.txt" not in (out / "index.md").read_text(encoding="utf-8")
    assert not subject.exists()  # the old subject would go out with the new text


def test_a_malformed_channels_value_is_no_second_general_variant(repo_dir: Path) -> None:
    plan = REACH.replace(
        'templates: [{locale: en, text: "Hello fans."}]',
        'templates: [{locale: en, text: "Hello fans."}, {locale: en, channels: x, text: "Hi."}]',
    )
    found = _findings(_write(repo_dir, plan))
    assert not [f for f in found if f[0] == "CK015"], found


def test_a_forbidden_phrases_list_says_a_table_is_expected(repo_dir: Path) -> None:
    plan = _write(repo_dir, REACH)
    config = repo_dir / "crisiskit.toml"
    config.write_text('[forbidden-phrases]\nen = ["x"]\n', "utf-8")
    result = CliRunner().invoke(app, ["validate", str(plan), "--config", str(config)])
    assert result.exit_code == 2
    assert "forbidden-phrases.en: expected a table with add/remove" in result.stderr
    assert "PhraseChanges" not in result.output


def test_each_distinct_forbidden_phrase_is_a_finding(repo_dir: Path) -> None:
    plan = REACH.replace('"Hello fans."', '"No comment. We take this very seriously. No comment."')
    found = [m for code, _, m in _findings(_write(repo_dir, plan)) if code == "CK407"]
    assert found == [
        "'fan-post' (en) says 'No comment' (stonewalling)",
        "'fan-post' (en) says 'We take this very seriously' (empty-phrase)",
    ]
