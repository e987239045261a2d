"""What the facilitator types during a drill, parsed into one command each line."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from datetime import timedelta

from crisiskit.diagnostics.errors import UsageError
from crisiskit.model.types import parse_duration

HELP = """\
  N [TIME]                      mark expected action N (or its id) as done now, or at TIME (12m)
  undo N                        unmark expected action N
  note TEXT                     note a decision or observation
  render MESSAGE [CHANNEL…]     render one of the threat's message drafts
  next                          show the next inject now (and, with --manual, move the clock)
  finding TEXT                  record what was learned
  follow-up OWNER DATE ACTION   agree a follow-up, e.g. follow-up rina 2026-12-10 Store codes
  status                        expected actions so far
  end                           finish the drill and save its record
  help                          this list
Ctrl-C stops the drill and saves what was recorded, marked interrupted."""

VERBS = ("undo", "note", "render", "next", "finding", "follow-up", "status", "end", "help")


@dataclass(frozen=True, slots=True)
class Command:
    verb: str  # "mark" for a number or action id, else one of VERBS
    args: tuple[str, ...] = ()
    text: str = ""
    at: timedelta | None = None


def parse_command(line: str, action_ids: list[str]) -> Command | None:
    """One typed line as a command; None for an empty line. Raises UsageError."""
    stripped = line.strip()
    if not stripped:
        return None
    head, _, rest = stripped.partition(" ")
    rest = rest.strip()
    if head.isdigit() or head in action_ids:
        return Command("mark", (head,), at=_time(rest) if rest else None)
    if head in ("note", "finding"):
        return Command(head, text=rest)
    if head == "follow-up":
        owner, _, remainder = rest.partition(" ")
        due, _, action = remainder.strip().partition(" ")
        if not owner or not due or not action.strip():
            raise UsageError("write: follow-up OWNER YYYY-MM-DD ACTION")
        return Command(head, (owner, due), text=action.strip())
    if head in ("render", "undo"):
        try:
            args = tuple(shlex.split(rest))
        except ValueError as exc:
            raise UsageError(f"{head}: {exc}") from None
        if not args:
            raise UsageError(
                "write: render MESSAGE [CHANNEL…]" if head == "render" else "write: undo N"
            )
        return Command(head, args)
    if head in VERBS:
        return Command(head)
    raise UsageError(f"unknown command '{head}'; type help for the list")


def _time(value: str) -> timedelta:
    try:
        return parse_duration(value)
    except ValueError:
        raise UsageError(f"'{value}' is not a drill time such as 12m or 1h05m") from None
