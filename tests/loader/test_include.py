"""`include`: fragments by relative path, confined to the repository."""

from __future__ import annotations

import os
from pathlib import Path

from crisiskit.loader import load_plan
from crisiskit.validation.pipeline import validate_paths
from tests.conftest import FIXTURES, TODAY

VALID = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
TEAM = """\
people:
  - id: ayu
    name: Ayu Lestari
    email: ayu@example.co.id
roles:
  - id: social
    name: Social lead
    primary: ayu
    backups: [rina]
"""


def _plan(directory: Path, include: list[str], name: str = "client.yaml") -> Path:
    path = directory / name
    entries = "".join(f"  - {entry}\n" for entry in include)
    path.write_text(VALID + "include:\n" + entries, encoding="utf-8")
    return path


def _codes(path: Path) -> list[tuple[str, str, int]]:
    return [(f.code, Path(f.file).name, f.line) for f in load_plan(path).findings]


def test_fragment_items_are_merged(repo_dir: Path) -> None:
    (repo_dir / "team.yaml").write_text(TEAM)
    loaded = load_plan(_plan(repo_dir, ["team.yaml"]))
    assert loaded.findings == []
    assert loaded.plan is not None
    assert [p.id for p in loaded.plan.people] == ["rina", "dimas", "ayu"]


def test_error_in_fragment_points_into_the_fragment(repo_dir: Path) -> None:
    (repo_dir / "team.yaml").write_text(TEAM.replace("primary: ayu", "primary: ayuu"))
    [finding] = load_plan(_plan(repo_dir, ["team.yaml"])).findings
    assert (finding.code, Path(finding.file).name, finding.line) == ("CK014", "team.yaml", 8)
    assert finding.path == "roles[0].primary"
    assert finding.hint == "did you mean 'ayu'?"


def test_duplicate_id_across_files_names_both_places(repo_dir: Path) -> None:
    (repo_dir / "team.yaml").write_text(TEAM.replace("id: ayu\n", "id: rina\n", 1))
    findings = load_plan(_plan(repo_dir, ["team.yaml"])).findings
    duplicate = [f for f in findings if f.code == "CK015"]
    assert len(duplicate) == 1
    assert Path(duplicate[0].file).name == "team.yaml" and duplicate[0].line == 2
    line = VALID[: VALID.index("id: rina")].count("\n") + 1
    assert f"client.yaml:{line}" in duplicate[0].message


def test_missing_fragment_with_suggestion(repo_dir: Path) -> None:
    (repo_dir / "team.yaml").write_text(TEAM)
    [finding] = load_plan(_plan(repo_dir, ["teem.yaml"])).findings
    assert finding.code == "CK016"
    assert finding.hint == "did you mean 'team.yaml'?"
    assert finding.path == "include[0]"


def test_plan_included_as_fragment(repo_dir: Path) -> None:
    (repo_dir / "other.yaml").write_text(VALID)
    assert [c for c, _, _ in _codes(_plan(repo_dir, ["other.yaml"]))] == ["CK016"]


def test_include_cycle(repo_dir: Path) -> None:
    (repo_dir / "a.yaml").write_text("include: [b.yaml]\n")
    (repo_dir / "b.yaml").write_text("include: [a.yaml]\n")
    findings = load_plan(_plan(repo_dir, ["a.yaml"])).findings
    assert [(f.code, Path(f.file).name) for f in findings] == [("CK016", "b.yaml")]
    assert "cycle" in findings[0].message


def test_diamond_include_counts_once(repo_dir: Path) -> None:
    (repo_dir / "team.yaml").write_text(TEAM)
    (repo_dir / "a.yaml").write_text("include: [team.yaml]\n")
    assert load_plan(_plan(repo_dir, ["a.yaml", "team.yaml"])).findings == []


def test_parent_escape_is_refused(repo_dir: Path) -> None:
    inner = repo_dir / "plans"
    inner.mkdir()
    assert [c for c, _, _ in _codes(_plan(inner, ["../../outside.yaml"]))] == ["CK017"]


def test_parent_inside_repository_is_allowed(repo_dir: Path) -> None:
    (repo_dir / "agency").mkdir()
    (repo_dir / "agency" / "team.yaml").write_text(TEAM)
    clients = repo_dir / "clients"
    clients.mkdir()
    assert load_plan(_plan(clients, ["../agency/team.yaml"])).findings == []


def test_absolute_path_is_refused(repo_dir: Path) -> None:
    assert [c for c, _, _ in _codes(_plan(repo_dir, ["/etc/passwd"]))] == ["CK017"]


def test_symlink_out_of_repository_is_refused(repo_dir: Path, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    outside = tmp_path_factory.mktemp("outside") / "secret.yaml"
    outside.write_text(TEAM)
    os.symlink(outside, repo_dir / "team.yaml")
    findings = load_plan(_plan(repo_dir, ["team.yaml"])).findings
    assert [f.code for f in findings] == ["CK017"]
    assert "symlink" in findings[0].message


def test_fragment_cannot_hold_plan_sections(repo_dir: Path) -> None:
    (repo_dir / "team.yaml").write_text(TEAM + "review:\n  cadence: 90d\n")
    assert ("CK011", "team.yaml", 10) in _codes(_plan(repo_dir, ["team.yaml"]))


def test_orphan_fragment_in_directory(repo_dir: Path) -> None:
    (repo_dir / "team.yaml").write_text(TEAM)
    (repo_dir / "unused.yaml").write_text(TEAM)
    _plan(repo_dir, ["team.yaml"])
    findings = validate_paths([repo_dir], TODAY, lint=False).findings
    assert [(f.code, Path(f.file).name) for f in findings] == [("CK019", "unused.yaml")]


def test_agency_layout_with_shared_fragment(repo_dir: Path) -> None:
    (repo_dir / "team.yaml").write_text(TEAM.replace("primary: ayu", "primary: ayuu"))
    for client in ("a", "b", "c"):
        _plan(repo_dir, ["team.yaml"], name=f"{client}.yaml")
    report = validate_paths([repo_dir], TODAY, lint=False)
    # The fragment's error is reported once, not once per client plan.
    assert [(f.code, Path(f.file).name) for f in report.findings] == [("CK014", "team.yaml")]
    assert len(report.plans) == 3


def test_duplicate_id_in_two_fragments_names_both(repo_dir: Path) -> None:
    (repo_dir / "a.yaml").write_text(TEAM)
    (repo_dir / "b.yaml").write_text("# the same person again\n" + TEAM)
    findings = load_plan(_plan(repo_dir, ["a.yaml", "b.yaml"])).findings
    people = [f for f in findings if f.code == "CK015" and f.path == "people[0].id"]
    assert [(Path(f.file).name, f.line) for f in people] == [("b.yaml", 3)]
    assert "a.yaml:2" in people[0].message
