"""Clearer errors through the CLI: ids that are not lowercase, a list where one value is
expected (and the reverse), and undefined attributes in templates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiskit.cli import app
from crisiskit.lint.example_plan import BASE_PLAN

runner = CliRunner()


def _plan(repo_dir: Path, *edits: tuple[str, str]) -> Path:
    text = BASE_PLAN
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = repo_dir / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _findings(plan: Path) -> list[dict[str, object]]:
    result = runner.invoke(app, ["validate", "--today", "2026-11-24", "-f", "json", str(plan)])
    assert result.exit_code in (0, 1), result.stderr
    findings: list[dict[str, object]] = json.loads(result.stdout)["findings"]
    return findings


def _at(findings: list[dict[str, object]], path: str) -> list[tuple[object, ...]]:
    return [(f["code"], f["message"], f["hint"]) for f in findings if f["path"] == path]


ID_RULE = "ids are lowercase kebab-case (a-z, 0-9, '-' and '_', starting with a letter or digit)"


@pytest.mark.parametrize(
    ("edit", "path", "written", "hint"),
    [
        (("  - id: sev1\n", "  - id: SEV1\n"), "severities[0].id", "SEV1", "write 'sev1'"),
        (
            ("  - id: crisis-lead\n", "  - id: Crisis-Lead\n"),
            "roles[1].id",
            "Crisis-Lead",
            "write 'crisis-lead'",
        ),
        (
            ("  - id: crisis-lead\n", "  - id: Crisis Lead\n"),
            "roles[1].id",
            "Crisis Lead",
            "write 'crisis-lead'",
        ),
    ],
)
def test_uppercase_id_definition_says_lowercase_and_its_references_stay_quiet(
    repo_dir: Path, edit: tuple[str, str], path: str, written: str, hint: str
) -> None:
    findings = _findings(_plan(repo_dir, edit))
    assert _at(findings, path) == [("CK013", f"'{written}' is not a valid id: {ID_RULE}", hint)]
    # `severity: sev1` and `notify: [crisis-lead]` already say what the id will be.
    assert [f for f in findings if f["code"] == "CK014"] == []
    assert len(findings) == 1


@pytest.mark.parametrize(
    ("edit", "path", "written", "hint"),
    [
        # a case slip of an existing id: one finding, naming the id meant
        (
            ("    owner: social-lead\n", "    owner: Social-Lead\n"),
            "threats[0].owner",
            "Social-Lead",
            "did you mean 'social-lead'?",
        ),
        (("    backups: [dimas]", "    backups: [DIMAS]"), "roles[0].backups[0]", "DIMAS", None),
        # a case slip and a typo: the nearest id, compared case-insensitively
        (
            ("    backups: [dimas]", "    backups: [Dimaz]"),
            "roles[0].backups[0]",
            "Dimaz",
            "did you mean 'dimas'?",
        ),
        (
            ("    severity: sev1\n", "    severity: SEV-1\n"),
            "threats[0].severity",
            "SEV-1",
            "did you mean 'sev1'?",
        ),
    ],
)
def test_uppercase_reference_is_one_finding_with_the_id_meant(
    repo_dir: Path, edit: tuple[str, str], path: str, written: str, hint: str | None
) -> None:
    findings = _findings(_plan(repo_dir, edit))
    [(code, message, given)] = _at(findings, path)
    assert (code, message) == ("CK013", f"'{written}' is not a valid id: {ID_RULE}")
    assert given == (hint or "did you mean 'dimas'?")


@pytest.mark.parametrize(
    ("edit", "path", "message", "hint"),
    [
        (
            ("    owner: social-lead\n", "    owner: [social-lead, crisis-lead]\n"),
            "threats[0].owner",
            "expects one role id, got a list of 2",
            "`owner` takes one role id; choose one",
        ),
        (
            ("    severity: sev1\n", "    severity: [sev1]\n"),
            "threats[0].severity",
            "expects one severity id, got a list of 1",
            "write it without brackets: `severity: sev1`",
        ),
        (
            ("  cadence: 90d\n", "  cadence: [90d]\n"),
            "review.cadence",
            "expects one value, got a list of 1",
            "write it without brackets: `cadence: 90d`",
        ),
        (
            ("    critical: true\n", "    critical: [true, false]\n"),
            "roles[0].critical",
            "expects one value, got a list of 2",
            "`critical` takes one value; choose one",
        ),
        (
            ("    notify: [crisis-lead]\n", "    notify: crisis-lead\n"),
            "severities[0].notify",
            "expects a list of role ids, got one value",
            "write it as a list: `notify: [crisis-lead]`",
        ),
        (
            ("    backups: [dimas]", "    backups: dimas"),
            "roles[0].backups",
            "expects a list of person ids, got one value",
            "write it as a list: `backups: [dimas]`",
        ),
        (
            ("    signals: [Posts nobody on the team wrote]", "    signals: Posts nobody wrote"),
            "threats[0].signals",
            "expects a list of values, got one value",
            "write it as a list: `signals: [Posts nobody wrote]`",
        ),
        (
            ("    backups: [dimas]", "    backups: [[dimas, sari]]"),
            "roles[0].backups[0]",
            "expects one person id per item, got a list of 2",
            "list the values one per item, without nested brackets",
        ),
        (
            ("  name: Example Coffee\n", "  name: {en: Example Coffee}\n"),
            "organization.name",
            "expects one value, got a mapping",
            "write the value itself after `name:`",
        ),
    ],
)
def test_wrong_shape_says_what_was_expected(
    repo_dir: Path, edit: tuple[str, str], path: str, message: str, hint: str
) -> None:
    findings = _findings(_plan(repo_dir, edit))
    assert _at(findings, path) == [("CK013", message, hint)]


def test_wrong_shape_in_text_output_points_at_the_value(repo_dir: Path) -> None:
    plan = _plan(repo_dir, ("    owner: social-lead\n", "    owner: [social-lead, crisis-lead]\n"))
    result = runner.invoke(app, ["validate", "--today", "2026-11-24", str(plan)])
    line = 1 + BASE_PLAN[: BASE_PLAN.index("    owner: social-lead\n")].count("\n")
    assert result.exit_code == 1
    assert (
        f"plan.yaml:{line}:12  error   CK013 threats[0].owner: expects one role id, "
        "got a list of 2  [invalid-value]"
    ) in result.stdout


TEMPLATE = "Next update by {{ next_update }}"


@pytest.mark.parametrize(
    ("expression", "says"),
    [
        (
            "{{ org.nmae }}",
            "'org.nmae' is undefined: org has no key 'nmae'; did you mean 'name'? "
            "(org has: handles, help_url, name, website)",
        ),
        (
            "{{ spokesperson.phone_number }}",
            "'spokesperson.phone_number' is undefined: spokesperson has no key "
            "'phone_number' (spokesperson has: name, role, title)",
        ),
        (
            "{{ org.handles.instagramm }}",
            "'org.handles.instagramm' is undefined: org.handles has no key 'instagramm'; "
            "did you mean 'instagram'? (org.handles has: instagram, x)",
        ),
        (
            "{{ org.name.short }}",
            "'org.name.short' is undefined: org.name has no key 'short' (it is a text, "
            "with no keys)",
        ),
        (
            "{{ severity['lvl'] }}",
            "'severity.lvl' is undefined: severity has no key 'lvl'; did you mean 'level'? "
            "(severity has: id, level, name)",
        ),
    ],
)
def test_undefined_attribute_lists_the_keys(repo_dir: Path, expression: str, says: str) -> None:
    plan = _plan(repo_dir, (TEMPLATE, f"{TEMPLATE} {expression}"))
    [finding] = [f for f in _findings(plan) if f["code"] == "CK403"]
    assert says in str(finding["message"])
    result = runner.invoke(
        app, ["render-message", "holding-statement", "--plan", str(plan), "--var", "issue=x"]
    )
    assert result.exit_code == 2
    assert says in result.stderr


def test_undeclared_variable_suggests_the_nearest_name(repo_dir: Path) -> None:
    plan = _plan(repo_dir, (TEMPLATE, f"{TEMPLATE} {{{{ orgg.name }}}} {{{{ isue }}}}"))
    findings = _findings(plan)
    hints = {f["message"]: f["hint"] for f in findings if f["code"] == "CK401"}
    declare = "declare it under `variables:` with a description and an example"
    assert hints == {
        "template of 'holding-statement' (en) uses undeclared variable 'isue'": (
            f"did you mean 'issue'? Or {declare}"
        ),
        "template of 'holding-statement' (en) uses undeclared variable 'orgg'": (
            f"did you mean 'org'? Or {declare}"
        ),
    }
    [render] = [f for f in findings if f["code"] == "CK403"]
    assert "undefined variable: 'orgg' is undefined; did you mean 'org'?" in str(render["message"])


def test_readme_shows_the_real_errors(repo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("plan.yaml:101:12  error   CK013 threats[0].owner")
    shown = readme[start:].split("```")[0].strip().splitlines()
    _plan(
        repo_dir,
        ("  - id: sev1\n", "  - id: SEV1\n"),
        ("    owner: social-lead\n", "    owner: [social-lead, crisis-lead]\n"),
        ("    severity: sev1\n", "    severity: [sev1]\n"),
        ("    notify: [crisis-lead]\n", "    notify: crisis-lead\n"),
    )
    monkeypatch.chdir(repo_dir)
    result = runner.invoke(app, ["validate", "--today", "2026-11-24", "plan.yaml"])
    lines = [line.strip() for line in result.stdout.splitlines()]
    for i in range(0, len(shown), 2):
        at = lines.index(shown[i].strip())
        assert lines[at + 1] == shown[i + 1].strip()
    assert "org.nmae" in readme and "(org has: handles, help_url, name, website)" in readme


@pytest.mark.parametrize(
    ("option", "says"),
    [
        (("--locale", "EN"), "has no locale 'EN'; did you mean 'en'? (locales: en)"),
        (("--channel", "X"), "is not published on 'X'; did you mean 'x'? (channels: x"),
        (("--severity", "SEV1"), "--severity: unknown severity 'SEV1'; did you mean 'sev1'?"),
    ],
)
def test_render_message_options_compare_ids_case_insensitively(
    repo_dir: Path, option: tuple[str, str], says: str
) -> None:
    plan = _plan(repo_dir)
    result = runner.invoke(
        app,
        ["render-message", "holding-statement", "--plan", str(plan), "--var", "issue=x", *option],
    )
    assert result.exit_code == 2
    assert says in result.stderr


def test_undefined_key_names_the_read_that_failed_not_the_first_of_that_key(
    repo_dir: Path,
) -> None:
    plan = _plan(repo_dir, (TEMPLATE, f"{TEMPLATE} {{{{ org.name }}}} / {{{{ channel.name }}}}"))
    [finding] = [f for f in _findings(plan) if f["code"] == "CK403"]
    assert "'channel.name' is undefined: channel has no key 'name'" in str(finding["message"])
    assert "org.name" not in str(finding["message"])


def test_undefined_key_message_never_carries_a_forged_line(repo_dir: Path) -> None:
    forged = '{{ org["\\n\\nAll clear: 1 file checked.\\n"].nmae }}'
    deep = "{{ org" + ".a" * 100 + ".nmae }}"
    plan = _plan(
        repo_dir,
        (TEMPLATE, f"{TEMPLATE} {{% if false %}}{forged}{deep}{{% endif %}}{{{{ org.nmae }}}}"),
    )
    result = runner.invoke(app, ["validate", "--today", "2026-11-24", str(plan)])
    assert result.exit_code == 1
    assert "All clear" not in result.stdout
    assert ".a.a.a" not in result.stdout
    assert "'org.nmae' is undefined: org has no key 'nmae'" in result.stdout


def test_template_nested_too_deep_to_compile_is_a_finding(repo_dir: Path) -> None:
    plan = _plan(repo_dir, (TEMPLATE, f"{TEMPLATE} {{{{ org.handles{'.a' * 250} }}}}"))
    findings = _findings(plan)
    assert [f["code"] for f in findings if f["code"] in ("CK020", "CK403")] == ["CK403"]
    [finding] = [f for f in findings if f["code"] == "CK403"]
    assert "template too deeply nested" in str(finding["message"])
    result = runner.invoke(
        app, ["render-message", "holding-statement", "--plan", str(plan), "--var", "issue=x"]
    )
    assert result.exit_code in (1, 2)
    assert "template too deeply nested" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_list_hint_writes_the_value_on_one_line_quoted_when_yaml_needs_it(repo_dir: Path) -> None:
    forged = "a\\n::error file=x::pwned\\n  hp/plan.yaml:1:1  info  all fine"
    plan = _plan(repo_dir, ("    backups: [rina]\n", f'    backups: "{forged}"\n'))
    result = runner.invoke(app, ["validate", "--today", "2026-11-24", str(plan)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert not [line for line in lines if "::" in line.lstrip()[:2] or "all fine" in line]
    [hint] = [line for line in lines if "write it as a list" in line]
    assert hint.strip().startswith('hint: write it as a list: `backups: ["a\\n::error')
    plan = _plan(repo_dir, ("    backups: [rina]\n", "    backups: '@budi: #x'\n"))
    findings = _findings(plan)
    assert _at(findings, "roles[1].backups")[0][2] == 'write it as a list: `backups: ["@budi: #x"]`'


def test_list_of_mappings_is_called_so(repo_dir: Path) -> None:
    start = BASE_PLAN.index("    working_hours:\n")
    end = BASE_PLAN.index("\n", BASE_PLAN.index("end:", start))
    plan = _plan(repo_dir, (BASE_PLAN[start:end], '    working_hours: "9-17"'))
    assert _at(_findings(plan), "people[0].working_hours") == [
        (
            "CK013",
            "expects a list of mappings, got one value",
            "start each item with '- ' and write its keys (key: value) beneath it",
        )
    ]


def test_fragment_section_of_the_wrong_shape_says_it_once(repo_dir: Path) -> None:
    (repo_dir / "team.yaml").write_text("people: x\ninclude: a.yaml\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", "--today", "2026-11-24", str(repo_dir / "team.yaml")])
    assert "people: people:" not in result.stdout
    assert "include: include:" not in result.stdout
    assert "CK013 people: expects a list of mappings, got one value" in result.stdout
    assert "hint: write it as a list: `include: [a.yaml]`" in result.stdout
