"""Drill record files (`drills.records`) are part of the plan: loaded into its log,
validated, linted, and every finding points into the record file at its line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from crisiskit.validation.pipeline import validate_paths
from tests.conftest import REPO, TODAY

BAYAR = Path("plans/kirana-social/bayar-cepat.yaml")
RECORD = Path("plans/kirana-social/drills/bayar-cepat/2026-11-19-stuffing-tabletop.yaml")


@pytest.fixture
def repo(repo_dir: Path) -> Path:
    shutil.copytree(REPO / "plans", repo_dir / "plans")
    shutil.copytree(REPO / "templates", repo_dir / "templates")
    return repo_dir


def _findings(repo: Path, code: str | None = None) -> list[tuple[str, int, str, str]]:
    report = validate_paths([repo / "plans"], TODAY)
    return [
        (Path(f.file).name, f.line, f.code, f.message)
        for f in report.findings
        if code is None or f.code == code
    ]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line(path: Path, text: str) -> int:
    content = path.read_text(encoding="utf-8")
    return content[: content.index(text)].count("\n") + 1


def test_the_bundled_record_files_are_read_into_the_log() -> None:
    from tests.conftest import load_valid

    loaded = load_valid(REPO / BAYAR)
    assert [r.date.isoformat() for r in loaded.plan.drills.log][-1] == "2026-11-19"
    assert loaded.records == [(REPO / RECORD).resolve()]


def test_a_schema_error_in_a_record_points_into_the_record(repo: Path) -> None:
    _edit(repo / RECORD, "time_to_first_statement: 18m", "time_to_first_statement: soon")
    line = _line(repo / RECORD, "time_to_first_statement: soon")
    assert (RECORD.name, line) in [(f[0], f[1]) for f in _findings(repo, "CK013")]


def test_a_typo_in_a_record_scenario_points_into_the_record(repo: Path) -> None:
    _edit(repo / RECORD, "scenario: stuffing-tabletop", "scenario: stufing-tabletop")
    found = _findings(repo, "CK014")
    assert found == [
        (
            RECORD.name,
            _line(repo / RECORD, "scenario: stufing"),
            "CK014",
            "unknown scenario 'stufing-tabletop'",
        )
    ]


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        # An open follow-up whose owner left the plan.
        ("    owner: putu\n", "    owner: wulan\n", "CK508"),
        # A follow-up past its due date.
        ("    due: 2027-01-15\n", "    due: 2026-11-01\n", "CK504"),
        # A drill dated in the future.
        ("date: 2026-11-19\n", "date: 2062-11-19\n", "CK505"),
    ],
)
def test_drill_rules_read_record_files(repo: Path, old: str, new: str, code: str) -> None:
    assert _findings(repo, code) == []
    _edit(repo / RECORD, old, new)
    found = _findings(repo, code)
    assert [(f[0], f[1]) for f in found] == [(RECORD.name, _line(repo / RECORD, new.strip()))]


def test_a_newer_record_file_keeps_the_drill_cadence_satisfied(repo: Path) -> None:
    # The plan's own newest drill is 2026-11-12 (60d cadence): overdue on 2027-01-20
    # unless the log sees a newer drill, which only a record file holds.
    (repo / RECORD).rename(repo / RECORD.with_name("2026-11-19.yaml"))
    text = (repo / RECORD.with_name("2026-11-19.yaml")).read_text(encoding="utf-8")
    (repo / RECORD.with_name("2026-11-19.yaml")).write_text(
        text.replace("date: 2026-11-19", "date: 2026-11-24"), encoding="utf-8"
    )
    report = validate_paths([repo / BAYAR], TODAY.replace(year=2027, month=1, day=20))
    assert not [f for f in report.findings if f.code == "CK502"]
    shutil.rmtree(repo / RECORD.parent)
    (repo / RECORD.parent).mkdir()
    report = validate_paths([repo / BAYAR], TODAY.replace(year=2027, month=1, day=20))
    assert [f.code for f in report.findings if f.code == "CK502"] == ["CK502"]


def test_a_missing_records_directory_is_a_finding_at_the_plan_line(repo: Path) -> None:
    shutil.rmtree(repo / RECORD.parent)
    found = _findings(repo, "CK016")
    line = _line(repo / BAYAR, "records: drills/bayar-cepat")
    assert (BAYAR.name, line) in [(f[0], f[1]) for f in found]
    assert any("drill records directory 'drills/bayar-cepat' does not exist" in f[3] for f in found)


def test_a_records_directory_outside_the_repository_is_refused(repo: Path) -> None:
    _edit(repo / BAYAR, "records: drills/bayar-cepat", "records: ../../../elsewhere")
    found = _findings(repo)
    assert any(f[0] == BAYAR.name and "leads out of the repository" in f[3] for f in found)


def test_a_record_that_is_not_a_mapping_is_a_finding_in_that_file(repo: Path) -> None:
    (repo / RECORD.parent / "2026-11-20-broken.yaml").write_text("- a\n- b\n", encoding="utf-8")
    found = _findings(repo)
    assert ("2026-11-20-broken.yaml", 1) in [(f[0], f[1]) for f in found]


def test_hidden_files_in_the_records_directory_are_skipped(repo: Path) -> None:
    # An unfinished atomic write is a hidden temporary file beside the records.
    (repo / RECORD.parent / ".2026-11-20.yaml.x1.tmp").write_text("date: [", encoding="utf-8")
    (repo / RECORD.parent / ".partial.yaml").write_text("date: [", encoding="utf-8")
    assert _findings(repo) == []
