"""A change that makes a call go to another number is a risk, whatever field caused it.

The numbers are phonenumbers' readings: phonenumbers.parse("(212) 555-0101", "US") is
+1 212-555-0101, and phonenumbers.parse("(212) 555-0101", "ID") is +62 21 25550101.
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from crisiskit.cli import app
from crisiskit.lint.example_plan import example_plan_text

runner = CliRunner()

PEOPLE = """\
people:
  - id: rina
    name: Rina Wijaya
{region}    phone: "(212) 555-0101"
"""


def _diff(repo_dir: Path, before: str, after: str) -> tuple[int, str]:
    (repo_dir / "before.yaml").write_text(before, encoding="utf-8")
    (repo_dir / "after.yaml").write_text(after, encoding="utf-8")
    result = runner.invoke(
        app, ["diff", "--today", "2026-11-24", str(repo_dir / "before.yaml"),
              str(repo_dir / "after.yaml")],
    )  # fmt: skip
    return result.exit_code, result.stdout + result.stderr


def test_a_region_change_that_reroutes_calls_is_a_risk(repo_dir: Path) -> None:
    before = example_plan_text(PEOPLE.format(region="    region: US\n"))
    after = example_plan_text(PEOPLE.format(region="    region: ID\n"))
    code, out = _diff(repo_dir, before, after)
    assert code == 0, out
    assert "0 high, 1 medium, 0 low risk" in out
    assert "~ person rina: region: US → ID" in out
    assert (
        "MEDIUM: calls to rina now go to +62 21 25550101 (was +1 212-555-0101): "
        "check the number is theirs"
    ) in out


def test_a_region_change_that_dials_the_same_number_is_not_a_risk(repo_dir: Path) -> None:
    # +62 812-3456-7890 is written with its country code: every region reads it alike.
    patch = PEOPLE.replace("(212) 555-0101", "+62 812-3456-7890")
    before = example_plan_text(patch.format(region="    region: US\n"))
    after = example_plan_text(patch.format(region="    region: GB\n"))
    code, out = _diff(repo_dir, before, after)
    assert code == 0, out
    assert "0 high, 0 medium, 0 low risk" in out and "region: US → GB" in out


def test_a_default_region_change_that_reroutes_calls_is_a_risk(repo_dir: Path) -> None:
    before = example_plan_text(PEOPLE.format(region=""))
    after = before.replace("default_region: ID", "default_region: US")
    code, out = _diff(repo_dir, before, after)
    assert code == 0, out
    assert "~ organization: default_region: ID → US" in out
    assert (
        "MEDIUM: default_region changes who is called: calls to rina now go to "
        "+1 212-555-0101 (was +62 21 25550101)"
    ) in out
    assert "1 medium" in out


def test_a_rerouted_call_fails_a_medium_gate(repo_dir: Path) -> None:
    before = example_plan_text(PEOPLE.format(region="    region: US\n"))
    after = example_plan_text(PEOPLE.format(region="    region: ID\n"))
    (repo_dir / "before.yaml").write_text(before, encoding="utf-8")
    (repo_dir / "after.yaml").write_text(after, encoding="utf-8")
    result = runner.invoke(
        app, ["diff", "--today", "2026-11-24", "--fail-on", "medium",
              str(repo_dir / "before.yaml"), str(repo_dir / "after.yaml")],
    )  # fmt: skip
    assert result.exit_code == 1, result.stdout
