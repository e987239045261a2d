"""`crisiskit init` from the built wheel, with no repository around it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import REPO, TODAY


def test_the_wheel_ships_the_starter_and_init_works_from_it(tmp_path: Path) -> None:
    # Built from a copy: setuptools leaves a build/ folder beside the sources.
    source = tmp_path / "source"
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    for name in filter(None, listed.split("\0")):
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
         "-w", str(wheels), str(source)],
        check=True, capture_output=True, cwd=tmp_path,
    )  # fmt: skip
    [wheel] = wheels.glob("crisiskit-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for language in ("en", "id"):
        for name in ("plan.yaml.j2", "team.yaml.j2", "messages.yaml"):
            assert f"crisiskit/authoring/starter/{language}/{name}" in names
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    empty = tmp_path / "empty"
    empty.mkdir()
    # The unpacked wheel comes first on the path: the repository's sources are not used.
    environment = {**os.environ, "PYTHONPATH": str(unpacked)}
    program = "import crisiskit, sys; from crisiskit.cli import main; print(crisiskit.__file__, file=sys.stderr); main()"
    result = subprocess.run(
        [sys.executable, "-c", program, "init", "--no-input", "--locale", "id", "--agency",
         "--today", TODAY.isoformat()],
        capture_output=True, text=True, cwd=empty, env=environment,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(str(unpacked / "crisiskit" / "__init__.py"))
    validated = subprocess.run(
        [sys.executable, "-c", program, "validate", "--today", TODAY.isoformat()],
        capture_output=True, text=True, cwd=empty, env=environment,
    )  # fmt: skip
    assert (validated.returncode, validated.stdout) == (
        0,
        "All clear: 2 files checked, 3 findings suppressed.\n",
    )
