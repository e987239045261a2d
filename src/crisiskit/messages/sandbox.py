"""A Jinja sandbox bounded in time, size and work, for templates from pull requests.

Jinja's immutable sandbox stops templates from reaching Python internals, but not from
spending minutes or gigabytes: nested loops, `**` chains, `lipsum(n=10**9)`, strings
doubled in a loop or `center(10**9)`. Every such route passes through a hook here, and
each render carries a budget:

- a deadline, checked on every loop iteration, call, operator and output chunk;
- a cap on any one value (a string or list) a template builds, checked *before* building
  it wherever the size can be known first (repetition, concatenation, joins, widths);
- a cap on all the text a render produces, counted across every value built and every
  chunk output, also inside `{% set %}` blocks and macros;
- a cap on integers (in bits), so `2 ** 10 ** 6` and squaring in a loop stop early.

Going over any of them raises :class:`TemplateBudgetError` (reported as CK403).
"""

from __future__ import annotations

import contextlib
import re
import string
import threading
import time
from collections.abc import Callable, ItemsView, Iterable, Iterator, KeysView, Mapping, ValuesView
from dataclasses import dataclass
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace

from crisiskit.messages.bounds import (
    MAX_INT_BITS,
    MAX_ITERATIONS,
    MAX_VALUE,
    MAX_WIDTH,
    MAX_WORK,
    RENDER_SECONDS,
)

# Filters and callables whose integer arguments are widths or counts.
_SIZED_FILTERS = frozenset(
    {"center", "indent", "truncate", "wordwrap", "batch", "slice", "tojson", "urlize"}
)
_SIZED_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs", "split", "rsplit"})
_PRINTF_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d*)(?:\.(\*|\d*))?")


class TemplateBudgetError(SecurityError):
    """A template went over one of its bounds."""


class TemplateTimeout(TemplateBudgetError):
    """A template ran past its deadline."""


@dataclass
class Budget:
    deadline: float
    work: int = 0
    iterations: int = 0

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateTimeout(
                f"the template ran for over {RENDER_SECONDS:g} s; simplify its loops"
            )


_current = threading.local()


def _budget() -> Budget:
    budget: Budget | None = getattr(_current, "budget", None)
    if budget is None:  # compiled or called outside `bounded_render`: bound it anyway
        budget = _current.budget = Budget(time.monotonic() + RENDER_SECONDS)
    return budget


def charge(value: Any) -> Any:
    """Count a value a template built against the render's budget; return it."""
    budget = _budget()
    budget.tick()
    if isinstance(value, str | list | tuple | dict | set | bytes):
        size = len(value)
        if size > MAX_VALUE:
            raise TemplateBudgetError(
                f"the template builds a value of {size:,} items, over {MAX_VALUE:,} characters"
            )
        budget.work += size
        if budget.work > MAX_WORK:
            raise TemplateBudgetError(
                f"the template produces over {MAX_WORK:,} characters while rendering"
            )
    elif isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise TemplateBudgetError(_too_big_int())
    return value


def _too_big_int() -> str:
    return f"the template builds an integer of over {MAX_INT_BITS:,} bits"


def bounded_iter(iterable: Any) -> Iterator[Any]:
    """Every `{% for %}` loops through this: a deadline and an iteration count."""
    budget = _budget()
    budget.tick()
    for item in iterable:
        budget.iterations += 1
        if budget.iterations > MAX_ITERATIONS:
            raise TemplateBudgetError(
                f"the template's loops ran over {MAX_ITERATIONS:,} times in one render"
            )
        if not budget.iterations & 0xFF:
            budget.tick()
        yield item


def bounded_join(parts: Iterable[Any], separator: str = "") -> str:
    """Join, refusing before the joined string is built when it would be too long."""
    strings: list[str] = []
    total = 0
    for part in bounded_iter(parts):
        part_text = text(part)
        total += len(part_text) + len(separator)
        if total > MAX_VALUE + len(separator):
            raise TemplateBudgetError(
                f"the template joins over {MAX_VALUE:,} characters into one value"
            )
        strings.append(part_text)
    return str(charge(separator.join(strings)))


def _size(value: Any) -> int:
    return len(value) if isinstance(value, _SIZED) else 0


_SIZED = (str, bytes, list, tuple, dict, set, frozenset)
_CONTAINERS = (list, tuple, set, frozenset, KeysView, ValuesView, ItemsView)


