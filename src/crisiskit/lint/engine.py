"""The lint engine: run every selected rule on a valid plan; a crashing rule is a finding."""

from __future__ import annotations

from datetime import date

from crisiskit.config.settings import Config
from crisiskit.diagnostics import checks
from crisiskit.diagnostics.findings import Finding, Span, format_path
from crisiskit.lint.context import LintContext
from crisiskit.lint.registry import Rule, all_rules
from crisiskit.loader.plan import LoadedPlan


def lint_plan(
    loaded: LoadedPlan,
    today: date,
    config: Config | None = None,
    rules: tuple[Rule, ...] | None = None,
) -> list[Finding]:
    """Findings of the rules on a plan that loaded without schema errors."""
    valid = loaded.valid()
    if valid is None:
        return []
    context = LintContext(valid, today, config or Config())
    findings: list[Finding] = []
    for rule in rules if rules is not None else all_rules():
        try:
            for violation in rule.check(context):
                span: Span | None
                if violation.at is not None:
                    (file, span), shown = violation.at, format_path(violation.path)
                else:
                    file, span, shown = loaded.locate(violation.path, violation.on_key)
                findings.append(
                    Finding(
                        rule.code,
                        rule.name,
                        rule.severity,
                        violation.message,
                        file,
                        span,
                        shown,
                        violation.hint,
                    )
                )
        except Exception as exc:  # a broken rule must not stop the run
            findings.append(
                checks.INTERNAL_ERROR.finding(
                    f"rule {rule.code} ({rule.name}) crashed: {type(exc).__name__}: {exc}",
                    loaded.file,
                    hint="the other rules ran; please report this bug",
                )
            )
    return findings
