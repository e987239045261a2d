"""The part of a plan an incident uses, so that a mistake elsewhere does not block it.

At 2 a.m. the plan is what it is. `validate` holds every finding against the plan, but
`respond`, `render-message` and `who` need only some of it: one threat, its messages,
their channels and locales, the severity, the roles those name and the people holding
them. A finding in an item outside that part (a typo in a past drill's participants, a
message not rendered, a role nobody is called for) must not stop them; a finding in the
part they use still does, and names itself.

How: the items used are found on the merged raw data by following every id reference
(`references.REFERENCES`) from the requested threat, messages and severity, so this works
whether or not the model validated. Each error finding is mapped back from the file and
data path it names to the merged item it sits in. When every error is in an unused item,
those items are removed and the rest is validated again; removing an item can break a
reference from another unused item, which is removed in turn (never a used one: the used
part is closed under references). What renders is the rest, validated as usual.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from crisiskit.diagnostics.checks import UNKNOWN_REFERENCE
from crisiskit.diagnostics.findings import Finding, Level
from crisiskit.loader.plan import LoadedPlan, validate_merged
from crisiskit.loader.references import REFERENCES, walk
from crisiskit.model.plan import ID_SECTIONS, LIST_SECTIONS

# Each round removes the items broken by the previous removal; reference chains in a
# plan are short (message → role → person), so a few rounds always settle.
_MAX_ROUNDS = 8
# Top-level places whose findings never touch a draft or a call list; removed whole.
_DETACHABLE = (("drills",), ("review",), ("organization", "owner"))
_ITEM_PATH = re.compile(r"^([a-z_]+)\[(\d+)\]")
_PATH_PART = re.compile(r"\.([a-z_]+)|\[(\d+)\]")


@dataclass(frozen=True, slots=True)
class Focus:
    """What an incident command uses: seeds from which the used part of a plan is found."""

    threats: tuple[str, ...] = ()
    # None: every message the seeded threats prepare.
    messages: tuple[str, ...] | None = None
    # Empty: the seeded threats' severities, or every severity when no threat is seeded.
    severities: tuple[str, ...] = ()
    # Threats that use a seeded message decide its default severity, so they are used too.
    threats_using_messages: bool = False


@dataclass(slots=True)
class Focused:
    """The plan reduced to what is used (``loaded`` None when that part has errors)."""

    loaded: LoadedPlan | None
    blocking: list[Finding] = field(default_factory=list)
    elsewhere: list[Finding] = field(default_factory=list)


@dataclass(slots=True)
class _Used:
    ids: dict[str, set[str]]
    rules: set[int]  # escalation rules (which have no id), by identity

    def has(self, section: str, item: Any) -> bool:
        if section == "escalation":
            return id(item) in self.rules
        return isinstance(item, dict) and item.get("id") in self.ids.get(section, set())


def focus(loaded: LoadedPlan, wanted: Focus) -> Focused:
    """The plan without the unused items that have errors, or the errors that block."""
    errors = errors_in(loaded.findings)
    if not errors and loaded.plan is not None:
        return Focused(loaded)
    if loaded.data is None:
        return Focused(None, errors)
    used = used_items(loaded.data, wanted)
    current, elsewhere = loaded, []
    for round_number in range(_MAX_ROUNDS):
        removable, blocking = _sort(errors, current, used)
        if round_number == 0:
            elsewhere = [finding for finding, _ in removable]
        if blocking:
            return Focused(None, blocking, elsewhere)
        if not removable:
            break
        current = _without(current, {target for _, target in removable})
        errors = errors_in(current.findings)
    if errors or current.plan is None:
        return Focused(None, errors, elsewhere)
    return Focused(current, [], elsewhere)


def errors_in(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Level.ERROR]


def used_items(data: dict[str, Any], wanted: Focus) -> _Used:
    """Every item the seeds reach by following id references (a closure)."""
    ids: dict[str, set[str]] = {section: set() for section in ID_SECTIONS}
    ids["threats"] |= set(wanted.threats)
    items = {s: _by_id(data.get(s)) for s in ID_SECTIONS}
    threats = [items["threats"].get(t) for t in wanted.threats]
    if wanted.messages is None:
        for threat in threats:
            ids["messages"] |= _strings(threat.get("messages") if threat else None)
    else:
        ids["messages"] |= set(wanted.messages)
    if wanted.threats_using_messages:
        for threat_id, threat in items["threats"].items():
            if ids["messages"] & _strings(threat.get("messages")):
                ids["threats"].add(threat_id)
    ids["severities"] |= set(wanted.severities)
    if not wanted.threats and not wanted.severities:
        ids["severities"] |= set(items["severities"])
    rules: set[int] = set()
    changed = True
    while changed:
        before = sum(map(len, ids.values())) + len(rules)
        _follow_references(data, items, ids)
        for message_id in ids["messages"]:
            message = items["messages"].get(message_id)
            if message is not None and not message.get("locales"):
                ids["locales"] |= set(items["locales"])  # a message without locales has all
        for rule in data.get("escalation") or []:
            applies = _strings(rule.get("severities")) if isinstance(rule, dict) else set()
            if isinstance(rule, dict) and (not applies or applies & ids["severities"]):
                rules.add(id(rule))
                # Its other severities are not used: a rule for sev1 and sev2 does not
                # make a sev2 response call whom sev1 notifies.
                ids["roles"] |= _strings([rule.get("from"), rule.get("to")])
        changed = sum(map(len, ids.values())) + len(rules) != before
    return _Used(ids, rules)


def _follow_references(
    data: dict[str, Any], items: dict[str, dict[str, dict[str, Any]]], ids: dict[str, set[str]]
) -> None:
    for pattern, target in REFERENCES:
        section = pattern[0]
        if section not in ID_SECTIONS or pattern[:3] == ("threats", "*", "messages"):
            continue  # a threat's messages are seeded explicitly (render-message uses one)
        for item_id in list(ids[section]):
            item = items[section].get(item_id)
            if item is not None:
                ids[target] |= _strings([value for _, value in walk(item, pattern[2:])])


def _by_id(section: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(section, list):
        return {}
    found: dict[str, dict[str, Any]] = {}
    for item in section:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            found.setdefault(item["id"], item)
    return found


def _strings(values: Any) -> set[str]:
    return {v for v in values if isinstance(v, str)} if isinstance(values, list) else set()


# What a removal names: a top-level place (`("drills",)`), an item (`("people", 3)`), or
# one reference inside an item (`("severities", 0, "notify", 2)`).
_Target = tuple[str | int, ...]


def _sort(
    errors: list[Finding], loaded: LoadedPlan, used: _Used
) -> tuple[list[tuple[Finding, _Target]], list[Finding]]:
    """Errors in unused items (with the item to remove), and errors that block."""
    assert loaded.data is not None
    merged_index = {
        (file, section, index): merged
        for section, origins in loaded.origins.items()
        for merged, (file, index) in enumerate(origins)
    }
    # Drill record files (`drills.records`) hold only drill log entries.
    record_files = {file for file, prefix in loaded.log_origins if prefix == ()}
    removable: list[tuple[Finding, _Target]] = []
    blocking: list[Finding] = []
    for finding in errors:
        target = ("drills",) if finding.file in record_files else _target(finding, merged_index)
        if target is not None and len(target) >= 2 and isinstance(target[1], int):
            section, index = str(target[0]), target[1]
            items = loaded.data.get(section)
            if isinstance(items, list) and index < len(items) and used.has(section, items[index]):
                target = None
        if target is None:
            blocking.append(finding)
        else:
            removable.append((finding, target))
    return removable, blocking


def _target(finding: Finding, merged_index: dict[tuple[str, str, int], int]) -> _Target | None:
    for place in _DETACHABLE:
        dotted = ".".join(place)
        if finding.path == dotted or finding.path.startswith((dotted + ".", dotted + "[")):
            return place
    match = _ITEM_PATH.match(finding.path)
    if match is None or match.group(1) not in LIST_SECTIONS:
        return None  # the file as a whole, or a section itself: it cannot be set aside
    merged = merged_index.get((finding.file, match.group(1), int(match.group(2))))
    if merged is None:
        return None
    if finding.code == UNKNOWN_REFERENCE.code:
        # Only the reference goes (`notify: [legal]` loses `legal`): an unused severity
        # naming a set-aside role stays for the escalation rules that name it.
        rest = [
            name or int(number) for name, number in _PATH_PART.findall(finding.path[match.end() :])
        ]
        if rest:
            return (match.group(1), merged, *rest)
    return (match.group(1), merged)


def _without_references(items: list[Any], references: list[_Target]) -> list[Any]:
    """A copy of the items without the given references (deepest, last index first)."""
    items = list(items)
    copied: set[int] = set()
    for index, *path in sorted(
        references, key=lambda r: [str(p).zfill(9) for p in r], reverse=True
    ):
        assert isinstance(index, int)
        if index not in copied:
            items[index] = copy.deepcopy(items[index])
            copied.add(index)
        parent: Any = items[index]
        for part in path[:-1]:
            parent = parent[part]
        if isinstance(parent, list) and isinstance(path[-1], int) and path[-1] < len(parent):
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent.pop(path[-1], None)
    return items


def _without(loaded: LoadedPlan, targets: set[_Target]) -> LoadedPlan:
    """A copy of the plan without the targets, validated again (locations stay right)."""
    assert loaded.data is not None
    data = dict(loaded.data)
    origins = {section: list(items) for section, items in loaded.origins.items()}
    for target in targets:
        if target == ("organization", "owner") and isinstance(data.get("organization"), dict):
            data["organization"] = {k: v for k, v in data["organization"].items() if k != "owner"}
        elif len(target) == 1:
            data.pop(str(target[0]), None)
    for section in LIST_SECTIONS:
        items = data.get(section)
        if not isinstance(items, list):
            continue
        references = [t[1:] for t in targets if len(t) > 2 and t[0] == section]
        if references:
            data[section] = items = _without_references(items, references)
        gone = {t[1] for t in targets if len(t) == 2 and t[0] == section}
        if gone:
            data[section] = [x for i, x in enumerate(items) if i not in gone]
            origins[section] = [x for i, x in enumerate(origins[section]) if i not in gone]
    pruned = LoadedPlan(
        file=loaded.file,
        path=loaded.path,
        root=loaded.root,
        sources=loaded.sources,
        origins=origins,
        fragments=loaded.fragments,
        records=loaded.records,
        log_origins=loaded.log_origins,
        data=data,
        context=loaded.context,
    )
    validate_merged(pruned)
    return pruned
