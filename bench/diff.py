"""`crisiskit diff` on the 300-plan agency against `crisiskit validate` of the same plans.

Builds a git repository in a temporary directory from bench/out/agency (run generate.py
first), makes one change at a time in the working tree, and times `crisiskit diff main`
and `crisiskit validate plans` alternately (A B A B …), reporting the median ratio:

    .venv/bin/python bench/diff.py [--rounds 5]

- one client plan edited: the other 299 plans are recognised as unchanged by their git
  object ids and are neither loaded a second time nor linted;
- the shared agency-team fragment edited: every plan is loaded and linted on both sides
  and compared, so about twice a validate is the floor.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
CRISISKIT = str(Path(sys.executable).parent / "crisiskit")
TODAY = "2026-11-24"
GIT_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
}
CHANGES = {
    "one client plan edited": (
        "plans/agency/client-007.yaml",
        "first_response: 15m",
        "first_response: 20m",
    ),
    "shared fragment edited": (
        "plans/agency/agency-team.yaml",
        "+62 812-1000-0001",
        "+62 812-1000-0099",
    ),
}


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV}, check=True)


def seconds(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - start
    assert done.returncode in (0, 1), (command, done.returncode)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    agency = BENCH / "out" / "agency"
    if not agency.is_dir():
        print("run bench/generate.py first", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as temp:
        repo = Path(temp)
        shutil.copytree(agency, repo / "plans" / "agency")
        git(repo, "init", "-q", "-b", "main")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "agency")
        diff = [CRISISKIT, "diff", "main", "--today", TODAY]
        validate = [CRISISKIT, "validate", "plans", "--today", TODAY]
        print(f"| change | diff (s) | validate (s) | ratio (median of {rounds}) |")
        print("| --- | ---: | ---: | ---: |")
        for name, (file, old, new) in CHANGES.items():
            path = repo / file
            original = path.read_text(encoding="utf-8")
            assert old in original, (file, old)
            path.write_text(original.replace(old, new, 1), encoding="utf-8")
            seconds(diff, repo), seconds(validate, repo)  # warm-up
            pairs = [(seconds(diff, repo), seconds(validate, repo)) for _ in range(rounds)]
            path.write_text(original, encoding="utf-8")
            a = statistics.median(p[0] for p in pairs)
            b = statistics.median(p[1] for p in pairs)
            ratio = statistics.median(p[0] / p[1] for p in pairs)
            print(f"| {name} | {a:.2f} | {b:.2f} | {ratio:.2f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
