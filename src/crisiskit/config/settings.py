"""Configuration: `[tool.crisiskit]` in pyproject.toml, or crisiskit.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from crisiskit.diagnostics.errors import ConfigError
from crisiskit.diagnostics.findings import Level
from crisiskit.model.types import Duration, parse_duration
from crisiskit.util import inputs
from crisiskit.util.reading import read_regular_file

CONFIG_FILES = ("crisiskit.toml", "pyproject.toml")


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class _Section(BaseModel):
    # defer_build: the validators are built when a configuration file is read; most runs
    # have none and take the defaults (`default_settings`).
    model_config = ConfigDict(
        extra="forbid", alias_generator=_kebab, frozen=True, validate_default=True, defer_build=True
    )


class Thresholds(_Section):
    """Numbers the rules compare against; every one has a sensible default."""

    max_critical_roles_per_person: int = Field(2, ge=1)
    min_backups: int = Field(1, ge=0)
    max_uncovered_hours: int = Field(0, ge=0, le=168)
    sev1_drill_max_age: Duration = Field(default="365d")  # type: ignore[assignment]  # parsed
    max_first_response_sev1: Duration = Field(default="1h")  # type: ignore[assignment]


class PhraseChanges(_Section):
    """Forbidden phrases of one locale: added ones, and built-in ones removed by id."""

    add: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(default_factory=list)
    remove: list[str] = Field(default_factory=list)

    @field_validator("add")
    @classmethod
    def _words(cls, phrases: list[str]) -> list[str]:
        for phrase in phrases:
            if not phrase.split():
                raise ValueError("a phrase needs at least one word")
        return phrases


# What a table in a section holds, for "expected a table with add/remove".
_TABLE_KEYS = {"forbidden_phrases": " with add/remove", "thresholds": ""}

_LOCALE_KEY = r"^[a-z0-9][a-z0-9_-]*$"
_CODE_PATTERN = r"^CK\d{0,3}$|^[a-z][a-z0-9-]*$|^ALL$"


class Settings(_Section):
    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    extend_select: list[str] = Field(default_factory=list)
    severity: dict[str, Level] = Field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict)
    thresholds: Thresholds = Field(default_factory=Thresholds)
    channel_limits: dict[str, Annotated[int, Field(gt=0)]] = Field(default_factory=dict)
    # Keyed by locale id (`en`, `id`, `en-gb`); CK407 reads it.
    forbidden_phrases: dict[str, PhraseChanges] = Field(default_factory=dict)

    @field_validator("forbidden_phrases", mode="before")
    @classmethod
    def _locale_keys(cls, tables: Any) -> Any:
        import re

        for key in tables if isinstance(tables, dict) else ():
            if not re.match(_LOCALE_KEY, key):
                lower = f"; ids are lowercase: '{key.lower()}'" if key != key.lower() else ""
                raise ValueError(f"'{key}' is not a locale id{lower}")
        return tables

    @field_validator("select", "ignore", "extend_select")
    @classmethod
    def _codes(cls, values: list[str]) -> list[str]:
        import re

        for value in values:
            if not re.match(_CODE_PATTERN, value):
                raise ValueError(f"'{value}' is not a rule code, code prefix or rule name")
        return values


def default_settings() -> Settings:
    """``Settings()`` made without pydantic's validator: the defaults as validation makes
    them (the durations parsed), nothing set (tests/test_config.py compares the two)."""
    durations: dict[str, Any] = {
        name: parse_duration(info.default)
        for name, info in Thresholds.model_fields.items()
        if isinstance(info.default, str)
    }
    thresholds = Thresholds.model_construct(_fields_set=set(), **durations)
    return Settings.model_construct(_fields_set=set(), thresholds=thresholds)


@dataclass(frozen=True)
class Config:
    settings: Settings = field(default_factory=default_settings)
    source: Path | None = None

    @property
    def thresholds(self) -> Thresholds:
        return self.settings.thresholds


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest crisiskit.toml, or pyproject.toml with [tool.crisiskit], upwards."""
    inputs.observe(start)
    start = start.resolve()
    for directory in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            inputs.observe(candidate)
            if not candidate.is_file():
                continue
            table = _read_table(candidate)
            if table is not None:
                return candidate, table
    return None


# A configuration is a page of settings; pyproject.toml files are rarely over 50 KB.
MAX_CONFIG_BYTES = 1024 * 1024


def _read_table(path: Path) -> dict[str, Any] | None:
    try:
        # A byte-order mark is accepted, as it is in plans (Windows editors write one).
        text = read_regular_file(path, MAX_CONFIG_BYTES).decode("utf-8-sig")
        document = tomllib.loads(text)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 (byte {exc.start + 1:,})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    if path.name == "pyproject.toml":
        tool = document.get("tool", {})
        table = tool.get("crisiskit") if isinstance(tool, dict) else None
        return table if isinstance(table, dict) else None
    # In crisiskit.toml the settings may sit at the top or under [tool.crisiskit].
    tool = document.get("tool")
    if isinstance(tool, dict) and isinstance(tool.get("crisiskit"), dict):
        return dict(tool["crisiskit"])
    return document


def read_config(explicit: Path | None = None, start: Path | None = None) -> Config:
    """Read the configuration; raises ConfigError naming the file and key at fault.

    Rule selectors are checked against the rule catalog by
    :func:`crisiskit.validation.configuration.load_config`, which callers use.
    """
    found: tuple[Path, dict[str, Any]] | None
    if explicit is not None:
        inputs.observe(explicit)
        if not explicit.exists():
            raise ConfigError(f"{explicit}: configuration file not found")
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: not a regular file; give a TOML file")
        table = _read_table(explicit)
        found = (explicit, table or {})
    else:
        found = find_config(start or Path.cwd())
    if found is None:
        return Config()
    path, table = found
    try:
        settings = Settings.model_validate(table)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        key = ".".join(str(part) for part in first["loc"])
        message = first["msg"].removeprefix("Value error, ")
        if first["type"] == "extra_forbidden":
            message = "unknown key" + _suggest_key(first["loc"])
        elif first["type"] == "model_type":
            # Pydantic names the class ("PhraseChanges"); the user wrote a TOML value.
            message = "expected a table" + _TABLE_KEYS.get(
                str(first["loc"][0]).replace("-", "_"), ""
            )
        raise ConfigError(f"{path}: [tool.crisiskit] {key}: {message}") from None
    return Config(settings, path)


def _suggest_key(loc: tuple[int | str, ...]) -> str:
    """`; did you mean 'add'?` for a misspelt key, from the keys of the table it is in."""
    from crisiskit.util.suggest import did_you_mean

    model: type[BaseModel] | None = Settings
    for part in loc[:-1]:
        field = model.model_fields.get(str(part).replace("-", "_")) if model else None
        if field is None:
            continue  # a free-form key (a locale, a path pattern): stay on the model
        annotation = field.annotation
        model = _section_of(annotation)
    if model is None:
        return ""
    keys = [_kebab(name) for name in model.model_fields]
    close = did_you_mean(str(loc[-1]), keys)
    return f"; {close}" if close else f"; known keys: {', '.join(keys)}"


def _section_of(annotation: Any) -> type[BaseModel] | None:
    """The settings table a field holds, directly or as the values of a dict."""
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _section_of(argument)
        if found is not None:
            return found
    return None
