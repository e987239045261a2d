"""`read_regular_file` reads a file whole in one call: the same bytes and the same limit as
reading it in chunks, for files of every size, a file that lies about its size (/proc)
and one at the limit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from crisiskit.util.reading import FileTooLarge, read_regular_file


@pytest.mark.parametrize("size", [0, 1, 4095, 1 << 16, (1 << 16) + 1, (1 << 20) + 7, 3 << 20])
def test_every_size_reads_as_the_file_is(tmp_path: Path, size: int) -> None:
    data = os.urandom(size)
    path = tmp_path / "f.yaml"
    path.write_bytes(data)
    assert read_regular_file(path, 4 << 20) == data


def test_a_file_at_the_limit_is_read_and_one_byte_over_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"x" * 100)
    assert read_regular_file(path, 100) == b"x" * 100
    with pytest.raises(FileTooLarge):
        read_regular_file(path, 99)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="no /proc")
def test_a_file_that_says_it_is_empty_is_read_to_its_end() -> None:
    path = Path("/proc/self/status")
    assert os.stat(path).st_size == 0
    data = read_regular_file(path, 1 << 20)
    assert data.startswith(b"Name:") and data.endswith(b"\n") and len(data) > 512
    with pytest.raises(FileTooLarge):
        read_regular_file(path, 10)  # it lied about its size: still refused past the limit
