"""Measure crisiskit against its yardsticks, side by side, and check the targets.

Each target is a pair of whole-process commands (A and its baseline B). After one
warm-up run of each, A and B run in turn (A B A B …) for ``--rounds`` rounds; wall time
comes from ``time.perf_counter`` around each child, peak memory from the child's own
``rusage`` (``os.wait4``). The ratio is taken pair by pair and its median is compared
with the target; alternating keeps the ratio fair when the machine's speed drifts.

Usage: python bench/run.py [--rounds 7] [--only 1,2] [--markdown]
Run ``python bench/generate.py`` first.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out"
BIN = Path(sys.executable).parent
CRISISKIT = str(BIN / "crisiskit")
PYTHON = sys.executable
TODAY = "2026-11-24"  # the generated plans' review and drill dates are relative to it
IMPORTS = "import typer, pydantic, ruamel.yaml, jinja2, rich"
# Measure crisiskit as pip installs it: byte-compiled, like the libraries it is compared
# with. An editable install under PYTHONDONTWRITEBYTECODE would recompile all its modules
# in every run (about 45 ms here) while the baselines load theirs compiled.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass
class Target:
    number: str
    title: str
    a: list[str]
    b: list[str]
    limit: float
    memory_limit_mb: float | None = None
    ok_codes: tuple[int, ...] = (0, 1)
    walls_a: list[float] = field(default_factory=list)
    walls_b: list[float] = field(default_factory=list)
    rss_a: list[float] = field(default_factory=list)
    rss_b: list[float] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)
    skipped: str | None = None

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def peak_mb(self) -> float:
        return max(self.rss_a)

    @property
    def passed(self) -> bool:
        memory_ok = self.memory_limit_mb is None or self.peak_mb <= self.memory_limit_mb
        return self.ratio <= self.limit and memory_ok


def validate(*paths: str, cache: bool = False) -> list[str]:
    return [CRISISKIT, "validate", *paths, "--today", TODAY, *([] if cache else ["--no-cache"])]


def targets() -> list[Target]:
    schema = OUT / "plan.schema.json"
    brand = str(REPO / "plans" / "harbor-outdoor.yaml")
    load = [PYTHON, str(BENCH / "load_only.py")]
    imports = [PYTHON, "-c", IMPORTS]
    check_jsonschema = [str(BIN / "check-jsonschema"), "--schemafile", str(schema), brand]
    render = [
        *(CRISISKIT, "render-message", "--plan", brand, "holding-statement", "--channel", "x"),
        *("--var", "issue=reports that some Ridgeline tents collapse in strong wind"),
        *("--at", "2026-11-28T23:00", "--no-input"),
    ]
    shapes = (("", "plan", "bundled shape"), ("v", "varied", "varied shape"))
    return [
        Target(
            "1",
            "cold validate, bundled brand plan, vs check-jsonschema",
            validate(brand),
            check_jsonschema,
            1.0,
        ),
        Target(
            "1w",
            "the same, warm findings cache",
            validate(brand, cache=True),
            check_jsonschema,
            0.3,
        ),
        *(
            Target(
                f"2{tag}",
                f"validate 1 MB plan ({label}) vs libyaml load only",
                validate(str(OUT / f"{name}-1mb.yaml")),
                [*load, str(OUT / f"{name}-1mb.yaml")],
                1.4,
            )
            for tag, name, label in shapes
        ),
        *(
            Target(
                f"3{tag}",
                f"validate 10 MB vs 1 MB plan ({label})",
                validate(str(OUT / f"{name}-10mb.yaml")),
                validate(str(OUT / f"{name}-1mb.yaml")),
                10.5,
                300.0,
            )
            for tag, name, label in shapes
        ),
        Target(
            "4",
            "validate 300-plan agency with template files vs libyaml load only",
            validate(str(OUT / "agency-varied")),
            [*load, str(OUT / "agency-varied")],
            1.3,
        ),
        Target(
            "4b",
            "validate 300-plan agency, bundled shape, vs libyaml load only",
            validate(str(OUT / "agency")),
            [*load, str(OUT / "agency")],
            1.3,
        ),
        # Issue 14: a shared fragment named alone is checked in every plan including it,
        # found by reading each file of the repository once; the directory run is the yardstick.
        Target(
            "4f",
            "validate the agency's shared fragment (300 plans include it) vs the agency dir",
            validate(str(OUT / "agency" / "agency-team.yaml")),
            validate(str(OUT / "agency")),
            1.15,
        ),
        Target(
            "5a",
            "crisiskit --help vs imports only",
            [CRISISKIT, "--help"],
            imports,
            0.8,
            ok_codes=(0,),
        ),
        Target(
            "5b",
            "README render example (one message, one channel), cold, vs imports only",
            render,
            imports,
            2.5,
        ),
        Target(
            "5c",
            "respond, the whole data-leak response, vs imports only",
            respond(),
            [PYTHON, "-c", IMPORTS],
            4.0,
        ),
        # Issue 12's before/after: the same response by hand, one command per message.
        Target("5c-by-hand", "respond vs the 5 commands it replaces", respond(), by_hand(), 1.0),
    ]


BAYAR = str(REPO / "plans" / "kirana-social" / "bayar-cepat.yaml")
AT = ("--at", "2026-11-28T02:00")


def respond() -> list[str]:
    leak = str(REPO / "examples" / "kyc-leak.yaml")
    return [CRISISKIT, "respond", "kyc-data-leak", "--plan", BAYAR, "--vars-file", leak, *AT]


def by_hand() -> list[str]:
    """What a responder ran before `respond`: the threat's messages, whom to call, and one
    render-message per message (each for all its channels and locales)."""
    import shlex

    values = {
        "holding-statement": ["issue.id=foto KTP terlihat", "issue.en=ID card photos visible"],
        "update": ["known.id=akses ditutup", "known.en=access closed"],
        "internal-alert": ["summary.id=KTP bocor", "summary.en=KTP leak"],
    }
    leak = ["--plan", BAYAR, "--threat", "kyc-data-leak"]
    steps = [
        [CRISISKIT, "render-message", "--list", *leak],
        [CRISISKIT, "who", *leak, *AT],
        *(
            [CRISISKIT, "render-message", message, *leak, *AT, "--no-input"]
            + [arg for pair in pairs for arg in ("--var", pair)]
            for message, pairs in values.items()
        ),
    ]
    return ["sh", "-c", " && ".join(shlex.join(step) for step in steps)]


def run_once(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and exit code of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=CHILD_ENV
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, process.returncode


def check_runs(target: Target) -> str | None:
    """Run A and B once, showing their output; a reason to skip if one cannot run."""
    for command in (target.a, target.b):
        result = subprocess.run(command, capture_output=True, text=True, env=CHILD_ENV)
        if result.returncode not in target.ok_codes:
            return f"`{' '.join(command[1:3])}` exited {result.returncode}: {result.stderr[-300:]}"
        tail = (result.stdout.strip().splitlines() or [""])[-1]
        print(f"  $ {' '.join(Path(c).name if i == 0 else c for i, c in enumerate(command))}")
        print(f"    -> exit {result.returncode}; {tail[:120]}", flush=True)
    return None


def measure(target: Target, rounds: int) -> None:
    run_once(target.a)  # warm-up: file cache, bytecode
    run_once(target.b)
    for _ in range(rounds):
        wall_a, rss_a, _ = run_once(target.a)
        wall_b, rss_b, _ = run_once(target.b)
        target.walls_a.append(wall_a)
        target.walls_b.append(wall_b)
        target.rss_a.append(rss_a)
        target.rss_b.append(rss_b)
        target.ratios.append(wall_a / wall_b)


def verdict(target: Target) -> str:
    if target.skipped:
        return "SKIP"
    return "PASS" if target.passed else "FAIL"


def print_text(results: list[Target]) -> None:
    for t in results:
        print(f"\n[{t.number}] {t.title}: {verdict(t)}")
        if t.skipped:
            print(f"    skipped: {t.skipped}")
            continue
        print(
            f"    A median {statistics.median(t.walls_a) * 1000:8.1f} ms "
            f"(min {min(t.walls_a) * 1000:.1f}, max {max(t.walls_a) * 1000:.1f}), "
            f"peak {t.peak_mb:.0f} MB"
        )
        print(
            f"    B median {statistics.median(t.walls_b) * 1000:8.1f} ms "
            f"(min {min(t.walls_b) * 1000:.1f}, max {max(t.walls_b) * 1000:.1f}), "
            f"peak {max(t.rss_b):.0f} MB"
        )
        memory = f"; peak ≤ {t.memory_limit_mb:.0f} MB" if t.memory_limit_mb else ""
        print(f"    ratio A/B median {t.ratio:.2f} (target ≤ {t.limit}{memory})")


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def print_markdown(results: list[Target], rounds: int) -> None:
    print(f"Date: {date.today().isoformat()}  \nMachine: {machine()}  ")
    print(f"Rounds: {rounds} alternating pairs after one warm-up each; medians.\n")
    print(
        "| # | target | A median | B median | A/B (median of pairs) | limit | A peak RSS | result |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---|")
    for t in results:
        if t.skipped:
            print(f"| {t.number} | {t.title} | - | - | - | ≤ {t.limit} | - | SKIP |")
            continue
        limit = f"≤ {t.limit}" + (f", ≤ {t.memory_limit_mb:.0f} MB" if t.memory_limit_mb else "")
        print(
            f"| {t.number} | {t.title} | {statistics.median(t.walls_a) * 1000:.0f} ms "
            f"| {statistics.median(t.walls_b) * 1000:.0f} ms | {t.ratio:.2f} | {limit} "
            f"| {t.peak_mb:.0f} MB | {verdict(t)} |"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--only", help="comma-separated target numbers, e.g. 1,3,5a")
    parser.add_argument("--markdown", action="store_true", help="also print a table for RESULTS.md")
    args = parser.parse_args()
    if not (OUT / "varied-10mb.yaml").exists():
        sys.exit("run `python bench/generate.py` first")
    if shutil.which(CRISISKIT) is None:
        sys.exit(f"{CRISISKIT} not found; install crisiskit in this Python environment")
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(REPO / "src")], check=True)
    schema = subprocess.run([CRISISKIT, "schema"], capture_output=True, text=True, check=True)
    (OUT / "plan.schema.json").write_text(schema.stdout, encoding="utf-8")
    chosen = set(args.only.split(",")) if args.only else None
    results = [t for t in targets() if chosen is None or t.number in chosen]
    for target in results:
        print(f"[{target.number}] {target.title}", flush=True)
        target.skipped = check_runs(target)
        if not target.skipped:
            measure(target, args.rounds)
    print_text(results)
    if args.markdown:
        print()
        print_markdown(results, args.rounds)
    return 0 if all(t.skipped or t.passed for t in results) else 1


if __name__ == "__main__":
    sys.exit(main())
