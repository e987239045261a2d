"""Drafts for people: a terminal panel shows every word of the draft."""

from __future__ import annotations

import io

from rich.console import Console

from crisiskit.messages.drafts import Approver, Draft
from crisiskit.messages.limits import Limit
from crisiskit.messages.textlength import Counting
from crisiskit.output.drafts import rich_drafts

TEXT = (
    "Kami mengetahui adanya unggahan tentang dapur di gerai Tebet kami dan sedang "
    "memeriksanya. Kabar terbaru paling lambat pukul 23.30 WIB.\n\n"
    "Bantuan: https://warungrasa.example.id/bantuan/sangat-panjang-sekali #WarungRasa 🙏🏽"
)


def _draft(text: str, limit: int) -> Draft:
    return Draft("holding-statement", "id", "x", text, Limit(limit, Counting.X), 0, "t.j2")


def test_panel_wraps_the_draft_on_a_narrow_soft_wrapping_terminal() -> None:
    # The CLI's consoles soft-wrap; a panel must still wrap its text, not crop it.
    out = io.StringIO()
    console = Console(file=out, width=40, soft_wrap=True, color_system=None)
    approver = Approver("crisis-lead", "Crisis lead", "dewi", "Dewi Anggraini", None, ())
    console.print(rich_drafts([_draft(TEXT, 280)], [approver]))
    lines = out.getvalue().splitlines()
    assert all(len(line) <= 40 for line in lines)
    shown = "".join(line.strip("│ ") for line in lines)
    for word in TEXT.split():  # the long URL too, folded over two lines
        assert word in shown, word
    assert "✓ " in out.getvalue() and "1. Crisis lead: Dewi Anggraini" in out.getvalue()


def test_panel_flags_a_draft_over_its_limit() -> None:
    out = io.StringIO()
    Console(file=out, width=80, color_system=None).print(rich_drafts([_draft("x" * 281, 280)], []))
    assert "✗ OVER LIMIT (281/280 weighted characters)" in out.getvalue()
    assert "nobody is named" in out.getvalue()
