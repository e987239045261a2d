"""Coverage across timezones and daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import example, given, settings
from hypothesis import strategies as st

from crisiskit.model.plan import Plan
from crisiskit.oncall.availability import is_available
from crisiskit.oncall.coverage import week_coverage


def _plan(people: list[dict[str, object]], tz: str = "Asia/Jakarta") -> Plan:
    return Plan.model_validate(
        {
            "crisiskit": 1,
            "organization": {"name": "T", "default_timezone": tz},
            "locales": [{"id": "en"}],
            "people": people,
            "roles": [
                {
                    "id": "lead",
                    "name": "Lead",
                    "primary": people[0]["id"],
                    "backups": [p["id"] for p in people[1:]],
                }
            ],
        }
    )


def _person(pid: str, tz: str, days: list[str], start: str, end: str) -> dict[str, object]:
    return {
        "id": pid,
        "name": pid,
        "email": f"{pid}@example.com",
        "timezone": tz,
        "working_hours": [{"days": days, "start": start, "end": end}],
    }


ALL_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def test_overnight_window_covers_the_next_morning() -> None:
    plan = _plan([_person("citra", "Asia/Makassar", ["mon"], "23:00", "09:00")])
    person = plan.people[0]
    wita = ZoneInfo("Asia/Makassar")
    assert is_available(person, plan, datetime(2026, 11, 23, 23, 30, tzinfo=wita))  # Mon
    assert is_available(person, plan, datetime(2026, 11, 24, 8, 59, tzinfo=wita))  # Tue
    assert not is_available(person, plan, datetime(2026, 11, 24, 9, 0, tzinfo=wita))
    assert not is_available(person, plan, datetime(2026, 11, 24, 23, 30, tzinfo=wita))


def test_follow_the_sun_across_three_timezones() -> None:
    # 8 hours each in Jakarta, London and New York local time: together the full day.
    plan = _plan(
        [
            _person("jkt", "Asia/Jakarta", ALL_DAYS, "07:00", "15:00"),  # 00-08 UTC
            _person("lon", "Europe/London", ALL_DAYS, "08:00", "16:00"),  # 08-16 UTC (GMT)
            _person("nyc", "America/New_York", ALL_DAYS, "11:00", "19:00"),  # 16-24 UTC (EST)
        ]
    )
    week = week_coverage(plan, plan.roles[0], ZoneInfo("Asia/Jakarta"), date(2026, 11, 24))
    assert len(week.slots) == 168
    assert week.uncovered_hours == 0 and week.gaps == []
    assert sum(s.primary for s in week.slots) == 56


def test_dst_change_opens_a_gap() -> None:
    # Europe/London leaves summer time on Sunday 25 October 2026 at 02:00 BST.
    plan = _plan(
        [
            _person("jkt", "Asia/Jakarta", ALL_DAYS, "07:00", "15:00"),
            _person("lon", "Europe/London", ALL_DAYS, "09:00", "17:00"),  # 08-16 UTC in BST
            _person("nyc", "America/New_York", ALL_DAYS, "12:00", "20:00"),  # 16-24 UTC in EDT
        ],
        tz="UTC",
    )
    zone = ZoneInfo("UTC")
    summer = week_coverage(plan, plan.roles[0], zone, date(2026, 10, 12))
    assert summer.uncovered_hours == 0
    # From 25 October London is on GMT (09:00 = 09 UTC): 08-09 UTC is uncovered every
    # day. New York follows on 1 November (12:00 EST = 17 UTC), but London's 17:00 GMT
    # still meets it, so no second gap opens.
    autumn = week_coverage(plan, plan.roles[0], zone, date(2026, 10, 26))
    gaps = [s for s in autumn.slots if not s.covered]
    assert [(s.day, s.hour) for s in gaps] == [(d, 8) for d in range(7)]
    assert autumn.gaps[0] == "Mon 08:00–09:00" and autumn.uncovered_hours == 7


def test_week_with_a_dst_change_has_168_wall_clock_slots() -> None:
    plan = _plan([_person("lon", "Europe/London", ALL_DAYS, "00:00", "24:00")], tz="Europe/London")
    week = week_coverage(plan, plan.roles[0], ZoneInfo("Europe/London"), date(2026, 10, 22))
    assert len(week.slots) == 168
    assert week.uncovered_hours == 0
    assert week.clock_changes == ["Sun 01:00 happens twice (clocks go back)"]


def test_half_hour_window_does_not_cover_the_whole_hour() -> None:
    plan = _plan([_person("a", "Asia/Jakarta", ALL_DAYS, "09:30", "17:00")])
    week = week_coverage(plan, plan.roles[0], ZoneInfo("Asia/Jakarta"), date(2026, 11, 24))
    covered_hours = {s.hour for s in week.slots if s.covered}
    assert covered_hours == set(range(10, 17))


def test_backup_covers_when_primary_is_off() -> None:
    plan = _plan(
        [
            _person("day", "Asia/Jakarta", ALL_DAYS, "08:00", "20:00"),
            _person("night", "Asia/Jakarta", ALL_DAYS, "20:00", "08:00"),
        ]
    )
    week = week_coverage(plan, plan.roles[0], ZoneInfo("Asia/Jakarta"), date(2026, 11, 24))
    night = [s for s in week.slots if s.hour == 2]
    assert all(not s.primary and s.backups == ("night",) for s in night)
    assert week.uncovered_hours == 0


_ZONES = [
    "Asia/Jakarta",
    "Europe/London",
    "America/New_York",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
]
_CLOCK = st.integers(0, 95).map(lambda q: f"{q // 4:02d}:{q % 4 * 15:02d}")


@settings(max_examples=60, deadline=None)
# Lord Howe's 30-minute fall-back: the hour from 01:30 is covered by nobody.
@example(
    holders=[("Asia/Jakarta", ["mon", "tue", "wed", "thu", "fri", "sat"], "21:45", "00:00")],
    chart_zone="Australia/Lord_Howe",
    week_of=date(2026, 3, 30),
)
@given(
    holders=st.lists(
        st.tuples(
            st.sampled_from(_ZONES),
            st.lists(st.sampled_from(ALL_DAYS), min_size=1, max_size=7, unique=True),
            _CLOCK,
            _CLOCK,
        ).filter(lambda h: h[2] != h[3]),
        min_size=1,
        max_size=3,
    ),
    chart_zone=st.sampled_from(_ZONES),
    # Weeks around the 2026 DST changes (March and October/November) and a plain one.
    week_of=st.sampled_from(
        [
            date(2026, 3, 9),
            date(2026, 3, 30),
            date(2026, 10, 26),
            date(2026, 11, 2),
            date(2026, 7, 6),
        ]
    ),
)
def test_coverage_agrees_with_checking_every_quarter_hour(
    holders: list[tuple[str, list[str], str, str]], chart_zone: str, week_of: date
) -> None:
    people = [_person(f"p{i}", *holder) for i, holder in enumerate(holders)]
    plan = _plan(people)
    zone = ZoneInfo(chart_zone)
    week = week_coverage(plan, plan.roles[0], zone, week_of)
    assert len(week.slots) == 168
    for slot in week.slots:
        works_each = [_working_throughout(plan, start) for start in slot.starts]
        assert slot.primary == (bool(works_each) and all("p0" in w for w in works_each))
        expected_backups = set.intersection(*works_each) - {"p0"} if works_each else set()
        assert set(slot.backups) == expected_backups
        assert slot.uncovered_occurrences == sum(1 for w in works_each if not w)
    assert week.uncovered_hours == sum(s.uncovered_occurrences for s in week.slots)


def _working_throughout(plan: Plan, start: datetime) -> set[str]:
    """Who works at each quarter hour of the hour from ``start``: the reference definition."""
    # Step in UTC: adding to a local time drops `fold`, so the second 01:00 of a night
    # the clocks go back would be read as the first.
    start = start.astimezone(UTC)
    return {
        person.id
        for person in plan.people
        if all(is_available(person, plan, start + timedelta(minutes=15 * i)) for i in range(4))
    }
