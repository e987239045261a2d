"""The bundled plans show what a plan must capture (issue: bundled plans in `plans/`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from crisiskit.loader import load_plan
from crisiskit.loader.plan import LoadedPlan
from crisiskit.model.messages import MessageKind
from crisiskit.model.plan import Plan
from crisiskit.model.threats import ThreatKind
from tests.conftest import REPO

PLANS = REPO / "plans"
AGENCY = PLANS / "kirana-social"


def _load(path: Path) -> LoadedPlan:
    loaded = load_plan(path)
    assert loaded.findings == [] and loaded.plan is not None, loaded.findings
    return loaded


def _plans() -> dict[str, Plan]:
    found = {}
    for path in sorted(PLANS.rglob("*.yaml")):
        loaded = load_plan(path)
        if loaded.plan is not None:
            found[str(path.relative_to(REPO))] = loaded.plan
    return found


def test_agency_with_three_clients_sharing_a_team_fragment() -> None:
    team = AGENCY / "agency-team.yaml"
    clients = [p for p in sorted(AGENCY.glob("*.yaml")) if p != team]
    assert len(clients) >= 3
    for client in clients:
        loaded = _load(client)
        assert team.resolve() in loaded.fragments, client.name
        assert loaded.plan is not None
        assert {x.id for x in loaded.plan.locales} >= {"id", "en"}, client.name
        holding = [m for m in loaded.plan.messages if m.kind is MessageKind.HOLDING_STATEMENT]
        assert holding, client.name
        for message in holding:
            assert {t.locale for t in message.templates} >= {"id", "en"}, message.id


def test_an_english_in_house_plan() -> None:
    plan = _load(PLANS / "harbor-outdoor.yaml").plan
    assert plan is not None and plan.include == []
    assert plan.locales[0].id.startswith("en")


def test_every_threat_kind_of_the_design_is_covered() -> None:
    kinds = {t.kind for plan in _plans().values() for t in plan.threats}
    design = {
        ThreatKind.ACCOUNT_TAKEOVER,
        ThreatKind.CYBER_ATTACK,
        ThreatKind.DATA_LEAK,
        ThreatKind.VIRAL_NEGATIVE_CONTENT,
        ThreatKind.OFFENSIVE_POST,
        ThreatKind.PARTNER_SCANDAL,
        ThreatKind.MISINFORMATION,
        ThreatKind.CUSTOMER_COMPLAINT,
    }
    assert design - kinds == set()


@pytest.mark.parametrize("name", sorted(_plans()))
def test_each_plan_has_team_scale_escalation_messages_and_drills(name: str) -> None:
    plan = _plans()[name]
    assert plan.roles and all(role.primary and role.backups for role in plan.roles)
    assert len(plan.severities) >= 3
    for severity in plan.severities:
        assert severity.criteria and severity.responder
        # An internal-only level (a ticket queue) has no public timings to give.
        assert severity.internal_only or (severity.first_response and severity.update_every)
    assert plan.escalation
    kinds = {m.kind for m in plan.messages}
    assert {
        MessageKind.HOLDING_STATEMENT,
        MessageKind.UPDATE,
        MessageKind.RESOLUTION,
        MessageKind.INTERNAL_ALERT,
    } <= kinds
    assert plan.drills.cadence and plan.drills.log and plan.drills.scenarios
    record = plan.drills.log[0]
    assert record.participants and record.time_to_first_statement is not None


def test_validate_plans_exits_0_from_the_repository(tmp_path: Path) -> None:
    # The README's main job, as a user runs it: the console entry point, default path.
    env = {**os.environ, "NO_COLOR": "1"}
    completed = subprocess.run(
        [sys.executable, "-m", "crisiskit", "validate", "--today", "2026-11-24"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert (completed.returncode, completed.stderr) == (0, "")
    assert completed.stdout == "All clear: 7 files checked.\n"
