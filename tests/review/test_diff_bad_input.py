"""`crisiskit diff` on bad input: clear one-line results and exit codes, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from crisiskit.cli import app
from crisiskit.output.diff import COMMENT_LIMIT, render_markdown
from crisiskit.review.model import Action, Change, DiffReport, PlanDiff, Risk, Stage
from tests.review.gitrepo import GIT_ENV, commit, edit, git, make_repo

runner = CliRunner()
PLAN = "plans/harbor-outdoor.yaml"


def diff(cwd: Path, *args: str) -> tuple[int, str, str]:
    here = Path.cwd()
    os.chdir(cwd)
    try:
        result = runner.invoke(app, ["diff", "--today", "2026-11-24", *args])
    finally:
        os.chdir(here)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo")


def test_unknown_revision_suggests_the_nearest(repo: Path) -> None:
    code, out, err = diff(repo, "mian")
    assert (code, out) == (2, "")
    assert err == "crisiskit: error: unknown revision 'mian' (did you mean 'main'?)\n"


def test_a_revision_that_looks_like_an_option_is_not_one(repo: Path) -> None:
    code, _, err = diff(repo, "--", "--output=/tmp/x")
    assert code == 2 and "unknown revision '--output=/tmp/x'" in err


def test_default_base_is_the_merge_base_and_head_the_working_tree(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "feature")
    edit(repo, PLAN, "    first_response: 15m", "    first_response: 20m")
    code, out, err = diff(repo)
    assert (code, err) == (0, "")
    base = git(repo, "rev-parse", "--short=7", "main")
    assert out.startswith(f"crisiskit diff: merge-base with main ({base}) → working tree\n")
    assert "SEV1 first response slowed from 15m to 20m" in out


def test_shallow_clone_without_the_merge_base_says_how_to_fetch_it(
    repo: Path, tmp_path: Path
) -> None:
    git(repo, "checkout", "-q", "-b", "feature")
    edit(repo, PLAN, "    first_response: 15m", "    first_response: 20m")
    commit(repo, "slower")
    git(repo, "checkout", "-q", "main")
    edit(repo, PLAN, "    update_every: 30m", "    update_every: 20m")
    commit(repo, "faster updates")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", "--branch", "feature", f"file://{repo}", str(clone)],
        check=True,
        env={**os.environ, **GIT_ENV},
    )
    git(clone, "fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main")
    code, out, err = diff(clone, "--merge-base", "origin/main", "HEAD")
    assert (code, out) == (2, "")
    assert "not in this shallow clone" in err and "fetch-depth: 0" in err


def test_an_added_and_a_deleted_plan_are_reported_as_such(repo: Path) -> None:
    copy = (repo / PLAN).read_text(encoding="utf-8").replace("id: harbor-outdoor", "id: harbor-2")
    (repo / "plans" / "harbor-copy.yaml").write_text(copy, encoding="utf-8")
    (repo / PLAN).unlink()
    commit(repo, "another plan", "moved")
    code, out, _ = diff(repo, "step-0", "moved", "--format", "json")
    assert code == 0
    plans = {p["file"]: p["status"] for p in json.loads(out)["plans"]}
    assert plans[PLAN] == "removed" and plans["plans/harbor-copy.yaml"] == "added"
    reasons = [c["risk"]["reason"] for c in json.loads(out)["changes"] if c["risk"]]
    assert reasons == [f"plan {PLAN} deleted"]


def test_invalid_yaml_on_one_side_is_a_result(repo: Path) -> None:
    edit(repo, PLAN, "  last_reviewed: 2026-09-30\n", "  last_reviewed: [2026-09-30\n")
    commit(repo, "broken", "broken")
    code, out, err = diff(repo, "step-0", "broken", "--fail-on", "high")
    assert (code, err) == (1, "")
    assert f"{PLAN}: does not load in broken: {PLAN}:" in out
    assert f"HIGH: plan {PLAN} no longer loads; run crisiskit validate" in out
    code, out, _ = diff(repo, "broken", "step-0")
    assert code == 0 and "+ plan: loads again" not in out and "~ plan: loads again" in out


def test_a_plan_missing_on_both_sides(repo: Path) -> None:
    code, _, err = diff(repo, "step-0", "--plan", "plans/nope.yaml")
    assert code == 2
    assert err == (
        "crisiskit: error: --plan: plans/nope.yaml: no such plan in step-0 or working tree\n"
    )


def test_outside_a_git_repository(tmp_path: Path) -> None:
    code, _, err = diff(tmp_path)
    assert code == 2 and "not inside a git repository" in err
    assert "crisiskit diff OLD.yaml NEW.yaml" in err


def test_two_plan_files(repo: Path) -> None:
    new = repo / "plans" / "proposed.yaml"
    shutil.copy(repo / PLAN, new)
    edit(repo, "plans/proposed.yaml", "    backups: [sam]\n", "    backups: []\n")
    code, out, _ = diff(repo, PLAN, "plans/proposed.yaml", "--fail-on", "high")
    assert code == 1 and "HIGH: role crisis-lead loses its only backup" in out
    code, _, err = diff(repo, PLAN, "plans/missing.yaml")
    assert code == 2 and "plans/missing.yaml: no such plan file" in err


def test_output_file_is_not_overwritten_without_force(repo: Path) -> None:
    (repo / "diff.md").write_text("keep me", encoding="utf-8")
    code, _, err = diff(repo, "step-0", "-o", "diff.md")
    assert code == 2 and "--output" in err
    assert (repo / "diff.md").read_text(encoding="utf-8") == "keep me"
    assert diff(repo, "step-0", "-o", "diff.md", "--force", "-f", "markdown")[0] == 0
    assert (repo / "diff.md").read_text(encoding="utf-8").startswith("## crisiskit diff")


def _hostile_report(count: int) -> DiffReport:
    text = "<img src=x onerror=alert(1)> | **bold** # [link](http://x)"
    change = Change(Stage.TEAM, Action.CHANGED, "person rina", f"name: {text}", "p.yaml")
    return DiffReport(
        "main",
        "working tree",
        [PlanDiff("p.yaml", "changed")],
        [
            Change(
                Stage.TEAM,
                Action.CHANGED,
                f"person p{i}",
                change.detail,
                "p.yaml",
                Risk.LOW,
                text,
                plans=("p.yaml",),
            )
            for i in range(count)
        ],
    )


def test_markdown_escapes_plan_text() -> None:
    html = MarkdownIt("commonmark").enable("table").render(render_markdown(_hostile_report(1)))
    assert "<img" not in html and "<strong>bold" not in html and "<a href" not in html


def test_markdown_is_cut_under_the_comment_limit_with_a_note() -> None:
    text = render_markdown(_hostile_report(3000))
    assert len(text.encode("utf-16-le")) // 2 < COMMENT_LIMIT
    assert "Cut to fit GitHub's 65,536-character comment limit" in text
    assert text.count("<details>") == text.count("</details>")
    assert len(render_markdown(_hostile_report(3))) < 5000


def test_from_a_subdirectory_the_repositorys_plans_are_compared(repo: Path) -> None:
    edit(repo, PLAN, "    first_response: 15m", "    first_response: 20m")
    code, out, _ = diff(repo / "templates", "step-0")
    assert code == 0
    assert "../plans/harbor-outdoor.yaml: " not in out  # one plan changed: no "in" lines
    assert "SEV1 first response slowed from 15m to 20m" in out
    assert "4 plans compared: 1 changed, 3 unchanged" in out


def test_a_fragment_given_as_plan_says_what_to_do(repo: Path) -> None:
    code, _, err = diff(repo, "step-0", "--plan", "plans/kirana-social/agency-team.yaml")
    assert code == 2
    assert "is a fragment, not a plan" in err and "leave out --plan" in err


def test_a_revision_with_a_line_break_is_shown_on_one_line(repo: Path) -> None:
    code, _, err = diff(repo, "ma\nin")
    assert code == 2
    assert err == "crisiskit: error: unknown revision 'ma\\nin' (did you mean 'main'?)\n"


def test_a_moved_plan_is_compared_with_its_old_file(repo: Path) -> None:
    (repo / "plans" / "brands").mkdir()
    moved = "plans/brands/harbor-outdoor.yaml"
    text = (repo / PLAN).read_text(encoding="utf-8").replace("../templates/", "../../templates/")
    (repo / moved).write_text(
        text.replace("    backups: [sam]", "    backups: []"), encoding="utf-8"
    )
    (repo / PLAN).unlink()
    commit(repo, "move the plan", "moved")
    code, out, _ = diff(repo, "step-0", "moved", "--format", "json")
    assert code == 0
    plans = {p["file"]: p["status"] for p in json.loads(out)["plans"]}
    assert plans[moved] == "changed" and PLAN not in plans
    changes = [(c["action"], c["subject"], c["detail"]) for c in json.loads(out)["changes"]]
    assert ("renamed", "plan", f"moved from {PLAN}") in changes
    assert ("changed", "role crisis-lead", "backups: − sam") in changes
