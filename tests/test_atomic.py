"""Atomic writes refuse impossible targets with a usage error, never a crash."""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path

import pytest

from crisiskit.diagnostics.errors import UsageError
from crisiskit.util.atomic import append_atomic, write_atomic


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
    with pytest.raises(UsageError, match="is a directory"):
        append_atomic(tmp_path, "line\n")


def _append_many(path: str, writer: int) -> None:
    for i in range(100):
        append_atomic(Path(path), json.dumps({"writer": writer, "i": i, "pad": "x" * 300}) + "\n")


def test_concurrent_appends_lose_and_interleave_nothing(tmp_path: Path) -> None:
    log = tmp_path / "incident.jsonl"
    log.write_text('{"first": true}\n', encoding="utf-8")
    with multiprocessing.get_context("fork").Pool(6) as pool:
        pool.starmap(_append_many, [(str(log), writer) for writer in range(6)])
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert records[0] == {"first": True}
    assert len(records) == 1 + 6 * 100
    for writer in range(6):
        assert [r["i"] for r in records[1:] if r["writer"] == writer] == list(range(100))


def test_a_torn_last_line_does_not_swallow_the_next_record(tmp_path: Path) -> None:
    log = tmp_path / "incident.jsonl"
    log.write_bytes(b'{"ok": 1}\n{"torn": ')  # a crash mid-write
    append_atomic(log, '{"ok": 2}\n')
    assert log.read_text(encoding="utf-8").splitlines() == ['{"ok": 1}', '{"torn": ', '{"ok": 2}']


def test_append_keeps_the_file_mode(tmp_path: Path) -> None:
    log = tmp_path / "incident.jsonl"
    log.write_text("a\n", encoding="utf-8")
    log.chmod(0o600)
    append_atomic(log, "b\n")
    assert log.stat().st_mode & 0o777 == 0o600
    assert log.read_text(encoding="utf-8") == "a\nb\n"
