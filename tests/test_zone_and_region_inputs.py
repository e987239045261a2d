"""Timezone and region values that are not names of a zone or a region: a directory of
the tz database (`America`), a name too long for a file name, a list or a number.
Each is one clear finding or usage error, never an internal error (exit 3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiskit.cli import app
from crisiskit.lint.example_plan import example_plan_text

runner = CliRunner()
LONG = "A" * 300


def _plan(repo_dir: Path, patch: str, organization: dict[str, str] | None = None) -> Path:
    text = example_plan_text(patch)
    for old, new in (organization or {}).items():
        assert old in text
        text = text.replace(old, new)
    path = repo_dir / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _validate(plan: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["validate", "--today", "2026-11-24", str(plan)])
    return result.exit_code, result.stdout + result.stderr


@pytest.mark.parametrize("zone", ["America", "Europe", LONG])
def test_a_person_timezone_naming_a_directory_or_too_long_is_a_finding(
    repo_dir: Path, zone: str
) -> None:
    plan = _plan(repo_dir, f"people:\n  - id: rina\n    timezone: {zone}\n")
    code, out = _validate(plan)
    assert code == 1, out
    assert "is not an IANA timezone" in out and "people[0].timezone" in out
    assert "internal error" not in out


@pytest.mark.parametrize("zone", ["America", LONG])
def test_default_timezone_naming_a_directory_is_a_finding(repo_dir: Path, zone: str) -> None:
    plan = _plan(repo_dir, "", {"default_timezone: Asia/Jakarta": f"default_timezone: {zone}"})
    code, out = _validate(plan)
    assert code == 1, out
    assert "is not an IANA timezone" in out and "organization.default_timezone" in out


@pytest.mark.parametrize(
    ("patch", "where"),
    [
        ("locales:\n  - id: en\n    name: English\n    timezone: Asia\n", "locales[0].timezone"),
        (
            "channels:\n  - id: x\n    platform: x\n    handle: '@x'\n    timezone: Asia\n",
            "channels[0].timezone",
        ),
    ],
)
def test_locale_and_channel_timezones_naming_a_directory_are_findings(
    repo_dir: Path, patch: str, where: str
) -> None:
    code, out = _validate(_plan(repo_dir, patch))
    assert code == 1, out
    assert "'Asia' is not an IANA timezone" in out and where in out


@pytest.mark.parametrize("zone", ["America", LONG])
def test_tz_option_naming_a_directory_is_a_usage_error(repo_dir: Path, zone: str) -> None:
    plan = _plan(repo_dir, "")
    result = runner.invoke(app, ["chart", "coverage", "--plan", str(plan), "--tz", zone])
    out = result.stdout + result.stderr
    assert result.exit_code == 2, out
    assert "--tz:" in out and "is not an IANA timezone" in out
    assert "internal error" not in out


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("[ID]", "organization.default_region"),
        ("{a: 1}", "organization.default_region"),
        ("62", "organization.default_region"),
    ],
)
def test_default_region_of_the_wrong_shape_is_one_finding(
    repo_dir: Path, written: str, says: str
) -> None:
    plan = _plan(repo_dir, "", {"default_region: ID": f"default_region: {written}"})
    code, out = _validate(plan)
    assert code == 1, out
    assert "internal error" not in out
    errors = [line for line in out.splitlines() if " error " in line]
    assert len(errors) == 1, out
    assert says in out


def test_an_invalid_default_region_does_not_flag_every_national_phone(repo_dir: Path) -> None:
    patch = 'people:\n  - id: rina\n    phone: "0812-3456-7890"\n'
    plan = _plan(repo_dir, patch, {"default_region: ID": "default_region: id"})
    code, out = _validate(plan)
    assert code == 1, out
    assert "country codes are uppercase; write 'ID'" in out
    assert "0812-3456-7890" not in out, out
