"""Hypothesis over Jinja constructs and sizes: every plan validates within 20 s and 1 GiB.

Memory is the process's peak resident size (a high-water mark: if any plan had taken
1 GiB more than the warmed-up process, every later check would fail too).
`CRISISKIT_FUZZ_EXAMPLES=2000` runs a long session; `CRISISKIT_FUZZ_REPORT=FILE` writes
the count, the slowest case and the session's peak there.
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crisiskit.validation.pipeline import validate_paths
from tests.conftest import FIXTURES, TODAY

VALID = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
SECONDS_PER_PLAN = 20
BYTES_PER_PLAN = 1024**3
# Three channels and two locales: six renders of each template, as in a real plan.
CHANNELS = "channels:\n  - id: x\n    platform: x\n  - id: fb\n    platform: facebook\n"
CHANNELS += "  - id: sms\n    platform: sms\n"

sizes = st.one_of(
    st.integers(-3, 12),
    st.sampled_from([99, 1000, 10_000, 99_999, 100_000, 10**6, 10**9, 2**64, 10**30]),
)
strings = st.sampled_from(
    ["'x'", "'ab'", "issue", "'\\n'", "''", "'{}'", "'{0}{1}'", "'%d'", "'%s%%'", "'{:>9}'"]
)
atoms = st.one_of(
    sizes.map(str),
    strings,
    st.just("ns.v"),
    st.just("[1, 'a']"),
    st.just("{'a': 1}"),
    sizes.map(lambda n: f"range({n})"),
    sizes.map(lambda n: f"lipsum({n})"),
)
FILTERS = ["center", "indent", "truncate", "wordwrap", "batch", "slice", "join", "replace"]
FILTERS += ["tojson", "format", "list", "string", "sum", "length", "upper", "unique", "sort"]
FILTERS += ["urlize", "striptags", "pprint", "reverse", "int", "title", "map('string')"]
METHODS = ["format", "center", "ljust", "replace", "join", "split", "encode", "zfill", "count"]


def _extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    pair = st.tuples(inner, inner)
    return st.one_of(
        st.tuples(inner, st.sampled_from(["*", "**", "+", "~", "%", "//"]), inner).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"
        ),
        st.tuples(inner, st.sampled_from(FILTERS), st.lists(inner, max_size=2)).map(
            lambda t: (
                f"({t[0]})|{t[1]}" + (f"({', '.join(t[2])})" if t[2] and "(" not in t[1] else "")
            )
        ),
        st.tuples(inner, st.sampled_from(METHODS), st.lists(inner, max_size=2)).map(
            lambda t: f"({t[0]}).{t[1]}({', '.join(t[2])})"
        ),
        pair.map(lambda t: f"[{t[0]}, {t[1]}]"),
        pair.map(lambda t: f"{{'k': {t[0]}, 'l': {t[1]}}}"),
    )


expressions = st.recursive(atoms, _extend, max_leaves=6)


def _statements(depth: int) -> st.SearchStrategy[str]:
    simple = st.one_of(
        expressions.map(lambda e: "{{ " + e + " }}"),
        expressions.map(lambda e: "{% set ns.v = " + e + " %}"),
        st.sampled_from(["x", " text ", "{{ ns.v }}", "{% include 'self.j2' %}"]),
        sizes.map(lambda n: "{{ m(" + str(n) + ") }}"),
    )
    if depth == 0:
        return simple
    body = st.lists(_statements(depth - 1), min_size=1, max_size=3).map("".join)
    return st.one_of(
        simple,
        st.tuples(expressions, body).map(
            lambda t: "{% for i in " + t[0] + " %}" + t[1] + "{% endfor %}"
        ),
        body.map(lambda b: "{% set b %}" + b + "{% endset %}{% set ns.v = b %}"),
        body.map(lambda b: "{% filter upper %}" + b + "{% endfilter %}"),
    )


PRELUDE = (
    "{% set ns = namespace(v='ab') %}"
    "{% macro m(n) %}{% if n > 0 %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}x{% endmacro %}"
)
templates = st.lists(_statements(3), min_size=1, max_size=4).map(lambda s: PRELUDE + "".join(s))

_seen: list[tuple[float, str]] = []
_baseline: list[int] = []


def _peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


@pytest.fixture(scope="module")
def fuzz_repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("fuzz")
    (root / ".git").mkdir()
    (root / "self.j2").write_text("again {% include 'self.j2' %}")
    # Warm up first: loading rule modules and phone metadata is not the template's cost.
    (root / "plan.yaml").write_text(_plan("{{ issue }}"))
    validate_paths([root / "plan.yaml"], TODAY)
    _baseline.append(_peak_rss_bytes())
    yield root
    report = os.environ.get("CRISISKIT_FUZZ_REPORT")
    if report and _seen:
        slowest = max(_seen)
        Path(report).write_text(
            json.dumps(
                {
                    "plans": len(_seen),
                    "slowest_seconds": round(slowest[0], 2),
                    "slowest_template": slowest[1],
                    "median_seconds": round(sorted(_seen)[len(_seen) // 2][0], 3),
                    "peak_rss_bytes_before": _baseline[0],
                    "peak_rss_bytes_after": _peak_rss_bytes(),
                },
                indent=2,
                ensure_ascii=False,
            )
        )


def _plan(template: str) -> str:
    text = VALID.replace("channels:\n  - id: x\n    platform: x\n", CHANNELS)
    text = text.replace("    channels: [x]\n", "    channels: [x, fb, sms]\n")
    return text.replace(
        "      - locale: id\n        text: Kami sedang memeriksa.\n",
        f"      - locale: id\n        text: {json.dumps(template)}\n"
        f"      - locale: en\n        text: {json.dumps(template + ' ')}\n",
    )


@settings(
    max_examples=int(os.environ.get("CRISISKIT_FUZZ_EXAMPLES", "25")),
    deadline=None,  # the bound is asserted below, per plan, with its own numbers
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(template=templates)
def test_any_template_validates_within_bounds(fuzz_repo: Path, template: str) -> None:
    plan = fuzz_repo / "plan.yaml"
    plan.write_text(_plan(template))
    started = time.perf_counter()
    findings = validate_paths([plan], TODAY).findings
    elapsed = time.perf_counter() - started
    _seen.append((elapsed, template))
    assert not [f for f in findings if f.code == "CK020"], findings
    assert elapsed < SECONDS_PER_PLAN, (elapsed, template)
    assert _peak_rss_bytes() - _baseline[0] < BYTES_PER_PLAN, template
