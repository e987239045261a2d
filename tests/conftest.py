from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = date(2026, 11, 24)


@pytest.fixture
def repo_dir(tmp_path: Path) -> Path:
    """An empty repository root: includes and templates are confined to it."""
    (tmp_path / ".git").mkdir()
    return tmp_path
