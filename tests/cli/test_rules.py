"""`crisiskit rules` and the generated rules reference."""

from __future__ import annotations

from typer.testing import CliRunner

from crisiskit.cli import app
from crisiskit.lint.catalog import catalog
from crisiskit.lint.registry import all_rules
from crisiskit.output.rules_doc import rules_markdown
from tests.conftest import REPO

runner = CliRunner()


def test_list_shows_every_code() -> None:
    result = runner.invoke(app, ["rules"])
    assert (result.exit_code, result.stderr) == (0, "")
    for entry in catalog():
        assert entry.code in result.stdout


def test_at_least_35_rules() -> None:
    assert len(all_rules()) >= 35


def test_explain_one_rule_with_examples() -> None:
    result = runner.invoke(app, ["rules", "CK107"])
    assert result.exit_code == 0
    assert "data-leak-without-regulator" in result.stdout
    assert "Failing example:" in result.stdout and "Passing example:" in result.stdout
    assert "regulator: Komdigi" in result.stdout


def test_explain_by_name() -> None:
    result = runner.invoke(app, ["rules", "coverage-gap"])
    assert result.exit_code == 0
    assert result.stdout.startswith("CK205 coverage-gap (warning)")


def test_unknown_rule_suggests() -> None:
    result = runner.invoke(app, ["rules", "CK2O5"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert "did you mean 'CK205'?" in result.stderr


def test_docs_rules_md_is_current() -> None:
    committed = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(), (
        "docs/rules.md is stale; regenerate it with: "
        "crisiskit rules --format markdown > docs/rules.md"
    )


def test_piped_list_has_one_whole_line_per_rule() -> None:
    lines = runner.invoke(app, ["rules"]).stdout.splitlines()
    for entry in catalog():
        [line] = [x for x in lines if x.startswith(entry.code + " ")]
        assert line.split()[:3] == [entry.code, entry.name, entry.severity.value]
        assert line.endswith(entry.summary)
