"""The interactive side of `drill run`: a prompt, injects on a clock, the facilitator's keys.

Everything it records goes into a DrillSession (crisiskit.drills); this module only reads
lines, shows injects and drafts, and says what happened. Injects appear while the
facilitator is typing: the prompt waits on the terminal with a timeout that ends when
the next inject is due.
"""

from __future__ import annotations

import os
import select
import sys
from datetime import datetime, timedelta

from crisiskit.config.settings import Config
from crisiskit.diagnostics.errors import CrisiskitError, UsageError
from crisiskit.drills.clock import DrillClock, InjectFeed
from crisiskit.drills.commands import HELP, Command, parse_command
from crisiskit.drills.session import DrillSession, Outcome, judge
from crisiskit.loader.plan import ValidPlan
from crisiskit.model.drills import Inject, Scenario
from crisiskit.model.threats import Threat
from crisiskit.model.types import format_duration
from crisiskit.output.visible import visible

MARK = {Outcome.ON_TIME: "✓ on time", Outcome.LATE: "! late", Outcome.MISSED: "✗ missed"}


def one_line(text: str) -> str:
    """Plan text on one line, escaped for the terminal."""
    return " ".join(visible(text).split())


def clock_text(moment: timedelta) -> str:
    """Drill time as `mm:ss` (or `h:mm:ss` past an hour)."""
    total = int(moment.total_seconds())
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


