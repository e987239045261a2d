"""`crisiskit drill run --answers` end to end on copies of the bundled plans.

A scripted drill writes its record (golden file) and prints its summary (golden file);
`validate`, `drill status` and `drill report` then see it. Every refusal exits 2 and
writes nothing.
"""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiskit.cli import app
from tests.conftest import FIXTURES, REPO, assert_golden

runner = CliRunner()
GOLDEN = FIXTURES / "drills"
WARUNG = "plans/kirana-social/warung-rasa.yaml"
HARBOR = "plans/harbor-outdoor.yaml"
RECORDS = Path("plans/kirana-social/drills/warung-rasa")
ANSWERS = str(REPO / "examples" / "warung-rasa-takeover.answers.yaml")
AT = ["--at", "2026-11-23T10:00"]


@pytest.fixture
def repo(repo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(REPO / "plans", repo_dir / "plans")
    shutil.copytree(REPO / "templates", repo_dir / "templates")
    monkeypatch.chdir(repo_dir)
    return repo_dir


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["drill", *args])
    return result.exit_code, result.stdout, result.stderr


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_scripted_drill_writes_its_record_and_summary(repo: Path) -> None:
    code, out, err = _run("run", "takeover-tabletop", "--plan", WARUNG, "--answers", ANSWERS, *AT)
    assert code == 0, err
    record = RECORDS / "2026-11-23-takeover-tabletop.yaml"
    assert f"Drill record saved to {record}" in err
    # The summary follows the drafts rendered on the spot (the answers ask for one message).
    assert out.startswith("===== holding-statement =====\n")
    assert "pukul 10.30 WIB" in out  # drafts speak of the drill's start (--at) + cadence
    assert_golden(GOLDEN / "warung-rasa-takeover.summary.txt", out[out.index("Drill summary:") :])
    assert_golden(GOLDEN / "warung-rasa-takeover.record.yaml", record.read_text(encoding="utf-8"))


def test_validate_status_and_report_see_the_new_record(repo: Path) -> None:
    assert _run("run", "takeover-tabletop", "--plan", WARUNG, "--answers", ANSWERS, *AT)[0] == 0
    result = runner.invoke(app, ["validate", "plans/", "--today", "2026-11-24"])
    assert result.exit_code == 0, result.stdout
    assert "8 files checked" in result.stdout  # 5 plans and fragments, 2 bundled records, 1 new

    code, out, _ = _run("status", "--plan", WARUNG, "--today", "2026-11-24", "-f", "json")
    assert code == 0
    takeover = next(t for t in json.loads(out)["threats"] if t["threat"] == "account-takeover")
    assert takeover["last_drill"] == "2026-11-23"
    assert takeover["next_due"] == "2027-02-21"  # cadence 90d
    # The same follow-up agreed twice (the bundled record and this one), both open.
    assert [f["drill"] for f in takeover["open_follow_ups"]] == ["2026-11-20", "2026-11-23"]

    code, out, _ = _run("report", "--plan", WARUNG, "-f", "json")
    assert code == 0
    drills = json.loads(out)["drills"]
    assert [d["date"] for d in drills] == ["2026-09-18", "2026-11-06", "2026-11-20", "2026-11-23"]
    assert drills[-1]["actions"][2] == {
        "id": "sesi-dicabut",
        "within": "30m",
        "at": "34m",
        "outcome": "late",
    }
    code, out, _ = _run("report", "--plan", WARUNG)
    assert "2026-11-23  takeover-tabletop   ##########" in out  # piped: plain ASCII bars
    assert "Expected actions on time: 4 of 8 (50%)" in out


def test_a_plan_without_records_gets_the_drill_appended_to_its_log(repo: Path) -> None:
    plan = repo / HARBOR
    before = plan.read_text(encoding="utf-8")
    answers = str(GOLDEN / "harbor-takeover.answers.yaml")
    code, _, err = _run("run", "takeover-tabletop", "--plan", HARBOR, "--answers", answers, *AT)
    assert code == 0, err
    assert f"appended to the drill log in {HARBOR}" in err
    after = plan.read_text(encoding="utf-8")
    # Every line written before is kept, comments and quoting included: lines were only added.
    changes = [
        line[0]
        for line in difflib.ndiff(before.splitlines(), after.splitlines())
        if line[0] in "+-"
    ]
    assert set(changes) == {"+"}
    assert after.startswith(before)
    assert after.endswith(
        "    - date: 2026-11-23\n      scenario: takeover-tabletop\n"
        + after.split("    - date: 2026-11-23\n      scenario: takeover-tabletop\n")[1]
    )
    result = runner.invoke(app, ["validate", HARBOR, "--today", "2026-11-24"])
    assert result.exit_code == 0, result.stdout


def test_an_interrupted_drill_is_saved_as_interrupted(repo: Path, tmp_path: Path) -> None:
    answers = tmp_path / "stopped.yaml"
    answers.write_text("actions:\n  pemulihan-akun: 9m\ninterrupted: true\n", encoding="utf-8")
    code, out, _ = _run(
        "run", "takeover-tabletop", "--plan", WARUNG, "--answers", str(answers), *AT
    )
    assert code == 130
    assert "· interrupted ·" in out
    record = (repo / RECORDS / "2026-11-23-takeover-tabletop.yaml").read_text(encoding="utf-8")
    assert "status: interrupted\n" in record
    assert "  - id: pernyataan-awal\n    within: 15m\n  - id" in record  # not reached: no `at`


