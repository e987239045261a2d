"""Hypothesis: whatever the input, the loader answers with located findings."""

from __future__ import annotations

import os
import tracemalloc
from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from crisiskit.loader.compose import MAX_DEPTH, _depth_bound, compose, compose_nodes, decode
from crisiskit.validation.pipeline import validate_paths
from tests.conftest import FIXTURES, TODAY

VALID = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
# CRISISKIT_FUZZ_EXAMPLES=100000 runs a long session; CI runs the default.
FUZZ = settings(
    max_examples=int(os.environ.get("CRISISKIT_FUZZ_EXAMPLES", "150")),
    # A hang or an expansion bomb shows as a blown deadline, not a stuck CI job.
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow],
)
# What composing a document of a few hundred characters may allocate at most.
MEMORY_BOUND = 32 * 1024 * 1024


def _assert_located(findings: list[Any]) -> None:
    for finding in findings:
        assert finding.code.startswith("CK")
        assert finding.file
        if finding.span is not None:
            assert finding.span.line >= 1 and finding.span.column >= 1


def _compose_within_bounds(text: str) -> list[Any]:
    tracemalloc.start()
    try:
        findings = compose(text, "fuzz.yaml").findings
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_BOUND, f"composing {len(text)} characters took {peak:,} bytes"
    return findings


@FUZZ
@given(st.text(max_size=400))
def test_random_text_never_raises(text: str) -> None:
    _assert_located(_compose_within_bounds(text))


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_never_raise(raw: bytes) -> None:
    text, problem = decode(raw, "fuzz.yaml")
    if text is None:
        _assert_located([problem])
    else:
        _assert_located(_compose_within_bounds(text))


@FUZZ
@given(
    st.lists(
        st.sampled_from(
            [
                "a: &x [1, 2]\n",
                "b: *x\n",
                "c: [*x, *x, *x]\n",
                "<<: {d: 1}\n",
                "e: !!python/x y\n",
                "- [[[[\n",
                "f: {g: h}\n",
                "? [k]\n: v\n",
                "a: 1\n",
                "---\n",
                "'q': |\n  t\n",
                "\t- x\n",
            ]
        ),
        max_size=12,
    )
)
def test_yaml_feature_soup_stays_within_bounds(lines: list[str]) -> None:
    # Anchors, aliases, merges, tags, flow and block collections, documents and tabs mixed.
    _assert_located(_compose_within_bounds("".join(lines)))


@st.composite
def _mutated_plan(draw: st.DrawFn) -> str:
    lines = VALID.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "replace", "indent", "insert"]))
        if action == "delete" and len(lines) > 1:
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "replace":
            lines[index] = draw(st.text(max_size=40)) + "\n"
        elif action == "indent":
            lines[index] = " " * draw(st.integers(0, 6)) + lines[index].lstrip()
        else:
            lines.insert(
                index, draw(st.sampled_from(["- x\n", "  ? a\n", "<<: *x\n", "&a b: c\n"]))
            )
    return "".join(lines)


@FUZZ
@given(_mutated_plan())
def test_mutated_plans_give_located_findings(tmp_path_factory: Any, text: str) -> None:
    directory = tmp_path_factory.mktemp("fuzz")
    (directory / ".git").mkdir(exist_ok=True)
    path = Path(directory) / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    _assert_located(validate_paths([path], TODAY).findings)


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.text(st.characters(blacklist_categories=["Cs", "Cc"]), max_size=20),
)
_DATA = st.recursive(
    _SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=8),
            children,
            max_size=4,
        ),
    ),
    max_leaves=20,
)


@FUZZ
@given(
    st.dictionaries(
        st.text(st.characters(categories=["L"]), min_size=1, max_size=8),
        _DATA,
        min_size=1,
        max_size=5,
    )
)
def test_round_trip_through_a_safe_dumper(data: dict[str, Any]) -> None:
    # The C emitter, as libyaml's parser reads it back (the pure emitter writes flow
    # scalars such as `{A: :0}` that libyaml rejects).
    yaml = YAML(typ="safe")
    yaml.default_flow_style = False
    out = StringIO()
    yaml.dump(data, out)
    composed = compose(out.getvalue(), "data.yaml")
    assert composed.findings == []
    assert composed.data == data


def _same_as_node_composer(text: str) -> None:
    """The event fast path builds exactly what the node composer builds, or defers to it."""
    fast = compose(text, "same.yaml")
    general = compose_nodes(text, "same.yaml")
    # NaN is not equal to itself; compare such data by its repr.
    assert repr(fast.data) == repr(general.data)
    assert fast.source_map.values == general.source_map.values
    assert list(fast.source_map.values) == list(general.source_map.values)
    assert fast.source_map.keys == general.source_map.keys
    assert fast.findings == general.findings


@FUZZ
@given(st.text(max_size=400))
def test_fast_path_agrees_on_random_text(text: str) -> None:
    if _depth_bound(text) <= MAX_DEPTH:
        _same_as_node_composer(text)


@FUZZ
@given(_mutated_plan())
def test_fast_path_agrees_on_mutated_plans(text: str) -> None:
    _same_as_node_composer(text)


@FUZZ
@given(
    st.dictionaries(st.text(min_size=1, max_size=8), _DATA, min_size=1, max_size=5),
    st.booleans(),
)
def test_fast_path_agrees_on_dumped_data(data: dict[str, Any], flow: bool) -> None:
    yaml = YAML(typ="safe")
    yaml.default_flow_style = flow
    out = StringIO()
    yaml.dump(data, out)
    _same_as_node_composer(out.getvalue())


def test_bundled_plans_take_the_fast_path_and_agree() -> None:
    from crisiskit.loader import compose as module

    for path in sorted((FIXTURES.parents[1] / "plans").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert module._stream(text, path.name).data is not None  # no fallback
        _same_as_node_composer(text)
