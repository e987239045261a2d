"""Every id reference in a plan must resolve; every id must be unique.

The checks run on the merged raw data rather than the validated model, so that a
plan with a schema error elsewhere still gets its references checked in the same run.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from crisiskit.diagnostics import checks
from crisiskit.diagnostics.findings import Finding, Span
from crisiskit.loader.sourcemap import DataPath
from crisiskit.model.communication import BUILT_IN_AUDIENCES
from crisiskit.model.regulations import BUILT_IN_REGULATIONS
from crisiskit.model.types import id_form, is_id
from crisiskit.util.suggest import did_you_mean


class Locator(Protocol):
    """What the checks need of a loaded plan: where a data path is written."""

    def locate(self, path: DataPath, key: bool = False) -> tuple[str, Span | None, str]: ...

    def finding(
        self, check: checks.Check, message: str, path: DataPath, hint: str | None = None
    ) -> Finding: ...


# What each kind of id is called in messages, and where it is defined.
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "people": ("person", ("people", "*", "id")),
    "roles": ("role", ("roles", "*", "id")),
    "locales": ("locale", ("locales", "*", "id")),
    "channels": ("channel", ("channels", "*", "id")),
    "severities": ("severity", ("severities", "*", "id")),
    "threats": ("threat", ("threats", "*", "id")),
    "messages": ("message", ("messages", "*", "id")),
    "scenarios": ("scenario", ("drills", "scenarios", "*", "id")),
    "regulations": ("regulation", ("regulations", "*", "id")),
    "audiences": ("audience", ("audiences", "*", "id")),
}

# Where references are written, and to which kind of id they point.
REFERENCES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("organization", "owner"), "people"),
    (("review", "owner"), "people"),
    (("locales", "*", "spokesperson"), "roles"),
    (("channels", "*", "spokesperson"), "roles"),
    (("people", "*", "locales", "*"), "locales"),
    (("roles", "*", "primary"), "people"),
    (("roles", "*", "backups", "*"), "people"),
    (("roles", "*", "locales", "*"), "locales"),
    (("roles", "*", "rotation", "members", "*"), "people"),
    (("roles", "*", "rotation", "overrides", "*", "person"), "people"),
    (("severities", "*", "responder"), "roles"),
    (("severities", "*", "notify", "*"), "roles"),
    (("severities", "*", "approvers", "*"), "roles"),
    (("severities", "*", "timeline", "*", "message"), "messages"),
    (("escalation", "*", "from"), "roles"),
    (("escalation", "*", "to"), "roles"),
    (("escalation", "*", "severities", "*"), "severities"),
    (("threats", "*", "severity"), "severities"),
    (("threats", "*", "owner"), "roles"),
    (("threats", "*", "messages", "*"), "messages"),
    (("threats", "*", "first_steps", "*", "role"), "roles"),
    (("threats", "*", "first_steps", "*", "regulation"), "regulations"),
    (("threats", "*", "communication", "need_to_know", "*"), "roles"),
    (("threats", "*", "communication", "forbidden_channels", "*"), "channels"),
    (("channels", "*", "audience"), "audiences"),
    (("messages", "*", "audience"), "audiences"),
    (("messages", "*", "channels", "*"), "channels"),
    (("messages", "*", "locales", "*"), "locales"),
    (("messages", "*", "approvers", "*"), "roles"),
    (("messages", "*", "templates", "*", "locale"), "locales"),
    (("messages", "*", "templates", "*", "channel"), "channels"),
    (("messages", "*", "templates", "*", "channels", "*"), "channels"),
    # The keys of a cadence per audience: `cadence: {internal: 30m}`.
    (("severities", "*", "cadence", "<keys>"), "audiences"),
    (("severities", "*", "phases", "*", "cadence", "<keys>"), "audiences"),
    (("drills", "scenarios", "*", "threat"), "threats"),
    (("drills", "scenarios", "*", "severity"), "severities"),
    (("drills", "scenarios", "*", "injects", "*", "channel"), "channels"),
    (("drills", "scenarios", "*", "participants", "*"), "roles"),
    (("drills", "scenarios", "*", "expected", "*", "role"), "roles"),
    (("drills", "log", "*", "scenario"), "scenarios"),
    # A drill record's participants and a follow-up's owner are not checked here: a
    # record is history, and the people in it may have left the plan since. A likely
    # typo there is CK510; an open follow-up whose owner left is CK508.
)


def walk(
    data: Any, pattern: tuple[str, ...], path: DataPath = ()
) -> Iterator[tuple[DataPath, Any]]:
    """Values at ``pattern`` (``*`` stands for every list index), with their paths, in the
    order they are written."""
    # Level by level, not a generator per level: every value of a plan passes through here
    # once per pattern that reaches it, and nested generators cost per level per value.
    level: list[tuple[DataPath, Any]] = [(path, data)]
    for head in pattern:
        found: list[tuple[DataPath, Any]] = []
        if head == "*":
            for where, value in level:
                if isinstance(value, list):
                    found += [((*where, index), item) for index, item in enumerate(value)]
        else:
            for where, value in level:
                if isinstance(value, dict) and head in value:
                    found.append(((*where, head), value[head]))
        level = found
    return iter(level)


def _keys(data: Any, pattern: tuple[str, ...]) -> Iterator[tuple[DataPath, Any]]:
    """The keys of each mapping at ``pattern``, each with the path of its value."""
    for path, mapping in walk(data, pattern):
        if isinstance(mapping, dict):
            for key in mapping:
                yield (*path, key), key


def check_references(loaded: Locator, data: dict[str, Any]) -> list[Finding]:
    findings: list[Finding] = []
    ids: dict[str, dict[str, DataPath]] = {}
    for section, (kind, pattern) in KINDS.items():
        ids[section] = _index(loaded, kind, walk(data, pattern), findings)
    for regulation in BUILT_IN_REGULATIONS:  # a plan's entry may replace a built-in one
        ids["regulations"].setdefault(regulation.id, ())
    for audience in BUILT_IN_AUDIENCES:
        ids["audiences"].setdefault(audience.id, ())
    for i, message in walk(data, ("messages", "*")):
        if not isinstance(message, dict):
            continue
        _index(loaded, "variable", walk(message, ("variables", "*", "name"), i), findings)
        findings += _variants_served_twice(loaded, message, i)
    for pattern, section in REFERENCES:
        kind = KINDS[section][0]
        known = ids[section]
        # An id written `Crisis-Lead` is an error of its own (ids are lowercase), which
        # says to write `crisis-lead`; references already written that way are right.
        meant = {id_form(i): i for i in known if not is_id(i)}
        values = walk(data, pattern) if pattern[-1] != "<keys>" else _keys(data, pattern[:-1])
        for path, value in values:
            if isinstance(value, str) and value not in known and value not in meant:
                findings.append(
                    loaded.finding(
                        checks.UNKNOWN_REFERENCE,
                        f"unknown {kind} '{value}'",
                        path,
                        hint=_suggest(value, known, kind, section),
                    )
                )
    return findings


def _variants_served_twice(
    loaded: Locator, message: dict[str, Any], message_path: DataPath
) -> Iterator[Finding]:
    """A locale and channel (or a locale's general text) served by two variants."""
    first: dict[tuple[Any, Any], DataPath] = {}
    for path, variant in walk(message, ("templates", "*"), message_path):
        if not isinstance(variant, dict):
            continue
        listed = variant.get("channels")
        if "channels" in variant and not isinstance(listed, list):
            continue  # a malformed `channels:` has its own finding; it serves nothing known
        served: list[tuple[DataPath, Any]] = (
            [((*path, "channels", k), c) for k, c in enumerate(listed)]
            if isinstance(listed, list)
            else [((*path, "channel") if "channel" in variant else path, variant.get("channel"))]
        )
        locale = variant.get("locale")
        for where, channel in served:
            if not isinstance(channel, str | None) or not isinstance(locale, str):
                continue
            earlier = first.setdefault((locale, channel), path)
            if earlier is path or earlier == path:
                continue  # a channel listed twice in one variant is a schema error
            file, span, _ = loaded.locate(earlier)
            here = loaded.locate(where)[0]
            at = (f"line {span.line}" if file == here else f"{file}:{span.line}") if span else file
            what = f"channel '{channel}'" if channel else "every other channel"
            yield loaded.finding(
                checks.DUPLICATE_ID,
                f"two variants serve locale '{locale}' on {what}: "
                f"templates[{earlier[-1]}] (at {at}) and templates[{path[-1]}]",
                where,
                hint="keep one variant per locale and channel; remove the channel from one",
            )


def _index(
    loaded: Locator,
    kind: str,
    items: Iterator[tuple[DataPath, Any]],
    findings: list[Finding],
) -> dict[str, DataPath]:
    result: dict[str, DataPath] = {}
    for path, item_id in items:
        if not isinstance(item_id, str):
            continue
        first = result.get(item_id)
        if first is None:
            result[item_id] = path
            continue
        file, span, _ = loaded.locate(first)
        where = f"{file}:{span.line}" if span else file
        findings.append(
            loaded.finding(
                checks.DUPLICATE_ID,
                f"{kind} id '{item_id}' is defined twice (first at {where})",
                path,
                hint="ids must be unique across the plan and its included fragments",
            )
        )
    return result


def _suggest(value: str, known: dict[str, DataPath], kind: str, section: str) -> str:
    # Suggest ids as they should be written: `crisis-lead`, not a defined `Crisis-Lead`.
    close = did_you_mean(value, {id_form(i) if not is_id(i) else i for i in known})
    if close:
        return close
    names = sorted(i for i in known if is_id(i))  # `á` is an error of its own, not a choice
    if names:
        more = ", …" if len(names) > 8 else ""
        return f"known {kind} ids: " + ", ".join(names[:8]) + more
    return f"the plan defines no {section}; add one"
