"""No command lets plan text start a CI log line with `::` or reach a terminal raw."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiskit.cli import app
from crisiskit.cli.guard import GuardedStream
from crisiskit.output.github import step_summary
from crisiskit.validation.pipeline import validate_paths
from tests.conftest import REPO, TODAY

runner = CliRunner()

# Several spellings of each attack: workflow commands after a newline, after spaces,
# after a carriage return, after colour codes; terminal controls of every kind.
WORKFLOW = [
    "\n::add-mask::hunter2",
    "\n  ::stop-commands::resume-token",
    "\r::error title=forged::from the plan",
    "\n\t::warning file=x.yaml::forged",
    "\n\x1b[0m::notice::after a colour code",
    "\n::set-output name=x::y",
]
TERMINAL = [
    "\x1b[2J\x1b[H",  # clear the screen
    "\x1b]0;pwned title\x07",  # OSC window title
    "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\u202egnp.exe",  # right-to-left override
    "\x9b31m",  # C1 CSI
    "\u2066isolate\u2069",
]
RAW_CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)
SGR = re.compile(r"\x1b\[[0-9;]*m")
OUR_ANNOTATION = re.compile(r"::(error|warning|notice) (file=|title=crisiskit::)")


def _quoted(payload: str) -> str:
    return '"' + payload.encode("unicode_escape").decode().replace('"', '\\"') + '"'


@pytest.fixture(scope="module")
def hostile_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    (root / ".git").mkdir()
    shutil.copytree(REPO / "plans", root / "plans")
    shutil.copytree(REPO / "templates", root / "templates")
    plan = root / "plans" / "harbor-outdoor.yaml"
    text = plan.read_text()
    payloads = [w + t for w, t in zip(WORKFLOW, TERMINAL, strict=True)]
    fields = [
        ("name: Olivia Bennett", "name: {}"),
        ("name: Social media lead", "name: {}"),
        ("name: Brand account taken over", "name: {}"),
        ("name: SEV1 — Critical", "name: {}"),
        ("name: Crisis lead", "name: {}"),
        ("name: Harbor Outdoor", "name: {}"),
    ]
    for (old, new), payload in zip(fields, payloads, strict=True):
        assert old in text
        text = text.replace(old, new.format(_quoted(old.split(": ", 1)[1] + payload)), 1)
    plan.write_text(text)
    return root


def _assert_safe(output: str, allow_annotations: bool = False) -> None:
    for line in re.split(r"\r\n|\n|\r", output):
        seen_by_runner = SGR.sub("", line).lstrip(" \t\f\v")
        if allow_annotations and OUR_ANNOTATION.match(seen_by_runner):
            continue
        assert not seen_by_runner.startswith("::"), line
    assert not RAW_CONTROLS.search(SGR.sub("", output)), repr(output[:2000])
    assert "\x1b]" not in output


PLAN = "plans/harbor-outdoor.yaml"
COMMANDS = [
    ["validate", PLAN, "--today", "2026-11-24"],
    ["validate", PLAN, "--today", "2026-11-24", "--format", "junit"],
    ["validate", PLAN, "--today", "2026-11-24", "--format", "github"],
    ["validate", PLAN, "--today", "2026-11-24", "--format", "json"],
    ["validate", PLAN, "--today", "2026-11-24", "--statistics"],
    ["chart", "roles", "--plan", PLAN],
    ["chart", "escalation", "--plan", PLAN],
    ["chart", "threats", "--plan", PLAN],
    ["chart", "coverage", "--plan", PLAN],
    ["chart", "roles", "--plan", PLAN, "--format", "markdown"],
    ["chart", "escalation", "--plan", PLAN, "--format", "mermaid"],
    ["chart", "threats", "--plan", PLAN, "--format", "json"],
    ["who", "--plan", PLAN, "--at", "2026-11-28T23:00"],
    ["who", "--plan", PLAN, "--threat", "account-takeover", "--at", "2026-11-28T23:00"],
    ["who", "--plan", PLAN, "--format", "markdown", "--at", "2026-11-28T23:00"],
    ["render-message", "--plan", PLAN, "--list"],
    ["render-message", "--plan", PLAN, "holding-statement", "--var", "issue=x"],
    ["render-message", "--plan", PLAN, "holding-statement", "--var", "issue=x", "-f", "json"],
    ["render-message", "--plan", PLAN, "holding-statement", "--var", "issue=x", "-f", "markdown"],
    ["who", "--plan", PLAN, "--severity", "sev9"],
    ["export", "--plan", PLAN],
    ["export", "--plan", PLAN, "--format", "markdown"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(c[:4]) for c in COMMANDS])
def test_plan_text_reaches_no_line_start_or_terminal(
    hostile_repo: Path, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(hostile_repo)
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 1, 2), result.stderr
    assert "Traceback" not in result.stderr
    _assert_safe(result.stdout, allow_annotations="github" in args)
    _assert_safe(result.stderr)


@pytest.mark.parametrize("variable", WORKFLOW + TERMINAL)
def test_a_variable_value_cannot_inject(
    hostile_repo: Path, variable: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(hostile_repo)
    args = ["render-message", "--plan", PLAN, "holding-statement", "--channel", "x"]
    for extra in ([], ["--channel", "bluesky"], ["-f", "markdown"]):
        result = runner.invoke(app, [*args, *extra, "--var", f"issue=a{variable}b"])
        assert result.exit_code == 0, result.stderr
        _assert_safe(result.stdout)
        _assert_safe(result.stderr)


def test_json_drafts_keep_the_exact_text(
    hostile_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    monkeypatch.chdir(hostile_repo)
    value = "a\n::add-mask::x\x1b[31m\u202eb"
    args = ["render-message", "--plan", PLAN, "holding-statement", "--channel", "x"]
    result = runner.invoke(app, [*args, "--var", f"issue={value}", "-f", "json"])
    assert value in json.loads(result.stdout)["drafts"][0]["text"]


@pytest.mark.parametrize("payload", ["\n::error::x", "\x1b[31mred", "\u202ekcart"])
def test_a_file_name_cannot_inject(
    repo_dir: Path, payload: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo_dir)
    (repo_dir / "plans").mkdir()
    (repo_dir / "plans" / f"p{payload}.yaml").write_text("crisiskit: 1\nnot_a_section: 1\n")
    for output_format in ("text", "junit", "github"):
        result = runner.invoke(app, ["validate", "plans", "--format", output_format])
        assert result.exit_code == 1
        _assert_safe(result.stdout, allow_annotations=output_format == "github")


@pytest.mark.parametrize(
    "config",
    [
        '"\\u001b[2Jkey\\n::error::x" = 1\n',
        'select = ["CK1\\n::add-mask::x"]\n',
        "[severity]\n\"CK501\\u202e\" = 'error'\n",
        '[thresholds]\nmin-backups = "\\n::stop-commands::x"\n',
    ],
)
def test_configuration_errors_are_escaped(
    repo_dir: Path, config: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo_dir)
    (repo_dir / "crisiskit.toml").write_text(config)
    (repo_dir / "plans").mkdir()
    shutil.copy(
        REPO / "tests" / "fixtures" / "valid" / "minimal.yaml", repo_dir / "plans" / "p.yaml"
    )
    for args in (["validate", "plans"], ["render-message", "--plan", "plans/p.yaml", "holding"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.stdout + result.stderr
        _assert_safe(result.stderr)


def test_step_summary_escapes_markdown_and_html(repo_dir: Path) -> None:
    payloads = [
        "`</code><img src=https://evil.example/x.png>`",
        "<details open><summary>hi</summary>",
        "[click](https://evil.example)",
        "![tracker](https://evil.example/p.gif)",
        "x | y | z",
        "*bold* _em_ ~~del~~",
    ]
    text = "crisiskit: 1\n" + "".join(f'"{p}": 1\n' for p in payloads)
    plan = repo_dir / "plan.yaml"
    plan.write_text(text)
    summary = step_summary(validate_paths([plan], TODAY).findings, 1)
    rows = [line for line in summary.splitlines() if line.startswith("| error")]
    assert len(rows) >= len(payloads)
    for row in rows:
        # Every special character is backslash-escaped: no code span, tag or link opens.
        assert not re.search(r"(?<!\\)[`<>\[\]*_~]", row), row
        assert row.count("|") - row.count("\\|") == 6, row


@pytest.mark.parametrize(
    "writes",
    [
        ["::add-mask::x\n"],
        [":", ":add-mask::x\n"],
        ["  ", ":", ":error::x\n"],
        ["ok\n::", "warning::x\n"],
        ["\x1b[1m", "::error::x\n"],
        ["a\r::error::x\n"],
    ],
)
def test_the_guard_sees_line_starts_across_writes(writes: list[str]) -> None:
    raw = io.StringIO()
    stream = GuardedStream(raw)
    for text in writes:
        stream.write_styled(text)
    stream.flush()
    _assert_safe(raw.getvalue())
    assert "\\x3a:" in raw.getvalue()


def test_the_guard_keeps_single_colons_and_our_annotations() -> None:
    raw = io.StringIO()
    stream = GuardedStream(raw)
    stream.write(":) fine\nkey: value\n")
    stream.write_annotations("::error file=a.yaml,line=1::real\n")
    stream.write("::not ours\n")
    stream.flush()
    assert (
        raw.getvalue() == ":) fine\nkey: value\n::error file=a.yaml,line=1::real\n\\x3a:not ours\n"
    )


@pytest.mark.parametrize("output_format", ["junit", "text", "json", "sarif"])
def test_report_files_hold_no_workflow_command(repo_dir: Path, output_format: str) -> None:
    # CI jobs print report files (`cat crisiskit.xml`, test reporters): guarded too.
    plan = repo_dir / "plan.yaml"
    plan.write_text('crisiskit: 1\n"a\\n::add-mask::x\\n  ::error::y\\r::warning::z": 1\n')
    target = repo_dir / f"report.{output_format}"
    args = ["validate", str(plan), "--format", "json", "--output", f"{output_format}={target}"]
    assert runner.invoke(app, args).exit_code == 1
    _assert_safe(target.read_text())
