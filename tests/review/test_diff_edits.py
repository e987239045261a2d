"""`crisiskit diff` through a series of realistic edits of a git repository.

Each edit is one commit (tagged step-N) on top of the last; the diff between two steps,
read from git objects, is checked against golden output in every format. Set
CRISISKIT_UPDATE_GOLDEN=1 to rewrite the golden files, then read them before committing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from crisiskit.cli import app
from tests.conftest import assert_golden
from tests.review.gitrepo import GOLDEN, commit, edit, make_repo

runner = CliRunner()
PLAN = "plans/harbor-outdoor.yaml"
X_TEMPLATE = "templates/harbor-outdoor/holding-statement.en.x.j2"
AGENCY = "plans/kirana-social/agency-team.yaml"
Edit = tuple[str, str, str] | tuple[str, str, str, int]

REMOVED_THREAT = """  - id: insensitive-post
    name: Mistimed or insensitive post
    kind: offensive-post
    likelihood: unlikely
    impact: moderate
    severity: sev2
    owner: social-lead
    signals:
      - Replies call the post insensitive
    first_steps:
      - Pause the scheduling queue
      - Remove the post and acknowledge it
    messages: [holding-statement]

"""
ADDED_THREAT = """    messages: [update]

  - id: store-protest
    name: Protest at a flagship store
    kind: other
    likelihood: unlikely
    impact: moderate
    severity: sev2
    owner: crisis-lead
    signals:
      - Activists announce a protest outside a store
    first_steps:
      - Brief the store manager and security
    messages: [holding-statement]

messages:"""
NEW_DRILL = """  log:
    - date: 2026-11-20
      scenario: breach-tabletop
      participants: [olivia, priya, sam]
      time_to_first_statement: 22m
      findings:
        - The on-call manager found the ICO form in the vault within minutes
"""

# (tag, what a reviewer would call the change, the edits it makes)
EDITS: list[tuple[str, str, list[Edit]]] = [
    (
        "01-threats",
        "a threat removed, another added",
        [
            (PLAN, REMOVED_THREAT, ""),
            (PLAN, "    messages: [update]\n\nmessages:", ADDED_THREAT),
        ],
    ),
    (
        "02-roles",
        "the crisis lead loses its only backup; a new spokesperson",
        [
            (PLAN, "    backups: [sam]\n", "    backups: []\n"),
            (
                PLAN,
                "    primary: olivia\n    backups: [james]",
                "    primary: james\n    backups: [olivia]",
            ),
        ],
    ),
    (
        "03-contacts",
        "a phone number changed, an e-mail removed",
        [
            (PLAN, "+44 7911 123402", "+44 7911 123499"),
            (PLAN, "    email: dpo@harbor-outdoor.example.com\n", ""),
        ],
    ),
    (
        "04-timings",
        "SEV1 slower to respond and update; slower escalation",
        [
            (
                PLAN,
                "    first_response: 15m\n    update_every: 30m",
                "    first_response: 1h\n    update_every: 1h",
            ),
            (PLAN, "    after: 10m", "    after: 45m"),
        ],
    ),
    (
        "05-approvals",
        "SEV1 approvals cut; the English locale loses its spokesperson",
        [
            (
                PLAN,
                "    approvers: [crisis-lead, executive]",
                "    approvers: [crisis-lead]",
            ),
            (PLAN, "    name: English\n    spokesperson: spokesperson\n", "    name: English\n"),
        ],
    ),
    (
        "06-wording",
        "the X holding statement reworded past the limit",
        [
            (
                X_TEMPLATE,
                "and are looking into it urgently.",
                "and our product safety team is looking into it urgently, together with the "
                "manufacturer and the independent testing lab we work with.",
            ),
        ],
    ),
    ("07-drills", "a drill held", [(PLAN, "  log:\n", NEW_DRILL)]),
    (
        "08-rename",
        "role dpo renamed to data-protection everywhere",
        [
            (PLAN, "  - id: dpo\n", "  - id: data-protection\n"),
            (
                PLAN,
                "notify: [crisis-lead, executive, dpo]",
                "notify: [crisis-lead, executive, data-protection]",
            ),
            (PLAN, "        role: dpo\n", "        role: data-protection\n", 2),
            (PLAN, "    approvers: [dpo]", "    approvers: [data-protection]"),
        ],
    ),
    (
        "09-regulator",
        "the ICO deadline lengthened",
        [
            (
                PLAN,
                "        regulator: ICO\n        within: 72h",
                "        regulator: ICO\n        within: 96h",
            )
        ],
    ),
    (
        "10-agency-fragment",
        "the agency's shared team fragment: a new number, a backup gone",
        [
            (AGENCY, "+62 812-1000-2004", "+62 812-1000-2999"),
            (AGENCY, "    backups: [eko, fajar]", "    backups: [eko]"),
        ],
    ),
]
FORMATS = {"text": "txt", "markdown": "md", "json": "json"}


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository after every edit, each commit tagged with its step's name."""
    repo = make_repo(tmp_path_factory.mktemp("diff") / "repo")
    for tag, description, edits in EDITS:
        for file, old, new, *count in edits:
            edit(repo, file, old, new, *count)
        commit(repo, description, tag)
    return repo


