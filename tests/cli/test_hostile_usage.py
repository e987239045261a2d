"""Odd and hostile command lines: a clear message on stderr and the right exit code."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiskit.cli import app
from tests.conftest import FIXTURES

runner = CliRunner()
VALID = str(FIXTURES / "valid" / "minimal.yaml")
TODAY = "--today=2026-11-24"


# `{tmp}` stands for a fresh temporary directory.
CASES: list[tuple[str, list[str], str]] = [
    ("unknown-format", ["validate", VALID, TODAY, "--format", "xml"], "'xml' is not one of"),
    ("unknown-output-format", ["validate", VALID, TODAY, "--output", "pdf=x.pdf"], "FORMAT=FILE"),
    ("output-without-file", ["validate", VALID, TODAY, "--output", "sarif"], "FORMAT=FILE"),
    (
        "output-to-missing-directory",
        ["validate", VALID, TODAY, "--output", "sarif={tmp}/no/x.sarif"],
        "does not exist",
    ),
    (
        "output-to-a-directory",
        ["validate", VALID, TODAY, "--output", "sarif={tmp}"],
        "is a directory",
    ),
    ("missing-config", ["validate", VALID, TODAY, "--config", "{tmp}/none.toml"], "not found"),
    (
        "impossible-today",
        ["validate", VALID, "--today", "2026-02-30"],
        "'2026-02-30' is not a date",
    ),
    ("words-for-today", ["validate", VALID, "--today", "next week"], "--today"),
    ("missing-plan", ["validate", "{tmp}/missing.yaml", TODAY], "no such file or directory"),
    ("unknown-code", ["rules", "CK999"], "unknown rule 'CK999'"),
    ("unknown-name", ["rules", "no-such-rule"], "unknown rule 'no-such-rule'"),
    ("rules-unknown-format", ["rules", "CK101", "--format", "pdf"], "'pdf' is not one of"),
    ("schema-to-missing-directory", ["schema", "--output", "{tmp}/no/s.json"], "does not exist"),
    ("schema-to-a-directory", ["schema", "--output", "{tmp}", "--force"], "is a directory"),
    ("schema-unknown-option", ["schema", "--format", "yaml"], "No such option"),
]


@pytest.mark.parametrize(("args", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_usage_errors_exit_2_with_a_message(args: list[str], expected: str, tmp_path: Path) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, (args, result.stdout, result.stderr)
    assert expected in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    if not result.stderr.startswith("Usage:"):
        # Our own errors are one line (Typer's come with a usage block).
        assert result.stderr.startswith("crisiskit: error: ")
        assert result.stderr.count("\n") == 1, result.stderr


def test_output_to_a_directory_leaves_it_alone(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("keep")
    result = runner.invoke(app, ["validate", VALID, TODAY, "--output", f"json={tmp_path}"])
    assert result.exit_code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]
