"""The pieces of a drill: judging times, the facilitator's commands, the clock, the injects."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from crisiskit.diagnostics.errors import UsageError
from crisiskit.drills.clock import DrillClock, InjectFeed
from crisiskit.drills.commands import parse_command
from crisiskit.drills.session import DrillSession, Outcome, judge, to_minute
from crisiskit.model.drills import Inject, Scenario

M = timedelta(minutes=1)
IDS = ["pernyataan-awal", "lapor-pdp"]


def _scenario() -> Scenario:
    return Scenario.model_validate(
        {
            "id": "leak",
            "name": "Leak",
            "threat": "data-leak",
            "expected": [
                {
                    "id": "pernyataan-awal",
                    "action": "Pernyataan awal disetujui",
                    "role": "crisis-lead",
                    "within": "30m",
                    "first_statement": True,
                },
                {"id": "lapor-pdp", "action": "Lapor PDP", "role": "legal", "within": "72h"},
            ],
        }
    )


def _session() -> DrillSession:
    return DrillSession(_scenario(), date(2026, 11, 23), ["dewi"], 30 * M, frozenset({"dewi"}))


@pytest.mark.parametrize(
    ("at", "within", "outcome"),
    [
        (30 * M, 30 * M, Outcome.ON_TIME),
        (31 * M, 30 * M, Outcome.LATE),
        (None, 30 * M, Outcome.MISSED),
        (5 * M, None, Outcome.ON_TIME),
    ],
)
def test_judge(at: timedelta | None, within: timedelta | None, outcome: Outcome) -> None:
    assert judge(at, within) is outcome


def test_times_round_up_to_the_minute_so_a_second_late_is_late() -> None:
    assert to_minute(timedelta(minutes=30, seconds=1)) == 31 * M
    assert to_minute(timedelta(minutes=30)) == 30 * M
    assert to_minute(timedelta(0)) == timedelta(0)


def test_a_session_becomes_a_record_with_every_expected_action() -> None:
    session = _session()
    session.mark("1", timedelta(minutes=29, seconds=30))
    session.note("Legal dihubungi", 4 * M)
    session.follow_up("dewi", "2026-12-01", "Templat surat")
    record = session.record()
    assert record.time_to_first_statement == 30 * M
    assert [(a.id, a.at) for a in record.actions] == [
        ("pernyataan-awal", 30 * M),
        ("lapor-pdp", None),
    ]
    assert record.status.value == "completed"
    session.unmark("pernyataan-awal")
    assert session.record().time_to_first_statement is None


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("3", "no expected action 3; they are numbered 1–2"),
        ("lapor-pd", "did you mean 'lapor-pdp'?"),
    ],
)
def test_unknown_actions_are_refused(reference: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        _session().mark(reference, M)


def test_follow_ups_need_a_known_owner_and_a_date() -> None:
    session = _session()
    with pytest.raises(UsageError, match="unknown person 'dewy'; did you mean 'dewi'"):
        session.follow_up("dewy", "2026-12-01", "x")
    with pytest.raises(UsageError, match="not a date"):
        session.follow_up("dewi", "besok", "x")
    assert session.follow_ups == []


@pytest.mark.parametrize(
    ("line", "verb", "args", "text", "at"),
    [
        ("1", "mark", ("1",), "", None),
        ("  lapor-pdp 2h ", "mark", ("lapor-pdp",), "", 120 * M),
        ("note Legal setuju", "note", (), "Legal setuju", None),
        (
            "render holding-statement x instagram",
            "render",
            ("holding-statement", "x", "instagram"),
            "",
            None,
        ),
        (
            "follow-up dewi 2026-12-01 Siapkan templat",
            "follow-up",
            ("dewi", "2026-12-01"),
            "Siapkan templat",
            None,
        ),
        ("next", "next", (), "", None),
        ("end", "end", (), "", None),
    ],
)
def test_commands(
    line: str, verb: str, args: tuple[str, ...], text: str, at: timedelta | None
) -> None:
    command = parse_command(line, IDS)
    assert command is not None
    assert (command.verb, command.args, command.text, command.at) == (verb, args, text, at)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("1 soon", "'soon' is not a drill time"),
        ("follow-up dewi", "write: follow-up OWNER YYYY-MM-DD ACTION"),
        ("render", "write: render MESSAGE"),
        ("jump", "unknown command 'jump'; type help"),
    ],
)
def test_bad_commands(line: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_command(line, IDS)


def test_an_empty_line_is_no_command() -> None:
    assert parse_command("   ", IDS) is None


def test_the_clock_runs_at_its_speed_and_skips_ahead() -> None:
    now = [100.0]
    clock = DrillClock(speed=60, monotonic=lambda: now[0])
    now[0] += 10  # ten real seconds: ten drill minutes
    assert clock.elapsed() == 10 * M
    assert clock.seconds_until(25 * M) == pytest.approx(15.0)
    clock.advance_to(25 * M)
    assert clock.elapsed() == 25 * M
    assert clock.seconds_until(20 * M) == 0.0


def test_the_manual_clock_moves_only_by_hand() -> None:
    clock = DrillClock(manual=True)
    assert clock.elapsed() == timedelta(0)
    assert clock.seconds_until(10 * M) is None
    clock.advance_to(10 * M)
    clock.advance_to(5 * M)  # never back
    assert clock.elapsed() == 10 * M


def test_injects_are_handed_out_once_in_time_order() -> None:
    feed = InjectFeed(
        [
            Inject(at=20 * M, text="b"),
            Inject(at=timedelta(0), text="a"),
            Inject(at=20 * M, text="c"),
        ]
    )
    assert [i.text for i in feed.due(timedelta(0))] == ["a"]
    assert feed.next_at() == 20 * M
    assert [i.text for i in feed.due(30 * M)] == ["b", "c"]
    assert feed.due(40 * M) == []
    assert feed.next_at() is None
