"""The lint engine: a rule that raises becomes a finding, and the other rules still run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crisiskit.diagnostics.findings import Level
from crisiskit.lint.context import LintContext
from crisiskit.lint.engine import lint_plan
from crisiskit.lint.example_plan import BASE_PLAN
from crisiskit.lint.registry import Violation, all_rules, make_rule
from crisiskit.loader import load_plan
from tests.conftest import TODAY


def _broken(ctx: LintContext) -> Iterator[Violation]:
    """A rule with a bug."""
    yield Violation(("roles", 0), "first finding before the crash")
    raise KeyError("no-such-role")


def test_crashing_rule_becomes_an_internal_error_finding(repo_dir: Path) -> None:
    plan = repo_dir / "plan.yaml"
    plan.write_text(BASE_PLAN.replace("    backups: [dimas]\n", ""))
    loaded = load_plan(plan)
    crashing = make_rule("CK599", "broken-rule", Level.WARNING, _broken, "A rule with a bug.")
    rules = (crashing, *[r for r in all_rules() if r.code == "CK201"])
    findings = lint_plan(loaded, TODAY, rules=rules)
    codes = [f.code for f in findings]
    assert codes == ["CK599", "CK020", "CK201"]
    crash = findings[1]
    assert "rule CK599 (broken-rule) crashed: KeyError" in crash.message
    assert crash.file.endswith("plan.yaml")


def test_severity_timings_are_compared_across_a_level_without_them(repo_dir: Path) -> None:
    # SEV2 has no first response (CK306's finding); SEV3's 5m is still faster than SEV1's 15m.
    sev3 = (
        "  - id: sev3\n    name: SEV3 - Medium\n    level: 3\n    criteria: [Local]\n"
        "    first_response: 5m\n    update_every: 4h\n    responder: social-lead\n"
        "    notify: [crisis-lead]\n    approvers: [crisis-lead]\n"
    )
    text = BASE_PLAN.replace("    first_response: 1h\n", "").replace(
        "escalation:\n", sev3 + "escalation:\n", 1
    )
    plan = repo_dir / "plan.yaml"
    plan.write_text(text)
    loaded = load_plan(plan)
    rules = tuple(r for r in all_rules() if r.code == "CK305")
    findings = lint_plan(loaded, TODAY, rules=rules)
    assert [(f.code, f.path) for f in findings] == [("CK305", "severities[2].first_response")]
    assert (
        "sev3 (first_response 5m) is faster than the more severe sev1 (15m)" in findings[0].message
    )


@pytest.mark.parametrize(
    ("line", "comment"),
    [
        ("# password: hunter2hunter2", "# password: hunter2hunter2"),
        ("name: Rina  # token=abcdefghijklmnop", "# token=abcdefghijklmnop"),
        ('text: "a # b" # c', "# c"),
        ("text: 'it''s # x' # real", "# real"),
        ("help: https://example.com/#faq", None),
        ('  - "#WarungRasa"', None),
        ("  - #WarungRasa", "#WarungRasa"),
    ],
)
def test_yaml_comments_are_found_outside_quotes(line: str, comment: str | None) -> None:
    from crisiskit.lint.rules.ck507_secret_in_plan import _comment

    start = _comment(line)
    assert (None if start is None else line[start:]) == comment