def deep_size(value: Any, limit: int = MAX_VALUE) -> int:
    """Characters and items in ``value``, nested values included, counted up to ``limit``.

    `[b, b]` nested thirty times is cheap to build and enormous to print: what a value
    would become as text is its deep size. Counting stops past ``limit``, so the walk
    itself is bounded whatever the sharing.
    """
    total = 0
    stack = [value]
    while stack and total <= limit:
        item = stack.pop()
        if isinstance(item, str | bytes):
            total += len(item)
        elif isinstance(item, Mapping):
            total += len(item)
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, _CONTAINERS):
            total += len(item)
            stack.extend(item)
        elif isinstance(item, Namespace):
            stack.append(object.__getattribute__(item, "_Namespace__attrs"))
        else:
            total += 1
    return total


def check_sizes(values: Iterable[Any], what: str) -> None:
    """Refuse arguments that are too large, nested values included, before using them."""
    for value in values:
        if deep_size(value) > MAX_VALUE:
            raise TemplateBudgetError(f"{what}: a value of over {MAX_VALUE:,} items or characters")


def text(value: Any) -> str:
    """``str(value)``, refused before converting when the text would be too long."""
    if not isinstance(value, str):
        check_sizes((value,), "output")
    return str(value)


def _check_width(values: Iterable[Any], what: str, limit: int = MAX_WIDTH) -> None:
    for value in values:
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > limit:
            raise TemplateBudgetError(f"{what}: {value:,} is over the limit of {limit:,}")


def _check_product(values: Iterable[Any], what: str) -> None:
    """Refuse an operation on two large values (`s.replace('', s)`, `indent(width=s)`)."""
    sizes = sorted((_size(v) for v in values), reverse=True)
    if len(sizes) >= 2 and sizes[0] * (sizes[1] + 1) > MAX_WORK:
        raise TemplateBudgetError(f"{what}: the arguments are too large together")


def check_format(fmt: str) -> None:
    """Refuse widths and precisions of 10,000 or more in a format string."""
    specs: list[str] = [m.group(1) + "." + (m.group(2) or "") for m in _PRINTF_SPEC.finditer(fmt)]
    # Not a str.format string: Python says why when it is used as one.
    with contextlib.suppress(ValueError):
        specs += [spec or "" for _, _, spec, _ in string.Formatter().parse(fmt)]
    if any(len(run) > 4 for spec in specs for run in re.findall(r"\d+", spec)):
        raise TemplateBudgetError("a format width or precision is too large")


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    # The filtered value comes after the context Jinja passes to some filters.
    skip = 2 if getattr(function, "jinja_pass_arg", None) is not None else 1

    def filter_(*args: Any, **kwargs: Any) -> Any:
        _budget().tick()
        values = (*args[skip - 1 :], *kwargs.values())
        check_sizes(values, f"filter {name}")
        if name in _SIZED_FILTERS:
            _check_width(values[1:], f"filter {name}")
        elif name == "lipsum":  # n paragraphs of up to max words each
            _check_width(values, "lipsum", limit=100)
        elif name == "format" and isinstance(values[0], str):
            check_format(values[0])
            if "*" in values[0]:
                _check_width(values[1:], "format width")
        _check_product(values, f"filter {name}")
        if name == "join":
            return _join_filter(*args, **kwargs)
        return charge(function(*args, **kwargs))

    # Keep Jinja's marker saying whether the filter wants the context or environment.
    filter_.__dict__.update(getattr(function, "__dict__", {}))
    return filter_


def _join_filter(*args: Any, **kwargs: Any) -> str:
    # Positions as Jinja's join: (eval_ctx, value, d="", attribute=None).
    _, value, *rest = args
    separator = kwargs.get("d", rest[0] if rest else "")
    attribute = kwargs.get("attribute", rest[1] if len(rest) > 1 else None)
    if attribute is not None:
        value = (item[attribute] if isinstance(item, Mapping) else item for item in value)
    return bounded_join(value, str(separator))