def diff(repo: Path, *args: str) -> tuple[int, str, str]:
    cwd = Path.cwd()
    os.chdir(repo)
    try:
        result = runner.invoke(app, ["diff", "--today", "2026-11-24", *args])
    finally:
        os.chdir(cwd)
    return result.exit_code, result.stdout, result.stderr


def previous(tag: str) -> str:
    index = [t for t, _, _ in EDITS].index(tag)
    return EDITS[index - 1][0] if index else "step-0"


@pytest.mark.parametrize("output_format", FORMATS)
@pytest.mark.parametrize("tag", [t for t, _, _ in EDITS])
def test_each_edit_matches_its_golden_output(history: Path, tag: str, output_format: str) -> None:
    code, out, err = diff(history, previous(tag), tag, "--format", output_format)
    assert (code, err) == (0, "")
    assert_golden(GOLDEN / f"{tag}.{FORMATS[output_format]}", out)


def _changes(history: Path, tag: str) -> list[dict[str, Any]]:
    code, out, _ = diff(history, previous(tag), tag, "--format", "json")
    assert code == 0
    changes: list[dict[str, Any]] = json.loads(out)["changes"]
    return changes


def _reasons(history: Path, tag: str) -> dict[str, str]:
    return {c["risk"]["reason"]: c["risk"]["level"] for c in _changes(history, tag) if c["risk"]}


@pytest.mark.parametrize(
    ("tag", "reason", "level"),
    [
        ("01-threats", "the plan no longer prepares for threat insensitive-post", "medium"),
        ("02-roles", "role crisis-lead loses its only backup", "high"),
        ("02-roles", "role spokesperson is now held by james (was olivia)", "low"),
        ("03-contacts", "priya loses their e-mail", "medium"),
        ("03-contacts", "tom's phone number changed: check it before it is needed", "low"),
        ("04-timings", "SEV1 first response slowed from 15m to 1h", "high"),
        ("04-timings", "SEV1 updates slowed from every 30m to every 1h", "medium"),
        ("04-timings", "escalation social-lead → crisis-lead slowed from 10m to 45m", "medium"),
        ("05-approvals", "SEV1 no longer needs approval from executive", "medium"),
        ("05-approvals", "locale en loses its spokesperson", "high"),
        (
            "09-regulator",
            "regulator deadline lengthened: ICO for customer-data-breach from 3d to 4d",
            "high",
        ),
        ("10-agency-fragment", "role crisis-lead loses backup fajar", "medium"),
    ],
)
def test_risky_changes_have_a_level_and_a_reason(
    history: Path, tag: str, reason: str, level: str
) -> None:
    assert _reasons(history, tag).get(reason) == level


def test_wording_past_the_limit_is_high_with_both_lengths(history: Path) -> None:
    changes = _changes(history, "06-wording")
    on_x = next(c for c in changes if c["detail"] == "wording (en on x)")
    assert on_x["risk"] == {
        "level": "high",
        "reason": on_x["risk"]["reason"],
    }
    wording = on_x["wording"]
    assert isinstance(wording, dict)
    before, after = wording["before"], wording["after"]
    assert before["over_limit"] is False and after["over_limit"] is True
    assert after["limit"] == 280 and after["length"] > 280
    reason = on_x["risk"]["reason"]
    assert reason == f"holding-statement on x (en) now over the limit ({after['length']}/280)"
    removed = "".join(w["text"] for w in wording["words"] if w["op"] == "-")
    added = "".join(w["text"] for w in wording["words"] if w["op"] == "+")
    assert removed.strip() and "manufacturer" in added
    # Bluesky uses the same template file: its wording changes too, reported on its own.
    assert any(c["detail"] == "wording (en on bluesky)" for c in changes)


def test_a_rename_is_one_rename_not_a_removal_and_an_addition(history: Path) -> None:
    changes = _changes(history, "08-rename")
    assert [(c["action"], c["subject"], c["detail"]) for c in changes] == [
        ("renamed", "role data-protection", "renamed from dpo")
    ]


def test_a_fragment_change_reaches_every_plan_that_includes_it(history: Path) -> None:
    changes = _changes(history, "10-agency-fragment")
    assert {c["file"] for c in changes} == {AGENCY}
    clients = sorted(str(p) for p in (history / "plans" / "kirana-social").glob("*.yaml"))
    expected = [f"plans/kirana-social/{Path(p).name}" for p in clients if "agency" not in p]
    for change in changes:
        assert sorted(change["plans"]) == expected


def test_fail_on_exits_1_only_for_a_risk_that_high(history: Path) -> None:
    assert diff(history, "03-contacts", "04-timings", "--fail-on", "high")[0] == 1
    assert diff(history, "02-roles", "03-contacts", "--fail-on", "high")[0] == 0
    assert diff(history, "02-roles", "03-contacts", "--fail-on", "medium")[0] == 1
    assert diff(history, "06-wording", "07-drills", "--fail-on", "low")[0] == 0


def test_findings_introduced_and_fixed(history: Path) -> None:
    _, out, _ = diff(history, "step-0", "02-roles", "--format", "json")
    plan = next(p for p in json.loads(out)["plans"] if p["file"] == PLAN)
    assert any(f["code"] == "CK201" for f in plan["introduced"]), plan["introduced"]
    _, out, _ = diff(history, "02-roles", "step-0", "--format", "json")
    plan = next(p for p in json.loads(out)["plans"] if p["file"] == PLAN)
    assert any(f["code"] == "CK201" for f in plan["fixed"])
