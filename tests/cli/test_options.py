"""Shared options: defined once, the same in every command, and the bugs they fixed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from crisiskit.cli import app
from crisiskit.util.suggest import closest, did_you_mean, unknown
from tests.conftest import FIXTURES, REPO

runner = CliRunner()
HARBOR = REPO / "plans" / "harbor-outdoor.yaml"
FRAGMENT = REPO / "plans" / "kirana-social" / "agency-team.yaml"
NO_TERMINAL_FORMAT = {"export"}
SHARED = ("--plan", "--config", "--at", "--today", "--format", "--force", "--debug")


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _commands() -> dict[str, Any]:
    """Every command and subcommand by its name (Typer vendors its own Click classes)."""
    group: Any = typer.main.get_command(app)
    found: dict[str, Any] = {}
    for name, command in group.commands.items():
        for sub, inner in getattr(command, "commands", {}).items():
            found[f"{name} {sub}"] = inner
        if not hasattr(command, "commands"):
            found[name] = command
    assert {"validate", "who", "chart roles", "render-message"} <= set(found)
    return found


def _shared_options() -> dict[str, dict[str, tuple[object, ...]]]:
    """For each shared option: what each command that has it says it accepts."""
    seen: dict[str, dict[str, tuple[object, ...]]] = {}
    for name, command in _commands().items():
        for param in command.params:
            if getattr(param, "param_type_name", "") != "option":
                continue
            for flag in SHARED:
                if flag in param.opts:
                    choices = getattr(param.type_descriptor, "choices", None)
                    shape = (
                        tuple(param.opts),
                        param.metavar,
                        getattr(param.type_descriptor, "is_list", None),
                        # --format's choices are each command's own; its shape is shared.
                        None if flag == "--format" else param.help,
                        None if flag == "--format" or choices is None else tuple(choices),
                    )
                    seen.setdefault(flag, {})[name] = shape
    return seen


def test_every_command_that_shares_an_option_accepts_the_same_thing() -> None:
    seen = _shared_options()
    assert {"--plan", "--config", "--at", "--today", "--format", "--debug"} <= set(seen)
    for flag, by_command in seen.items():
        shapes = set(by_command.values())
        assert len(shapes) == 1, f"{flag} differs between commands: {by_command}"


def test_the_terminal_format_has_one_name_everywhere() -> None:
    for name, command in _commands().items():
        for param in command.params:
            if getattr(param, "param_type_name", "") == "option" and "--format" in param.opts:
                choices = list(getattr(param.type_descriptor, "choices", None) or [])
                names = [str(c) for c in choices]
                # A handbook is a document, not terminal output: it has no terminal format.
                assert "text" in names or name in NO_TERMINAL_FORMAT, name
                assert "rich" not in names, name


def test_help_shows_no_python_types() -> None:
    for name in ("validate", "render-message", "who", "rules", "schema"):
        code, out, _ = _run(*name.split(), "--help")
        assert code == 0
        for python_type in ("<str>", "<list[str]>", "<path>", "<int>", "<bool>"):
            assert python_type not in out, (name, python_type)


@pytest.mark.parametrize(
    "command",
    [
        ["who"],
        ["chart", "roles"],
        ["chart", "coverage"],
        ["render-message", "--list"],
        ["render-message", "holding-statement"],
    ],
)
def test_a_fragment_as_plan_is_refused_the_same_way_by_every_command(command: list[str]) -> None:
    code, out, err = _run(*command, "--plan", str(FRAGMENT))
    assert (code, out) == (2, "")
    assert "is a fragment, not a plan" in err
    assert "--plan plans/kirana-social/" in err or "--plan " in err.split(";")[-1]


@pytest.mark.parametrize(
    ("path", "says"),
    [
        (str(REPO / "plans"), "is a directory; give one plan file"),
        ("/dev/null", "is not a regular file"),
        (str(REPO / "plans" / "no-such-plan.yaml"), "no such plan file"),
    ],
)
@pytest.mark.parametrize("command", [["who"], ["chart", "threats"], ["render-message", "--list"]])
def test_a_plan_path_that_is_not_a_plan_file_says_what_it_is(
    command: list[str], path: str, says: str
) -> None:
    code, out, err = _run(*command, "--plan", path)
    assert (code, out) == (2, "")
    assert says in err and err.startswith("crisiskit: error: --plan: ")


@pytest.mark.parametrize("at", ["9999-12-31T23:30", "0001-01-01T00:00", "9001-01-01T00:00"])
@pytest.mark.parametrize("command", ["who", "render-message"])
def test_an_at_out_of_range_is_a_usage_error_in_every_command(command: str, at: str) -> None:
    extra = (
        ["holding-statement", "--channel", "x", "--var", "issue=x", "--no-input"]
        if command == "render-message"
        else []
    )
    code, out, err = _run(command, *extra, "--plan", str(HARBOR), "--at", at)
    assert (code, out) == (2, "")
    assert "--at:" in err and "out of range" in err and "internal error" not in err


def test_chart_roles_takes_a_configuration(tmp_path: Path) -> None:
    config = tmp_path / "crisiskit.toml"
    config.write_text("[thresholds]\nmax-critical-roles-per-person = 9\n", encoding="utf-8")
    tricky = str(FIXTURES / "charts" / "tricky-plan.yaml")
    lenient = _run("chart", "roles", "--plan", tricky, "--config", str(config), "-f", "json")
    default = _run("chart", "roles", "--plan", tricky, "-f", "json")
    assert lenient[0] == default[0] == 0
    # The default threshold (2) marks people overloaded; the configured 9 marks nobody.
    assert all(role["overloaded"] == [] for role in json.loads(lenient[1]))
    assert any(role["overloaded"] for role in json.loads(default[1]))
    code, out, err = _run("chart", "roles", "--plan", str(HARBOR), "--config", str(tmp_path / "x"))
    assert (code, out) == (2, "") and "configuration file not found" in err


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_is_accepted_before_and_after_the_command(
    where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("crisiskit.validation.pipeline.validate_paths", explode)
    args = ["validate", str(HARBOR)]
    args = ["--debug", *args] if where == "before" else [*args, "--debug"]
    code, _, err = _run(*args)
    assert code == 3
    assert "Traceback" in err and "RuntimeError: boom" in err


def test_without_debug_no_traceback_follows_an_earlier_debug_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("crisiskit.validation.pipeline.validate_paths", explode)
    assert "Traceback" in _run("validate", str(HARBOR), "--debug")[2]
    code, _, err = _run("validate", str(HARBOR))
    assert code == 3 and "Traceback" not in err


@pytest.mark.parametrize(
    ("value", "candidates", "expected"),
    [
        ("acount-takeover", ["account-takeover", "data-leak"], "account-takeover"),
        ("SEV1", ["sev1", "sev2"], "sev1"),  # case alone is always a slip
        ("Crisis-Lead", ["crisis-lead", "social-lead"], "crisis-lead"),
        ("CK20", ["CK201", "CK202"], "CK201"),  # one digit missing
        ("CK210", ["CK201", "CK410"], "CK201"),  # two neighbours swapped
        ("CK999", ["CK409", "CK509", "CK205"], None),  # not a slip of any code
        ("ck205", ["CK205"], "CK205"),
        ("CK5O1", ["CK510", "CK501", "CK502"], "CK501"),  # letter O for zero, not a swap
        ("zzz", ["account-takeover"], None),
        ("", ["a"], None),
    ],
)
def test_closest(value: str, candidates: list[str], expected: str | None) -> None:
    assert closest(value, candidates) == expected


def test_did_you_mean_and_unknown_phrase_it_once() -> None:
    assert did_you_mean("sev", ["sev1"]) == "did you mean 'sev1'?"
    assert did_you_mean("zzz", ["sev1"]) is None
    assert unknown("threat", "x", ["a", "b"], "--threat") == (
        "--threat: unknown threat 'x'; choose from: a, b"
    )
    many = [f"item-{i:02d}" for i in range(20)]
    assert unknown("role", "zzz", many).endswith("item-11, …")


def test_rules_gives_no_distant_code_for_ck999() -> None:
    code, _, err = _run("rules", "CK999")
    assert code == 2 and "did you mean" not in err
    code, _, err = _run("rules", "CK2O1")  # letter O for zero
    assert code == 2 and "did you mean 'CK201'?" in err
