"""`crisiskit validate FRAGMENT`: checked alone, then in every plan of the repository
that includes it (directly or through another fragment), in every output format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiskit.cli import app
from crisiskit.lint.example_plan import BASE_PLAN
from tests.output.test_outputs import _sarif_errors

runner = CliRunner()

TEAM = """\
people:
  - id: sari
    name: Sari Putri
    phone: "0811-2222-3333"
    email: sari@example.com
    working_hours:
      - days: [mon, tue, wed, thu, fri, sat, sun]
        start: "00:00"
        end: "24:00"
roles:
  - id: spokesperson
    name: Spokesperson
    responsibilities: [Speak for the company]
    primary: sari
    backups: [rina]
"""


def _without(text: str, start: str, end: str) -> str:
    i, j = text.index(start), text.index(end)
    return text[:i] + text[j:]


# The example plan without sari and the spokesperson role: the shared team brings them.
CLIENT = _without(
    _without(BASE_PLAN, "  - id: sari\n", "roles:\n"), "  - id: spokesperson\n", "severities:\n"
)


def _client(include: str, rename_rina: bool = False) -> str:
    text = CLIENT.replace("crisiskit: 1\n", f"crisiskit: 1\ninclude: [{include}]\n", 1)
    if rename_rina:  # this client calls its lead rini: the shared backup `rina` is unknown,
        # and so is its own drill log's participant `rina`
        text = text.replace("id: rina\n    name: Rina Wijaya", "id: rini\n    name: Rini Wijaya")
        for key in ("owner: rina", "primary: rina", "backups: [rina]"):
            text = text.replace(key, key.replace("rina", "rini"))
    return text


@pytest.fixture
def agency(repo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    plans = repo_dir / "plans"
    (plans / "shared").mkdir(parents=True)
    (plans / "other").mkdir()
    (plans / "shared" / "team.yaml").write_text(TEAM, encoding="utf-8")
    (plans / "shared" / "agency.yaml").write_text("include: [team.yaml]\n", encoding="utf-8")
    (plans / "alpha.yaml").write_text(_client("shared/team.yaml"), encoding="utf-8")
    # beta includes it through agency.yaml, and has no `rina`
    (plans / "beta.yaml").write_text(_client("shared/agency.yaml", True), encoding="utf-8")
    # gamma includes another file called team.yaml: not a plan of this fragment
    (plans / "other" / "team.yaml").write_text(TEAM, encoding="utf-8")
    (plans / "other" / "gamma.yaml").write_text(_client("team.yaml", True), encoding="utf-8")
    monkeypatch.chdir(repo_dir)
    return repo_dir


def _validate(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["validate", "--today", "2026-11-24", *args])
    assert result.stderr == ""
    return result.exit_code, result.stdout


def _json(*args: str) -> tuple[int, dict[str, object], list[dict[str, object]]]:
    code, out = _validate(*args, "--format", "json")
    document = json.loads(out)
    return code, document, document["findings"]


ALONE = (
    "fragment checked alone for YAML, its sections, each item's schema and duplicate ids; "
    "references, national phone numbers and the lint rules need a plan: "
)


def test_text_says_it_was_checked_alone_and_in_the_plans_including_it(agency: Path) -> None:
    code, out = _validate("plans/shared/team.yaml")
    assert code == 1  # beta's errors count
    assert (
        f"plans/shared/team.yaml:1:1  info    CK025 {ALONE}checked in the 2 plans including "
        "it: plans/alpha.yaml, plans/beta.yaml  [fragment-checked-alone]"
    ) in out
    # found in the fragment through one client only: it says which
    assert (
        "plans/shared/team.yaml:15:15  error   CK014 roles[0].backups[0]: unknown person "
        "'rina' (through plans/beta.yaml)  [unknown-reference]"
    ) in out
    # a client's own finding is under that client's name
    assert "plans/beta.yaml\n  plans/beta.yaml:" in out
    assert "gamma" not in out and "other/team.yaml" not in out
    assert out.rstrip().endswith("(3 files checked).")


def test_exit_code_is_that_of_all_the_plans(agency: Path) -> None:
    (agency / "plans" / "beta.yaml").unlink()
    code, document, findings = _json("plans/shared/team.yaml")
    assert code == 0
    assert [(f["code"], f["severity"]) for f in findings] == [("CK025", "info")]
    assert document["files"] == ["plans/shared/team.yaml", "plans/alpha.yaml"]


def test_a_finding_of_every_plan_says_so(agency: Path) -> None:
    team = agency / "plans" / "shared" / "team.yaml"
    team.write_text(TEAM.replace("    responsibilities: [Speak for the company]\n", ""))
    _, _, findings = _json("plans/shared/team.yaml")
    [found] = [f for f in findings if f["code"] == "CK206"]
    assert found["file"] == "plans/shared/team.yaml"
    assert str(found["message"]).endswith("(in all 2 plans including it)")


def test_named_with_some_of_its_plans_the_others_are_checked_too(agency: Path) -> None:
    code, out = _validate("plans/shared/team.yaml", "plans/alpha.yaml")
    assert code == 1
    assert "CK025 checked in the 2 plans including it: plans/alpha.yaml, plans/beta.yaml" in out
    assert "(through plans/beta.yaml)" in out
    # all of them named: nothing to add, nothing to say
    code, out = _validate("plans/shared/team.yaml", "plans/alpha.yaml", "plans/beta.yaml")
    assert code == 1 and "CK025" not in out


def test_directory_run_names_the_plans_of_a_finding_only_some_report(agency: Path) -> None:
    code, out = _validate("plans")
    assert code == 1 and "CK025" not in out
    assert (
        "plans/shared/team.yaml:15:15  error   CK014 roles[0].backups[0]: unknown person "
        "'rina' (through plans/beta.yaml)  [unknown-reference]"
    ) in out
    # gamma alone includes other/team.yaml: nothing to tell apart
    assert (
        "plans/other/team.yaml:15:15  error   CK014 roles[0].backups[0]: unknown person "
        "'rina'  [unknown-reference]" in out
    )


def test_directory_run_says_once_what_every_plan_reports(agency: Path) -> None:
    team = agency / "plans" / "shared" / "team.yaml"
    team.write_text(TEAM.replace("    responsibilities: [Speak for the company]\n", ""))
    _, _, findings = _json("plans")
    found = [(f["file"], f["message"]) for f in findings if f["code"] == "CK206"]
    # alpha and beta both report it: once, without a list of plans
    assert found == [
        ("plans/shared/team.yaml", "role 'spokesperson' has no written responsibilities")
    ]


def test_fragment_no_plan_includes_is_checked_alone(agency: Path) -> None:
    lonely = agency / "plans" / "shared" / "lonely.yaml"
    lonely.write_text(
        TEAM.replace("sari@example.com", "sari-at-example")  # a schema error, found alone
        + "  - id: spokesperson\n    name: Spokesperson again\n"  # an id twice, found alone
        + "escalation:\n  - from: nobody\n    to: nobody-either\n    after: 15m\n",
        encoding="utf-8",
    )
    code, _, findings = _json("plans/shared/lonely.yaml")
    assert code == 1
    codes = {(f["code"], f["path"]) for f in findings}
    assert ("CK013", "people[0].email") in codes
    assert ("CK015", "roles[1].id") in codes
    [orphan] = [f for f in findings if f["code"] == "CK019"]
    assert orphan["message"] == (
        "no plan in the repository includes this fragment: checked alone for YAML, its "
        "sections, each item's schema and duplicate ids; references, national phone numbers "
        "and the lint rules need a plan, so they were not checked"
    )
    # references and the national phone number wait for a plan
    assert not [f for f in findings if f["code"] == "CK014" or f["path"] == "people[0].phone"]


def test_github_annotations_carry_it(agency: Path) -> None:
    code, out = _validate("plans/shared/team.yaml", "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert any(
        line.startswith("::notice file=plans/shared/team.yaml,line=1,")
        and "title=CK025 fragment-checked-alone::" in line
        for line in lines
    )
    assert any(
        line.startswith("::error file=plans/shared/team.yaml,line=15,")
        and "(through plans/beta.yaml)" in line
        for line in lines
    )


def test_sarif_carries_it_and_stays_valid(agency: Path) -> None:
    code, out = _validate("plans/shared/team.yaml", "--format", "sarif")
    document = json.loads(out)
    assert code == 1
    assert _sarif_errors(document) == []
    run = document["runs"][0]
    results = {(r["ruleId"], r["level"]) for r in run["results"]}
    assert {("CK025", "note"), ("CK014", "error")} <= results
    assert "CK025" in {rule["id"] for rule in run["tool"]["driver"]["rules"]}


def test_a_new_client_is_seen_through_the_cache(
    agency: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CRISISKIT_NO_CACHE")
    _validate("plans/shared/team.yaml")
    (agency / "plans" / "delta.yaml").write_text(_client("shared/team.yaml"), encoding="utf-8")
    _, out = _validate("plans/shared/team.yaml")
    assert "checked in the 3 plans including it" in out


def test_readme_example_is_real_output(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command = "$ crisiskit validate plans/kirana-social/agency-team.yaml --today 2026-11-24\n"
    shown = readme[readme.index(command) + len(command) :].split("```")[0]
    monkeypatch.chdir(REPO)
    result = runner.invoke(app, command[2:].split()[1:], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert [line.rstrip() for line in result.stdout.splitlines()] == shown.rstrip().splitlines()


def test_outside_a_repository_the_search_stays_beside_the_fragment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "team.yaml").write_text(TEAM, encoding="utf-8")
    (plans / "client.yaml").write_text(_client("team.yaml"), encoding="utf-8")
    monkeypatch.chdir("/")  # not the whole disk: no repository, so the fragment's directory
    _, _, findings = _json(str(plans / "team.yaml"))
    [alone] = [f for f in findings if f["code"] == "CK025"]
    assert "checked in the 1 plan including it: " in str(alone["message"])
    assert str(alone["message"]).endswith("/plans/client.yaml")


def _only_includer(agency: Path, text: str, name: str = "beta.yaml") -> None:
    """Beta and gamma gone; alpha replaced: the one file naming team.yaml is ``text``."""
    for gone in ("beta.yaml", "alpha.yaml", "other/gamma.yaml"):
        (agency / "plans" / gone).unlink()
    (agency / "plans" / name).write_bytes(text.encode("utf-8"))


@pytest.mark.parametrize(
    ("includer", "says"),
    [
        (_client("shared/team.yaml").replace("people:\n", "people: [\n", 1), "CK001"),
        (
            _client("shared/team.yaml").replace(
                "include: [shared/team.yaml]", "include: shared/team.yaml"
            ),
            "expects a list of values, got one value",
        ),
    ],
    ids=["yaml-error", "scalar-include"],
)
def test_a_broken_includer_is_reported_not_taken_for_none(
    agency: Path, includer: str, says: str
) -> None:
    _only_includer(agency, includer)
    code, document, findings = _json("plans/shared/team.yaml")
    assert code == 1
    assert "CK019" not in {f["code"] for f in findings}
    assert [f for f in findings if f["file"] == "plans/beta.yaml" and says in str(f)]
    files = document["files"]
    assert isinstance(files, list) and "plans/beta.yaml" in files


@pytest.mark.parametrize(
    "marker",
    ["\ufeffcrisiskit: 1\n", '"crisiskit": 1\n', "{crisiskit: 1}\n"],
    ids=["bom", "quoted", "flow"],
)
def test_a_plan_however_it_writes_its_version_key_counts(agency: Path, marker: str) -> None:
    text = _client("shared/team.yaml").replace("crisiskit: 1\n", "", 1)
    if marker.startswith("{"):
        text = "{crisiskit: 1, include: [shared/team.yaml]}\n"
    else:
        text = marker + text
    _only_includer(agency, text)
    _, _, findings = _json("plans/shared/team.yaml")
    codes = {f["code"] for f in findings}
    assert "CK019" not in codes and "CK025" in codes


def test_an_include_through_a_symlink_counts(agency: Path) -> None:
    _only_includer(agency, _client("team-link.yaml"), name="other/d.yaml")
    (agency / "plans" / "other" / "team-link.yaml").symlink_to("../shared/team.yaml")
    code, _, findings = _json("plans/shared/team.yaml")
    assert code == 0, findings
    [checked] = [f for f in findings if f["code"] == "CK025"]
    assert str(checked["message"]).endswith("including it: plans/other/d.yaml")


def test_a_record_named_alone_is_checked_in_its_plan(agency: Path) -> None:
    records = agency / "plans" / "drills" / "alpha"
    records.mkdir(parents=True)
    alpha = agency / "plans" / "alpha.yaml"
    text = alpha.read_text(encoding="utf-8")
    assert "drills:\n" in text
    alpha.write_text(text.replace("drills:\n", "drills:\n  records: drills/alpha/\n", 1))
    record = records / "2026-11-19-tabletop.yaml"
    record.write_text(
        "date: 2026-11-19\nkind: tabletop\nparticipants: [nobody]\n", encoding="utf-8"
    )
    code, document, findings = _json(str(record.relative_to(agency)))
    assert not [f for f in findings if "fragment" in str(f["message"])]
    assert "CK019" not in {f["code"] for f in findings}
    files = document["files"]
    assert isinstance(files, list) and "plans/alpha.yaml" in files
    assert [f for f in findings if f["file"] == "plans/drills/alpha/2026-11-19-tabletop.yaml"]
    assert code == 1


def test_a_finding_in_another_file_is_not_said_to_be_in_all_plans(agency: Path) -> None:
    (agency / "plans" / "beta.yaml").unlink()
    alpha = agency / "plans" / "alpha.yaml"
    alpha.write_text(
        alpha.read_text(encoding="utf-8").replace(
            "[shared/team.yaml]", "[shared/team.yaml, x.yaml]"
        )
    )
    (agency / "plans" / "x.yaml").write_text("people:\n  - id: Bad\n", encoding="utf-8")
    (agency / "plans" / "y.yaml").write_text(
        _client("shared/team.yaml").replace("[shared/team.yaml]", "[shared/team.yaml, x.yaml]")
    )
    _, _, findings = _json("plans/shared/team.yaml")
    in_x = [f for f in findings if f["file"] == "plans/x.yaml"]
    assert in_x and not [f for f in in_x if "plans including it" in str(f["message"])]


def test_junit_carries_the_fragment_checked_alone(agency: Path) -> None:
    code, out = _validate("plans/shared/team.yaml", "--format", "junit")
    assert code == 1
    import xml.etree.ElementTree as ElementTree

    root = ElementTree.fromstring(out)
    texts = [ElementTree.tostring(case, encoding="unicode") for case in root.iter("testcase")]
    [case] = [t for t in texts if "CK025" in t]
    assert "plans/alpha.yaml, plans/beta.yaml" in case


def test_outside_a_repository_only_the_fragments_own_tree_is_searched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crisiskit.loader.repository import marked_root

    assert marked_root(tmp_path) is None
    monkeypatch.chdir(tmp_path)
    (tmp_path / "nr" / "x" / "sub").mkdir(parents=True)
    (tmp_path / "nr" / "x" / "frag.yaml").write_text(TEAM, encoding="utf-8")
    # beside the working directory, not the fragment: not searched
    (tmp_path / "far.yaml").write_text(_client("nr/x/frag.yaml"), encoding="utf-8")
    _, _, findings = _json("nr/x/frag.yaml")
    assert {f["code"] for f in findings} >= {"CK019"}
    (tmp_path / "nr" / "x" / "sub" / "near.yaml").write_text(_client("../frag.yaml"))
    _, _, findings = _json("nr/x/frag.yaml")
    [checked] = [f for f in findings if f["code"] == "CK025"]
    assert str(checked["message"]).endswith("including it: nr/x/sub/near.yaml")


def test_a_nested_repository_is_not_searched(agency: Path) -> None:
    nested = agency / "plans" / "shared" / "vendored"
    (nested / ".git").mkdir(parents=True)
    (nested / "client.yaml").write_text(_client("../team.yaml"), encoding="utf-8")
    _, _, findings = _json("plans/shared/team.yaml")
    [checked] = [f for f in findings if f["code"] == "CK025"]
    assert "vendored" not in str(checked["message"])


def test_summary_counts_every_file_a_finding_is_in_as_checked(agency: Path) -> None:
    code, out = _validate("plans/beta.yaml")
    assert code == 1
    # beta's finding inside the shared team: that file was checked too
    assert "plans/shared/team.yaml:15:15" in out
    assert out.rstrip().endswith("in 2 files (2 files checked).")  # was "(1 file checked)"


def test_readme_drill_record_example_is_real_output(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    record = "plans/kirana-social/drills/bayar-cepat/2026-11-19-stuffing-tabletop.yaml"
    command = f"$ crisiskit validate {record} --today 2026-11-24\n"
    shown = readme[readme.index(command) + len(command) :].split("```")[0]
    monkeypatch.chdir(REPO)
    result = runner.invoke(app, command[2:].split()[1:], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert result.stdout.splitlines() == shown.rstrip().splitlines()


def test_a_record_holding_fragment_sections_is_still_a_record(agency: Path) -> None:
    """What the plans' `drills.records` hold decides, not the file's sections: the look for
    a record's plans is not skipped for a file that reads like a fragment."""
    records = agency / "plans" / "drills" / "alpha"
    records.mkdir(parents=True)
    alpha = agency / "plans" / "alpha.yaml"
    text = alpha.read_text(encoding="utf-8")
    alpha.write_text(text.replace("drills:\n", "drills:\n  records: drills/alpha/\n", 1))
    (records / "team.yaml").write_text(TEAM, encoding="utf-8")
    code, document, findings = _json("plans/drills/alpha/team.yaml")
    codes = {f["code"] for f in findings}
    assert "CK019" not in codes and "CK025" not in codes
    files = document["files"]
    assert isinstance(files, list) and "plans/alpha.yaml" in files
    assert [f for f in findings if f["file"] == "plans/drills/alpha/team.yaml"]
    assert code == 1
