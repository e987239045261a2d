"""loader.focus: only errors in the part of a plan an incident uses block it."""

from __future__ import annotations

import shutil
from pathlib import Path

from crisiskit.loader import load_plan
from crisiskit.loader.focus import Focus, focus, used_items
from tests.conftest import REPO

LEAK = Focus(threats=("kyc-data-leak",))


def _plan(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    shutil.copytree(REPO / "plans/kirana-social", tmp_path / "plans")
    (tmp_path / ".git").mkdir()
    plan = tmp_path / "plans/bayar-cepat.yaml"
    text = plan.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    plan.write_text(text, encoding="utf-8")
    return plan


def test_a_valid_plan_is_used_as_loaded() -> None:
    loaded = load_plan(REPO / "plans/kirana-social/bayar-cepat.yaml")
    focused = focus(loaded, LEAK)
    assert focused.loaded is loaded and not focused.blocking and not focused.elsewhere


def test_the_used_part_follows_every_reference() -> None:
    loaded = load_plan(REPO / "plans/kirana-social/bayar-cepat.yaml")
    assert loaded.data is not None
    used = used_items(loaded.data, LEAK).ids
    assert used["messages"] == {"holding-statement", "update", "internal-alert"}
    assert used["channels"] == {"x", "instagram", "facebook", "threads", "incident-chat"}
    # Owner, first steps, ladder, notify, approvers and spokesperson, then their holders.
    assert used["roles"] == {
        "crisis-lead",
        "security-lead",
        "legal",
        "social-lead",
        "client-lead",
        "client-spokesperson",
    }
    assert "oscar" in used["people"] and "putu" in used["people"]
    assert used["threats"] == {"kyc-data-leak"} and used["severities"] == {"sev1"}


def test_a_schema_error_in_an_unused_message_is_set_aside(tmp_path: Path) -> None:
    plan = _plan(tmp_path, ("    kind: resolution\n", "    kind: resolutoin\n"))
    loaded = load_plan(plan)
    assert loaded.plan is None  # the model itself does not validate
    focused = focus(loaded, LEAK)
    assert focused.loaded is not None and focused.loaded.plan is not None
    assert [f.path for f in focused.elsewhere] == ["messages[2].kind"]
    assert "resolution" not in {m.id for m in focused.loaded.plan.messages}
    assert "update" in {m.id for m in focused.loaded.plan.messages}


def test_an_error_in_a_used_message_blocks_at_its_place(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        ("    kind: resolution\n", "    kind: resolutoin\n"),
        ("    kind: internal-alert\n", "    kind: internal-alret\n"),
    )
    focused = focus(load_plan(plan), LEAK)
    assert focused.loaded is None
    [blocking] = focused.blocking
    assert (blocking.path, Path(blocking.file).name) == ("messages[4].kind", "bayar-cepat.yaml")
    assert plan.read_text().splitlines()[blocking.line - 1].strip() == "kind: internal-alret"


def test_an_unreadable_file_always_blocks(tmp_path: Path) -> None:
    plan = _plan(tmp_path, ("drills:\n", "drills: [\n"))
    focused = focus(load_plan(plan), LEAK)
    assert focused.loaded is None and focused.blocking


def test_a_set_aside_role_leaves_the_severities_naming_it(tmp_path: Path) -> None:
    # Putu (legal's primary) is broken; a sev2 threat does not call legal, but sev1, which
    # notifies legal, is named by the sev1/sev2 escalation rules the sev2 threat uses.
    plan = _plan(tmp_path, ('phone: "+62 813-4000-5003"', 'phone: "+62 813"'))
    focused = focus(load_plan(plan), Focus(threats=("viral-fee-backlash",)))
    assert focused.loaded is not None and focused.loaded.plan is not None, focused.blocking
    assert len(focused.elsewhere) == 1
    sev1 = next(s for s in focused.loaded.plan.severities if s.id == "sev1")
    assert sev1.notify == ["crisis-lead", "client-lead"]
    assert "putu" not in {p.id for p in focused.loaded.plan.people}


def test_an_error_in_a_drill_record_file_is_set_aside(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    record = tmp_path / "plans/drills/bayar-cepat/2026-11-19-stuffing-tabletop.yaml"
    text = record.read_text(encoding="utf-8")
    assert "scenario: stuffing-tabletop\n" in text
    record.write_text(
        text.replace("stuffing-tabletop\n", "stufing-tabletop\n", 1), encoding="utf-8"
    )
    loaded = load_plan(plan)
    assert any("stufing-tabletop" in f.message for f in loaded.findings)
    focused = focus(loaded, LEAK)
    assert focused.loaded is not None and focused.loaded.plan is not None, focused.blocking
    assert [Path(f.file).name for f in focused.elsewhere] == [record.name]
