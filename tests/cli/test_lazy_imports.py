"""No command pays for another's dependencies: heavy libraries load only where needed."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO

HEAVY = (
    "pydantic.main",
    "jinja2",
    "babel",
    "phonenumbers",
    "email_validator",
    "twitter_text",
    "regex",
    "crisiskit.loader",
    "crisiskit.model",
    "crisiskit.lint",
    "crisiskit.charts",
)
PLAN = str(REPO / "plans" / "harbor-outdoor.yaml")


def _heavy_modules_after(*args: str) -> set[str]:
    """The heavy modules a fresh interpreter holds after running the command."""
    script = (
        "import sys, json\n"
        "from crisiskit.cli import main\n"
        f"sys.argv = ['crisiskit', *{list(args)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"heavy = {HEAVY!r}\n"
        "loaded = {h for h in heavy if any(m == h or m.startswith(h + '.') for m in sys.modules)}\n"
        "print('\\n' + json.dumps(sorted(loaded)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=False
    )
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (("--help",), set()),
        # Typer builds its parameter coercion with pydantic once a subcommand is parsed.
        (("validate", "--help"), {"pydantic.main"}),
        (("render-message", "--help"), {"pydantic.main"}),
        # Rule modules import the plan models they check, not the renderers or contacts.
        (("rules",), {"crisiskit.lint", "crisiskit.loader", "crisiskit.model", "pydantic.main"}),
        (
            ("chart", "roles", "--plan", PLAN),
            {
                "pydantic.main",
                "crisiskit.loader",
                "crisiskit.model",
                "crisiskit.charts",
                "phonenumbers",
                "email_validator",
            },
        ),
        (
            (
                "render-message",
                "holding-statement",
                "--plan",
                PLAN,
                "--channel",
                "facebook",
                "--var",
                "issue=x",
                "--no-input",
            ),
            {
                "pydantic.main",
                "crisiskit.loader",
                "crisiskit.model",
                "jinja2",
                "babel",
                "phonenumbers",
                "email_validator",
            },
        ),
    ],
)
def test_commands_load_only_what_they_need(args: tuple[str, ...], allowed: set[str]) -> None:
    assert _heavy_modules_after(*args) <= allowed
