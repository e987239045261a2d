"""The Mermaid output is checked by the real Mermaid CLI when it is installed.

scripts/check-mermaid.sh installs it (npm) and drives Debian's Chromium; set MMDC to an
installed `mmdc` to run this test against it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, REPO

MMDC = (
    os.environ.get("MMDC") or shutil.which("mmdc") or str(REPO / ".mermaid/node_modules/.bin/mmdc")
)
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
available = Path(MMDC).exists() and Path(CHROMIUM).exists()
# The bundled plans (not the agency fragment), and one whose names are full of characters Mermaid treats specially.
PLANS = [
    *(p for p in sorted((REPO / "plans").rglob("*.yaml")) if p.name != "agency-team.yaml"),
    FIXTURES / "charts/tricky-plan.yaml",
]


@pytest.mark.skipif(
    not available, reason="mmdc or chromium not installed (see scripts/check-mermaid.sh)"
)
def test_every_chart_parses_with_mermaid() -> None:
    crisiskit = Path(sys.executable).with_name("crisiskit")
    completed = subprocess.run(
        ["bash", str(REPO / "scripts/check-mermaid.sh"), *map(str, PLANS)],
        env={**os.environ, "MMDC": MMDC, "CHROMIUM": CHROMIUM, "CRISISKIT": str(crisiskit)},
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
