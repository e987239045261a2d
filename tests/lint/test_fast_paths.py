"""The rules' fast paths give what the slow ones give: the whole report, byte for byte.

Each memo and shortcut taken for an agency's throughput (issue 18) is switched back to
the plain computation it replaces, and `validate`'s JSON report of the bundled plans,
the rule fixtures and two generated agencies (with problems planted in some clients)
must come out identical. The renderer's remembered outputs and the phrase alternation
are also proved against their reference with Hypothesis, on inputs built to break them.
"""

from __future__ import annotations

import importlib
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crisiskit.diagnostics.errors import TemplateError
from crisiskit.lint import phrases
from crisiskit.lint.context import LintContext
from crisiskit.lint.example_plan import example_plan_text
from crisiskit.lint.phrases import BUILT_IN, PhraseSet, matches, phrases_for
from crisiskit.lint.registry import all_rules
from crisiskit.loader import references
from crisiskit.loader.sourcemap import DataPath
from crisiskit.messages.templates import Renderer
from crisiskit.model import index as plan_indexes
from crisiskit.model import types
from crisiskit.output.json import render_json
from crisiskit.validation.pipeline import validate_paths
from tests.conftest import REPO, TODAY


def _walk_by_generators(
    data: Any, pattern: tuple[str, ...], path: DataPath = ()
) -> Iterator[tuple[DataPath, Any]]:
    """References' walk as it was: a generator per pattern level."""
    if not pattern:
        yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield from _walk_by_generators(item, rest, (*path, index))
    elif isinstance(data, dict) and head in data:
        yield from _walk_by_generators(data[head], rest, (*path, head))


class _Forgetful(dict[Any, Any]):
    """A memo that remembers nothing: every look-up computes again."""

    def __setitem__(self, key: Any, value: Any) -> None:
        pass


def _slow_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every fast path of the rules and the loader back to the computation it replaces."""
    monkeypatch.setattr(Renderer, "_output_key", lambda self, text, context: None)
    monkeypatch.setattr(PhraseSet, "matches", lambda self, text: matches(self.phrases, text))
    monkeypatch.setattr(
        LintContext, "template_source", lambda self, v: self.renderer.source(self.loaded, v)
    )
    monkeypatch.setattr(references, "walk", _walk_by_generators)
    monkeypatch.setattr(types, "_parse_duration_text", types._parse_duration_text.__wrapped__)
    build = plan_indexes.PlanIndex.build

    def forgetful_index(plan: Any) -> plan_indexes.PlanIndex:
        built = build(plan)
        object.__setattr__(built, "reaches", _Forgetful())
        object.__setattr__(built, "derived", _Forgetful())
        return built

    monkeypatch.setattr(plan_indexes.PlanIndex, "build", staticmethod(forgetful_index))
    plan_indexes._indexes.clear()
    phrases.phrase_set.cache_clear()


def _plant_problems(plan: Path, number: int) -> None:
    """Findings for the fast paths to agree on: phrases, codenames, no contact, a bad
    template, a typo'd variable, a secret."""
    text = plan.read_text(encoding="utf-8")
    planted = [
        [("{{ help_url }}", "no comment, it is not our fault; fixed within 2 hours")],
        [
            ("{{ issue }}", "{{ issue }} {{ codename }}"),
            ("messages: [", "communication:\n      codename: kestrel\n    messages: ["),
        ],
        [("{{ help_url }}", "{{ help_url }} {{ isue }} password: hunter2hunter2 {{ range(2) }}")],
        [("{{ issue }}", "{{ issue }} {% if %}")],
    ]
    for old, new in planted[number % len(planted)]:
        text = text.replace(old, new, 2)
    plan.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def agencies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two small agencies as bench/generate.py makes them, problems planted in clients,
    and every rule's failing example."""
    import sys

    root = tmp_path_factory.mktemp("agencies")
    (root / ".git").mkdir()
    sys.path.insert(0, str(REPO / "bench"))
    try:
        generate: Any = importlib.import_module("generate")
        varied: Any = importlib.import_module("varied")
    finally:
        sys.path.remove(str(REPO / "bench"))
    generate.agency(random.Random(7), root / "agency", 6)
    varied.varied_agency(random.Random(8), root / "agency-varied", 6)
    for shape in ("agency", "agency-varied"):
        for number, plan in enumerate(sorted((root / shape).glob("client-*.yaml"))[1:]):
            _plant_problems(plan, number)
    # Every rule's failing example, each a plan of its own.
    (root / "examples").mkdir()
    for rule in all_rules():
        text = example_plan_text(rule.failing)
        (root / "examples" / f"{rule.code}.yaml").write_bytes(
            text.encode("utf-8", "surrogateescape")
        )
    return root


