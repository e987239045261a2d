"""Control characters written into a plan reach no terminal, CI log or XML file raw."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiskit.cli import app
from crisiskit.lint.example_plan import BASE_PLAN
from crisiskit.output.visible import visible

runner = CliRunner()
# ESC recolours a terminal, VT is illegal in XML, U+202E reverses what follows on screen.
HOSTILE = "sa\\x1b[2Jri\\x0b\\u202eyx"


def test_visible_escapes_controls_and_keeps_line_breaks() -> None:
    assert visible("a\x1b[31mb\x0bc\u202ed\x9be\tf\ng") == "a\\x1b[31mb\\x0bc\\u202ed\\x9be\tf\ng"
    assert visible("Bahasa Indonesia, 日本語, emoji 👍") == "Bahasa Indonesia, 日本語, emoji 👍"


@pytest.fixture
def plan(repo_dir: Path) -> Path:
    path = repo_dir / "plan.yaml"
    path.write_text(BASE_PLAN.replace("    primary: sari\n", f'    primary: "{HOSTILE}"\n', 1))
    return path


def _run(plan: Path, *args: str) -> str:
    result = runner.invoke(app, ["validate", str(plan), "--today", "2026-11-24", *args])
    assert result.exit_code == 1, result.stderr
    return result.stdout


@pytest.mark.parametrize("output_format", ["text", "github", "junit", "json", "sarif"])
def test_no_raw_control_characters_in_any_format(plan: Path, output_format: str) -> None:
    out = _run(plan, "--format", output_format)
    assert "\x1b" not in out and "\x0b" not in out
    if output_format in ("text", "github", "junit"):
        assert "\u202e" not in out
        assert "sa\\x1b[2Jri\\x0b\\u202eyx" in out
    if output_format == "junit":
        messages = [f.get("message") or "" for f in ET.fromstring(out).iter("failure")]
        # a reference close to no person: the unknown person, escaped in the XML attribute
        assert any("unknown person 'sa\\x1b[2Jri" in m for m in messages), messages
    if output_format in ("json", "sarif"):
        # JSON escapes control characters itself; the value survives exactly.
        assert any("sa\x1b[2Jri\x0b\u202eyx" in text for text in _strings(json.loads(out)))


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        node = list(node.values())
    return [text for item in node for text in _strings(item)] if isinstance(node, list) else []
