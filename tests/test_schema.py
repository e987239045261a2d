"""`crisiskit schema`: a JSON Schema 2020-12 that third-party validators accept."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from crisiskit.cli import app
from tests.conftest import FIXTURES, REPO

runner = CliRunner()


def _schema() -> dict[str, Any]:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def _bundled_plans() -> list[Path]:
    return [p for p in sorted((REPO / "plans").rglob("*.yaml")) if "crisiskit:" in p.read_text()]


def test_schema_is_valid_2020_12() -> None:
    schema = _schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def _properties(node: Any) -> list[tuple[str, Any]]:
    found = []
    if isinstance(node, dict):
        for name, value in node.get("properties", {}).items():
            found.append((name, value))
        for value in node.values():
            found.extend(_properties(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_properties(value))
    return found


def test_every_property_is_described() -> None:
    undocumented = []
    for name, prop in _properties(_schema()):
        described = "description" in prop or (
            "$ref" in prop or any("$ref" in option for option in prop.get("anyOf", []))
        )
        if not described and name != "id":
            undocumented.append(name)
    assert undocumented == []


def test_bundled_plans_validate_with_check_jsonschema(tmp_path: Path) -> None:
    plans = _bundled_plans()
    assert len(plans) >= 4
    schema_file = tmp_path / "plan.schema.json"
    result = runner.invoke(app, ["schema", "--output", str(schema_file)])
    assert result.exit_code == 0, result.stderr
    completed = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema_file)]
        + [str(p) for p in plans],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_check_jsonschema_rejects_a_broken_plan(tmp_path: Path) -> None:
    schema_file = tmp_path / "plan.schema.json"
    schema_file.write_text(json.dumps(_schema()))
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--schemafile",
            str(schema_file),
            str(FIXTURES / "broken" / "unknown-key-typo.yaml"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert "backup" in completed.stdout


def test_schema_output_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    target.write_text("keep me")
    result = runner.invoke(app, ["schema", "--output", str(target)])
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert target.read_text() == "keep me"
    assert runner.invoke(app, ["schema", "--output", str(target), "--force"]).exit_code == 0
    assert json.loads(target.read_text())["title"] == "crisiskit plan"


@pytest.mark.parametrize("plan", _bundled_plans(), ids=lambda p: p.name)
def test_bundled_plans_validate_in_process(plan: Path) -> None:
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(plan.read_text())
    # YAML 1.1 timestamps become date objects; the schema describes their text.
    Draft202012Validator(_schema()).validate(json.loads(json.dumps(data, default=str)))


def test_fragment_schema_accepts_fragments_and_refuses_plan_sections(tmp_path: Path) -> None:
    result = runner.invoke(app, ["schema", "--fragment"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    assert schema["required"] == [] and "organization" not in schema["properties"]
    schema_file = tmp_path / "fragment.schema.json"
    schema_file.write_text(result.stdout)
    plan_only = tmp_path / "not-a-fragment.yaml"
    plan_only.write_text("people: []\norganization: {name: X, default_timezone: UTC}\n")

    def check(path: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema_file), str(path)],
            capture_output=True,
            text=True,
            check=False,
        )

    fragment = REPO / "plans" / "kirana-social" / "agency-team.yaml"
    assert check(fragment).returncode == 0, check(fragment).stdout
    refused = check(plan_only)
    assert refused.returncode == 1 and "organization" in refused.stdout