def _reports(paths: list[Path]) -> list[str]:
    reports = []
    for path in paths:
        report = validate_paths([path], TODAY)
        reports.append(render_json(report.findings, report.files))
    return reports


def test_the_fast_paths_give_the_same_reports(
    agencies: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = [
        REPO / "plans",
        agencies / "examples",
        agencies / "agency",
        agencies / "agency-varied",
    ]
    monkeypatch.chdir(REPO)
    fast = _reports(inputs)
    _slow_paths(monkeypatch)
    slow = _reports(inputs)
    for path, quick, plain in zip(inputs, fast, slow, strict=True):
        assert quick == plain, path
    # The planted problems are found (so the comparison is not of empty reports).
    agency_findings = fast[-2] + fast[-1]
    for code in ("CK407", "CK112", "CK401", "CK403", "CK507"):
        assert f'"code": "{code}"' in agency_findings, code
    for rule in all_rules():
        assert f'"code": "{rule.code}"' in fast[1], rule.code


def test_the_planted_problems_are_in_both_agency_shapes(agencies: Path) -> None:
    for shape in ("agency", "agency-varied"):
        texts = [p.read_text(encoding="utf-8") for p in (agencies / shape).glob("client-*")]
        assert sum("not our fault" in t for t in texts) >= 1, shape
        assert sum("hunter2" in t for t in texts) >= 1, shape


# Templates from pieces that read names the context gives and names it does not, globals,
# the random filter, includes, loops over nested values, tests of definedness, errors.
_PIECES = st.sampled_from(
    [
        "plain text ",
        "{{ issue }}",
        "{{ issue|upper }}",
        "{{ org.name }}",
        "{{ org.handles }}",
        "{{ org.handles.x }}",
        "{{ channel.id }}-{{ channel.platform }}",
        "{{ codename }}",
        "{{ count + 1 }}",
        "{{ flag }}",
        "{{ ratio }}",
        "{{ items|join(',') }}",
        "{% for k, v in org.handles.items() %}{{ k }}={{ v }};{% endfor %}",
        "{% if missing is defined %}yes{% else %}no{% endif %}",
        "{{ missing }}",
        "{{ range(3)|list }}",
        "{{ [1, 2, 3]|random }}",
        "{{ lipsum(1, False, 3, 4) }}",
        "{% include 'part.j2' %}",
        "{% set x = issue ~ '!' %}{{ x }}",
        "{{ issue.nope }}",
        "{% if %}",
    ]
)
_TEMPLATES = st.lists(_PIECES, min_size=1, max_size=4).map("".join)
_SCALARS = st.one_of(
    st.text(alphabet="ab1 ", max_size=3),
    st.integers(-2, 2),
    st.booleans(),
    st.none(),
    st.sampled_from([0.0, -0.0, 1.0]),
)
_CONTEXTS = st.fixed_dictionaries(
    {
        "issue": st.one_of(st.sampled_from(["a", "1", "A"]), st.integers(0, 1), st.booleans()),
        "count": st.one_of(st.integers(0, 1), st.booleans(), st.sampled_from([1.0, -0.0, 0.0])),
        "flag": _SCALARS,
        "ratio": _SCALARS,
        "items": st.one_of(
            st.lists(st.sampled_from(["a", "b"]), max_size=2),
            st.tuples(st.sampled_from(["a", "b"])),
        ),
        "codename": st.sampled_from(["", "kestrel"]),
        "org": st.fixed_dictionaries(
            {
                "name": st.sampled_from(["A", "B"]),
                "handles": st.dictionaries(
                    st.sampled_from(["x", "ig"]), st.sampled_from(["@a", "@b"]), max_size=2
                ),
            }
        ),
        "channel": st.fixed_dictionaries(
            {"id": st.sampled_from(["x", "sms"]), "platform": st.sampled_from(["x", "sms"])}
        ),
    },
    optional={"missing": _SCALARS},
)


def _rendered(renderer: Renderer, text: str, context: dict[str, Any]) -> str:
    try:
        return renderer.render(text, "t", context)
    except TemplateError as error:
        return f"error: {error}"


_RANDOM = re.compile(r"random|lipsum")


@pytest.fixture(scope="module")
def memo_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository root holding the partial templates include."""
    root = tmp_path_factory.mktemp("render-memo")
    (root / ".git").mkdir()
    return root


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_TEMPLATES, _CONTEXTS), min_size=1, max_size=12), st.data())
def test_a_remembered_render_is_the_render(
    memo_root: Path, renders: list[tuple[str, dict[str, Any]]], data: st.DataObject
) -> None:
    root = memo_root
    remembering = Renderer(root)
    reference = Renderer(root)
    reference._output_key = lambda text, context: None  # type: ignore[method-assign]
    part = root / "part.j2"
    for text, context in renders:
        # The included partial changes between renders: a render that includes it is
        # never answered from memory.
        part.write_text(data.draw(st.sampled_from(["P1", "P2 {{ issue }}"])), encoding="utf-8")
        quick = _rendered(remembering, text, context)
        plain = _rendered(reference, text, context)
        if _RANDOM.search(text):
            # Not comparable (random on both sides); never remembered.
            assert remembering._output_key(text, context) is None
        else:
            assert quick == plain, (text, context)


def test_outputs_are_told_apart_by_type_and_value() -> None:
    renderer = Renderer(REPO)
    text = "{{ flag }}|{{ items }}"
    shown = [
        renderer.render(text, "t", {"flag": flag, "items": items})
        for flag, items in [(1, ["a"]), (True, ["a"]), ("1", ("a",)), (1, ("a",)), (None, [])]
    ]
    assert shown == ["1|['a']", "True|['a']", "1|('a',)", "1|('a',)", "None|[]"]
    assert renderer._output_key("{{ x }}", {"x": 0.0}) is None  # -0.0 == 0.0 shows apart
    assert renderer._output_key("{{ range(2) }}", {}) is None
    assert renderer._output_key("{% include 'a' %}", {}) is None
    assert renderer._output_key("{{ x|random }}", {"x": "ab"}) is None
    assert renderer._output_key("{{ x }}", {"x": "a", "y": "b"}) == ("{{ x }}", ("a",))


# Texts from pieces of the built-in phrases (and near misses), joined by the white space
# and invisible characters matching must see through, in both cases.
_WORDS = st.sampled_from(
    [
        "no comment",
        "not our fault",
        "not a user error",
        "user error",
        "due to a third-party",
        "we apologise if",
        "resolved in 10 minutes",
        "was restored within the hour",
        "fixed by 5",
        "ETA",
        "eta",
        "we take security very seriously",
        "your privacy is important to us",
        "for any inconvenience",
        "tidak ada komentar",
        "bukan kesalahan pengguna",
        "kesalahan pengguna",
        "akibat vendor",
        "oknum",
        "mohon maaf jika",
        "atas segala ketidaknyamanan",
        "pulih dalam 1x24 jam",
        "estimasi waktu pemulihan",
        "kami sangat serius",
        "keamanan data anda adalah prioritas",
        "circle back",
        "hello",
        ".",
        ",",
        "{{ next_update }}",
    ]
)
_GAPS = st.sampled_from([" ", "  ", "\n", "\u00a0", "\u200b", "", " and ", "; "])
_TEXTS = st.lists(st.tuples(_WORDS, _GAPS), max_size=6).map(
    lambda parts: "".join(w + g for w, g in parts)
)
_CASE = st.sampled_from([str, str.upper, str.title])


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(["en", "id", "en-gb", "th"]),
    st.lists(_TEXTS.map(str), min_size=1, max_size=5),
    _CASE,
    st.sampled_from([{}, {"en": (["circle back"], ["eta"])}, {"id": ([], ["oknum"])}]),
)
def test_a_phrase_set_matches_as_each_phrase_does(
    locale: str, texts: list[str], case: Any, changes: dict[str, tuple[list[str], list[str]]]
) -> None:
    compiled = phrases_for(locale, changes)
    quick = PhraseSet(compiled)
    for text in [case(t) for t in texts] * 2:  # the second time from memory
        assert quick.matches(text) == matches(compiled, text), text


def test_the_alternation_finds_each_built_in_phrase() -> None:
    examples = {
        "no-comment": "No comment.",
        "fixed-in": "It will be resolved in 10 minutes",
        "eta": "ETA: soon",
        "selesai-dalam": "akan selesai dalam 10 menit",
        "penting-bagi-kami": "privasi data anda penting",
    }
    for phrase in BUILT_IN:
        if phrase.id in examples:
            compiled = phrases_for(phrase.language, {})
            assert PhraseSet(compiled).matches(examples[phrase.id]), phrase.id


@settings(max_examples=300, deadline=None)
@given(
    st.recursive(
        st.one_of(st.text(max_size=2), st.integers(0, 3), st.none()),
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.dictionaries(st.sampled_from(["a", "b", "*", "c"]), inner, max_size=3),
        ),
        max_leaves=20,
    ),
    st.lists(st.sampled_from(["a", "b", "*", "c"]), max_size=4).map(tuple),
)
def test_walk_level_by_level_is_the_generator_walk(data: Any, pattern: tuple[str, ...]) -> None:
    assert list(references.walk(data, pattern)) == list(_walk_by_generators(data, pattern))
    assert list(references.walk(data, pattern, ("x",))) == list(
        _walk_by_generators(data, pattern, ("x",))
    )


def test_a_remembered_duration_is_parsed_and_refused_as_before() -> None:
    assert types.parse_duration("1h30m") == types.parse_duration(" 1h 30m ")
    for bad in ["", "1x", "99999999m", 5]:
        with pytest.raises(ValueError) as first:
            types.parse_duration(bad)
        with pytest.raises(ValueError) as again:
            types.parse_duration(bad)
        assert str(first.value) == str(again.value)


@pytest.mark.parametrize(
    "text",
    [
        "{{ xs|map('random')|join }}",  # a filter applied by name draws too
        "{% set f = 'random' %}{{ xs|map(f)|join }}",  # by a name not known before
        "{{ xs|map('ran' ~ 'dom')|join }}",
        "{{ xs|select('random')|join }}",
        "{% filter random %}ab{% endfilter %}",
    ],
)
def test_a_render_that_may_draw_at_random_is_never_remembered(text: str) -> None:
    """Found by review: `map('random')` was remembered, so every channel of a message
    showed the same draw where each draft draws its own."""
    assert Renderer(REPO)._output_key(text, {"xs": ["ab", "cd"]}) is None


def test_a_render_applying_a_named_filter_is_still_remembered() -> None:
    text = "{{ xs|map('upper')|join(', ') }}"
    assert Renderer(REPO)._output_key(text, {"xs": ["ab"]}) == (text, ((list, ("ab",)),))


def test_remembered_renders_are_bounded_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by review: a count limit let a plan of large renders hold gigabytes."""
    import crisiskit.messages.templates as templates

    monkeypatch.setattr(templates, "MAX_REMEMBERED_CHARACTERS", 10_000)
    renderer = Renderer(REPO)
    large = "{{ 'x' * 9000 }}{{ n }}"  # over the longest output remembered
    renderer.render(large, "t", {"n": 1})
    assert renderer._outputs == {}
    for n in range(40):
        renderer.render("{{ 'y' * 1000 }}{{ n }}", "t", {"n": n})
        held = sum(len(output) + templates._ENTRY_COST for output in renderer._outputs.values())
        assert held == renderer._remembered <= templates.MAX_REMEMBERED_CHARACTERS
    assert 0 < len(renderer._outputs) < 40  # started again, and kept what it could
