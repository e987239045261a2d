"""require_tool: a missing external tool skips a test locally and fails it under CI=true."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import require_tool


def _tool(directory: Path, name: str, *, executable: bool = True) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(0o755 if executable else 0o644)
    return path


@pytest.fixture
def empty_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """PATH holds one empty directory, and neither CI nor the override variable is set."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("CK_TEST_TOOL", raising=False)
    return bin_dir


def test_a_tool_on_path_is_found(empty_path: Path) -> None:
    tool = _tool(empty_path, "ck-test-tool")
    assert require_tool("ck-test-tool") == str(tool)


def test_the_local_install_comes_before_path(empty_path: Path, tmp_path: Path) -> None:
    _tool(empty_path, "ck-test-tool")
    local = _tool(tmp_path / "pinned", "ck-test-tool")
    assert require_tool("ck-test-tool", local=local) == str(local)


def test_a_missing_local_install_falls_back_to_path(empty_path: Path, tmp_path: Path) -> None:
    tool = _tool(empty_path, "ck-test-tool")
    assert require_tool("ck-test-tool", local=tmp_path / "nowhere" / "ck-test-tool") == str(tool)


def test_the_environment_variable_wins(
    empty_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tool(empty_path, "ck-test-tool")
    chosen = _tool(tmp_path / "elsewhere", "other-name")
    monkeypatch.setenv("CK_TEST_TOOL", str(chosen))
    assert require_tool("ck-test-tool", env="CK_TEST_TOOL") == str(chosen)


def test_a_wrong_environment_variable_is_not_replaced_by_path(
    empty_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tool(empty_path, "ck-test-tool")
    monkeypatch.setenv("CK_TEST_TOOL", str(tmp_path / "typo"))
    with pytest.raises(pytest.skip.Exception, match=r"\$CK_TEST_TOOL="):
        require_tool("ck-test-tool", env="CK_TEST_TOOL")


def test_a_file_that_cannot_run_is_not_a_tool(empty_path: Path) -> None:
    _tool(empty_path, "ck-test-tool", executable=False)
    with pytest.raises(pytest.skip.Exception):
        require_tool("ck-test-tool")


def test_a_missing_tool_skips_outside_ci(empty_path: Path) -> None:
    with pytest.raises(pytest.skip.Exception, match=r"ck-test-tool not found.*apt-get install x"):
        require_tool("ck-test-tool", hint="apt-get install x")


@pytest.mark.parametrize("value", ["true", "TRUE", "1"])
def test_a_missing_tool_fails_under_ci(
    empty_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match=r"ck-test-tool not found.*\.ci/run must"):
        require_tool("ck-test-tool")


def test_ci_false_is_not_ci(empty_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception):
        require_tool("ck-test-tool")
