"""Compare two loaded plans: every change, grouped by stage, risky ones flagged."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from crisiskit.model.index import message_reach
from crisiskit.model.plan import ID_SECTIONS
from crisiskit.review.items import Dump, Pair, changed_fields, describe, dump, match, rename_values
from crisiskit.review.items import shown as shown_value
from crisiskit.review.model import Action, Change, Example, Stage
from crisiskit.review.risks import FIELD_RULES, default_region_field, reach_change, removed
from crisiskit.review.wording import Side, context_key, wordings

SECTIONS: dict[str, tuple[Stage, str]] = {
    "threats": (Stage.THREATS, "threat"),
    "people": (Stage.TEAM, "person"),
    "roles": (Stage.TEAM, "role"),
    "locales": (Stage.PROCESS, "locale"),
    "channels": (Stage.PROCESS, "channel"),
    "severities": (Stage.PROCESS, "severity"),
    "escalation": (Stage.PROCESS, "escalation"),
    "messages": (Stage.MESSAGES, "message"),
    "audiences": (Stage.PROCESS, "audience"),
    "regulations": (Stage.THREATS, "regulation"),
}
_SKIP = {"messages": frozenset({"id", "templates"})}


def compare_plans(before: Side, after: Side) -> list[Change]:
    """What changed from ``before`` to ``after``, in stage order."""
    old, new = before.plan.plan, after.plan.plan
    matched: dict[str, list[Pair]] = {}
    renames: dict[str, str] = {}
    for section in ID_SECTIONS:
        pairs = match(_dumps(getattr(old, section)), _dumps(getattr(new, section)), _id, True)
        matched[section] = pairs
        renames |= {
            p.old_key: p.new_key
            for p in pairs
            if p.old_key and p.new_key and p.old_key != p.new_key
        }
    escalation_old = [rename_values(d, renames) for d in _dumps(old.escalation)]
    matched["escalation"] = match(escalation_old, _dumps(new.escalation), _route, False)
    changes: list[Change] = []
    same_context = context_key(old) == context_key(new)
    for section, (stage, noun) in SECTIONS.items():
        pairs = matched[section]
        changes += _section(section, stage, noun, pairs, before, after, renames, same_context)
    changes += _moved_reach(matched["messages"], before, after)
    changes += _drills(before, after, renames)
    changes += _metadata(before, after, renames)
    order = list(Stage)
    return sorted(changes, key=lambda c: order.index(c.stage))


def _id(item: Dump) -> str:
    return str(item["id"])


def _route(item: Dump) -> str:
    severities = ",".join(item.get("severities", []))
    return f"{item['from']} → {item['to']}" + (f" [{severities}]" if severities else "")


def _dumps(items: Sequence[BaseModel]) -> list[Dump]:
    return [dump(item) for item in items]


def _file(side: Side, section: str, index: int) -> str:
    origins = side.plan.origins.get(section)
    return origins[index][0] if origins and index < len(origins) else side.plan.file


def _section(
    section: str,
    stage: Stage,
    noun: str,
    pairs: list[Pair],
    before: Side,
    after: Side,
    renames: dict[str, str],
    same_context: bool,
) -> list[Change]:
    old_items: list[Any] = getattr(before.plan.plan, section)
    new_items: list[Any] = getattr(after.plan.plan, section)
    changes = []
    for pair in pairs:
        if pair.new_index is None:
            assert pair.old_index is not None
            item = old_items[pair.old_index]
            risk = removed(section, item, before.plan.plan)
            changes.append(
                Change(
                    stage,
                    Action.REMOVED,
                    f"{noun} {pair.old_key}",
                    _name(item),
                    _file(before, section, pair.old_index),
                    *(risk or (None, None)),
                )
            )
            continue
        item = new_items[pair.new_index]
        file = _file(after, section, pair.new_index)
        subject = f"{noun} {pair.new_key}"
        if pair.old_index is None:
            changes.append(Change(stage, Action.ADDED, subject, _name(item), file))
            continue
        was = old_items[pair.old_index]
        if pair.old_key != pair.new_key:
            changes.append(
                Change(stage, Action.RENAMED, subject, f"renamed from {pair.old_key}", file)
            )
        changes += _fields(section, stage, subject, was, item, before, after, renames, file)
        if section == "messages":
            for wording, assessed in wordings(before, after, was, item, same_context):
                where = f"{wording.locale}" + (f" on {wording.channel}" if wording.channel else "")
                level, reason = assessed or (None, None)
                # A template file shared by several plans is where the wording is written.
                written = (wording.after or wording.before or Example(None)).template or file
                changes.append(
                    Change(
                        stage,
                        Action.CHANGED,
                        subject,
                        f"wording ({where})",
                        written,
                        risk=level,
                        reason=reason,
                        wording=wording,
                    )
                )
    return changes


def _fields(
    section: str,
    stage: Stage,
    subject: str,
    was: BaseModel,
    item: BaseModel,
    before: Side,
    after: Side,
    renames: dict[str, str],
    file: str,
) -> list[Change]:
    rule = FIELD_RULES.get(section)
    skip = _SKIP.get(section, frozenset({"id"}))
    changes = []
    for field, old_value, new_value in changed_fields(
        rename_values(dump(was), renames), dump(item), skip
    ):
        attribute = "source" if field == "from" else field
        risk = rule(attribute, was, item, after.plan.plan, before.plan.plan) if rule else None
        changes.append(
            Change(
                stage,
                Action.CHANGED,
                subject,
                f"{field}: {describe(old_value, new_value)}",
                file,
                *(risk or (None, None)),
            )
        )
    return changes


def _moved_reach(pairs: list[Pair], before: Side, after: Side) -> list[Change]:
    """Messages whose reach moved though their own audience and channels did not.

    An audience redefined, or a channel moved to another audience or platform, takes
    every message on it further (or off the approval rules): each is named here.
    """
    old_plan, new_plan = before.plan.plan, after.plan.plan
    changes = []
    for pair in pairs:
        if pair.old_index is None or pair.new_index is None:
            continue
        was, item = old_plan.messages[pair.old_index], new_plan.messages[pair.new_index]
        if was.audience != item.audience or was.channels != item.channels:
            continue  # the message's own field change carries the risk
        old_reach, new_reach = message_reach(old_plan, was), message_reach(new_plan, item)
        risk = reach_change(f"message {item.id}", old_reach, new_reach)
        if risk is None:
            continue
        changes.append(
            Change(
                Stage.MESSAGES,
                Action.CHANGED,
                f"message {pair.new_key}",
                f"reach: {old_reach.value} → {new_reach.value} (its audience or channels changed)",
                _file(after, "messages", pair.new_index),
                *risk,
            )
        )
    return changes


def _name(item: Any) -> str:
    name = getattr(item, "name", None)
    return str(name) if name else ""


def _drills(before: Side, after: Side, renames: dict[str, str]) -> list[Change]:
    old, new = before.plan.plan.drills, after.plan.plan.drills
    file = after.plan.file
    changes = []
    if old.cadence != new.cadence:
        old_dump, new_dump = dump(old), dump(new)
        changes.append(
            Change(
                Stage.DRILLS,
                Action.CHANGED,
                "drill cadence",
                describe(old_dump.get("cadence"), new_dump.get("cadence")),
                file,
            )
        )
    for noun, old_list, new_list, key in (
        ("scenario", old.scenarios, new.scenarios, _id),
        ("drill", old.log, new.log, _held),
    ):
        old_dumps = [rename_values(d, renames) for d in _dumps(old_list)]
        new_dumps = _dumps(new_list)
        for pair in match(old_dumps, new_dumps, key, noun == "scenario"):
            if pair.old_index is None or pair.new_index is None:
                action = Action.ADDED if pair.old_index is None else Action.REMOVED
                shown = pair.new_key or pair.old_key
                item = new_dumps[pair.new_index] if pair.new_index is not None else {}
                detail = ", ".join(
                    f"{k}: {shown_value(item[k])}"
                    for k in ("name", "participants", "time_to_first_statement")
                    if k in item
                )
                changes.append(Change(Stage.DRILLS, action, f"{noun} {shown}", detail, file))
                continue
            subject = f"{noun} {pair.new_key}"
            if pair.old_key != pair.new_key:
                changes.append(
                    Change(
                        Stage.DRILLS, Action.RENAMED, subject, f"renamed from {pair.old_key}", file
                    )
                )
            skip = frozenset({"id"})
            for field, a, b in changed_fields(
                old_dumps[pair.old_index], new_dumps[pair.new_index], skip
            ):
                changes.append(
                    Change(
                        Stage.DRILLS, Action.CHANGED, subject, f"{field}: {describe(a, b)}", file
                    )
                )
    return changes


def _held(item: Dump) -> str:
    return f"{item['date']} {item['scenario']}"


def _metadata(before: Side, after: Side, renames: dict[str, str]) -> list[Change]:
    old, new = before.plan.plan, after.plan.plan
    changes = []
    for section in ("organization", "review", "include"):
        old_value, new_value = getattr(old, section), getattr(new, section)
        old_dump = dump(old_value) if isinstance(old_value, BaseModel) else old_value
        new_dump = dump(new_value) if isinstance(new_value, BaseModel) else new_value
        old_dump = rename_values(old_dump, renames)
        if old_dump == new_dump:
            continue
        if isinstance(old_dump, dict) and isinstance(new_dump, dict):
            fields = changed_fields(old_dump, new_dump, frozenset())
        else:
            fields = [("", old_dump, new_dump)]
        for field, a, b in fields:
            detail = (f"{field}: " if field else "") + describe(a, b)
            risk = None
            if section == "organization" and field == "default_region":
                risk = default_region_field(old, new, renames)
            changes.append(
                Change(
                    Stage.PLAN,
                    Action.CHANGED,
                    section,
                    detail,
                    after.plan.file,
                    *(risk or (None, None)),
                )
            )
    return changes
