"""A run that names its command first is parsed by an application holding that command
alone (Typer converts every command before it dispatches); it must answer exactly as
the whole application does."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from crisiskit.cli.app import COMMANDS, app, application_for
from tests.conftest import REPO

PLAN = str(REPO / "plans" / "harbor-outdoor.yaml")
AT = ["--no-input", "--at", "2026-11-28T02:00"]
RUNS = [
    ["validate", PLAN, "--today", "2026-11-24", "--no-cache"],
    ["validate", "--help"],
    ["validate", "--format", "yaml", PLAN],
    ["--debug", "who", "--plan", PLAN, "--severity", "sev1", "--at", "2026-11-28T02:00"],
    ["render-message", "--bogus"],
    # A fixed --at: two renders a minute apart would promise different next updates.
    ["render-message", "holding-statement", "--plan", PLAN, "--var", "issue=x", *AT],
    ["chart", "roles", "--plan", PLAN, "--format", "markdown"],
    ["chart", "nothing"],
    ["chart"],
    ["drill", "--help"],
    ["rules", "CK507"],
    ["schema"],
]


@pytest.mark.parametrize("argv", RUNS, ids=[" ".join(a[:2]) for a in RUNS])
def test_a_command_alone_answers_as_the_whole_application(argv: list[str]) -> None:
    alone = application_for(argv)
    assert alone is not app
    runner = CliRunner()
    whole = runner.invoke(app, argv, prog_name="crisiskit")
    single = runner.invoke(alone, argv, prog_name="crisiskit")
    assert (single.exit_code, single.stdout, single.stderr) == (
        whole.exit_code,
        whole.stdout,
        whole.stderr,
    )


@pytest.mark.parametrize(
    "argv",
    [[], ["--help"], ["-h", "validate"], ["--version"], ["valdate"], ["--debug"], ["--", "who"]],
)
def test_anything_else_gets_the_whole_application(argv: list[str]) -> None:
    assert application_for(argv) is app


def test_every_command_can_run_alone() -> None:
    assert set(COMMANDS) == {c.name for c in app.registered_commands} | {
        g.name for g in app.registered_groups
    }
    for name in COMMANDS:
        result = CliRunner().invoke(application_for([name, "--help"]), [name, "--help"])
        assert result.exit_code == 0 and f"crisiskit {name}" in result.stdout
