"""In-process timings of the validate pipeline's stages on the 1 MB plan (pytest-benchmark).

Not part of the test suite (testpaths is tests/). Run:
    .venv/bin/python bench/generate.py
    .venv/bin/python -m pytest bench/ --benchmark-only
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from crisiskit.lint.engine import lint_plan
from crisiskit.loader import FileCache, load_plan
from crisiskit.loader.compose import compose

PLAN = Path(__file__).parent / "out" / "plan-1mb.yaml"
TODAY = date(2026, 11, 24)

pytestmark = pytest.mark.skipif(not PLAN.exists(), reason="run bench/generate.py first")


def test_compose(benchmark: Any) -> None:
    text = PLAN.read_text(encoding="utf-8")
    composed = benchmark(compose, text, PLAN.name)
    assert composed.ok and composed.data["crisiskit"] == 1


def test_load_plan(benchmark: Any) -> None:
    loaded = benchmark(lambda: load_plan(PLAN, FileCache()))
    assert loaded.plan is not None and not loaded.findings


def test_lint(benchmark: Any) -> None:
    loaded = load_plan(PLAN)
    assert loaded.plan is not None
    findings = benchmark.pedantic(lint_plan, args=(loaded, TODAY), rounds=3, iterations=1)
    assert not [f for f in findings if f.code.startswith("CK0")]
