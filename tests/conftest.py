from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from crisiskit.loader.plan import ValidPlan

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = date(2026, 11, 24)


@pytest.fixture(autouse=True)
def _no_findings_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests patch rules and checks in memory, which the cache's key cannot see.

    The cache's own tests (tests/cli/test_cache.py) turn it back on.
    """
    monkeypatch.setenv("CRISISKIT_NO_CACHE", "1")


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


def in_ci() -> bool:
    """CI=true (as .ci/run and the usual CI services set it)."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def _executable(path: str | Path) -> bool:
    return Path(path).is_file() and os.access(path, os.X_OK)


def require_tool(
    name: str, *, env: str | None = None, local: Path | None = None, hint: str = ""
) -> str:
    """The path of an external tool a test drives, or the test does not run.

    Looked for in the environment variable `env` (when set, only there: a wrong path is a
    mistake to report, not a reason to use another tool), then at `local` (the project's
    own pinned install), then on PATH. A developer without the tool gets a skip; under
    CI=true the test fails instead, because there a skip would let a check that .ci/run is
    meant to install silently stop running.
    """
    if env and os.environ.get(env):
        candidates: list[str | Path | None] = [os.environ[env]]
        where = f"${env}={os.environ[env]}"
    else:
        candidates = [local, shutil.which(name)]
        where = "PATH" if local is None else f"{local} or PATH"
    for candidate in candidates:
        if candidate is not None and _executable(candidate):
            return str(candidate)
    reason = f"{name} not found at {where}" + (f" ({hint})" if hint else "")
    if in_ci():
        pytest.fail(f"{reason}; CI=true, so .ci/run must install it", pytrace=False)
    pytest.skip(reason)
