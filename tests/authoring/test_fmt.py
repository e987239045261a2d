"""`crisiskit fmt`: the canonical layout, what it keeps, and what it refuses."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiskit.authoring.fmt import CannotFormat, format_text
from crisiskit.cli import app
from crisiskit.loader.compose import compose
from tests.conftest import REPO, load_valid

runner = CliRunner()


def fmt(text: str) -> str:
    result = format_text(text, "plan.yaml")
    assert format_text(result, "plan.yaml") == result, "formatting twice changed it again"
    assert compose(result, "plan.yaml").data == compose(text, "plan.yaml").data
    return result


def test_keys_follow_the_plan_format_and_comments_travel_with_their_key() -> None:
    text = """\
# Header of the plan: stays on top.
organization:
  # The client's name, as used in messages.
  name: Toko
  default_timezone: Asia/Jakarta  # WIB
  id: toko
crisiskit: 1

roles:
  - name: Crisis lead
    # Decides about statements.
    critical: true
    id: crisis-lead
    backups: [rina]
    primary: dewi
"""
    assert (
        fmt(text)
        == """\
# Header of the plan: stays on top.
crisiskit: 1
organization:
  # The client's name, as used in messages.
  name: Toko
  id: toko
  default_timezone: Asia/Jakarta  # WIB

roles:
  - id: crisis-lead
    name: Crisis lead
    primary: dewi
    backups: [rina]
    # Decides about statements.
    critical: true
"""
    )


def test_blank_lines_stay_and_a_comment_indented_under_a_key_stays_with_it() -> None:
    text = """\
crisiskit: 1

people:
  - name: Dewi
    id: dewi
    phone: "+62 812-1000-2001"
    # email: not yet known

locales:
  - id: id
"""
    assert (
        fmt(text)
        == """\
crisiskit: 1

locales:
  - id: id

people:
  - id: dewi
    name: Dewi
    phone: "+62 812-1000-2001"
    # email: not yet known
"""
    )


def test_four_space_indentation_becomes_two_with_comments_realigned() -> None:
    text = """\
crisiskit: 1
people:
-   id: dewi
    # her shift
    working_hours:
    -   days: [mon, tue]
        # starts early
        start: "07:00"
        end: "15:00"
"""
    assert (
        fmt(text)
        == """\
crisiskit: 1
people:
  - id: dewi
    # her shift
    working_hours:
      - days: [mon, tue]
        # starts early
        start: "07:00"
        end: "15:00"
"""
    )


def test_scalars_stay_as_written() -> None:
    long_line = "word " * 60
    text = f"""\
crisiskit: 1
organization:
  name: 'Warung: Rasa'
  help_url: "https://example.id/#bantuan"
  default_timezone: Asia/Jakarta
messages:
  - templates:
      - text: |
          # not a comment: the first line of the message
          {long_line.strip()}

        locale: id
    id: apology
review:
  last_reviewed: 2026-09-30
  cadence: 90d
  notes: >-
    folded
    text
people:
  - id: a
    working_hours:
      - start: 09:00
        end: "17:00"
        days: [mon,
          tue]
"""
    result = fmt(text)
    assert "  name: 'Warung: Rasa'\n" in result
    assert '  help_url: "https://example.id/#bantuan"\n' in result
    # The blank line stays in its place, between the first and the second key.
    assert "      - locale: id\n\n        text: |\n          # not a comment" in result
    assert long_line.strip() in result  # never re-wrapped
    assert "  notes: >-\n    folded\n    text\n" in result
    assert "      - days: [mon, tue]\n        start: 09:00\n" in result


def test_anchors_and_aliases_are_kept() -> None:
    text = """\
crisiskit: 1
people:
  - name: Dewi
    id: dewi
    working_hours: &office
      - days: [mon]
        start: "09:00"
        end: "17:00"
  - name: Rina
    id: rina
    working_hours: *office
"""
    result = fmt(text)
    assert "    working_hours: &office\n" in result and "    working_hours: *office\n" in result
    assert result.index("id: rina") < result.index("name: Rina")


def test_line_endings_and_byte_order_mark_are_kept() -> None:
    text = "\ufeffcrisiskit: 1\r\norganization:\r\n    name: Toko\r\n    id: toko\r\n"
    assert format_text(text, "plan.yaml") == (
        "\ufeffcrisiskit: 1\r\norganization:\r\n  name: Toko\r\n  id: toko\r\n"
    )


def test_document_start_marker_is_kept() -> None:
    assert fmt("---\n# plan\ncrisiskit: 1\n") == "---\n# plan\ncrisiskit: 1\n"


@pytest.mark.parametrize(
    ("text", "code", "where"),
    [
        ("crisiskit: 1\norganization: [\n", "CK001", (3, 1)),
        ("crisiskit: 1\ncrisiskit: 2\n", "CK005", (2, 1)),
        ("crisiskit: 1\n---\ncrisiskit: 1\n", "CK010", (2, 1)),
        ("crisiskit: !!python/object:os.system 1\n", "CK006", (1, 12)),
        ("# only a comment\n", "CK003", (1, 1)),
    ],
)
def test_refuses_what_it_cannot_parse(text: str, code: str, where: tuple[int, int]) -> None:
    with pytest.raises(CannotFormat) as refused:
        format_text(text, "plan.yaml")
    assert refused.value.finding.code == code
    assert (refused.value.finding.line, refused.value.finding.column) == where


def test_bundled_plans_are_formatted() -> None:
    result = runner.invoke(app, ["fmt", "--check", str(REPO / "plans")])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "7 files already formatted.\n"


def test_formatting_a_shuffled_bundled_plan_loads_the_same_plan(tmp_path: Path) -> None:
    """Keys reversed in every mapping, 4-space indentation: fmt restores the same plan."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    def reverse(node: object) -> object:
        if isinstance(node, CommentedMap):
            return CommentedMap((k, reverse(node[k])) for k in reversed(list(node)))
        if isinstance(node, CommentedSeq):
            return CommentedSeq(reverse(item) for item in node)
        return node

    yaml = YAML()
    yaml.indent(mapping=4, sequence=4, offset=0)
    for original in sorted((REPO / "plans").rglob("*.yaml")):
        copy = tmp_path / original.relative_to(REPO)
        copy.parent.mkdir(parents=True, exist_ok=True)
        with copy.open("w", encoding="utf-8") as handle:
            yaml.dump(reverse(yaml.load(original.read_text(encoding="utf-8"))), handle)
    (tmp_path / "templates").symlink_to(REPO / "templates")
    (tmp_path / ".git").mkdir()
    shuffled = (tmp_path / "plans/harbor-outdoor.yaml").read_text(encoding="utf-8")
    assert not shuffled.startswith("crisiskit")
    result = runner.invoke(app, ["fmt", str(tmp_path / "plans")])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.endswith("7 files formatted.\n")
    for name in ("harbor-outdoor.yaml", "kirana-social/warung-rasa.yaml"):
        formatted = (tmp_path / "plans" / name).read_text(encoding="utf-8")
        assert formatted.startswith("crisiskit: 1\norganization:\n")
        assert load_valid(tmp_path / "plans" / name).plan == load_valid(REPO / "plans" / name).plan


