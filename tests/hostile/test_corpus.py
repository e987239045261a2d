"""A corpus of hostile inputs: each ends in findings or a refusal, never a crash or a leak."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiskit.cli import app
from crisiskit.validation.pipeline import validate_paths
from tests.conftest import FIXTURES, REPO, TODAY

VALID = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
runner = CliRunner()


def _bomb(levels: int, width: int) -> str:
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


# (id, file bytes, expected finding code)
YAML_CASES: list[tuple[str, bytes, str]] = [
    ("billion-laughs", _bomb(9, 9).encode(), "CK007"),
    ("wide-bomb", _bomb(4, 200).encode(), "CK007"),
    ("merge-bomb", (_bomb(6, 12) + "m:\n  <<: [*a5, *a5, *a5]\n").encode(), "CK007"),
    ("deep-flow-200k", b"x: " + b"[" * 200_000, "CK008"),
    ("deep-flow-map", b"x: " + b"{a: " * 5_000, "CK008"),
    ("deep-block", "".join(f"{' ' * i}k:\n" for i in range(0, 400, 2)).encode(), "CK008"),
    (
        "deep-sequence-dashes",
        ("x:\n" + "".join(f"{'  ' * i}-\n" for i in range(200)) + "  " * 200 + "- v\n").encode(),
        "CK008",
    ),
    ("huge-scalar", ("a: " + "x" * 150_000 + "\n").encode(), "CK009"),
    ("huge-block-scalar", ("a: |\n" + ("  " + "y" * 1000 + "\n") * 200).encode(), "CK009"),
    ("latin-1", VALID.replace("Rina Wijaya", "Rína Wijaya").encode("latin-1"), "CK002"),
    ("utf-16-le", VALID.encode("utf-16-le"), "CK002"),
    ("utf-16-be-bom", b"\xfe\xff" + VALID.encode("utf-16-be"), "CK002"),
    ("overlong-utf8", VALID.encode().replace(b"Rina", b"R\xc0\xa9na"), "CK002"),
    ("surrogate-bytes", VALID.encode().replace(b"Rina", b"R\xed\xa0\x80na"), "CK002"),
    ("nul-byte", VALID.encode().replace(b"Rina", b"Ri\x00na"), "CK002"),
    (
        "python-object-apply",
        VALID.replace(
            "  name: Broken Example", "  name: !!python/object/apply:os.system ['echo pwned']"
        ).encode(),
        "CK006",
    ),
    (
        "python-name",
        VALID.replace("  name: Broken Example", "  name: !!python/name:os.system").encode(),
        "CK006",
    ),
    (
        "python-module",
        VALID.replace("  name: Broken Example", "  name: !!python/module:os").encode(),
        "CK006",
    ),
    (
        "python-object-new",
        VALID.replace(
            "  name: Broken Example", "  name: !!python/object/new:subprocess.Popen [[id]]"
        ).encode(),
        "CK006",
    ),
    (
        "ruby-tag",
        VALID.replace("  name: Broken Example", "  name: !ruby/object:Gem::Installer {}").encode(),
        "CK006",
    ),
    (
        "tag-directive",
        (
            "%TAG !x! tag:evil.example,2026:\n---\n"
            + VALID.replace("  name: Broken Example", "  name: !x!run whoami")
        ).encode(),
        "CK006",
    ),
    (
        "binary-tag",
        VALID.replace("  name: Broken Example", "  name: !!binary aGVsbG8=").encode(),
        "CK006",
    ),
    (
        "duplicate-keys",
        VALID.replace(
            "    name: Rina Wijaya\n", "    name: Rina Wijaya\n    name: Mallory\n"
        ).encode(),
        "CK005",
    ),
    ("duplicate-merge-keys", b"a: &a {x: 1}\nb: &b {y: 1}\nc:\n  <<: *a\n  <<: *b\n", "CK005"),
    ("many-documents", (VALID + "---\n" + VALID).encode(), "CK010"),
    (
        "undefined-alias",
        VALID.replace("  name: Broken Example", "  name: *nowhere").encode(),
        "CK001",
    ),
    ("tabs", VALID.replace("    name: Dimas Pratama", "\tname: Dimas Pratama").encode(), "CK001"),
    ("binary-garbage", bytes(range(256)) * 4, "CK002"),
    ("complex-key", b"? [a, b]\n: value\ncrisiskit: 1\n", "CK001"),
]


@pytest.mark.parametrize(
    ("content", "code"), [c[1:] for c in YAML_CASES], ids=[c[0] for c in YAML_CASES]
)
def test_hostile_yaml(content: bytes, code: str, repo_dir: Path) -> None:
    plan = repo_dir / "plan.yaml"
    plan.write_bytes(content)
    started = time.perf_counter()
    findings = validate_paths([plan], TODAY).findings
    assert code in [f.code for f in findings]
    assert all(f.line >= 1 and f.column >= 1 for f in findings)
    # A bound against hangs (alias bombs, quadratic parsing), not a benchmark.
    assert time.perf_counter() - started < 30


def _plan_with_include(repo: Path, entry: str) -> Path:
    plan = repo / "plans" / "client.yaml"
    plan.parent.mkdir(exist_ok=True)
    plan.write_text(VALID + f"include:\n  - {entry}\n")
    return plan


INCLUDE_CASES = [
    ("parent-escape", "../../../../etc/passwd"),
    ("absolute", "/etc/passwd"),
    ("home", "~/.ssh/id_rsa"),
    ("url", "'https://evil.example/team.yaml'"),
    ("windows-absolute", "'C:\\Windows\\win.ini'"),
    ("dot-dot-inside-name", "'plans/../../../etc/hosts'"),
]


@pytest.mark.parametrize("entry", [c[1] for c in INCLUDE_CASES], ids=[c[0] for c in INCLUDE_CASES])
def test_include_cannot_leave_the_repository(entry: str, repo_dir: Path) -> None:
    findings = validate_paths([_plan_with_include(repo_dir, entry)], TODAY).findings
    assert {"CK016", "CK017"} & {f.code for f in findings}
    assert "root:" not in "".join(f.message for f in findings)


def test_include_symlink_out(repo_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("outside") / "team.yaml"
    outside.write_text("people: []\n")
    (repo_dir / "plans").mkdir()
    os.symlink(outside, repo_dir / "plans" / "team.yaml")
    findings = validate_paths([_plan_with_include(repo_dir, "team.yaml")], TODAY).findings
    assert [f.code for f in findings if f.code.startswith("CK01")] == ["CK017"]


def test_include_symlinked_directory_out(
    repo_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (outside / "team.yaml").write_text("people: []\n")
    (repo_dir / "plans").mkdir()
    os.symlink(outside, repo_dir / "plans" / "shared")
    findings = validate_paths([_plan_with_include(repo_dir, "shared/team.yaml")], TODAY).findings
    assert "CK017" in [f.code for f in findings]


TEMPLATE_ATTACKS = [
    ("class-mro", "{{ ''.__class__.__mro__[1].__subclasses__() }}"),
    ("cycler-globals", "{{ cycler.__init__.__globals__.os.popen('id').read() }}"),
    ("joiner-globals", "{{ joiner.__init__.__globals__ }}"),
    ("template-reference", "{{ self._TemplateReference__context }}"),
    ("include-etc-passwd", "{% include '/etc/passwd' %}"),
    ("include-parent", "{% include '../../../../../../etc/passwd' %}"),
    ("import-parent", "{% import '../../../../etc/hosts' as h %}{{ h }}"),
    ("extends-absolute", "{% extends '/etc/passwd' %}"),
    ("string-repeat-bomb", "{{ 'x' * 1000000000 }}"),
    ("power-bomb", "{{ 2 ** 100000000 }}"),
    ("range-bomb", "{{ range(100000000) | list }}"),
    ("format-attribute", "{{ '{0.__class__}'.format(issue) }}"),
    ("mutating-method", "{% set l = [] %}{{ l.append(1) }}"),
]


@pytest.fixture
def bundled(repo_dir: Path) -> Path:
    shutil.copytree(REPO / "plans", repo_dir / "plans")
    shutil.copytree(REPO / "templates", repo_dir / "templates")
    return repo_dir


@pytest.mark.parametrize(
    "attack", [a[1] for a in TEMPLATE_ATTACKS], ids=[a[0] for a in TEMPLATE_ATTACKS]
)
def test_template_attacks_are_refused(attack: str, bundled: Path) -> None:
    template = bundled / "templates/kirana-social/warung-rasa/holding-statement.en.x.j2"
    template.write_text(attack)
    plan = str(bundled / "plans/kirana-social/warung-rasa.yaml")
    result = runner.invoke(
        app,
        [
            "render-message",
            "--plan",
            plan,
            "holding-statement",
            "--channel",
            "x",
            "--locale",
            "en",
            "--var",
            "issue=x",
            "--at",
            "2026-11-28T23:00",
        ],
    )
    assert result.exit_code in (1, 2), result.stdout + result.stderr
    assert result.stdout == ""
    assert "root:" not in result.stderr and "Traceback" not in result.stderr
    # validate reports the same template as a finding in CI.
    codes = [f.code for f in validate_paths([Path(plan)], TODAY).findings]
    assert "CK403" in codes or "CK401" in codes


def test_enormous_variable_value_is_refused(bundled: Path) -> None:
    plan = str(bundled / "plans/kirana-social/warung-rasa.yaml")
    result = runner.invoke(
        app,
        [
            "render-message",
            "--plan",
            plan,
            "holding-statement",
            "--channel",
            "x",
            "--locale",
            "en",
            "--var",
            "issue=" + "x" * 1_000_000,
            "--at",
            "2026-11-28T23:00",
        ],
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "over 200,000 characters" in result.stderr


def test_long_variable_value_is_measured_not_truncated(bundled: Path) -> None:
    plan = str(bundled / "plans/kirana-social/warung-rasa.yaml")
    result = runner.invoke(
        app,
        [
            "render-message",
            "--plan",
            plan,
            "holding-statement",
            "--channel",
            "x",
            "--locale",
            "en",
            "--var",
            "issue=" + "a very long issue " * 30,
            "--at",
            "2026-11-28T23:00",
        ],
    )
    # Flagged, shown whole, and exit 1: a draft over its limit cannot be posted as is.
    assert result.exit_code == 1
    assert "OVER LIMIT" in result.stderr
    assert "a very long issue " * 30 in result.stdout


_WRITER = """
import sys
from pathlib import Path
from crisiskit.util.atomic import write_atomic
target = Path(sys.argv[1])
chunk = ("x" * 1_000_000 + "\\n") * 400
print("ready", flush=True)
write_atomic(target, chunk, overwrite=True)
"""


def test_sigkill_mid_write_leaves_the_original_intact(tmp_path: Path) -> None:
    target = tmp_path / "incident.jsonl"
    original = '{"message": "holding-statement"}\n'
    target.write_text(original)
    child = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    time.sleep(0.3)  # the child is now writing 400 MB into its temporary file
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert target.read_text() == original


_APPENDER = """
import json, sys
from pathlib import Path
from crisiskit.util.atomic import append_atomic
log = Path(sys.argv[1])
print("ready", flush=True)
i = 0
while True:
    append_atomic(log, json.dumps({"i": i, "text": "x" * 2000}) + "\\n")
    i += 1
"""


def test_sigkill_mid_append_leaves_every_line_whole(tmp_path: Path) -> None:
    log = tmp_path / "incident.jsonl"
    original = '{"message": "holding-statement"}\n'
    log.write_text(original)
    child = subprocess.Popen(
        [sys.executable, "-c", _APPENDER, str(log)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    time.sleep(0.5)  # the child is appending as fast as it can
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    text = log.read_text()
    assert text.startswith(original) and text.endswith("\n")
    records = [json.loads(line) for line in text.splitlines()[1:]]
    assert records and [r["i"] for r in records] == list(range(len(records)))
