"""Machine outputs: SARIF against the official schema, GitHub escaping and budget, JUnit."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from jsonschema.validators import validator_for
from typer.testing import CliRunner

from crisiskit.cli import app
from crisiskit.diagnostics.findings import Finding, Level, Span
from crisiskit.output.github import annotation, render_github
from crisiskit.output.junit import render_junit
from crisiskit.output.sarif import render_sarif
from crisiskit.validation.pipeline import validate_paths
from tests.conftest import FIXTURES, REPO, TODAY

runner = CliRunner()
# The official OASIS schema, kept beside the tests so a fresh clone checks against it too.
SARIF_SCHEMA = FIXTURES / "specs" / "sarif-schema-2.1.0.json"
SHARED_SARIF_SCHEMA = REPO.parent / "shared" / "specs" / "sarif-schema-2.1.0.json"
BROKEN = FIXTURES / "broken"


def _finding(i: int, severity: Level = Level.ERROR, message: str = "bad") -> Finding:
    return Finding(
        "CK014",
        "unknown-reference",
        severity,
        message,
        "plan.yaml",
        Span(i, 3, i, 9),
        f"roles[{i}].primary",
    )


def _sarif_errors(document: Any) -> list[str]:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = validator_for(schema)(schema)  # the schema's own draft (04)
    return sorted(str(error) for error in validator.iter_errors(document))


@pytest.mark.skipif(
    not SHARED_SARIF_SCHEMA.exists(), reason="no shared/specs beside the repository"
)
def test_vendored_sarif_schema_is_the_shared_one() -> None:
    assert SARIF_SCHEMA.read_bytes() == SHARED_SARIF_SCHEMA.read_bytes()


def test_sarif_is_valid_against_the_official_schema() -> None:
    report = validate_paths([BROKEN], TODAY)
    assert report.findings
    document = json.loads(render_sarif(report.findings))
    assert _sarif_errors(document) == []
    run = document["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert all(r["help"]["markdown"] and r["shortDescription"]["text"] for r in rules)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1


def test_sarif_fingerprints_survive_line_shifts(repo_dir: Path) -> None:
    text = (BROKEN / "ref-role-primary.yaml").read_text()
    plan = repo_dir / "plan.yaml"
    plan.write_text(text)
    before = json.loads(render_sarif(validate_paths([plan], TODAY).findings))
    plan.write_text("# a new comment\n\n" + text)
    after = json.loads(render_sarif(validate_paths([plan], TODAY).findings))

    def prints(doc: dict) -> list[tuple[str, str, int]]:  # type: ignore[type-arg]
        return sorted(
            (
                r["ruleId"],
                r["partialFingerprints"]["crisiskitPath/v1"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in doc["runs"][0]["results"]
        )

    old, new = prints(before), prints(after)
    assert [(code, fp) for code, fp, _ in old] == [(code, fp) for code, fp, _ in new]
    assert all(b == a + 2 for (_, _, a), (_, _, b) in zip(old, new, strict=True))


def test_github_escaping() -> None:
    finding = Finding(
        "CK013",
        "invalid-value",
        Level.ERROR,
        "100% wrong\nsecond line",
        "dir,with:odd/plan.yaml",
        Span(4, 2, 4, 8),
        "people[0].phone",
        "a: b, c",
    )
    line = annotation(finding)
    assert line.startswith("::error file=dir%2Cwith%3Aodd/plan.yaml,line=4,col=2,endColumn=8,")
    assert "title=CK013 invalid-value::" in line
    assert line.endswith("people[0].phone: 100%25 wrong%0Asecond line%0Ahint: a: b, c")
    assert "\n" not in line


def test_github_annotation_budget_and_summary() -> None:
    findings = [_finding(i) for i in range(1, 14)] + [
        _finding(i, Level.WARNING) for i in range(20, 32)
    ]
    output = render_github(findings, 3)
    lines = output.annotations.splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 10
    assert sum(line.startswith("::warning ") for line in lines) == 10
    assert output.omitted == 5
    assert "5 more findings" in lines[-1]
    # Every finding is in the summary table, including those past the budget.
    assert output.summary.count("| error |") == 13
    assert output.summary.count("| warning |") == 12


def test_junit_unique_names_and_body() -> None:
    findings = [_finding(3), _finding(3), _finding(5, Level.WARNING)]
    root = ET.fromstring(render_junit(findings, ["plan.yaml", "clean.yaml"]))
    names = [case.get("name") for case in root.iter("testcase")]
    assert len(names) == len(set(names)) == 4
    failures = list(root.iter("failure"))
    assert len(failures) == 2
    assert failures[0].get("message") == "bad"
    assert "bad" in (failures[0].text or "")
    assert root.get("failures") == "2"


def test_junit_strict_makes_warnings_failures() -> None:
    findings = [_finding(3), _finding(5, Level.WARNING), _finding(7, Level.INFO)]
    strict = ET.fromstring(render_junit(findings, ["plan.yaml"], strict=True))
    assert strict.get("failures") == "2"
    assert [f.get("message") for f in strict.iter("failure")] == ["bad", "bad"]
    assert ET.fromstring(render_junit(findings, ["plan.yaml"])).get("failures") == "1"


def test_several_outputs_in_one_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    sarif, junit = tmp_path / "out.sarif", tmp_path / "junit.xml"
    result = runner.invoke(
        app,
        [
            "validate",
            str(BROKEN / "ref-role-primary.yaml"),
            "--today",
            "2026-11-24",
            "--format",
            "github",
            "--output",
            f"sarif={sarif}",
            "--output",
            f"junit={junit}",
        ],
    )
    assert result.exit_code == 1
    assert result.stderr == ""
    assert all(line.startswith("::") for line in result.stdout.splitlines())
    assert json.loads(sarif.read_text())["version"] == "2.1.0"
    assert ET.fromstring(junit.read_text()).tag == "testsuites"
    assert "| error | CK014 unknown-reference |" in summary.read_text()


def test_bad_output_option_is_a_usage_error() -> None:
    result = runner.invoke(app, ["validate", str(BROKEN), "--output", "pdf=x.pdf"])
    assert result.exit_code == 2
    assert "FORMAT=FILE" in result.stderr


def test_strict_fails_on_warnings(repo_dir: Path) -> None:
    plan = repo_dir / "plan.yaml"
    from crisiskit.lint.example_plan import BASE_PLAN

    plan.write_text(
        BASE_PLAN.replace("  cadence: 90d\n  owner: rina", "  cadence: 30d\n  owner: rina")
    )
    args = ["validate", str(plan), "--today", "2026-11-24"]
    relaxed = runner.invoke(app, args)
    assert relaxed.exit_code == 0
    assert "CK501" in relaxed.stdout
    assert runner.invoke(app, [*args, "--strict"]).exit_code == 1


def test_statistics(repo_dir: Path) -> None:
    result = runner.invoke(
        app, ["validate", str(BROKEN), "--today", "2026-11-24", "--format", "json", "--statistics"]
    )
    json.loads(result.stdout)  # statistics never mix into machine output
    assert "CK014  unknown-reference [error]" in result.stderr


def test_github_keeps_a_notice_for_the_summary_pointer() -> None:
    findings = [_finding(i, Level.INFO) for i in range(1, 13)]
    output = render_github(findings, 1)
    notices = [line for line in output.annotations.splitlines() if line.startswith("::notice ")]
    # GitHub shows 10 notices per step: 9 findings and the pointer to the other 3.
    assert len(notices) == 10
    assert output.omitted == 3
    assert "3 more findings are listed in the job summary" in notices[-1]
    assert output.summary.count("| info |") == 12


def test_github_exactly_at_budget_needs_no_pointer() -> None:
    output = render_github([_finding(i, Level.INFO) for i in range(1, 11)], 1)
    assert output.omitted == 0
    assert len(output.annotations.splitlines()) == 10


def test_sarif_fingerprints_tell_apart_two_findings_at_one_path() -> None:
    twins = [
        Finding(
            "CK405",
            "locale-variant-missing",
            Level.ERROR,
            f"no template for locale '{locale}'",
            "plan.yaml",
            Span(9, 5, 9, 14),
            "messages[0].templates",
        )
        for locale in ("id", "en")
    ]
    results = json.loads(render_sarif(twins))["runs"][0]["results"]
    prints = [r["partialFingerprints"]["crisiskitPath/v1"] for r in results]
    assert len(set(prints)) == 2
    # Counted in message order, so each keeps its fingerprint whatever order rules report in.
    reversed_results = json.loads(render_sarif(twins[::-1]))["runs"][0]["results"]
    assert [r["partialFingerprints"]["crisiskitPath/v1"] for r in reversed_results] == prints[::-1]


@pytest.mark.parametrize(
    ("file", "uri", "base"),
    [
        ("plans/client a/plan #1.yaml", "plans/client%20a/plan%20%231.yaml", "%SRCROOT%"),
        (
            "plans/kirana-social/warung-rasa.yaml",
            "plans/kirana-social/warung-rasa.yaml",
            "%SRCROOT%",
        ),
        ("/srv/plans/plan.yaml", "file:///srv/plans/plan.yaml", None),
    ],
)
def test_sarif_artifact_uris_are_valid(file: str, uri: str, base: str | None) -> None:
    finding = Finding("CK014", "unknown-reference", Level.ERROR, "bad", file, Span(1, 1, 1, 2), "x")
    document = json.loads(render_sarif([finding]))
    location = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"].get("uri") == uri
    assert location["artifactLocation"].get("uriBaseId") == base
    assert _sarif_errors(document) == []


def test_github_step_summary_stays_under_one_mebibyte() -> None:
    findings = [_finding(i, message="x" * 400) for i in range(1, 4001)]
    summary = render_github(findings, 1).summary
    assert len(summary.encode()) <= 1024 * 1024
    shown = summary.count("| error |")
    assert 2000 < shown < 4000
    assert f"{4000 - shown} more findings do not fit in the job summary" in summary