REFUSALS = [
    (
        ["run", "takeover-tabeltop", "--plan", WARUNG, "--answers", ANSWERS],
        "unknown scenario 'takeover-tabeltop'; did you mean 'takeover-tabletop'?",
    ),
    (
        ["run", "takeover-tabletop", "--plan", WARUNG, "--answers", ANSWERS, "--at", "2026-11-20"],
        "2026-11-20-takeover-tabletop.yaml already exists",
    ),
    (
        ["run", "takeover-tabletop", "--plan", WARUNG, *AT],
        "drill run is interactive: run it in a terminal, or give --answers FILE",
    ),
    (
        ["run", "takeover-tabletop", "--plan", WARUNG, "--speed", "0", *AT],
        "--speed: 0 must be above 0",
    ),
    (
        ["run", "takeover-tabletop", "--plan", WARUNG, "--manual", "--speed", "5", *AT],
        "give --manual or --speed, not both",
    ),
    (
        ["run", "takeover-tabletop", "--plan", WARUNG, "--participant", "bimo", *AT],
        "--participant: unknown person 'bimo'; did you mean 'bima'?",
    ),
    (
        ["run", "takeover-tabletop", "--plan", WARUNG, "--record", "../x.yaml", *AT],
        "--record: '../x.yaml' must be a file name ending in .yaml",
    ),
    (
        ["run", "takeover-tabletop", "--plan", HARBOR, "--record", "x.yaml", *AT],
        "--record: the plan keeps its drill log inline",
    ),
]


@pytest.mark.parametrize(("args", "message"), REFUSALS, ids=lambda v: str(v)[:40])
def test_refusals_exit_2_and_write_nothing(repo: Path, args: list[str], message: str) -> None:
    before = _tree(repo)
    code, out, err = _run(*args)
    assert code == 2, (out, err)
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert _tree(repo) == before


ANSWER_MISTAKES = [
    (
        "actions:\n  pemulihan-akun: 9m\n  pernyataan-awl: 12m\n",
        3,
        "did you mean 'pernyataan-awal'?",
    ),
    ("participants: [bima, dewy]\n", 1, "unknown person 'dewy'; did you mean 'dewi'?"),
    ("notes:\n  - at: soon\n    text: x\n", 2, "'soon' is not a drill time"),
    ("render: [holding-statment]\n", 1, "did you mean 'holding-statement'?"),
    ("render: [apology]\n", 1, "'apology' is not a message of this threat"),
    (
        "follow_ups:\n  - action: x\n    owner: bima\n    due: next week\n",
        2,
        "due date 'next week' is not a date",
    ),
    ("\n\nfindngs: [x]\n", 3, "unknown key; did you mean 'findings'?"),
    ("actions: [pemulihan-akun]\n", 1, "must map expected action ids to drill times"),
    ("actions:\n  pemulihan-akun: [9m\n", 3, ""),
]


@pytest.mark.parametrize(("text", "line", "message"), ANSWER_MISTAKES, ids=lambda v: str(v)[:30])
def test_an_answers_file_that_does_not_match_names_its_line(
    repo: Path, tmp_path: Path, text: str, line: int, message: str
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(text, encoding="utf-8")
    before = _tree(repo)
    code, _, err = _run(
        "run", "takeover-tabletop", "--plan", WARUNG, "--answers", str(answers), *AT
    )
    assert code == 2, err
    assert f"{answers}:{line}: " in err
    assert message in err
    assert _tree(repo) == before


def test_a_scenario_whose_threat_has_no_messages_is_refused(repo: Path) -> None:
    plan = repo / HARBOR
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace("    messages: [holding-statement, internal-alert, resolution]\n", "", 1),
        encoding="utf-8",
    )
    before = _tree(repo)
    code, _, err = _run("run", "takeover-tabletop", "--plan", HARBOR, *AT)
    assert code == 2
    assert "its threat 'account-takeover' lists no messages" in err
    assert _tree(repo) == before


def test_plan_text_cannot_rewrite_the_terminal_or_a_ci_log(repo: Path) -> None:
    record = repo / RECORDS / "2026-11-20-takeover-tabletop.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(
        text.replace(
            "  - action: Siapkan templat jawaban media untuk pengambilalihan akun\n",
            '  - action: "Siapkan\\n::error::pwned \\x1b[31mred\\u202e"\n',
        ).replace("scenario: takeover-tabletop", 'scenario: "takeover-tabletop"'),
        encoding="utf-8",
    )
    for args in (
        ["status", "--plan", WARUNG, "--today", "2026-11-24"],
        ["status", "--plan", WARUNG, "--today", "2026-11-24", "-f", "markdown"],
        ["report", "--plan", WARUNG],
        ["report", "--plan", WARUNG, "-f", "markdown"],
    ):
        code, out, err = _run(*args)
        assert code == 0, err
        assert "\x1b" not in out and "\u202e" not in out
        assert not [line for line in out.splitlines() if line.lstrip().startswith("::")]
    code, out, _ = _run("status", "--plan", WARUNG, "--today", "2026-11-24")
    assert "Siapkan ::error::pwned \\x1b[31mred\\u202e" in out
