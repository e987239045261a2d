"""CK407's phrases: categories with what to say instead, and the configuration's changes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from crisiskit.cli.app import app
from crisiskit.lint.example_plan import example_plan_text
from crisiskit.lint.phrases import BUILT_IN, INSTEAD, Category
from crisiskit.lint.registry import all_rules

PLAN = """\
locales:
  - {id: id, name: Bahasa Indonesia, spokesperson: spokesperson}
messages:
  - {id: holding-statement, name: Holding statement, kind: holding-statement,
     channels: [x],
     variables: [{name: issue, description: What happened, example: a problem}],
     templates: [{locale: en, text: "TEXT_EN Next update by {{ next_update }}; help: {{ org.help_url }}"},
                 {locale: id, text: "TEXT_ID Kabar berikutnya {{ next_update }}; bantuan: {{ org.help_url }}"}]}
"""


def _ck407(repo_dir: Path, en: str, id_: str, config: str | None = None) -> list[dict[str, str]]:
    plan = repo_dir / "plan.yaml"
    text = PLAN.replace("TEXT_EN", en).replace("TEXT_ID", id_)
    plan.write_text(example_plan_text(text), encoding="utf-8")
    if config is not None:
        (repo_dir / "crisiskit.toml").write_text(config, encoding="utf-8")
    result = CliRunner().invoke(
        app,
        ["validate", str(plan), "--format", "json", "--config", str(repo_dir / "crisiskit.toml")]
        if config is not None
        else ["validate", str(plan), "--format", "json"],
    )
    assert result.exit_code in (0, 1), result.output
    findings: list[dict[str, str]] = json.loads(result.output)["findings"]
    return [f for f in findings if f["code"] == "CK407"]


def test_a_finding_names_its_category_and_what_to_say_instead(repo_dir: Path) -> None:
    found = _ck407(repo_dir, "Back up in 15 minutes.", "Ini kesalahan pihak ketiga.")
    assert [(f["path"], f["message"], f["hint"]) for f in found] == [
        (
            "messages[0].templates[0].text",
            "'holding-statement' (en) says 'Back up in 15 minutes' (promised-fix-time)",
            "instead: " + INSTEAD[Category.PROMISED_FIX_TIME],
        ),
        (
            "messages[0].templates[1].text",
            "'holding-statement' (id) says 'kesalahan pihak ketiga' (blame-shifting)",
            "instead: " + INSTEAD[Category.BLAME_SHIFTING],
        ),
    ]


def test_the_configuration_adds_and_removes_phrases_per_locale(repo_dir: Path) -> None:
    en, id_ = (
        "ETA unknown; we will circle back.",
        "Kami akan kabari. Perkiraan waktu pemulihan: sore.",
    )
    assert len(_ck407(repo_dir, en, id_)) == 2  # ETA, perkiraan waktu; "circle back" is fine
    config = """\
[forbidden-phrases.en]
add = ["circle  back"]
remove = ["eta"]
[forbidden-phrases.id]
remove = ["perkiraan-waktu"]
"""
    found = _ck407(repo_dir, en, id_, config)
    assert [(f["path"], f["message"]) for f in found] == [
        (
            "messages[0].templates[0].text",
            "'holding-statement' (en) says 'circle back' (configured)",
        )
    ]
    # An English phrase removed for `en` is still checked in `id`, where it was not removed.
    found = _ck407(repo_dir, "All good.", "ETA sore ini.", config)
    assert [f["path"] for f in found] == ["messages[0].templates[1].text"]


def test_a_configured_phrase_matches_whole_words_only(repo_dir: Path) -> None:
    config = '[forbidden-phrases.en]\nadd = ["cheap"]\n'
    assert _ck407(repo_dir, "A cheaper plan is coming.", "Baik.", config) == []
    assert len(_ck407(repo_dir, "A CHEAP fix.", "Baik.", config)) == 1


def test_a_misspelt_key_or_unknown_phrase_id_is_a_usage_error(repo_dir: Path) -> None:
    plan = repo_dir / "plan.yaml"
    plan.write_text(example_plan_text(""), encoding="utf-8")
    config = repo_dir / "crisiskit.toml"
    for toml, expected in (
        (
            '[forbidden-phrases.en]\nremov = ["eta"]\n',
            "forbidden-phrases.en.remov: unknown key; did you mean 'remove'?",
        ),
        (
            '[forbidden-phrases.en]\nremove = ["take-serious"]\n',
            "forbidden-phrases.en.remove: "
            "unknown built-in phrase 'take-serious'; did you mean 'take-seriously'?",
        ),
        ('[forbidden-phrases.id]\nremove = ["oknun"]\n', "did you mean 'oknum'?"),
        ('[forbidden-phrase.en]\nadd = ["x"]\n', "did you mean 'forbidden-phrases'?"),
        ('[forbidden-phrases.EN]\nadd = ["x"]\n', "ids are lowercase: 'en'"),
    ):
        config.write_text(toml, encoding="utf-8")
        result = CliRunner().invoke(app, ["validate", str(plan), "--config", str(config)])
        assert result.exit_code == 2, result.output
        assert expected in result.output
        assert len(result.output.strip().splitlines()) == 1


def test_every_built_in_phrase_is_documented_and_ids_are_unique() -> None:
    doc = next(r for r in all_rules() if r.code == "CK407").doc
    ids = [p.id for p in BUILT_IN]
    assert len(ids) == len(set(ids))
    assert [i for i in ids if f"`{i}`" not in doc] == []


def test_the_readme_configuration_example_loads(repo_dir: Path) -> None:
    from crisiskit.validation.configuration import load_config
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Configuration") :]
    block = section[
        section.index("```toml\n") + 8 : section.index("```", section.index("```toml") + 7)
    ]
    (repo_dir / "crisiskit.toml").write_text(block, encoding="utf-8")
    settings = load_config(repo_dir / "crisiskit.toml").settings
    assert settings.forbidden_phrases["en"].remove == ["eta"]
    assert settings.forbidden_phrases["en"].add == ["circle back"]
