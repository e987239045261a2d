"""Atomic writes refuse impossible targets with a usage error, never a crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from crisiskit.atomic import append_atomic, write_atomic
from crisiskit.errors import UsageError


def test_directory_target_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="is a directory"):
        write_atomic(tmp_path, "x", overwrite=True)


def test_missing_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        write_atomic(tmp_path / "no" / "file.txt", "x", overwrite=True)


def test_os_error_becomes_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    target = tmp_path / "out.txt"
    with pytest.raises(UsageError, match="cannot write: Permission denied"):
        write_atomic(target, "x", overwrite=True)
    assert list(tmp_path.iterdir()) == []  # the temporary file is gone too


def test_append_to_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot read: Is a directory"):
        append_atomic(tmp_path, "line\n")
