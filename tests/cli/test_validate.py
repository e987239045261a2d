"""`crisiskit validate` through the CLI: exit codes, stdout and stderr."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiskit.cli import app
from tests.conftest import FIXTURES, REPO

runner = CliRunner()
VALID = FIXTURES / "valid" / "minimal.yaml"
BROKEN = FIXTURES / "broken" / "ref-role-primary.yaml"


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["validate", "--today", "2026-11-24", *args])
    return result.exit_code, result.stdout, result.stderr


def test_bundled_plans_are_clean() -> None:
    code, out, err = _run(str(REPO / "plans"))
    assert (code, err) == (0, "")
    assert out.startswith("All clear: 7 files checked.")


def test_findings_exit_1_with_location() -> None:
    code, out, err = _run(str(BROKEN), "--config", str(FIXTURES / "lint-off.toml"))
    assert code == 1
    assert err == ""
    assert "ref-role-primary.yaml:25:14" in out
    assert "CK014" in out and "unknown person 'rinna'" in out
    assert "hint: did you mean 'rina'?" in out
    assert out.rstrip().endswith("Found 1 error, 0 warnings in 1 file (1 file checked).")


def test_json_output() -> None:
    code, out, err = _run(
        str(BROKEN), "--format", "json", "--config", str(FIXTURES / "lint-off.toml")
    )
    document = json.loads(out)
    assert (code, err) == (1, "")
    assert document["summary"]["errors"] == 1
    [finding] = document["findings"]
    assert finding["code"] == "CK014"
    assert (finding["line"], finding["column"], finding["path"]) == (25, 14, "roles[0].primary")


def test_missing_path_exits_2_with_one_line() -> None:
    code, out, err = _run("no/such/plan.yaml")
    assert code == 2
    assert out == ""
    assert err == "crisiskit: error: no/such/plan.yaml: no such file or directory\n"


def test_default_path_is_plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "plans").mkdir()
    shutil.copy(VALID, tmp_path / "plans" / "plan.yaml")
    (tmp_path / "crisiskit.toml").write_text('select = ["CK0"]\n')
    monkeypatch.chdir(tmp_path)
    code, out, _ = _run()
    assert (code, out.strip()) == (0, "All clear: 1 file checked.")


def test_default_path_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = _run()
    assert (code, out) == (2, "")
    assert f"no PATH given, and no plans/ directory in {tmp_path.resolve()}" in err


def test_hidden_directories_are_skipped(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "broken.yaml").write_text("a: [\n")
    shutil.copy(VALID, tmp_path / "plan.yaml")
    code, out, _ = _run(str(tmp_path), "--config", str(FIXTURES / "lint-off.toml"))
    assert (code, out.strip()) == (0, "All clear: 1 file checked.")


def test_internal_error_exit_3_without_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("crisiskit.validation.pipeline.validate_paths", explode)
    code, out, err = _run(str(VALID))
    assert (code, out) == (3, "")
    assert "internal error: RuntimeError: boom" in err
    assert "Traceback" not in err


def test_internal_error_traceback_with_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("crisiskit.validation.pipeline.validate_paths", explode)
    result = runner.invoke(app, ["--debug", "validate", str(VALID)])
    assert result.exit_code == 3
    assert "Traceback" in result.stderr


def test_bad_today_is_a_usage_error() -> None:
    code, out, err = _run(str(VALID), "--today", "tomorrow")
    assert (code, out) == (2, "")
    assert "--today" in err


def test_bad_config_names_the_key(tmp_path: Path) -> None:
    config = tmp_path / "crisiskit.toml"
    config.write_text("[thresholds]\nmax-critical-roles-per-persn = 3\n")
    code, out, err = _run(str(VALID), "--config", str(config))
    assert (code, out) == (2, "")
    assert "thresholds.max-critical-roles-per-persn: unknown key" in err


def test_an_empty_path_is_a_usage_error() -> None:
    code, out, err = _run("")
    assert (code, out) == (2, "")
    assert "empty PATH" in err


def test_a_directory_without_yaml_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("plans live elsewhere\n")
    code, out, err = _run(str(tmp_path))
    assert (code, out) == (2, "")
    assert "no YAML files" in err and str(tmp_path) in err


def test_a_symlink_loop_checks_each_plan_once(tmp_path: Path) -> None:
    shutil.copy(VALID, tmp_path / "plan.yaml")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)
    code, out, err = _run(str(tmp_path), "--format", "json")
    assert code in (0, 1) and err == ""
    assert json.loads(out)["summary"]["files_checked"] == 1


def test_unwritable_output_is_refused_before_anything_is_printed(tmp_path: Path) -> None:
    code, out, err = _run(str(VALID), "--output", f"sarif={tmp_path / 'missing' / 'x.sarif'}")
    assert (code, out) == (2, "")
    assert "does not exist" in err


def test_a_crashing_rule_is_reported_and_exits_3(monkeypatch: pytest.MonkeyPatch) -> None:
    from collections.abc import Iterable

    import crisiskit.lint.engine
    from crisiskit.diagnostics.findings import Level
    from crisiskit.lint.context import LintContext
    from crisiskit.lint.registry import Violation, make_rule

    def crash(context: LintContext) -> Iterable[Violation]:
        raise RuntimeError("boom")

    broken = make_rule("CK599", "broken-rule", Level.WARNING, crash, "A rule with a bug.")
    monkeypatch.setattr(crisiskit.lint.engine, "all_rules", lambda: (broken,))
    code, out, err = _run(str(VALID))
    assert code == 3 and err == ""
    assert "CK020" in out and "RuntimeError: boom" in out
