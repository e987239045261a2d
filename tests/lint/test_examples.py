"""Every rule's and check's documented examples fail and pass as they say."""

from __future__ import annotations

from pathlib import Path

import pytest

from crisiskit.diagnostics import checks
from crisiskit.lint.example_plan import BASE_PLAN, example_plan_text
from crisiskit.lint.registry import all_rules
from crisiskit.validation.pipeline import validate_paths
from tests.conftest import TODAY

RULES = all_rules()


def _codes(repo: Path, text: str) -> list[str]:
    plan = repo / "plan.yaml"
    plan.write_bytes(text.encode("utf-8", "surrogateescape"))
    return [f.code for f in validate_paths([plan], TODAY).findings]


def test_base_plan_is_clean(repo_dir: Path) -> None:
    assert _codes(repo_dir, BASE_PLAN) == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_has_metadata(rule) -> None:  # type: ignore[no-untyped-def]
    assert rule.summary.endswith(".")
    assert set(rule.examples) == {"failing", "passing"}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_failing_example_fails(rule, repo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    assert rule.code in _codes(repo_dir, example_plan_text(rule.failing))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_passing_example_passes(rule, repo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    codes = _codes(repo_dir, example_plan_text(rule.passing))
    assert rule.code not in codes
    # The passing example is a complete, valid plan: no schema or reference errors.
    assert [c for c in codes if c.startswith("CK0")] == []


DOCUMENTED_CHECKS = [c for c in checks.LOADER_CHECKS if c.failing]


@pytest.mark.parametrize("check", DOCUMENTED_CHECKS, ids=lambda c: c.code)
def test_check_examples(check, repo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    if check is checks.ORPHAN_FRAGMENT:
        (repo_dir / "plans").mkdir()
        (repo_dir / "plans" / "team.yaml").write_text(check.failing)
        found = validate_paths([repo_dir / "plans"], TODAY).findings
        assert check.code in [f.code for f in found]
        return
    if check is checks.FRAGMENT_CHECKED_ALONE:
        plans = repo_dir / "plans"
        plans.mkdir()
        (plans / "agency-team.yaml").write_text(check.failing)
        client = check.passing.replace(
            "crisiskit: 1\n", "crisiskit: 1\ninclude: [agency-team.yaml]\n"
        )
        (plans / "client.yaml").write_text(client)
        found = validate_paths([plans / "agency-team.yaml"], TODAY).findings
        assert check.code in [f.code for f in found]
        assert check.code not in _codes(repo_dir, check.passing)
        return
    if check is checks.NO_REPOSITORY_ROOT:
        bare = repo_dir.parent / f"{repo_dir.name}-no-repository"  # no marker above it
        bare.mkdir()
        assert check.code in _codes(bare, check.failing)
        assert check.code not in _codes(repo_dir, check.passing)
        return
    text = check.failing
    if check is checks.INVALID_ENCODING:
        text = text.encode("utf-8").decode("utf-8").replace("caf\xe9", "caf\udce9")
    assert check.code in _codes(repo_dir, text)
    assert check.code not in _codes(repo_dir, check.passing)
