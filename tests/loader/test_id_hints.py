"""The id a bad id or reference is told to write: one that exists or is free, in plain
ASCII, never a clash, never a character the terminal would run."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from crisiskit.cli import app
from crisiskit.lint.example_plan import example_plan_text
from crisiskit.model.types import id_form

runner = CliRunner()


def _validate(repo_dir: Path, patch: str) -> str:
    plan = repo_dir / "plan.yaml"
    plan.write_text(example_plan_text(patch), encoding="utf-8")
    result = runner.invoke(app, ["validate", "--today", "2026-11-24", str(plan)])
    assert result.exit_code == 1, result.stdout
    return result.stdout + result.stderr


def _primary(name: str) -> str:
    return f"roles:\n  - id: social-lead\n    name: Social lead\n    primary: {name}\n"


def test_a_reference_written_as_a_name_lists_the_known_ids(repo_dir: Path) -> None:
    out = _validate(repo_dir, _primary("Budi Santoso"))
    assert "CK014 roles[0].primary: unknown person 'Budi Santoso'" in out
    assert "hint: known person ids: dimas, rina, sari" in out
    assert "budi-santoso" not in out  # that id names nobody either


def test_a_reference_close_to_no_id_lists_the_known_ids(repo_dir: Path) -> None:
    out = _validate(repo_dir, _primary("XYZZY"))
    assert "unknown person 'XYZZY'" in out and "known person ids: dimas, rina, sari" in out
    assert "write 'xyzzy'" not in out


def test_a_reference_whose_lowercase_form_exists_is_told_to_write_it(repo_dir: Path) -> None:
    out = _validate(repo_dir, _primary("Sari"))
    assert "'Sari' is not a valid id" in out and "did you mean 'sari'?" in out


def test_known_ids_list_only_valid_ids(repo_dir: Path) -> None:
    patch = 'people:\n  - id: "á"\n    name: A\n' + _primary("XYZZY")
    out = _validate(repo_dir, patch)
    assert "known person ids: dimas, rina, sari" in out
    assert "á, " not in out.split("known person ids:")[1].splitlines()[0]


def test_an_id_definition_whose_form_is_taken_says_it_would_clash(repo_dir: Path) -> None:
    out = _validate(repo_dir, "people:\n  - id: Rina\n    name: R\n  - id: Budi\n    name: B\n")
    assert "'Rina' is not a valid id" in out
    assert "'rina' is already the id of another item; choose another id" in out
    assert "write 'rina'" not in out
    assert "write 'budi'" in out


def test_id_forms_are_plain_ascii_without_control_characters() -> None:
    assert id_form("ｓａｒｉ") == "sari"  # fullwidth, NFKC
    assert id_form("İstanbul") == "istanbul"  # not i-stanbul
    assert id_form("Dimas Pratama") == "dimas-pratama"
    assert id_form("De\x1b]0;x\x07Wi") == "de-0-xwi"
    assert id_form("Ｓｅｖ１") == "sev1"


def test_control_characters_in_a_bad_id_are_not_echoed_raw(repo_dir: Path) -> None:
    out = _validate(repo_dir, 'people:\n  - id: "De\\e]0;x\\aWi"\n    name: D\n')
    assert "\x1b" not in out and "\x07" not in out
    assert "write 'de-0-xwi'" in out
