"""An answers file: a whole drill written down, for remote facilitators and for tests.

```yaml
participants: [bima, citra, dewi]   # default: holders of the scenario's roles
actions:                            # expected action id: drill time it happened
  account-secured: 18m
  holding-approved: 12m             # an action left out (or `missed`) was missed
notes:
  - at: 5m
    text: Decided to warn followers from the Facebook page
render: [holding-statement]         # drafts rendered on the spot
findings: [Recovery codes were only on one laptop]
follow_ups:
  - action: Store recovery codes in the vault
    owner: bima
    due: 2026-12-10
interrupted: false
```

Every mistake is reported with the file and line it is on, before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crisiskit.diagnostics.errors import PathError, UsageError
from crisiskit.drills.session import DrillSession
from crisiskit.loader.compose import compose, decode
from crisiskit.loader.sourcemap import DataPath, SourceMap
from crisiskit.model.types import parse_duration
from crisiskit.util.reading import read_regular_file
from crisiskit.util.suggest import did_you_mean

KEYS = ("participants", "actions", "notes", "render", "findings", "follow_ups", "interrupted")
MAX_BYTES = 1_000_000


@dataclass
class Answers:
    """What an answers file says, checked against the scenario and the plan."""

    participants: list[str] | None = None
    render: list[str] = field(default_factory=list)


class _Reader:
    def __init__(self, display: str, source_map: SourceMap) -> None:
        self.display = display
        self.source_map = source_map

    def fail(self, path: DataPath, message: str, hint: str | None = None) -> UsageError:
        span = self.source_map.value_span(path) or self.source_map.key_span(path)
        where = f"{self.display}:{span.line}" if span else self.display
        shown = ".".join(str(p) for p in path)
        text = f"{where}: {shown}: {message}" if shown else f"{where}: {message}"
        return UsageError(f"{text}; {hint}" if hint else text)

    def strings(self, value: Any, path: DataPath) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(path, "must be a list of texts")
        return list(value)


def read_answers(path: Path, session: DrillSession, messages: list[str]) -> Answers:
    """Fill ``session`` from the answers file at ``path``; raises UsageError at a line."""
    display = str(path)
    try:  # a pipe or /dev/zero is refused before anything is read
        raw = read_regular_file(path, MAX_BYTES)
    except FileNotFoundError:
        raise PathError(f"--answers: {path}: no such file") from None
    except OSError as exc:
        raise PathError(f"--answers: {path}: cannot read: {exc.strerror or exc}") from None
    text, problem = decode(raw, display)
    composed = compose(text, display) if text is not None else None
    if composed is None or not composed.ok:
        first = problem or (composed.findings[0] if composed else None)
        where = f"{display}:{first.line}" if first else display
        raise UsageError(f"{where}: {first.message if first else 'cannot be read'}")
    data = composed.data if composed.data is not None else {}
    reader = _Reader(display, composed.source_map)
    if not isinstance(data, dict):
        raise reader.fail((), "an answers file is a mapping (participants:, actions:, …)")
    for key in data:
        if key not in KEYS:
            hint = did_you_mean(str(key), KEYS) or "known keys: " + ", ".join(KEYS)
            raise reader.fail((key,), "unknown key", hint)
    answers = Answers()
    _participants(reader, data, session, answers)
    _actions(reader, data.get("actions"), session)
    _notes(reader, data.get("notes"), session)
    for i, message in enumerate(reader.strings(data.get("render", []), ("render",))):
        if message not in messages:
            hint = did_you_mean(message, messages) or "the threat's messages: " + ", ".join(
                messages
            )
            raise reader.fail(("render", i), f"'{message}' is not a message of this threat", hint)
        answers.render.append(message)
    for i, learned in enumerate(reader.strings(data.get("findings", []), ("findings",))):
        _apply(reader, ("findings", i), session.finding, learned)
    _follow_ups(reader, data.get("follow_ups"), session)
    interrupted = data.get("interrupted", False)
    if not isinstance(interrupted, bool):
        raise reader.fail(("interrupted",), "must be true or false")
    session.interrupted = interrupted
    return answers


def _apply(reader: _Reader, path: DataPath, method: Any, *args: Any) -> Any:
    try:
        return method(*args)
    except UsageError as exc:
        raise reader.fail(path, str(exc)) from None


def _participants(
    reader: _Reader, data: dict[str, Any], session: DrillSession, answers: Answers
) -> None:
    if "participants" not in data:
        return
    people = reader.strings(data["participants"], ("participants",))
    for i, person in enumerate(people):
        if person not in session.people:
            hint = did_you_mean(person, session.people) or "list person ids of the plan"
            raise reader.fail(("participants", i), f"unknown person '{person}'", hint)
    session.participants = people
    answers.participants = people


def _duration(reader: _Reader, value: Any, path: DataPath) -> Any:
    try:
        return parse_duration(value)
    except ValueError:
        raise reader.fail(path, f"'{value}' is not a drill time such as 12m or 1h05m") from None


def _actions(reader: _Reader, actions: Any, session: DrillSession) -> None:
    if actions is None:
        return
    if not isinstance(actions, dict):
        raise reader.fail(("actions",), "must map expected action ids to drill times (id: 12m)")
    for action_id, at in actions.items():
        path = ("actions", action_id)
        if not isinstance(action_id, str) or action_id.isdigit():
            raise reader.fail(path, "name the expected action by its id")
        _apply(reader, path, session.action, action_id)
        if at == "missed":
            continue
        _apply(reader, path, session.mark, action_id, _duration(reader, at, path))


def _notes(reader: _Reader, notes: Any, session: DrillSession) -> None:
    if notes is None:
        return
    if not isinstance(notes, list):
        raise reader.fail(("notes",), "must be a list of {at: 5m, text: …}")
    for i, note in enumerate(notes):
        if not isinstance(note, dict) or set(note) != {"at", "text"}:
            raise reader.fail(("notes", i), "a note has exactly `at:` and `text:`")
        if not isinstance(note["text"], str):
            raise reader.fail(("notes", i, "text"), "must be a text")
        at = _duration(reader, note["at"], ("notes", i, "at"))
        _apply(reader, ("notes", i), session.note, note["text"], at)


def _follow_ups(reader: _Reader, follow_ups: Any, session: DrillSession) -> None:
    if follow_ups is None:
        return
    if not isinstance(follow_ups, list):
        raise reader.fail(("follow_ups",), "must be a list of {action:, owner:, due:}")
    for i, entry in enumerate(follow_ups):
        if not isinstance(entry, dict) or set(entry) != {"action", "owner", "due"}:
            raise reader.fail(("follow_ups", i), "a follow-up has `action:`, `owner:` and `due:`")
        if not all(isinstance(entry[key], str) for key in ("action", "owner", "due")):
            raise reader.fail(("follow_ups", i), "action, owner and due are texts")
        owner_path = ("follow_ups", i, "owner")
        if entry["owner"] not in session.people:
            _apply(reader, owner_path, session.follow_up, entry["owner"], "", "")
        _apply(
            reader,
            ("follow_ups", i),
            session.follow_up,
            entry["owner"],
            entry["due"],
            entry["action"],
        )