def _cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["fmt", *args])
    return result.exit_code, result.stdout, result.stderr


UNFORMATTED = "organization:\n    name: Toko\n    id: toko\ncrisiskit: 1\n"
FORMATTED = "crisiskit: 1\norganization:\n  name: Toko\n  id: toko\n"


def test_check_and_diff_change_nothing(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(UNFORMATTED, encoding="utf-8")
    code, out, err = _cli("--check", str(plan))
    assert (code, out) == (1, "")
    assert err == f"would reformat {plan}\n1 file would be reformatted.\n"
    code, out, err = _cli("--diff", str(plan))
    assert code == 0
    assert out.startswith(f"--- {plan}\n+++ {plan}\n@@ -1,4 +1,4 @@\n+crisiskit: 1\n")
    assert out.endswith(
        "-    name: Toko\n-    id: toko\n-crisiskit: 1\n+  name: Toko\n+  id: toko\n"
    )
    code, out, _ = _cli("--check", "--diff", str(plan))
    assert code == 1 and out.startswith("--- ")
    assert plan.read_text(encoding="utf-8") == UNFORMATTED


def test_writes_in_place_keeping_mode_and_symlinks(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # the repository: a symlink inside it is followed
    target = tmp_path / "real.yaml"
    target.write_text(UNFORMATTED, encoding="utf-8")
    os.chmod(target, 0o640)
    link = tmp_path / "plans" / "plan.yaml"
    link.parent.mkdir()
    link.symlink_to(target)
    code, _, err = _cli(str(link))
    assert code == 0, err
    assert err == f"formatted {link}\n1 file formatted.\n"
    assert link.is_symlink() and target.read_text(encoding="utf-8") == FORMATTED
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == [".git", "plans", "real.yaml"]  # no temp
    assert _cli(str(link)) == (0, "", "1 file already formatted.\n")


def test_a_symlink_out_of_the_repository_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text(UNFORMATTED, encoding="utf-8")
    repository = tmp_path / "repo"
    (repository / ".git").mkdir(parents=True)
    (repository / "plans").mkdir()
    (repository / "plans/link.yaml").symlink_to(outside)
    code, _, err = _cli(str(repository / "plans"))
    assert code == 1
    assert f"not formatted: {repository}/plans/link.yaml:1:1: CK017 a symlink out of" in err
    assert err.endswith("1 file not formatted.\n")
    assert outside.read_text(encoding="utf-8") == UNFORMATTED


def test_a_file_it_cannot_parse_is_reported_and_left_alone(tmp_path: Path) -> None:
    good = tmp_path / "a.yaml"
    good.write_text(UNFORMATTED, encoding="utf-8")
    bad = tmp_path / "b.yaml"
    bad.write_text("crisiskit: 1\norganization:\n\tname: x\n", encoding="utf-8")
    code, _, err = _cli(str(tmp_path))
    assert code == 1
    assert f"not formatted: {bad}:3:1: CK001 " in err
    assert err.endswith("1 file formatted, 1 file not formatted.\n")
    assert good.read_text(encoding="utf-8") == FORMATTED
    assert bad.read_text(encoding="utf-8") == "crisiskit: 1\norganization:\n\tname: x\n"


def test_bad_paths_are_usage_errors(tmp_path: Path) -> None:
    inside_git = tmp_path / ".git" / "config.yaml"
    inside_git.parent.mkdir()
    inside_git.write_text(UNFORMATTED, encoding="utf-8")
    code, _, err = _cli(str(inside_git))
    assert code == 2 and "inside .git; fmt never writes there" in err
    assert inside_git.read_text(encoding="utf-8") == UNFORMATTED
    code, _, err = _cli(str(tmp_path / "missing.yaml"))
    assert code == 2 and "no such file or directory" in err
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"crisiskit: 1\nname: \xff\n")
    code, _, err = _cli(str(binary))
    assert code == 1 and f"not formatted: {binary}:2:7: CK002" in err
