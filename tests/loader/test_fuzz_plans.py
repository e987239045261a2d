"""Hypothesis: random but well-formed plans, with references that may or may not resolve.

Whatever the plan, validation and every lint rule answer with located findings: no
exception escapes and no rule crashes (a crash would show as CK020).
"""

from __future__ import annotations

import os
from datetime import timedelta
from io import StringIO
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from crisiskit.validation.pipeline import validate_paths
from tests.conftest import TODAY

PLANS = settings(
    max_examples=int(os.environ.get("CRISISKIT_FUZZ_EXAMPLES", "60")),
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Small pools so that references sometimes resolve, sometimes collide, sometimes miss.
PEOPLE = st.sampled_from(["rina", "dimas", "sari", "tom"])
ROLES = st.sampled_from(["lead", "social", "legal", "exec"])
SEVERITIES = st.sampled_from(["sev1", "sev2", "sev3"])
MESSAGES = st.sampled_from(["holding", "update", "alert"])
CHANNELS = st.sampled_from(["x", "sms", "bsky", "ig"])
LOCALES = st.sampled_from(["id", "en"])
DURATIONS = st.sampled_from(["5m", "15m", "30m", "1h", "2h", "1d", "90d"])
CLOCK = st.sampled_from(["00:00", "06:30", "09:00", "17:00", "22:00", "24:00"])
DAYS = st.lists(
    st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
    min_size=1,
    max_size=7,
    unique=True,
)
WORDS = st.sampled_from(
    [
        "Kami sedang memeriksa {{ issue }}.",
        "We're aware of {{ issue }}. Next update by {{ next_update }}: {{ org.help_url }}",
        "TODO fill in",
        "password: hunter2hunter2",
        "{{ undeclared }} tidak ada komentar",
        "{% for x in range(3) %}{{ x }}{% endfor %}",
        "{{ issue | upper }} 🚨👩🏽‍💻 日本語 https://example.com/a",
        "{{ spokesperson.name }} — {{ now }}",
        "{% if %}",
    ]
)


# What a generated plan is made of: each item may lack any optional key.
PERSON = st.fixed_dictionaries(
    {"id": PEOPLE, "name": st.just("Someone")},
    optional={
        "phone": st.sampled_from(["+62 812-3456-7890", "0812-3456-7891", "+44 7911 123456", "12"]),
        "email": st.sampled_from(["a@example.com", "b@example.co.id", "not-an-email"]),
        "timezone": st.sampled_from(
            ["Asia/Jakarta", "Europe/London", "America/New_York", "Mars/Base"]
        ),
        "working_hours": st.lists(
            st.fixed_dictionaries({"days": DAYS, "start": CLOCK, "end": CLOCK}), max_size=2
        ),
    },
)
ROLE = st.fixed_dictionaries(
    {"id": ROLES, "name": st.just("A role"), "primary": PEOPLE},
    optional={
        "backups": st.lists(PEOPLE, max_size=2),
        "critical": st.booleans(),
        "responsibilities": st.lists(st.just("Do the thing"), max_size=2),
    },
)
SEVERITY = st.fixed_dictionaries(
    {"id": SEVERITIES, "name": st.just("SEV"), "level": st.integers(1, 4)},
    optional={
        "first_response": DURATIONS,
        "update_every": DURATIONS,
        "responder": ROLES,
        "approvers": st.lists(ROLES, max_size=2),
        "notify": st.lists(ROLES, max_size=2),
        "criteria": st.lists(st.just("Public impact"), max_size=1),
    },
)
THREAT = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["leak", "takeover", "viral"]),
        "name": st.just("A threat"),
        "kind": st.sampled_from(
            ["data-leak", "account-takeover", "viral-negative-content", "other"]
        ),
    },
    optional={
        "likelihood": st.sampled_from(["rare", "possible", "almost-certain"]),
        "impact": st.sampled_from(["minor", "severe"]),
        "severity": SEVERITIES,
        "owner": ROLES,
        "signals": st.lists(st.just("Mentions spike"), max_size=1),
        "first_steps": st.lists(st.just("Call the lead"), max_size=2),
        "messages": st.lists(MESSAGES, max_size=2),
    },
)
VARIANT = st.fixed_dictionaries({"locale": LOCALES, "text": WORDS}, optional={"channel": CHANNELS})
MESSAGE = st.fixed_dictionaries(
    {
        "id": MESSAGES,
        "name": st.just("A message"),
        "kind": st.sampled_from(["holding-statement", "update", "internal-alert"]),
        "templates": st.lists(VARIANT, min_size=1, max_size=3),
    },
    optional={
        "channels": st.lists(CHANNELS, max_size=3),
        "variables": st.lists(
            st.fixed_dictionaries(
                {
                    "name": st.sampled_from(["issue", "unused"]),
                    "description": st.just("What"),
                    "example": st.just("an outage"),
                }
            ),
            max_size=2,
        ),
    },
)


@st.composite
def _plan(draw: st.DrawFn) -> dict[str, Any]:
    platform = {"x": "x", "sms": "sms", "bsky": "bluesky", "ig": "instagram"}
    plan: dict[str, Any] = {
        "crisiskit": 1,
        "organization": draw(
            st.fixed_dictionaries(
                {
                    "name": st.just("Fuzz Org"),
                    "default_timezone": st.sampled_from(["Asia/Jakarta", "Europe/London"]),
                },
                optional={
                    "default_region": st.sampled_from(["ID", "GB"]),
                    "help_url": st.just("https://example.com/help"),
                },
            )
        ),
        "locales": [
            {"id": x} | draw(st.sampled_from([{}, {"spokesperson": "lead"}]))
            for x in draw(st.lists(LOCALES, min_size=1, max_size=2, unique=True))
        ],
        "channels": [
            {"id": c, "platform": platform[c]}
            for c in draw(st.lists(CHANNELS, max_size=4, unique=True))
        ],
        "people": draw(st.lists(PERSON, max_size=4)),
        "roles": draw(st.lists(ROLE, max_size=4)),
        "severities": draw(st.lists(SEVERITY, max_size=3)),
        "escalation": draw(
            st.lists(
                st.fixed_dictionaries({"from": ROLES, "to": ROLES, "after": DURATIONS}), max_size=3
            )
        ),
        "threats": draw(st.lists(THREAT, max_size=3)),
        "messages": draw(st.lists(MESSAGE, max_size=3)),
    }
    if draw(st.booleans()):
        plan["review"] = {"last_reviewed": "2026-01-15", "every": draw(DURATIONS)}
    return plan


@PLANS
@given(_plan())
def test_random_plans_give_located_findings_and_no_rule_crashes(
    tmp_path_factory: Any, plan: dict[str, Any]
) -> None:
    directory = tmp_path_factory.mktemp("plans")
    (directory / ".git").mkdir()
    out = StringIO()
    yaml = YAML(typ="safe")
    yaml.default_flow_style = False
    yaml.dump(plan, out)
    path = directory / "plan.yaml"
    path.write_text(out.getvalue(), encoding="utf-8")
    report = validate_paths([path], TODAY)
    crashed = [f for f in report.findings if f.code == "CK020"]
    assert not crashed, crashed[0].message
    for finding in report.findings:
        assert finding.file.endswith("plan.yaml")
        assert finding.span is not None, finding
        assert finding.span.line >= 1 and finding.span.column >= 1
