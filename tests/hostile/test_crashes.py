"""Inputs that crashed a command: each is now a finding or a one-line usage error."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiskit.cli import app
from crisiskit.diagnostics import checks
from crisiskit.diagnostics.findings import Span
from crisiskit.diagnostics.suppressions import parse_suppressions
from crisiskit.validation.pipeline import known_codes, validate_paths
from crisiskit.validation.policy import apply_suppressions
from tests.conftest import FIXTURES, TODAY

runner = CliRunner()
VALID = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")


def _codes(repo: Path, text: str, name: str = "plan.yaml") -> list[str]:
    plan = repo / name
    plan.write_text(text)
    result = runner.invoke(app, ["validate", str(plan), "--today", "2026-11-24"])
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "internal error" not in result.stdout + result.stderr
    return [f.code for f in validate_paths([plan], TODAY).findings]


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("    level: 1", "    level: " + "9" * 5000, "CK013"),
        ("    level: 1", "    level: 0x" + "f" * 5000, "CK013"),
        ("    level: 1", "    level: -" + "1" * 4400, "CK013"),
        ('    phone: "0812-3456-7890"', "    phone: " + "8" * 5000, "CK013"),
        ("    after: 15m", "    after: 999999999999999999d", "CK013"),
        ("    after: 15m", "    after: 99999999w", "CK013"),
        ("    after: 15m", "    after: 36501d", "CK013"),
        ("- date: 2026-10-01", "- date: 9999-12-31", "CK013"),
        ("- date: 2026-10-01", "- date: 0001-01-01", "CK013"),
        ("due: 2026-12-01", "due: 9999-12-31", "CK013"),
        ("drills:", "review:\n  last_reviewed: 9999-12-31\n  cadence: 90d\ndrills:", "CK013"),
        ("drills:", "review:\n  last_reviewed: 2026-01-01\n  cadence: 9999999d\ndrills:", "CK013"),
        ("crisiskit: 1", "crisiskit: true", "CK018"),
        ("crisiskit: 1", "crisiskit: 1.0", "CK018"),
        ("crisiskit: 1", "crisiskit: '1'", "CK018"),
    ],
)
def test_edge_values_are_findings(repo_dir: Path, old: str, new: str, code: str) -> None:
    assert old in VALID
    assert code in _codes(repo_dir, VALID.replace(old, new, 1))


@pytest.mark.parametrize(
    "text",
    [
        "a: &a\n  <<: *a\n",
        "a: &a\n  b:\n    <<: *a\n",
        "a: &a\n  x: 1\n  <<: [*a]\n",
        "crisiskit: 1\norganization: &o\n  name: x\n  <<: *o\n",
    ],
)
def test_self_referencing_merge_keys_are_findings(repo_dir: Path, text: str) -> None:
    assert "CK001" in _codes(repo_dir, text)


def test_an_unquoted_phone_says_to_quote_it(repo_dir: Path) -> None:
    plan = repo_dir / "plan.yaml"
    plan.write_text(VALID.replace('phone: "0812-3456-7890"', "phone: 081234567890"))
    messages = [f.message for f in validate_paths([plan], TODAY).findings if f.code == "CK013"]
    assert any("in quotes" in m for m in messages), messages


@pytest.mark.parametrize("name", ["next_update", "org", "now", "channel", "severity"])
def test_a_variable_cannot_shadow_a_context_value(repo_dir: Path, name: str) -> None:
    variables = (
        f"    variables:\n      - name: {name}\n        description: d\n        example: e\n"
    )
    plan = repo_dir / "plan.yaml"
    plan.write_text(VALID.replace("    channels: [x]\n", "    channels: [x]\n" + variables))
    messages = [f.message for f in validate_paths([plan], TODAY).findings if f.code == "CK013"]
    assert any("every template already has" in m for m in messages), messages


def _escalation_chain(length: int) -> str:
    roles = "".join(f"  - id: r{i}\n    name: R{i}\n    primary: rina\n" for i in range(length))
    rules = "".join(
        f"  - from: r{i}\n    to: r{i + 1}\n    after: 15m\n" for i in range(length - 1)
    )
    text = VALID.replace("roles:\n", "roles:\n" + roles)
    return text.replace(
        "  - from: lead\n    to: lead\n",
        f"  - from: lead\n    to: r0\n    after: 5m\n{rules}  - from: r0\n    to: r0\n",
        1,
    )


@pytest.mark.parametrize("length", [1200, 3000])
def test_long_escalation_chains(repo_dir: Path, length: int) -> None:
    plan = repo_dir / "plan.yaml"
    plan.write_text(_escalation_chain(length))
    codes = [f.code for f in validate_paths([plan], TODAY).findings]
    assert "CK020" not in codes and "CK302" in codes
    for args in (["chart", "escalation"], ["who"]):
        result = runner.invoke(app, [*args, "--plan", str(plan)])
        assert result.exit_code in (0, 1) and "internal error" not in result.stderr


@pytest.mark.parametrize("length", [40, 1500])
def test_long_include_chains(repo_dir: Path, length: int) -> None:
    for i in range(length):
        nested = f"include:\n  - f{i + 1}.yaml\n" if i < length - 1 else ""
        (repo_dir / f"f{i}.yaml").write_text(
            f"{nested}people:\n  - id: p{i}\n    name: P\n    email: p{i}@example.com\n"
        )
    plan = repo_dir / "plan.yaml"
    plan.write_text(VALID + "include:\n  - f0.yaml\n")
    findings = validate_paths([plan], TODAY).findings
    assert any(f.code == "CK016" and "nested more than" in f.message for f in findings)


@pytest.mark.parametrize("entry", ["loop.yaml", "sub/loop.yaml"])
def test_symlink_loop_include_is_a_finding(repo_dir: Path, entry: str) -> None:
    (repo_dir / "sub").mkdir()
    os.symlink("loop.yaml", repo_dir / "loop.yaml")
    os.symlink("../sub/loop.yaml", repo_dir / "sub" / "loop.yaml")
    plan = repo_dir / "plan.yaml"
    plan.write_text(VALID + f"include:\n  - {entry}\n")
    other = repo_dir / "other.yaml"
    other.write_text(VALID)
    # The loop is one plan's finding; the rest of the run goes on.
    report = validate_paths([plan, other], TODAY)
    assert any(f.code == "CK016" and "symlink loop" in f.message for f in report.findings)
    assert len(report.plans) == 2


@pytest.mark.parametrize(
    ("entry", "expected"),
    [("''", "empty"), ("' '", "empty"), ("sub", "is a directory"), ("sub/", "is a directory")],
)
def test_include_messages_say_what_is_wrong(repo_dir: Path, entry: str, expected: str) -> None:
    (repo_dir / "sub").mkdir()
    plan = repo_dir / "plan.yaml"
    plan.write_text(VALID + f"include:\n  - {entry}\n")
    messages = [f.message for f in validate_paths([plan], TODAY).findings if f.code == "CK016"]
    assert any(expected in m for m in messages), messages


@pytest.mark.parametrize(
    "toml",
    [
        "a = " + "[" * 5000 + "]" * 5000 + "\n",
        "a = " + "{b=" * 3000 + "1" + "}" * 3000 + "\n",
        "[" + ".".join(["a"] * 3000) + "]\n",
    ],
)
def test_deeply_nested_configuration_is_a_usage_error(repo_dir: Path, toml: str) -> None:
    (repo_dir / "crisiskit.toml").write_text(toml)
    plan = repo_dir / "plan.yaml"
    plan.write_text(VALID)
    result = runner.invoke(
        app, ["validate", str(plan), "--config", str(repo_dir / "crisiskit.toml")]
    )
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "crisiskit.toml" in result.stderr


def test_a_bom_in_the_configuration_is_accepted(repo_dir: Path) -> None:
    config = repo_dir / "crisiskit.toml"
    config.write_bytes(b'\xef\xbb\xbfignore = ["CK501"]\n')
    plan = repo_dir / "plan.yaml"
    plan.write_text(VALID)
    result = runner.invoke(
        app, ["validate", str(plan), "--config", str(config), "--today", "2026-11-24"]
    )
    assert result.exit_code == 1 and "CK501" not in result.stdout and "CK502" in result.stdout


@pytest.mark.parametrize(
    ("comment", "broken"),
    [
        ('# crisiskit: ignore-file[CK001] reason="x"\n', "a: [\n"),
        ('# crisiskit: ignore-file[CK0] reason="x"\n', "a: [\n"),
        ('# crisiskit: ignore-file[yaml-syntax] reason="x"\n', "a: b: c\n"),
        ('# crisiskit: ignore-file[CK008] reason="x"\n', "a: " + "[" * 300 + "\n"),
        ('# crisiskit: ignore-file[CK005,CK001] reason="x"\n', "\ta: 1\n"),
    ],
)
def test_suppressions_cannot_hide_an_unread_file(repo_dir: Path, comment: str, broken: str) -> None:
    plan = repo_dir / "plan.yaml"
    plan.write_text(comment + broken)
    result = runner.invoke(app, ["validate", str(plan), "--today", "2026-11-24"])
    assert result.exit_code == 1
    assert "All clear" not in result.stdout and "Found 0 errors" not in result.stdout


def test_configuration_cannot_hide_an_unread_file(repo_dir: Path) -> None:
    (repo_dir / "crisiskit.toml").write_text(
        'select = ["CK1"]\nignore = ["CK001", "internal-error"]\n[severity]\nCK001 = "info"\n'
    )
    plan = repo_dir / "plan.yaml"
    plan.write_text("a: [\n")
    result = runner.invoke(
        app, ["validate", str(plan), "--config", str(repo_dir / "crisiskit.toml")]
    )
    assert result.exit_code == 1 and "CK001" in result.stdout


@pytest.mark.parametrize("codes", ["CK020", "internal-error", "CK02", "CK0"])
def test_suppressions_cannot_hide_a_crash(codes: str) -> None:
    crash = checks.INTERNAL_ERROR.finding("rule CK403 crashed: boom", "plan.yaml", Span(1, 1, 1, 2))
    suppressions = parse_suppressions(f'# crisiskit: ignore-file[{codes}] reason="noisy"\nx: 1\n')
    kept = apply_suppressions([crash], {"plan.yaml": suppressions}, known_codes(), date(2026, 1, 1))
    assert crash in kept


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["who", "--plan", "/dev/zero"], "not a regular file"),
        (["validate", "/dev/zero"], "not a regular file"),
        (["render-message", "--plan", "/dev/null", "holding"], "not a regular file"),
    ],
)
def test_devices_as_plans_are_named_as_such(args: list[str], expected: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and expected in result.stderr
