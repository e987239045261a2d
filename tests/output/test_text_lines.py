"""Findings written directly (fast) read exactly as Rich would print them."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from crisiskit.cli.console import print_lines
from crisiskit.diagnostics.findings import Finding, Level, Span
from crisiskit.output.text import plain_report, render_findings, summary, summary_line

FINDINGS = [
    Finding(
        f"CK{200 + i % 9}",
        "some-rule",
        list(Level)[i % 3],
        f"person 'p{i}' \x1b[31mholds\u202e no role ✓ 漢字",
        f"plans/{'ab'[i % 2]}.yaml",
        Span(i + 1, 3, i + 1, 9) if i % 4 else None,
        f"people[{i}]" if i % 5 else "",
        "give them a role" if i % 2 else None,
    )
    for i in range(40)
]
FINDINGS.sort(key=Finding.sort_key)


@pytest.mark.parametrize(
    "settings",
    [
        {},
        {"force_terminal": True},
        {"force_terminal": True, "no_color": True},
        {"force_terminal": True, "color_system": "256"},
        {"force_terminal": True, "color_system": "truecolor"},
        {"force_terminal": True, "color_system": None},
    ],
)
@pytest.mark.parametrize("findings", [FINDINGS, []])
def test_direct_output_equals_rich(settings: dict[str, object], findings: list[Finding]) -> None:
    def console() -> tuple[Console, io.StringIO]:
        buffer = io.StringIO()
        return Console(file=buffer, highlight=False, soft_wrap=True, **settings), buffer  # type: ignore[arg-type]

    rich_console, expected = console()
    for line in render_findings(findings):
        rich_console.print(line)
    rich_console.print(summary_line(findings, 3))
    direct_console, written = console()
    from crisiskit.output.text import finding_lines

    print_lines(direct_console, [*finding_lines(findings), summary(findings, 3)])
    assert written.getvalue() == expected.getvalue()
    if not direct_console.is_terminal:
        assert written.getvalue() == plain_report(findings, 3)
