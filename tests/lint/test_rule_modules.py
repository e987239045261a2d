"""One rule per module, and each module is named after its rule's code and name."""

from __future__ import annotations

import importlib
import pkgutil

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
