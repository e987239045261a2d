"""In-process CPU time of validate's stages on a directory of plans, rule by rule.

    .venv/bin/python bench/rule_times.py bench/out/agency [--top 15]

Every plan under the path is loaded (compose, includes, validation, references), then
each rule runs on it; the message renders the rules share are timed as their own stage
(so no rule is charged for them). CPU seconds (``time.process_time``), summed over plans.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from time import process_time

from crisiskit.lint.context import LintContext
from crisiskit.lint.message_renders import example_renders
from crisiskit.lint.registry import all_rules
from crisiskit.loader import FileCache, load_plan
from crisiskit.loader.discovery import discover
from crisiskit.messages.templates import Renderer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("--today", default="2026-11-24")
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    today = date.fromisoformat(args.today)
    gc.set_threshold(100_000, 50, 100)  # as the console script runs validate
    rules = all_rules()
    Renderer.for_root.cache_clear()
    cache = FileCache()
    times: Counter[str] = Counter()
    plans = 0
    for path, _explicit in discover([args.path], []):
        started = process_time()
        source = cache.get(path)
        if not source.is_plan:
            times["read fragments"] += process_time() - started
            continue
        loaded = load_plan(path, cache)
        times["load"] += process_time() - started
        valid = loaded.valid()
        if valid is None:
            continue
        plans += 1
        context = LintContext(valid, today)
        started = process_time()
        example_renders(context)
        times["shared example renders"] += process_time() - started
        for rule in rules:
            started = process_time()
            list(rule.check(context))
            times[rule.code] += process_time() - started
    rules_total = sum(t for name, t in times.items() if name.startswith("CK"))
    print(
        f"{plans} plans; load {times['load']:.3f} s; rules {rules_total:.3f} s; "
        f"shared renders {times['shared example renders']:.3f} s"
    )
    for name, seconds in times.most_common(args.top):
        print(f"{name:28} {seconds * 1000:8.0f} ms")


if __name__ == "__main__":
    sys.exit(main())
