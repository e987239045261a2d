"""Every rule's pass and fail cases, kept as data (as sqlfluff keeps its rule cases).

`tests/fixtures/rules/CKnnn.yaml` holds one rule's cases. Each case is a YAML patch merged
into the example plan the way a rule's docstring examples are (see
:func:`crisiskit.lint.example_plan.example_plan_text`): items of id sections replace the
base item with the same id or are added; `# replace: SECTION` replaces a section whole.

    rule: CK101
    cases:
      - name: a threat with no owner key        # what the case shows
        fail: |                                 # the patch; the rule must fire...
          threats: [...]
        paths: ["threats[2]"]                   # ...exactly at these data paths
      - name: every threat names its owner
        pass: |                                 # the rule must stay silent
          threats: [...]

A case may set `today: YYYY-MM-DD` (default 2026-11-24). Every case must load without
schema or reference errors, so that it tests the rule and not a broken plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from crisiskit.lint.example_plan import example_plan_text
from crisiskit.lint.registry import all_rules
from crisiskit.validation.pipeline import validate_paths
from tests.conftest import FIXTURES, TODAY

CASES = FIXTURES / "rules"
MIN_FAILING, MIN_PASSING = 3, 2


@dataclass(frozen=True)
class Case:
    rule: str
    name: str
    patch: str
    failing: bool
    paths: tuple[str, ...]
    today: date

    @property
    def id(self) -> str:
        return f"{self.rule}-{'fail' if self.failing else 'pass'}-{self.name}"


def _cases(path: Path) -> list[Case]:
    document = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    rule = document["rule"]
    assert path.stem == rule, f"{path.name} holds the cases of {rule}"
    found = []
    for item in document["cases"]:
        unknown = set(item) - {"name", "fail", "pass", "paths", "today"}
        assert not unknown, f"{path.name}: {item.get('name')}: unknown keys {unknown}"
        failing = "fail" in item
        assert failing != ("pass" in item), f"{path.name}: {item['name']}: fail or pass"
        assert failing == ("paths" in item), f"{path.name}: {item['name']}: paths with fail"
        today = item.get("today", TODAY)
        found.append(
            Case(
                rule,
                item["name"],
                item["fail" if failing else "pass"],
                failing,
                tuple(item.get("paths", ())),
                today if isinstance(today, date) else date.fromisoformat(str(today)),
            )
        )
    return found


ALL_CASES = [case for path in sorted(CASES.glob("CK*.yaml")) for case in _cases(path)]


def test_every_rule_has_enough_cases() -> None:
    for rule in all_rules():
        mine = [c for c in ALL_CASES if c.rule == rule.code]
        failing = sum(c.failing for c in mine)
        assert failing >= MIN_FAILING, f"{rule.code} has {failing} failing cases"
        assert len(mine) - failing >= MIN_PASSING, f"{rule.code} lacks passing cases"
    assert {c.rule for c in ALL_CASES} <= {r.code for r in all_rules()}


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.id for c in ALL_CASES])
def test_rule_case(case: Case, repo_dir: Path) -> None:
    plan = repo_dir / "plan.yaml"
    plan.write_text(example_plan_text(case.patch), encoding="utf-8")
    findings = validate_paths([plan], case.today).findings
    broken = [f"{f.code} {f.path}: {f.message}" for f in findings if f.code.startswith("CK0")]
    assert broken == [], "the case's plan itself is broken"
    fired = sorted(f.path for f in findings if f.code == case.rule)
    assert fired == sorted(case.paths), [f.message for f in findings if f.code == case.rule]
