"""No command pays for another's dependencies: heavy libraries load only where needed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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


def _heavy_modules_after(
    *args: str, cwd: Path = REPO, entry: str = "crisiskit.cli", env: dict[str, str] | None = None
) -> set[str]:
    """The heavy modules a fresh interpreter holds after running the command."""
    script = (
        "import sys, json\n"
        f"from {entry} import main\n"
        f"sys.argv = ['crisiskit', *{list(args)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"heavy = {HEAVY!r}\n"
        "loaded = {h for h in heavy if any(m == h or m.startswith(h + '.') for m in sys.modules)}\n"
        "print('\\n' + json.dumps(sorted(loaded)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=False,
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


CACHED_RUNS = [
    # The console script answers these before the CLI loads.
    ("crisiskit.entry", ("validate", "plans", "--today", "2026-11-24"), set()),
    ("crisiskit.entry", ("validate", "plans", "--today", "2026-11-24", "-f", "json"), set()),
    # Without PATH: plans/ found as the loader finds it, without the loader.
    ("crisiskit.entry", ("validate", "--today", "2026-11-24"), set()),
    # The full CLI (every option) answers from the cache too: Typer, but no plan stack.
    (
        "crisiskit.cli",
        (
            "validate",
            "plans",
            "--today",
            "2026-11-24",
            "--format",
            "sarif",
            "--statistics",
            "--output",
            "junit=report.xml",
            "--strict",
        ),
        {"pydantic.main"},
    ),
]


@pytest.mark.parametrize(("entry", "args", "allowed"), CACHED_RUNS)
def test_a_cache_hit_loads_no_model_loader_or_rules(
    tmp_path: Path, entry: str, args: tuple[str, ...], allowed: set[str]
) -> None:
    from tests.cli.test_cache import make_repo

    root = make_repo(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "CRISISKIT_NO_CACHE"}
    cold = _heavy_modules_after(*args, cwd=root, entry="crisiskit.cli", env=env)
    assert {"crisiskit.loader", "crisiskit.lint"} <= cold  # the first run checked the plans
    assert _heavy_modules_after(*args, cwd=root, entry=entry, env=env) <= allowed
