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

from tests.conftest import REPO

MMDC = (
    os.environ.get("MMDC") or shutil.which("mmdc") or str(REPO / ".mermaid/node_modules/.bin/mmdc")
)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
available = Path(MMDC).exists() and Path(CHROMIUM).exists()


@pytest.mark.skipif(
    not available, reason="mmdc or chromium not installed (see scripts/check-mermaid.sh)"
)
def test_bundled_charts_parse_with_mermaid() -> None:
    crisiskit = Path(sys.executable).with_name("crisiskit")
    completed = subprocess.run(
        ["bash", str(REPO / "scripts/check-mermaid.sh")],
        env={**os.environ, "MMDC": MMDC, "CHROMIUM": CHROMIUM, "CRISISKIT": str(crisiskit)},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert completed.stdout.count("ok ") == 16