class BoundedCodeGenerator(CodeGenerator):
    """Compiles templates so that loops, output and `~` go through the budget."""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        # Before the filters a template uses are collected: each loop's iterable is
        # wrapped in the counting filter.
        for loop in node.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, "crisiskit_bounded", [], [], None, None)
        super().visit_Template(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.concat_bounded((")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write("))")

    def _output_const_repr(self, group: Iterable[Any]) -> str:
        return f"environment.charge({super()._output_const_repr(group)})"

    # Every dynamic output chunk, also into a `{% set %}` block or a macro's buffer, is
    # converted with a size check and counted (the sandbox never autoescapes).
    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        self.write("environment.charge(environment.text(")
        if finalize.src is not None:
            self.write(finalize.src)

    def _output_child_post(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        self.write(")")
        if finalize.src is not None:
            self.write(")")
        self.write(")")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with every route to unbounded work going through a budget."""

    code_generator_class = BoundedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**{**options, "autoescape": False})
        self.filters = {name: _bounded_filter(name, f) for name, f in self.filters.items()}
        self.filters["crisiskit_bounded"] = bounded_iter
        lipsum = self.globals["lipsum"]
        assert callable(lipsum)
        self.globals["lipsum"] = _bounded_filter("lipsum", lipsum)

    @staticmethod
    def charge(value: Any) -> Any:
        return charge(value)

    @staticmethod
    def text(value: Any) -> str:
        return text(value)

    @staticmethod
    def concat_bounded(parts: tuple[Any, ...]) -> str:
        return bounded_join(parts)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _budget().tick()
        check_sizes((left, right), f"operator {operator}")
        if operator == "**" and isinstance(left, int) and isinstance(right, int):
            if right > 0 and max(left.bit_length(), 1) * right > MAX_INT_BITS * 2:
                raise TemplateBudgetError(_too_big_int())
        elif operator == "*":
            _check_repetition(left, right)
        elif operator == "+" and deep_size(left) + deep_size(right) > MAX_VALUE:
            raise TemplateBudgetError(
                f"the template builds a value of over {MAX_VALUE:,} items or characters"
            )
        elif operator == "%" and isinstance(left, str):
            check_format(left)
            if "*" in left:
                _check_width(right if isinstance(right, tuple) else (right,), "format width")
        return charge(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _budget().tick()
        values = (*args, *kwargs.values())
        check_sizes(values, "call")
        # str.format and format_map arrive wrapped by the sandbox; look at what they wrap.
        method = getattr(__obj, "__wrapped__", __obj)
        bound_to = getattr(method, "__self__", None)
        if isinstance(bound_to, str):
            name = getattr(method, "__name__", "")
            if name in _SIZED_METHODS:
                _check_width(values, f"{name}()")
            elif name in ("format", "format_map"):
                _check_format_call(bound_to, values)
            elif name == "join" and args:
                return bounded_join(args[0], bound_to)
            _check_product((bound_to, *values), f"{name}()")
        result = ImmutableSandboxedEnvironment.call(__self, __context, __obj, *args, **kwargs)
        return charge(result)


def _check_format_call(fmt: str, values: tuple[Any, ...]) -> None:
    check_format(fmt)
    try:
        nested = any("{" in (spec or "") for _, _, spec, _ in string.Formatter().parse(fmt))
    except ValueError:
        return  # Python reports the malformed format string itself
    if nested:  # `{:>{w}}`: a width comes from the arguments
        arguments = [v for value in values for v in _flat(value)]
        _check_width(arguments, "format width")


def _flat(value: Any) -> Iterable[Any]:
    return value.values() if isinstance(value, Mapping) else (value,)


def _check_repetition(left: Any, right: Any) -> None:
    for sized, times in ((left, right), (right, left)):
        if isinstance(times, int) and _size(sized) and deep_size(sized) * times > MAX_VALUE:
            raise TemplateBudgetError(
                f"the template repeats a value to over {MAX_VALUE:,} items or characters"
            )
    both_ints = isinstance(left, int) and isinstance(right, int)
    if both_ints and left.bit_length() + right.bit_length() > MAX_INT_BITS * 2:
        raise TemplateBudgetError(_too_big_int())


def bounded_render(render: Callable[[], Iterator[str]]) -> str:
    """Run a template's ``generate`` under a fresh budget; the draft is at most MAX_VALUE."""
    previous = getattr(_current, "budget", None)
    _current.budget = Budget(time.monotonic() + RENDER_SECONDS)
    try:
        chunks: list[str] = []
        length = 0
        for chunk in render():
            length += len(chunk)
            if length > MAX_VALUE:
                raise TemplateBudgetError(f"the draft is over {MAX_VALUE:,} characters")
            chunks.append(chunk)
        return "".join(chunks)
    finally:
        _current.budget = previous
