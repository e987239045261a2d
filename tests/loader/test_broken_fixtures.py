"""Each broken fixture declares, on its first line, the findings it must produce, and no others.

# expect: CK014 line 25 path roles[0].primary; CK011 line 30
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crisiskit.validation.pipeline import validate_paths
from tests.conftest import FIXTURES, TODAY

BROKEN = sorted((FIXTURES / "broken").glob("*.yaml"))
_EXPECT = re.compile(r"(CK\d{3}) line (\d+)(?: path ([^\s;]+))?")


def _expectations(path: Path) -> list[tuple[str, int, str | None]]:
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("# expect:"), f"{path.name} has no expect header"
    found = [(code, int(line), data_path) for code, line, data_path in _EXPECT.findall(header)]
    assert found, f"{path.name}: unreadable expect header"
    return found


def test_corpus_is_large_enough() -> None:
    assert len(BROKEN) >= 30


def test_clean_base_of_the_corpus_is_valid() -> None:
    assert validate_paths([FIXTURES / "valid" / "minimal.yaml"], TODAY, lint=False).findings == []


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_broken_fixture(path: Path) -> None:
    findings = validate_paths([path], TODAY, lint=False).findings
    got = [(f.code, f.line, f.path) for f in findings]
    for code, line, data_path in _expectations(path):
        matching = [g for g in got if g[0] == code and g[1] == line]
        assert matching, f"expected {code} at line {line}, got {got}"
        if data_path is not None:
            assert any(g[2] == data_path for g in matching), f"expected path {data_path}: {got}"
    expected = {(code, line) for code, line, _ in _expectations(path)}
    unexpected = [g for g in got if (g[0], g[1]) not in expected]
    assert unexpected == [], "findings the header does not expect"
    for finding in findings:
        assert finding.file.endswith(path.name)
        assert finding.line >= 1 and finding.column >= 1
