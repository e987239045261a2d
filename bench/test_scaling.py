"""No superlinear path: doubling an input at most doubles crisiskit's time (and a bit).

Not part of the test suite (testpaths is tests/): a benchmark check, run with
    .venv/bin/python bench/generate.py
    .venv/bin/python -m pytest bench/test_scaling.py
Each case runs whole processes at size n and 2n, alternating, and compares their CPU
time (user + system), which a busy machine does not inflate the way it does wall time.
A linear path gives a ratio near 2 (less where start-up is a large share); the
quadratic ones these cases were built from gave 4 and more.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from scaling import CASES, OUT, measure

# The 5 MB → 10 MB limit of issue 18; the other cases are the denial-of-service inputs of
# issue 11, each with the time its full size must stay under (it took minutes before).
LIMITS = {
    "X length of a long draft (20,000 → 40,000 characters)": (2.1, 5.0),
    "suppression comments (20,000 → 40,000 lines)": (2.1, 10.0),
    "findings printed as text (100,000 → 200,000)": (2.1, 10.0),
    "chart coverage (90 → 180 critical roles)": (2.1, 5.0),
    "validate, varied shape (5 MB → 10 MB)": (2.1, None),
    "validate, bundled shape (5 MB → 10 MB)": (2.1, None),
}


@pytest.mark.parametrize("name", list(CASES))
def test_doubling_the_input_at_most_doubles_the_time(name: str) -> None:
    case: Callable[[Path, int], list[str]]
    case, n = CASES[name]
    if "MB" in name and not (OUT / "varied-10mb.yaml").exists():
        pytest.skip("run bench/generate.py first")
    small, large = measure(case, n, pairs=3)
    ratio_limit, seconds_limit = LIMITS[name]
    assert large / small <= ratio_limit, f"{name}: {small:.2f} s → {large:.2f} s"
    if seconds_limit is not None:
        assert large <= seconds_limit, f"{name}: {large:.2f} s at full size"
