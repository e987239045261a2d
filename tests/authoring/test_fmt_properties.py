"""Hypothesis: random plans written in random layouts, with comments everywhere.

Whatever the layout: `fmt` never changes the loaded data, formatting twice equals
formatting once, and no comment is lost.
"""

from __future__ import annotations

import os
from datetime import timedelta
from itertools import count

from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from crisiskit.authoring.fmt import format_text
from crisiskit.authoring.keyorder import KeyOrder, plan_order
from crisiskit.loader.compose import compose

LAYOUTS = settings(
    max_examples=int(os.environ.get("CRISISKIT_FUZZ_EXAMPLES", "80")),
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow],
)

# Scalars as people write them: plain, quoted so that they stay strings, with `#` inside
# quotes, long, and block scalars whose lines look like comments.
SCALARS = st.sampled_from(
    [
        "rina",
        "09:00",
        '"09:00"',
        "'no'",
        "no",
        "15m",
        "2026-09-30",
        "42",
        '"#HashtagTrend"',
        "'a # b'",
        "https://example.id/#help",
        "Kami sedang memeriksa {{ issue }}.",
        "[mon, tue]",
        "{x: '@brand', ig: '@brand'}",
        "[]",
        " ".join(["panjang"] * 40),
        "|\n# not a comment\nline two",
        ">-\nfolded\ntext",
        "|+\nkept\n",
    ]
)


class Writer:
    """Writes a random document line by line, remembering every comment it wrote."""

    def __init__(self, data: st.DataObject) -> None:
        self.data = data
        self.indent = data.draw(st.sampled_from([2, 4]), label="indent")
        self.dash_offset = data.draw(st.sampled_from([0, 2]), label="dash offset")
        self.lines: list[str] = []
        self.comments: list[str] = []
        self.numbers = count()

    def comment(self) -> str:
        text = f"# note {next(self.numbers)}"
        self.comments.append(text)
        return text

    def maybe_comment_lines(self, column: int) -> None:
        if self.data.draw(st.booleans()):
            self.lines.append("")
        if self.data.draw(st.integers(0, 4)) == 0:
            self.lines.append(" " * column + self.comment())

    def eol(self) -> str:
        return f"  {self.comment()}" if self.data.draw(st.integers(0, 5)) == 0 else ""

    def scalar(self, prefix: str, column: int) -> None:
        value = self.data.draw(SCALARS)
        if value[0] in "|>":
            header, *body = value.split("\n")
            self.lines.append(f"{prefix} {header}{self.eol()}")
            self.lines += [" " * (column + self.indent) + line for line in body]
        else:
            self.lines.append(f"{prefix} {value}{self.eol()}")

    def mapping(self, order: KeyOrder | None, column: int, first_prefix: str, depth: int) -> None:
        known = list(order.keys) if order else ["alpha", "beta", "gamma"]
        keys = self.data.draw(
            st.lists(st.sampled_from([*known, "unknown_key"]), unique=True, min_size=1, max_size=6)
        )
        for index, key in enumerate(keys):
            prefix = first_prefix if index == 0 else " " * column
            if index:
                self.maybe_comment_lines(column)
            child = order.child(key) if order else None
            nested = depth < 4 and self.data.draw(st.integers(0, 2)) == 0
            if child is not None and child.items is not None and nested:
                self.lines.append(f"{prefix}{key}:{self.eol()}")
                self.sequence(child.items, column + self.dash_offset, depth + 1)
            elif child is not None and child.keys and nested:
                self.lines.append(f"{prefix}{key}:{self.eol()}")
                self.maybe_comment_lines(column + self.indent)
                inner = column + self.indent
                self.mapping(child, inner, " " * inner, depth + 1)
            else:
                self.scalar(f"{prefix}{key}:", column)

    def sequence(self, order: KeyOrder, column: int, depth: int) -> None:
        for _ in range(self.data.draw(st.integers(1, 3))):
            self.maybe_comment_lines(column)
            dash = " " * column + "-" + " " * (self.indent - 1)
            as_mapping = self.data.draw(st.integers(0, 3)) > 0
            if order.keys and as_mapping:
                self.mapping(order, column + self.indent, dash, depth + 1)
            else:
                self.scalar(dash.rstrip(), column + self.indent)


def random_plan(data: st.DataObject) -> tuple[str, list[str]]:
    writer = Writer(data)
    if data.draw(st.booleans()):
        writer.lines.append(writer.comment())
    writer.mapping(plan_order(), 0, "", 0)
    if data.draw(st.booleans()):
        writer.lines.append(writer.comment())
    return "\n".join(writer.lines) + "\n", writer.comments


@LAYOUTS
@given(st.data())
def test_fmt_keeps_data_and_comments_and_is_idempotent(data: st.DataObject) -> None:
    text, written = random_plan(data)
    before = compose(text, "plan.yaml")
    assert not before.findings, (text, before.findings)  # the generator writes valid YAML
    note(text)
    once = format_text(text, "plan.yaml")
    note(once)
    assert compose(once, "plan.yaml").data == before.data
    assert format_text(once, "plan.yaml") == once
    for comment in written:
        assert once.count(comment + "\n") + once.count(comment + " ") == 1, (comment, once)
    assert sorted(line for line in once.splitlines() if "# note" in line) != [] or not written