class LineReader:
    """Whole lines from a file descriptor, waiting at most a given time for each."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = b""
        self.closed = False

    def read(self, timeout: float | None) -> str | None:
        """The next line; None when the timeout passed first. Raises EOFError at the end."""
        while b"\n" not in self.buffer:
            if self.closed:
                if self.buffer:
                    line, self.buffer = self.buffer, b""
                    return line.decode("utf-8", errors="replace")
                raise EOFError
            ready, _, _ = select.select([self.fd], [], [], timeout)
            if not ready:
                return None
            chunk = os.read(self.fd, 4096)
            if not chunk:
                self.closed = True
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line.decode("utf-8", errors="replace")


class Tabletop:
    """One interactive drill on the terminal."""

    def __init__(
        self,
        loaded: ValidPlan,
        scenario: Scenario,
        threat: Threat,
        session: DrillSession,
        config: Config,
        started: datetime,
        *,
        speed: float = 1.0,
        manual: bool = False,
    ) -> None:
        self.loaded = loaded
        self.scenario = scenario
        self.threat = threat
        self.session = session
        self.config = config
        self.started = started
        self.clock = DrillClock(speed=speed, manual=manual)
        self.feed = InjectFeed(list(scenario.injects))
        self.reader = LineReader(sys.stdin.fileno())
        self.roles = {r.id: r.name for r in loaded.plan.roles}

    def say(self, text: str = "") -> None:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()

    def run(self) -> None:
        """Until `end`, end of input, or Ctrl-C (then the session is marked interrupted)."""
        self._introduce()
        try:
            while True:
                self._show_due()
                line = self._prompt()
                if line is None:
                    continue  # an inject came due while waiting
                if not self._handle(line):
                    break
        except EOFError:
            self.say()
        except KeyboardInterrupt:
            self.session.interrupted = True
            self.say(
                f"\n[{clock_text(self.clock.elapsed())}] interrupted: saving what was recorded"
            )

    def _introduce(self) -> None:
        scenario = self.scenario
        pace = (
            "manual (type next for each inject)"
            if self.clock.manual
            else f"{self.clock.speed:g}× real time"
        )
        self.say(f"Drill: {one_line(scenario.id)} — {one_line(scenario.name)}")
        self.say(f"Threat: {one_line(self.threat.name)} · clock: {pace}")
        if scenario.description:
            self.say(f"Situation: {one_line(scenario.description.strip())}")
        self.say("Participants: " + (", ".join(self.session.participants) or "none listed"))
        self.say("Expected actions:")
        self._list_actions()
        self.say("Messages to render: " + ", ".join(self.threat.messages))
        self.say("Type help for commands, end to finish.")
        self.say()

    def _list_actions(self) -> None:
        for number, action in enumerate(self.scenario.expected, start=1):
            done = self.session.marks.get(action.id)
            state = ""
            if done is not None:
                state = f"  {MARK[judge(done, action.within)]} at {format_duration(done)}"
            star = " ★ first statement" if action.first_statement else ""
            role = self.roles.get(action.role, action.role)
            self.say(
                f"  {number}. {one_line(action.id)} · {one_line(role)} · within "
                f"{format_duration(action.within)}{star}{state}"
            )
            self.say(f"     {one_line(action.action)}")

    def _show_due(self) -> None:
        for inject in self.feed.due(self.clock.elapsed()):
            self._show_inject(inject)

    def _show_inject(self, inject: Inject) -> None:
        where = f" ({one_line(inject.channel)})" if inject.channel else ""
        self.say(f"[{clock_text(inject.at)}] INJECT{where}: {one_line(inject.text)}")

    def _prompt(self) -> str | None:
        sys.stdout.write(f"drill {clock_text(self.clock.elapsed())}> ")
        sys.stdout.flush()
        upcoming = self.feed.next_at()
        timeout = None if upcoming is None else self.clock.seconds_until(upcoming)
        line = self.reader.read(timeout)
        if line is None:
            self.say()
        return line

    def _handle(self, line: str) -> bool:
        """Carry out one typed line; False when the drill ends."""
        try:
            command = parse_command(line, [a.id for a in self.scenario.expected])
            if command is None:
                return True
            if command.verb == "end":
                return False
            self._dispatch(command)
        except CrisiskitError as exc:
            self.say(f"  ✗ {one_line(str(exc))}")
        return True

    def _dispatch(self, command: Command) -> None:
        now = self.clock.elapsed()
        session = self.session
        if command.verb == "mark":
            at = command.at if command.at is not None else now
            action = session.mark(command.args[0], at)
            recorded = session.marks[action.id]
            self.say(
                f"  {MARK[judge(recorded, action.within)]}: {one_line(action.id)} at "
                f"{format_duration(recorded)} (target {format_duration(action.within)})"
            )
        elif command.verb == "undo":
            self.say(f"  unmarked {one_line(session.unmark(command.args[0]).id)}")
        elif command.verb == "note":
            session.note(command.text, now)
            self.say(f"  noted at {format_duration(session.notes[-1].at)}")
        elif command.verb == "finding":
            session.finding(command.text)
            self.say("  finding recorded")
        elif command.verb == "follow-up":
            entry = session.follow_up(command.args[0], command.args[1], command.text)
            self.say(f"  follow-up for {entry.owner}, due {entry.due.isoformat()}")
        else:
            self._dispatch_view(command, now)

    def _dispatch_view(self, command: Command, now: timedelta) -> None:
        if command.verb == "render":
            self._render(command.args[0], list(command.args[1:]), now)
        elif command.verb == "next":
            upcoming = self.feed.next_at()
            if upcoming is None:
                self.say("  no more injects; type end to finish")
            else:
                self.clock.advance_to(upcoming)
        elif command.verb == "status":
            self._list_actions()
        elif command.verb == "help":
            self.say(HELP)
        else:  # pragma: no cover - parse_command knows no other verb
            raise UsageError(f"unknown command '{command.verb}'")

    def _render(self, message_id: str, channels: list[str], now: timedelta) -> None:
        from crisiskit.drills.drafts import render_for_drill
        from crisiskit.output.drafts import plain_drafts

        rendered = render_for_drill(
            self.loaded,
            self.scenario,
            self.threat,
            message_id,
            channels,
            self.config,
            self.started + now,
        )
        text = plain_drafts(rendered.drafts)
        self.say(visible(text.rstrip("\n")))
        approvers = ", ".join(a.role_name for a in rendered.approvers) or "nobody named"
        self.say(f"  approve in order: {one_line(approvers)}")
        on = ", ".join(dict.fromkeys(d.channel or "no channel" for d in rendered.drafts))
        locales = ", ".join(dict.fromkeys(d.locale for d in rendered.drafts))
        self.session.note(f"rendered {message_id} for {on} ({locales})", now)
