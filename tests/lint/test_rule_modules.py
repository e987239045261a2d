"""One rule per module, named after its code and name; every check and rule documented."""

from __future__ import annotations

import importlib
import pkgutil
import re

from crisiskit.lint import rules as rules_package
from crisiskit.lint.registry import all_rules


def test_each_module_holds_exactly_one_rule_named_after_it() -> None:
    modules = sorted(m.name for m in pkgutil.iter_modules(rules_package.__path__))
    by_module: dict[str, list[str]] = {name: [] for name in modules}
    for rule in all_rules():
        module = rule.check.__module__.rsplit(".", 1)[-1]
        by_module.setdefault(module, []).append(f"{rule.code} {rule.name}")
    expected = {
        f"{rule.code.lower()}_{rule.name.replace('-', '_')}": [f"{rule.code} {rule.name}"]
        for rule in all_rules()
    }
    assert by_module == expected


def test_module_docstring_names_the_rule() -> None:
    for rule in all_rules():
        module = importlib.import_module(rule.check.__module__)
        assert module.__doc__ == f"{rule.code} {rule.name}.", rule.check.__module__


def test_every_file_check_is_documented_with_examples() -> None:
    from crisiskit.diagnostics import checks
    from crisiskit.lint.catalog import catalog

    codes = [entry.code for entry in catalog()]
    assert len(codes) == len(set(codes))
    for check in checks.LOADER_CHECKS:
        assert re.fullmatch(r"CK0\d\d", check.code) and re.fullmatch(
            r"[a-z]+(-[a-z]+)*", check.name
        )
        assert check.doc.splitlines()[0].endswith("."), check.code
        if check is not checks.INTERNAL_ERROR:  # a crash has no example to give
            assert check.failing and check.passing, f"{check.code} lacks an example"
