"""The configuration a run uses: read from TOML, with every rule selector checked."""

from __future__ import annotations

from pathlib import Path

from crisiskit.config.settings import Config, Settings, read_config
from crisiskit.diagnostics.errors import ConfigError
from crisiskit.util.suggest import did_you_mean


def load_config(explicit: Path | None = None, start: Path | None = None) -> Config:
    """The configuration for a run; raises ConfigError naming the file and key at fault."""
    config = read_config(explicit, start)
    if config.source is not None:
        check_selectors(config.settings, config.source)
        check_phrases(config.settings, config.source)
    return config


def check_phrases(settings: Settings, path: Path) -> None:
    """A removed forbidden phrase must be a built-in one: a typo would remove nothing."""
    if not any(entry.remove for entry in settings.forbidden_phrases.values()):
        return
    from crisiskit.lint.phrases import built_in_ids

    for locale, entry in settings.forbidden_phrases.items():
        known = built_in_ids(locale)
        for phrase_id in entry.remove:
            if phrase_id not in known:
                close = did_you_mean(phrase_id, known)
                hint = f"; {close}" if close else f"; built-in ids: {', '.join(known)}"
                raise ConfigError(
                    f"{path}: [tool.crisiskit] forbidden-phrases.{locale}.remove: "
                    f"unknown built-in phrase '{phrase_id}'{hint}"
                )


def check_selectors(settings: Settings, path: Path) -> None:
    """Every code, prefix and name must mean a rule: a typo would silently select nothing."""
    lists = [
        ("select", settings.select),
        ("ignore", settings.ignore),
        ("extend-select", settings.extend_select),
        *(
            (f"per-file-ignores.{pattern}", codes)
            for pattern, codes in settings.per_file_ignores.items()
        ),
    ]
    if not any(values for _, values in lists) and not settings.severity:
        return
    from crisiskit.lint.catalog import catalog  # the rules load only when selectors need them

    codes = [entry.code for entry in catalog()]
    names = [entry.name for entry in catalog()]

    def fail(key: str, selector: str) -> ConfigError:
        close = did_you_mean(selector, [*codes, *names])
        hint = f"; {close}" if close else ""
        return ConfigError(f"{path}: [tool.crisiskit] {key}: unknown rule '{selector}'{hint}")

    for key, selectors in lists:
        for selector in selectors:
            prefix = selector.startswith("CK") and any(c.startswith(selector) for c in codes)
            if not (selector == "ALL" or prefix or selector in names):
                raise fail(key, selector)
    for selector in settings.severity:
        # Overrides are looked up by exact code or name, so prefixes would do nothing.
        if selector not in codes and selector not in names:
            raise fail(f"severity.{selector}", selector)
