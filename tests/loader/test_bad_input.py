"""Bad and hostile input becomes findings with locations, never a crash."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from crisiskit.loader import compose as compose_module
from crisiskit.loader.compose import MAX_DEPTH, compose
from crisiskit.validation.pipeline import validate_paths
from tests.conftest import FIXTURES, TODAY

VALID = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")


def _findings(repo: Path, content: str | bytes, name: str = "plan.yaml") -> list[tuple[str, int]]:
    path = repo / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return [(f.code, f.line) for f in validate_paths([path], TODAY, lint=False).findings]


def test_empty_file(repo_dir: Path) -> None:
    assert _findings(repo_dir, "") == [("CK003", 1)]


def test_only_comments(repo_dir: Path) -> None:
    assert _findings(repo_dir, "# a plan will go here\n# later\n") == [("CK003", 1)]


@pytest.mark.parametrize("text", ["- people\n- roles\n", "just a sentence\n", "42\n"])
def test_top_level_not_a_mapping(repo_dir: Path, text: str) -> None:
    # A YAML file that is not a mapping is neither a plan nor a fragment.
    assert [code for code, _ in _findings(repo_dir, text)] == ["CK004"]


def test_tab_indentation_hint(repo_dir: Path) -> None:
    text = VALID.replace("    name: Dimas Pratama", "\tname: Dimas Pratama")
    findings = validate_paths([_write(repo_dir, text)], TODAY, lint=False).findings
    assert [(f.code, f.hint) for f in findings] == [
        ("CK001", "YAML cannot be indented with tabs; use spaces")
    ]


def _write(repo: Path, text: str) -> Path:
    path = repo / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_two_merge_keys_are_duplicates() -> None:
    composed = compose("a: &a {x: 1}\nb: &b {y: 2}\nc:\n  <<: *a\n  <<: *b\n", "f.yaml")
    assert [(f.code, f.line) for f in composed.findings] == [("CK005", 5)]


def test_merge_key_values_are_merged_and_overridable() -> None:
    composed = compose("base: &b {x: 1, y: 2}\nitem:\n  <<: *b\n  y: 3\n", "f.yaml")
    assert composed.findings == []
    assert composed.data["item"] == {"x": 1, "y": 3}


def test_alias_bomb_is_stopped_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 9) + "]")
    started = time.perf_counter()
    composed = compose("\n".join(lines) + "\n", "bomb.yaml")
    elapsed = time.perf_counter() - started
    assert [f.code for f in composed.findings] == ["CK007"]
    assert composed.data is None
    assert elapsed < 5  # 9**9 values would take hours; a generous bound, not a benchmark


def test_flow_nesting_beyond_libyaml_recursion_does_not_crash() -> None:
    # 200,000 nested '[' used to overflow the C stack inside libyaml's composer.
    composed = compose("x: " + "[" * 200_000, "deep.yaml")
    assert [f.code for f in composed.findings] == ["CK008"]
    assert composed.findings[0].line == 1


def test_block_nesting_limit() -> None:
    depth = MAX_DEPTH + 5
    text = "".join(f"{'  ' * i}k{i}:\n" for i in range(depth)) + "  " * depth + "v\n"
    composed = compose(text, "deep.yaml")
    assert [f.code for f in composed.findings] == ["CK008"]


def test_reasonable_nesting_is_fine() -> None:
    composed = compose("x: " + "[" * 50 + "]" * 50 + "\n", "ok.yaml")
    assert composed.findings == []


def test_invalid_utf8_points_at_the_byte(repo_dir: Path) -> None:
    content = VALID.encode().replace(b"Rina Wijaya", b"Rina Wij\xe4ya")
    line = VALID[: VALID.index("Rina Wijaya")].count("\n") + 1
    column = VALID.splitlines()[line - 1].index("Rina") + 1 + len("Rina Wij")
    path = repo_dir / "plan.yaml"
    path.write_bytes(content)
    [finding] = validate_paths([path], TODAY, lint=False).findings
    assert (finding.code, finding.line, finding.column) == ("CK002", line, column)


def test_utf8_bom_is_accepted(repo_dir: Path) -> None:
    assert _findings(repo_dir, b"\xef\xbb\xbf" + VALID.encode()) == []


def test_utf16_is_reported(repo_dir: Path) -> None:
    assert [c for c, _ in _findings(repo_dir, VALID.encode("utf-16"))] == ["CK002"]


def test_nul_byte(repo_dir: Path) -> None:
    content = VALID.replace("Dimas Pratama", "Dimas\x00Pratama")
    line = content[: content.index("\x00")].count("\n") + 1
    assert _findings(repo_dir, content) == [("CK002", line)]


def test_python_tags_never_execute(repo_dir: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = VALID.replace(
        "  name: Broken Example",
        f"  name: !!python/object/apply:os.system ['touch {marker}']",
    )
    codes = [c for c, _ in _findings(repo_dir, text)]
    assert "CK006" in codes
    assert not marker.exists()


def test_unknown_local_tag(repo_dir: Path) -> None:
    text = VALID.replace("    name: Data leak", "    name: !vault Data leak")
    line = text[: text.index("!vault")].count("\n") + 1
    assert ("CK006", line) in _findings(repo_dir, text)


def test_multiple_documents(repo_dir: Path) -> None:
    text = VALID + "---\npeople: []\n"
    line = text.count("\n") - 1
    assert _findings(repo_dir, text) == [("CK010", line)]


def test_huge_scalar(repo_dir: Path) -> None:
    text = VALID.replace("  name: Broken Example", "  name: " + "x" * 200_000)
    assert [c for c, _ in _findings(repo_dir, text)] == ["CK009"]


def test_huge_file(repo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compose_module, "MAX_FILE_BYTES", 1000)
    assert _findings(repo_dir, VALID + "# padding\n" * 200) == [("CK009", 1)]


def test_crlf_line_endings_keep_line_numbers(repo_dir: Path) -> None:
    text = VALID.replace("    primary: rina", "    primary: rinna")
    line = text[: text.index("rinna")].count("\n") + 1
    assert _findings(repo_dir, text.replace("\n", "\r\n").encode()) == [("CK014", line)]


def test_fifo_is_a_usage_error(repo_dir: Path) -> None:
    from crisiskit.diagnostics.errors import PathError

    fifo = repo_dir / "plan.yaml"
    os.mkfifo(fifo)
    with pytest.raises(PathError, match="not a regular file"):
        validate_paths([fifo], TODAY)


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    from crisiskit.diagnostics.errors import PathError

    with pytest.raises(PathError, match="no such file"):
        validate_paths([tmp_path / "nope.yaml"], TODAY)


def test_ruamel_uses_the_c_parser() -> None:
    from ruamel.yaml import YAML

    assert YAML(typ="safe").Parser.__module__ in ("_ruamel_yaml", "ruamel.yaml.clib._ruamel_yaml")
    assert compose_module._Parser.__mro__[1].__module__ == YAML(typ="safe").Parser.__module__
