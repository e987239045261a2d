"""What no crisiskit change can go below: the start-up floors behind targets 1 and 5.

Each process runs against the same baseline as target 5 (the five libraries imported),
alternating, with run.py's method. Usage: python bench/floors.py [--rounds 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess

from run import BIN, IMPORTS, PYTHON, REPO, Target, measure

# A Typer command that does nothing, with the options render-message is called with.
NO_OP_COMMAND = """
from typing import Annotated
import typer
app = typer.Typer()
@app.command()
def render(
    message: str,
    plan: Annotated[str | None, typer.Option()] = None,
    var: Annotated[list[str] | None, typer.Option()] = None,
    channel: Annotated[list[str] | None, typer.Option()] = None,
    locale: Annotated[list[str] | None, typer.Option()] = None,
    threat: Annotated[str | None, typer.Option()] = None,
    fmt: Annotated[str, typer.Option()] = "text",
    no_input: Annotated[bool, typer.Option()] = False,
    force: Annotated[bool, typer.Option()] = False,
) -> None:
    pass
@app.command()
def other() -> None:
    pass
app()
"""
NEEDED = "crisiskit.model.plan, crisiskit.loader.plan, email_validator, phonenumbers"
NEEDED += ", jinja2.sandbox, babel.dates"


MODULES_OF = """
import contextlib, io, sys
sys.argv = ["crisiskit", *sys.argv[1:]]
from crisiskit.entry import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        main()
    except SystemExit:
        pass
print(",".join(m for m in sys.modules if not m.startswith("__")))
"""


def imports_of(*args: str) -> list[str]:
    """A process that imports exactly the modules a crisiskit run ends up holding, in the
    order it imported them, and does nothing else: what that run cannot go below."""
    found = (
        subprocess.run(
            [PYTHON, "-c", MODULES_OF, *args], capture_output=True, text=True, check=True, cwd=REPO
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    script = (
        "import importlib\n"
        f"for name in {found.split(',')!r}:\n"
        "    try:\n        importlib.import_module(name)\n    except Exception:\n        pass\n"
    )
    return [PYTHON, "-c", script]


README_RENDER = (
    *("render-message", "--plan", str(REPO / "plans" / "harbor-outdoor.yaml")),
    *("holding-statement", "--channel", "x", "--var", "issue=x", "--at", "2026-11-28T23:00"),
    "--no-input",
)
RESPOND = (
    *("respond", "kyc-data-leak", "--plan", str(REPO / "plans/kirana-social/bayar-cepat.yaml")),
    *("--vars-file", str(REPO / "examples" / "kyc-leak.yaml"), "--at", "2026-11-28T02:00"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    rounds = parser.parse_args().rounds
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(REPO / "src")], check=True)
    baseline = [PYTHON, "-c", IMPORTS]
    floors = {
        "a no-op Typer command with render-message's options": [
            *(PYTHON, "-c", NO_OP_COMMAND, "render", "x", "--plan", "p", "--var", "a=b"),
            "--no-input",
        ],
        "baseline imports + crisiskit's plan models": [
            *(PYTHON, "-c", f"{IMPORTS}; import crisiskit.model.plan"),
        ],
        "+ loader, email-validator, phonenumbers, Jinja sandbox, Babel dates": [
            *(PYTHON, "-c", f"{IMPORTS}; import {NEEDED}"),
        ],
        "+ twitter-text (X's weighted length)": [
            *(PYTHON, "-c", f"{IMPORTS}; import {NEEDED}, twitter_text"),
        ],
        "`check-jsonschema --version`": [str(BIN / "check-jsonschema"), "--version"],
        "the modules cold `validate` of the brand plan holds, imported (target 1)": imports_of(
            *("validate", str(REPO / "plans" / "harbor-outdoor.yaml"), "--no-cache"),
        ),
        "the modules the README render example holds, imported (target 5b)": imports_of(
            *README_RENDER
        ),
        "the modules `respond` holds, imported (target 5c)": imports_of(*RESPOND),
    }
    print("| process | median | baseline | ratio |\n|---|---:|---:|---:|")
    for title, command in floors.items():
        target = Target("-", title, command, baseline, float("inf"))
        measure(target, rounds)
        a, b = statistics.median(target.walls_a), statistics.median(target.walls_b)
        print(f"| {title} | {a * 1000:.0f} ms | {b * 1000:.0f} ms | {target.ratio:.2f} |")


if __name__ == "__main__":
    main()
