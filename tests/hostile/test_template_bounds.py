"""Templates that would take minutes or gigabytes stop within their bounds, as CK403."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from crisiskit.diagnostics.errors import TemplateError
from crisiskit.messages.templates import Renderer
from crisiskit.validation.pipeline import validate_paths
from tests.conftest import FIXTURES, TODAY

VALID = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
NS = "{% set ns = namespace(v=VALUE) %}{% for i in range(60) %}{% set ns.v = STEP %}{% endfor %}"

# Several spellings per class, as the audit found them and as others would write them.
ATTACKS = [
    # nested loops
    (
        "range-nested",
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    ),
    (
        "range-nested-output",
        "{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}",
    ),
    (
        "loop-over-string",
        "{% set s = 'ab' * 100000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
    ),
    (
        "loop-with-loop-var",
        "{% for i in range(100000) %}{% for j in range(10000) %}{{ loop.index }}{% endfor %}{% endfor %}",
    ),
    ("recursive-loop", "{% for x in [[1],[2]] recursive %}{{ loop(x * 50000) }}{% endfor %}"),
    # power and integer growth
    ("pow-chain", "{{ 2 ** 1000 ** 1000 }}"),
    ("pow-of-pow", "{{ (9 ** 999) ** 999 }}"),
    ("square-in-loop", NS.replace("VALUE", "3").replace("STEP", "ns.v * ns.v") + "{{ ns.v }}"),
    ("power-in-loop", NS.replace("VALUE", "7").replace("STEP", "ns.v ** 3") + "{{ ns.v }}"),
    ("big-int-literal", "{{ " + "9" * 5000 + " }}"),
    # lipsum
    ("lipsum-n", "{{ lipsum(n=100000000) }}"),
    ("lipsum-words", "{{ lipsum(5, False, 100000000, 100000000) }}"),
    ("lipsum-loop", "{% for i in range(100000) %}{{ lipsum(100) }}{% endfor %}"),
    # string and list doubling
    (
        "tilde-doubling",
        NS.replace("VALUE", "'ab'").replace("STEP", "ns.v ~ ns.v") + "{{ ns.v|length }}",
    ),
    (
        "plus-doubling",
        NS.replace("VALUE", "'ab'").replace("STEP", "ns.v + ns.v") + "{{ ns.v|length }}",
    ),
    (
        "list-doubling",
        NS.replace("VALUE", "[1]").replace("STEP", "ns.v + ns.v") + "{{ ns.v|length }}",
    ),
    ("nested-literal", NS.replace("VALUE", "[1]").replace("STEP", "[ns.v, ns.v]") + "{{ ns.v }}"),
    (
        "nested-tojson",
        NS.replace("VALUE", "[1]").replace("STEP", "[ns.v, ns.v]") + "{{ ns.v|tojson }}",
    ),
    (
        "nested-dict",
        NS.replace("VALUE", "{}").replace("STEP", "{'a': ns.v, 'b': ns.v}") + "{{ ns.v|pprint }}",
    ),
    ("namespace-print", NS.replace("VALUE", "[1]").replace("STEP", "[ns.v, ns.v]") + "{{ ns }}"),
    ("join-repeated-refs", "{{ (['x' * 100000] * 100000)|join }}"),
    ("str-join-refs", "{{ ''.join(['x' * 100000] * 100000) }}"),
    ("join-map", "{{ range(100000)|map('string')|map('center', 9000)|join }}"),
    (
        "set-block-doubling",
        "{% set a %}{{ 'x' * 150000 }}{% endset %}{% for i in range(200) %}{% set b %}{{ a }}{{ a }}{% endset %}{% endfor %}",
    ),
    (
        "set-block-loop",
        "{% set s %}{% for i in range(100000) %}"
        + "y" * 200
        + "{% endfor %}{% endset %}{{ s|length }}",
    ),
    (
        "macro-doubling",
        "{% macro d(n) %}{% if n %}{{ d(n - 1) }}{{ d(n - 1) }}{% else %}xy{% endif %}{% endmacro %}{{ d(40) }}",
    ),
    ("sum-lists", "{{ ([[1] * 1000] * 150)|sum(start=[])|length }}"),
    ("replace-blowup", "{{ ('x' * 100000)|replace('', 'y' * 100000) }}"),
    ("str-replace-blowup", "{{ ('x' * 100000).replace('x', 'y' * 100000) }}"),
    ("repeat-list-of-strings", "{{ ['x' * 1000] * 10000 }}"),
    # widths in the billions
    ("center", "{{ 'x'|center(1000000000) }}"),
    ("indent", "{{ 'x'|indent(1000000000) }}"),
    ("indent-string-width", "{{ ('a\n' * 90000)|indent('b' * 90000) }}"),
    ("tojson-indent", "{{ {'a': [1, 2]}|tojson(indent=100000000) }}"),
    ("format-filter-width", "{{ '%1000000000d'|format(1) }}"),
    ("format-filter-star", "{{ '%*d'|format(1000000000, 1) }}"),
    ("format-filter-precision", "{{ '%.999999999f'|format(1.5) }}"),
    ("percent-operator", "{{ '%(a)999999999s' % {'a': 1} }}"),
    ("str-format-width", "{{ '{:>999999999}'.format('x') }}"),
    ("str-format-nested", "{{ '{:>{w}}'.format('x', w=999999999) }}"),
    ("format-map", "{{ '{a:^999999999}'.format_map({'a': 1}) }}"),
    ("ljust", "{{ 'x'.ljust(999999999) }}"),
    ("zfill", "{{ '1'.zfill(999999999) }}"),
    ("expandtabs", "{{ ('\t' * 100000).expandtabs(100000) }}"),
    ("wordwrap", "{{ ('x ' * 90000)|wordwrap(1, wrapstring='y' * 90000) }}"),
    ("truncate", "{{ 'x'|truncate(999999999, leeway=999999999) }}"),
    ("batch", "{{ [1]|batch(999999999, 'x')|list }}"),
    ("slice", "{{ [1]|slice(999999999, 'x')|list }}"),
    # errors that crashed
    ("format-missing-key", "{{ '{x}'.format() }}"),
    ("format-missing-index", "{{ '{0}{1}'.format('a') }}"),
    ("rot13", "{{ 'abc'.encode('rot13') }}"),
    ("bad-codec", "{{ 'abc'.encode('no-such-codec') }}"),
    ("recursive-macro", "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}"),
    (
        "mutual-macros",
        "{% macro a() %}{{ b() }}{% endmacro %}{% macro b() %}{{ a() }}{% endmacro %}{{ a() }}",
    ),
    ("self-include", "{% include 'self.j2' %}"),
    ("division-by-zero", "{{ 1 // 0 }}"),
    ("float-overflow", "{{ 10.0 ** 400 }}"),
    ("unicode-error", "{{ '\udcff'.encode('utf-8') }}"),
]


@pytest.fixture
def renderer(repo_dir: Path) -> Renderer:
    (repo_dir / "self.j2").write_text("again {% include 'self.j2' %}")
    return Renderer(repo_dir)


@pytest.mark.parametrize("template", [a[1] for a in ATTACKS], ids=[a[0] for a in ATTACKS])
def test_attack_ends_within_bounds_as_an_error(renderer: Renderer, template: str) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(TemplateError) as raised:
            renderer.render(template, "attack.j2", {"issue": "x"})
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Bounds against hangs and floods (the render deadline is 1 s), not a benchmark.
    assert elapsed < 10, elapsed
    assert peak < 300 * 1024**2, f"{peak:,} bytes"
    assert len(str(raised.value)) < 400


LEGITIMATE = [
    ("{% for c in ['x', 'y'] %}{{ loop.index }}. {{ c }} {% endfor %}", "1. x 2. y"),
    ("{{ '{:,}'.format(1500000) }} donated", "1,500,000 donated"),
    ("{{ '%d people'|format(1500000) }}", "1500000 people"),
    ("{{ '%5.1f%%' % 12.345 }}", "12.3%"),
    ("{{ 'Ops'|center(9) }}|", "Ops   |"),
    ("{{ ['a', 'b']|join(', ') }}", "a, b"),
    ("{{ range(3)|map('string')|join('-') }}", "0-1-2"),
    ("{{ issue|upper ~ '!' }}", "X!"),
    (
        "{% set ns = namespace(n=0) %}{% for i in range(10) %}{% set ns.n = ns.n + i %}{% endfor %}{{ ns.n }}",
        "45",
    ),
    ("{{ 2 ** 10 }} {{ 7 * 6 }} {{ 'ab' * 3 }}", "1024 42 ababab"),
    ("{% macro hi(n) %}Hi {{ n }}{% endmacro %}{{ hi('Rina') }}", "Hi Rina"),
    ("{{ {'a': 1}|tojson }} {{ 'line\nnext'|indent(2) }}", '{"a": 1} line\n  next'),
    ("{{ ([1, 2], [3])|sum(start=[]) }}", "[1, 2, 3]"),
    ("{{ ('x' * 200000)|length }}", "200000"),
]


@pytest.mark.parametrize(("template", "expected"), LEGITIMATE)
def test_ordinary_templates_still_render(renderer: Renderer, template: str, expected: str) -> None:
    assert renderer.render(template, "ok.j2", {"issue": "x"}) == expected


@pytest.mark.parametrize(
    "template",
    [
        a[1]
        for a in ATTACKS
        if a[0] in ("range-nested", "lipsum-n", "tilde-doubling", "center", "rot13")
    ],
)
def test_validate_reports_ck403_for_each(repo_dir: Path, template: str) -> None:
    plan = repo_dir / "plan.yaml"
    plan.write_text(
        VALID.replace("        text: Kami sedang memeriksa.", f"        text: {template!r}")
    )
    started = time.perf_counter()
    codes = [f.code for f in validate_paths([plan], TODAY).findings]
    assert "CK403" in codes and "CK020" not in codes
    assert time.perf_counter() - started < 20


def test_a_template_file_over_the_size_limit_is_refused(repo_dir: Path) -> None:
    (repo_dir / "big.j2").write_text("{{ issue }} " * 600_000)  # 7 MB
    plan = repo_dir / "plan.yaml"
    plan.write_text(VALID.replace("        text: Kami sedang memeriksa.", "        file: big.j2"))
    started = time.perf_counter()
    findings = [f for f in validate_paths([plan], TODAY).findings if f.code == "CK403"]
    assert findings and "larger than the limit" in findings[0].message
    assert time.perf_counter() - started < 20


def test_an_included_file_over_the_limit_is_not_read(repo_dir: Path, renderer: Renderer) -> None:
    big = repo_dir / "big.j2"
    with big.open("wb") as handle:
        handle.truncate(2 * 1024**3)  # sparse 2 GB
    with pytest.raises(TemplateError, match="larger than the limit"):
        renderer.render("{% include 'big.j2' %}", "t.j2", {})


def test_a_yaml_include_over_the_limit_is_not_read(repo_dir: Path) -> None:
    with (repo_dir / "team.yaml").open("wb") as handle:
        handle.truncate(2 * 1024**3)
    plan = repo_dir / "plan.yaml"
    plan.write_text(VALID + "include:\n  - team.yaml\n")
    tracemalloc.start()
    try:
        findings = validate_paths([plan], TODAY).findings
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert any(f.code == "CK009" for f in findings)
    assert peak < 200 * 1024**2
