"""What `render-message` and `respond` do with drafts over their channel's limit."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import typer

from crisiskit.cli.boundary import EXIT_FINDINGS

if TYPE_CHECKING:
    from crisiskit.messages.drafts import Draft


def exit_if_over_limit(drafts: Sequence[Draft], allowed: bool) -> None:
    """Name each draft over its limit on stderr; exit 1 unless --allow-over-limit.

    Called after every draft was shown or written: one too long loses none of the others.
    """
    over = [draft for draft in drafts if draft.over_limit or draft.title_refused]
    if not over:
        return
    from crisiskit.output.drafts import status, title_status

    for draft in over:
        where = f"{draft.message} · {draft.channel or 'no channel'} · {draft.locale}"
        if draft.over_limit:
            print(f"crisiskit: {where} is {status(draft)}", file=sys.stderr)
        if draft.title_refused:
            print(f"crisiskit: {where}: title is {title_status(draft)}", file=sys.stderr)
    if not allowed:
        raise typer.Exit(EXIT_FINDINGS)
