"""Configuration naming a rule that does not exist is an error, not a silent no-op."""

from __future__ import annotations

from pathlib import Path

import pytest

from crisiskit.diagnostics.errors import ConfigError
from crisiskit.validation.configuration import load_config


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # A typo in ignore would leave the finding in; in select it would hide everything.
        (
            'ignore = ["person-overloadd"]\n',
            "ignore: unknown rule 'person-overloadd'; did you mean 'person-overloaded'?",
        ),
        ('select = ["ck2"]\n', "select: unknown rule 'ck2'"),
        ('select = ["CK9"]\n', "select: unknown rule 'CK9'"),
        ('extend-select = ["CK6"]\n', "extend-select: unknown rule 'CK6'"),
        (
            '[per-file-ignores]\n"plans/*" = ["CK99"]\n',
            "per-file-ignores.plans/*: unknown rule 'CK99'",
        ),
        (
            '[per-file-ignores]\n"plans/*" = ["nonsense code!"]\n',
            "per-file-ignores.plans/*: unknown rule",
        ),
        (
            '[severity]\nCK5O1 = "error"\n',
            "severity.CK5O1: unknown rule 'CK5O1'; did you mean 'CK501'?",
        ),
        ('[severity]\nck203 = "error"\n', "did you mean 'CK203'?"),
        # Overrides are looked up by exact code or name; a prefix would change nothing.
        ('[severity]\nCK5 = "error"\n', "severity.CK5: unknown rule 'CK5'"),
        ("[channel-limits]\nsms = 0\n", "channel-limits.sms: Input should be greater than 0"),
        ("[channel-limits]\nx = -280\n", "channel-limits.x: Input should be greater than 0"),
    ],
)
def test_unknown_rule_or_bad_value_names_the_key(repo_dir: Path, text: str, message: str) -> None:
    (repo_dir / "crisiskit.toml").write_text(text)
    with pytest.raises(ConfigError) as raised:
        load_config(start=repo_dir)
    assert str(raised.value).startswith(f"{repo_dir / 'crisiskit.toml'}: [tool.crisiskit] ")
    assert message in str(raised.value)


def test_known_codes_prefixes_and_names_load(repo_dir: Path) -> None:
    (repo_dir / "crisiskit.toml").write_text(
        'select = ["ALL"]\n'
        'extend-select = ["CK5"]\n'
        'ignore = ["coverage-gap", "CK50", "CK0"]\n'
        "[severity]\n"
        'person-overloaded = "error"\n'
        'CK019 = "error"\n'
        "[per-file-ignores]\n"
        '"plans/archive/*" = ["CK5", "orphan-fragment"]\n'
        "[channel-limits]\n"
        "sms = 2\n"
    )
    settings = load_config(start=repo_dir).settings
    assert settings.ignore == ["coverage-gap", "CK50", "CK0"]
    assert settings.channel_limits == {"sms": 2}


def _shape(model: object) -> object:
    """A model's values with their types and what was set, all the way down."""
    from pydantic import BaseModel

    if isinstance(model, BaseModel):
        fields = {name: _shape(getattr(model, name)) for name in type(model).model_fields}
        return (type(model), sorted(model.model_fields_set), fields)
    return (type(model), model)


def test_settings_without_a_file_are_the_validated_defaults(tmp_path: Path) -> None:
    from crisiskit.config.settings import Config, Settings, default_settings, read_config

    validated = Settings.model_validate({})
    for made in (default_settings(), Config().settings, read_config(start=tmp_path).settings):
        assert made == validated
        assert _shape(made) == _shape(validated)
        assert made.model_dump_json() == validated.model_dump_json()
    # Fresh lists and dicts each time, as validation gives: no default shared between runs.
    assert default_settings().select is not default_settings().select
