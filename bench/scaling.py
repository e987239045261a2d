"""Inputs that once took crisiskit superlinear time, and a runner that times them.

Each case builds an input at size ``n`` and ``2n`` and reports the CPU time (user +
system, from the child's rusage, so a busy machine slows the wall clock, not the ratio)
of the whole process. ``test_scaling.py`` checks the ratios; run this file to print the
table for RESULTS.md, also against another checkout of crisiskit's sources::

    python bench/scaling.py                       # this checkout
    python bench/scaling.py --src /tmp/old/src    # the same cases on older sources
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from generate import brand_plan  # noqa: E402
from varied import varied_plan  # noqa: E402

OUT = BENCH / "out"
TODAY = "2026-11-24"
SUPPRESSION = '# crisiskit: ignore[CK201] reason="reviewed by the crisis lead"\n'


def child_cpu(command: list[str], cwd: Path, src: Path | None = None) -> float:
    """CPU seconds (user + system) the command's process used."""
    env = {**os.environ, "CRISISKIT_NO_CACHE": "1"}
    if src is not None:
        env["PYTHONPATH"] = str(src)
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{command} exited {process.returncode}")
    return usage.ru_utime + usage.ru_stime


def repository(directory: Path) -> Path:
    (directory / ".git").mkdir(parents=True, exist_ok=True)
    return directory


def suppressions_case(directory: Path, n: int) -> list[str]:
    """A typical plan followed by ``n`` lines of suppression comments (each unused)."""
    plan = brand_plan(random.Random(7), "nusa-coffee", (15, 8, 10, 8, 3), 5_000_000)
    (directory / "plan.yaml").write_text(plan + SUPPRESSION * n, encoding="utf-8")
    return ["validate", "plan.yaml", "--today", TODAY]


def coverage_case(directory: Path, n: int) -> list[str]:
    """`chart coverage` of a varied plan with ``n`` × 30 critical roles, each with 20 more
    backups from a shared pool (n=3: ~270 KB)."""
    plan = varied_plan(7, "siam-retail", n, extra_backups=20)
    (directory / "plan.yaml").write_text(plan, encoding="utf-8")
    return ["chart", "coverage", "--plan", "plan.yaml"]


def validate_case(name: str) -> Callable[[Path, int], list[str]]:
    def case(directory: Path, n: int) -> list[str]:
        return ["validate", str(OUT / f"{name}-{n}mb.yaml"), "--today", TODAY]

    return case


PRINT_SCRIPT = """
import io, sys, time
from rich.console import Console
from crisiskit.diagnostics.findings import Finding, Level, Span
n = int(sys.argv[1])
findings = [
    Finding("CK208", "person-without-role", Level.WARNING, f"person 'p{i}' holds no role",
            "plans/big.yaml", Span(i + 1, 3, i + 1, 9), f"people[{i}]", "give them a role")
    for i in range(n)
]
console = Console(file=io.StringIO(), force_terminal=True, highlight=False, soft_wrap=True)
try:
    from crisiskit.cli.console import print_lines
    from crisiskit.output.text import finding_lines, summary
    print_lines(console, [*finding_lines(findings), summary(findings, 1)])
except ImportError:  # sources from before print_lines: what validate did then
    from crisiskit.output.text import render_findings, summary_line
    for line in render_findings(findings):
        console.print(line)
    console.print(summary_line(findings, 1))
"""


def print_case(directory: Path, n: int) -> list[str]:
    """Printing ``n`` findings as text on a terminal (the findings are made, not found)."""
    (directory / "print.py").write_text(PRINT_SCRIPT, encoding="utf-8")
    return ["-", str(n)]


X_SCRIPT = """
import sys
n = int(sys.argv[1])
# A run of domain labels without a TLD: twitter-text's URL expression rescans it from
# every position (a 199,000-character template of such text took 70 s), then real text.
texts = ["a." * (n // 2), "Mohon maaf https://warungrasa.example.id/x 🙏🏽 " * (n // 45)]
try:
    from crisiskit.messages.textlength import Counting, Limit, evaluate
    for text in texts:
        evaluate(text, Limit(280, Counting.X), exact=False)  # the verdict (CK404)
        evaluate(text, Limit(280, Counting.X))  # the count shown with a draft
except ImportError:  # sources from before the counting rules: one exact count
    from crisiskit.messages.textlength import x_weighted_length
    for text in texts:
        x_weighted_length(text)
"""


def x_case(directory: Path, n: int) -> list[str]:
    """X's weighted length of an ``n``-character draft, as a verdict and as a count."""
    (directory / "print.py").write_text(X_SCRIPT, encoding="utf-8")
    return ["-", str(n)]


CASES: dict[str, tuple[Callable[[Path, int], list[str]], int]] = {
    "X length of a long draft (20,000 → 40,000 characters)": (x_case, 20_000),
    "suppression comments (20,000 → 40,000 lines)": (suppressions_case, 20_000),
    "findings printed as text (100,000 → 200,000)": (print_case, 100_000),
    "chart coverage (90 → 180 critical roles)": (coverage_case, 3),
    "validate, varied shape (5 MB → 10 MB)": (validate_case("varied"), 5),
    "validate, bundled shape (5 MB → 10 MB)": (validate_case("plan"), 5),
}


def measure(
    case: Callable[[Path, int], list[str]], n: int, src: Path | None = None, pairs: int = 2
) -> tuple[float, float]:
    """Median CPU seconds at ``n`` and at ``2n``, alternating (``pairs`` runs of each)."""
    small: list[float] = []
    large: list[float] = []
    with tempfile.TemporaryDirectory() as temporary:
        for size, times in ((n, small), (2 * n, large)) * pairs:
            directory = repository(Path(temporary) / str(size))
            args = case(directory, size)
            if args[0] == "-":
                command = [sys.executable, str(directory / "print.py"), *args[1:]]
            else:
                command = [sys.executable, "-m", "crisiskit", *args]
            times.append(child_cpu(command, directory, src))
    return sorted(small)[len(small) // 2], sorted(large)[len(large) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, help="crisiskit sources to time instead")
    parser.add_argument("--only", help="cases whose name contains this text")
    parser.add_argument("--pairs", type=int, default=2, help="runs at each size (default 2)")
    args = parser.parse_args()
    print("| case | n | 2n | ratio |")
    print("|---|---:|---:|---:|")
    for name, (case, n) in CASES.items():
        if args.only and args.only not in name:
            continue
        started = time.perf_counter()
        small, large = measure(case, n, args.src, args.pairs)
        print(
            f"| {name} | {small:.2f} s | {large:.2f} s | {large / small:.2f} |"
            f"  <!-- {time.perf_counter() - started:.0f} s wall -->",
            flush=True,
        )


if __name__ == "__main__":
    main()
