"""The Mermaid output is checked by the real Mermaid CLI, driving Debian's Chromium.

scripts/check-mermaid.sh installs the pinned CLI under .mermaid/ (npm); set MMDC to another
installed `mmdc` to run this test against it. Without the CLI or Chromium the test is
skipped on a developer's machine and fails under CI=true, where .ci/run installs both.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES, REPO, require_tool


def _is_plan(path: Path) -> bool:
    # The script's own test: fragments and drill records under plans/ hold no `crisiskit:` key.
    return any(line.startswith("crisiskit:") for line in path.read_text("utf-8").splitlines())


# The bundled plans, and one whose names are full of characters Mermaid treats specially.
PLANS = [
    *(p for p in sorted((REPO / "plans").rglob("*.yaml")) if _is_plan(p)),
    FIXTURES / "charts/tricky-plan.yaml",
]


def test_every_chart_parses_with_mermaid() -> None:
    mmdc = require_tool(
        "mmdc",
        env="MMDC",
        local=REPO / ".mermaid/node_modules/.bin/mmdc",
        hint="scripts/check-mermaid.sh --install",
    )
    chromium = require_tool("chromium", env="CHROMIUM", hint="apt-get install chromium")
    crisiskit = Path(sys.executable).with_name("crisiskit")
    completed = subprocess.run(
        ["bash", str(REPO / "scripts/check-mermaid.sh"), *map(str, PLANS)],
        env={**os.environ, "MMDC": mmdc, "CHROMIUM": chromium, "CRISISKIT": str(crisiskit)},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    diagrams = 4 * len(PLANS)
    assert completed.stdout.count("ok   ") == diagrams
    assert f"{diagrams} diagrams parsed by Mermaid, 0 failed" in completed.stdout
