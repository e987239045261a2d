"""Where a drill's record goes, and writing it without losing anything.

Two places, chosen by the plan:

- `drills.records: DIR` — one YAML file per drill in DIR (recommended). Two teams
  logging drills in parallel pull requests add two files and never conflict.
- no `drills.records` — the record is appended to `drills.log` in the plan file,
  edited in ruamel.yaml's round-trip mode so comments, key order and quoting stay as
  written. The edit is refused if the plan would change anywhere but the new entry.

Every write is atomic: an interrupted drill (Ctrl-C) or a crash leaves the old file whole.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from crisiskit.diagnostics.errors import UsageError
from crisiskit.loader.compose import compose
from crisiskit.loader.plan import ValidPlan
from crisiskit.loader.repository import OutsideRepository, confine, display_path
from crisiskit.model.drills import DrillRecord
from crisiskit.util.atomic import check_writable, write_atomic

# Indentations tried, in turn, to find the one a plan is written in: the bundled plans'
# first (`key:` then `  - item` one level in), then the other common ones.
INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (2, 4, 0))
FLOW_LISTS = ("participants",)


@dataclass(frozen=True, slots=True)
class Destination:
    path: Path
    plan_log: bool  # True: appended to `drills.log` in the plan file itself

    @property
    def display(self) -> str:
        return display_path(self.path)


def destination(
    loaded: ValidPlan, scenario_id: str, day: date, name: str | None = None
) -> Destination:
    """Where the record of a drill will be written; refused (UsageError) before it starts."""
    records = loaded.plan.drills.records
    if records is None:
        if name is not None:
            raise UsageError(
                "--record: the plan keeps its drill log inline; add `records: DIR` under "
                "`drills:` to keep one file per drill"
            )
        check_writable(loaded.path, overwrite=True)
        round_trip_yaml(loaded.path.read_text(encoding="utf-8"), loaded.file)
        return Destination(loaded.path, plan_log=True)
    try:
        directory = confine(loaded.path.parent, records, loaded.root)
    except OutsideRepository as exc:
        raise UsageError(f"drills.records: {exc}") from None
    file_name = name or f"{day.isoformat()}-{scenario_id}.yaml"
    if "/" in file_name or "\\" in file_name or not file_name.endswith((".yaml", ".yml")):
        raise UsageError(f"--record: '{file_name}' must be a file name ending in .yaml")
    path = directory / file_name
    if path.exists():
        raise UsageError(
            f"{display_path(path)} already exists: a drill of '{scenario_id}' on "
            f"{day.isoformat()} is recorded there; name this one with --record NAME.yaml"
        )
    check_writable(path, overwrite=False)
    return Destination(path, plan_log=False)


def write_record(target: Destination, record: DrillRecord, written_by: str) -> None:
    """Write ``record`` to its destination, atomically."""
    data = record.model_dump(mode="json", exclude_defaults=True)
    if target.plan_log:
        _append_to_log(target.path, data)
        return
    mapping = _commented(_with_dates(data))
    mapping.yaml_set_start_comment(
        f"Drill record written by {written_by}.\n"
        "One file per drill; the plan reads every file of `drills.records` into its log."
    )
    write_atomic(target.path, _dump(_yaml(INDENTS[0]), mapping), overwrite=False)


def round_trip_yaml(text: str, display: str) -> YAML:
    """A round-trip YAML that writes ``text`` back byte for byte, or a UsageError."""
    for indent in INDENTS:
        yaml = _yaml(indent)
        try:
            if _dump(yaml, yaml.load(text)) == text:
                return yaml
        except Exception:
            break
    raise UsageError(
        f"{display}: cannot add to its drill log without rewriting other lines; add "
        "`records: DIR` under `drills:` to keep one file per drill instead"
    )


def _yaml(indent: tuple[int, int, int]) -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.preserve_quotes = True
    yaml.width = 4096
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _dump(yaml: YAML, data: Any) -> str:
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _commented(value: Any, key: str | None = None) -> Any:
    if isinstance(value, dict):
        mapping = CommentedMap()
        for item_key, item in value.items():
            mapping[item_key] = _commented(item, item_key)
        return mapping
    if isinstance(value, list):
        sequence = CommentedSeq(_commented(item) for item in value)
        if key in FLOW_LISTS:
            sequence.fa.set_flow_style()
        return sequence
    return value


def _with_dates(value: Any, key: str | None = None) -> Any:
    """Dates as dates, so they are written bare (`2026-11-20`), as people write them."""
    if isinstance(value, dict):
        return {k: _with_dates(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_dates(item) for item in value]
    if key in ("date", "due") and isinstance(value, str):
        return date.fromisoformat(value)
    return value


def _append_to_log(plan: Path, entry: dict[str, Any]) -> None:
    # Read again now: the plan may have changed (a pull, an edit) while the drill ran.
    display = display_path(plan)
    text = plan.read_text(encoding="utf-8")
    yaml = round_trip_yaml(text, display)
    document = yaml.load(text)
    drills = document.setdefault("drills", CommentedMap())
    if not isinstance(drills, dict):
        raise UsageError(f"{display}: `drills:` is not a mapping; fix the plan first")
    log = drills.setdefault("log", CommentedSeq())
    if not isinstance(log, list):
        raise UsageError(f"{display}: `drills.log:` is not a list; fix the plan first")
    log.append(_commented(_with_dates(entry)))
    updated = _dump(yaml, document)
    _prove_only_appended(text, updated, entry, display)
    write_atomic(plan, updated, overwrite=True)


def _prove_only_appended(before: str, after: str, entry: dict[str, Any], display: str) -> None:
    """The edited plan reads as the old plan plus one log entry, or nothing is written."""
    old, new = compose(before, display), compose(after, display)
    expected = old.data if isinstance(old.data, dict) else {}
    expected = dict(expected)
    drills = dict(expected.get("drills") or {})
    drills["log"] = [*(drills.get("log") or []), entry]
    expected["drills"] = drills
    if not new.ok or new.data != expected:
        raise UsageError(
            f"{display}: adding the drill to the log would change other content; the plan "
            "was not written (add `records: DIR` under `drills:` to use one file per drill)"
        )
