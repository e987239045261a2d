from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from crisiskit.loader.plan import ValidPlan

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = date(2026, 11, 24)


@pytest.fixture
def repo_dir(tmp_path: Path) -> Path:
    """An empty repository root: includes and templates are confined to it."""
    (tmp_path / ".git").mkdir()
    return tmp_path


def load_valid(path: Path) -> ValidPlan:
    """The plan at ``path``, failing the test (with its findings) if it is not valid."""
    from crisiskit.loader import load_plan

    loaded = load_plan(path)
    valid = loaded.valid()
    assert valid is not None, loaded.findings
    return valid


def assert_golden(path: Path, actual: str) -> None:
    """``actual`` must equal the golden file at ``path``.

    The one switch for every golden file: run the tests with CRISISKIT_UPDATE_GOLDEN=1 to
    rewrite them, then read `git diff` before committing (a golden file is only as good as
    the review of its content).
    """
    if os.environ.get("CRISISKIT_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")
