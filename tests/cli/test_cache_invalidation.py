"""Any change to any input of a run invalidates its cached findings (Hypothesis).

After every change (an edit, a suppression comment, a deleted or added file, a template
added where an include looked, a symlink, a new repository marker, another date or
configuration), the cached answer must equal a fresh run's.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crisiskit.util import inputs
from tests.cli.test_cache import TODAY, make_repo, run

# Paths a change may touch: the repository's own files, and names that matter if they
# appear (a plan or fragment next to the others, a template an include names, repository
# markers and configuration that move the root or change the rules).
EXISTING = [
    "plans/kirana-social/warung-rasa.yaml",
    "plans/kirana-social/agency-team.yaml",
    "templates/kirana-social/warung-rasa/holding-statement.en.j2",
    "templates/kirana-social/warung-rasa/update.en.j2",
    "templates/kirana-social/warung-rasa/holding-statement.id.x.j2",
    "templates/partials/sign-off.j2",
    "plans/kirana-social/drills/warung-rasa/2026-11-20-takeover-tabletop.yaml",
    "pyproject.toml",
]
NEW = [
    "plans/kirana-social/new-client.yaml",
    "plans/other/fragment.yaml",
    "templates/partials/other.j2",
    "plans/kirana-social/pyproject.toml",
    "crisiskit.toml",
    "plans/kirana-social/.hidden.yaml",
    "plans/kirana-social/drills/warung-rasa/2026-11-27-takeover-tabletop.yaml",
]
CONTENTS = [
    b"",
    b"people: []\n",
    b"crisiskit: 1\n",
    b"[tool.crisiskit]\nselect = ['CK2']\n",
    b"Holding {{ org.name }} {% include 'templates/partials/other.j2' %}\n",
    b"hello \xe2\x80\x94 {{ undefined_name }}\n",
    b"\xff\xfe not utf-8\n",
]
SUPPRESSION = b'# crisiskit: ignore[CK405] reason="test" until=2026-12-01\n'


@contextmanager
def working_directory(path: Path) -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


edits = st.one_of(
    st.tuples(st.just("append"), st.sampled_from(EXISTING), st.sampled_from(CONTENTS)),
    st.tuples(st.just("suppress"), st.sampled_from(EXISTING[:2]), st.integers(0, 400)),
    st.tuples(st.just("flip"), st.sampled_from(EXISTING), st.integers(0, 10_000)),
    st.tuples(st.just("delete"), st.sampled_from(EXISTING), st.none()),
    st.tuples(st.just("create"), st.sampled_from(NEW), st.sampled_from(CONTENTS)),
    st.tuples(st.just("copy"), st.sampled_from(NEW + EXISTING), st.sampled_from(EXISTING)),
    st.tuples(st.just("symlink"), st.sampled_from(NEW + EXISTING), st.sampled_from(EXISTING)),
    st.tuples(st.just("dir-symlink"), st.sampled_from(["plans/linked"]), st.none()),
    st.tuples(st.just("today"), st.none(), st.integers(-800, 800)),
    st.tuples(st.just("config"), st.none(), st.none()),
)


def apply(root: Path, edit: tuple[str, str | None, object], args: list[str]) -> None:
    kind, name, value = edit
    target = root / name if name else root
    if kind in ("append", "create", "copy", "symlink", "suppress", "flip"):
        target.parent.mkdir(parents=True, exist_ok=True)
    if kind == "append" and isinstance(value, bytes):
        with open(target, "ab") as handle:
            handle.write(value)
    elif kind == "create" and isinstance(value, bytes):
        target.unlink(missing_ok=True)
        target.write_bytes(value)
    elif kind == "suppress" and isinstance(value, int) and target.exists():
        lines = target.read_bytes().splitlines(keepends=True)
        lines.insert(value % (len(lines) + 1), SUPPRESSION)
        target.write_bytes(b"".join(lines))
    elif kind == "flip" and isinstance(value, int) and target.is_file():
        data = bytearray(target.read_bytes())
        if data:
            data[value % len(data)] ^= 0x20
            target.write_bytes(bytes(data))
    elif kind == "delete":
        target.unlink(missing_ok=True)
    elif kind in ("copy", "symlink") and isinstance(value, str):
        source = root / value
        if not source.is_file() or source == target:
            return
        content = source.read_bytes()
        target.unlink(missing_ok=True)
        if kind == "copy":
            target.write_bytes(content)
        else:
            target.symlink_to(os.path.relpath(source, target.parent))
    elif kind == "dir-symlink":
        if not target.is_symlink():
            target.symlink_to("kirana-social")
        else:
            target.unlink()
            target.symlink_to("../templates")
    elif kind == "today" and isinstance(value, int):
        from datetime import date, timedelta

        args[2] = (date.fromisoformat(TODAY) + timedelta(days=value)).isoformat()
    elif kind == "config":
        args[3:] = [] if args[3:] else ["--config", "pyproject.toml"]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(changes=st.lists(edits, min_size=1, max_size=3))
def test_any_change_invalidates(
    changes: list[tuple[str, str | None, object]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CRISISKIT_NO_CACHE", raising=False)
    with tempfile.TemporaryDirectory() as directory:
        root = make_repo(Path(directory))
        with working_directory(root):
            args = ["plans", "--today", TODAY]
            run(*args)
            for change in changes:
                apply(root, change, args)
                fresh = run(*args, "--no-cache")
                assert run(*args) == fresh, change
                assert run(*args) == fresh, change  # the entry stored after a miss holds


def test_the_property_would_catch_a_missing_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the directory listing, a plan added to a checked directory goes unseen."""
    monkeypatch.delenv("CRISISKIT_NO_CACHE", raising=False)
    root = make_repo(tmp_path)
    monkeypatch.chdir(root)
    monkeypatch.setattr(inputs, "listing", lambda directory: None)
    args = ["plans", "--today", TODAY]
    run(*args)
    apply(root, ("create", "plans/other/fragment.yaml", b"people: []\n"), args)
    assert run(*args) != run(*args, "--no-cache")


@pytest.mark.parametrize("target", ["plans", "plans/kirana-social/warung-rasa.yaml"])
def test_a_hit_reads_no_file_the_run_did_not_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    """Every file a cold run opens (outside Python's own) is among the recorded inputs."""
    import sys

    monkeypatch.delenv("CRISISKIT_NO_CACHE", raising=False)
    root = make_repo(tmp_path)
    monkeypatch.chdir(root)
    opened: list[str] = []
    listed: list[str] = []

    def audit(event: str, args: tuple[object, ...]) -> None:
        if event == "open" and isinstance(args[0], str | Path):
            opened.append(os.path.abspath(args[0]))
        elif event in ("os.listdir", "os.scandir") and isinstance(args[0], str | Path):
            listed.append(os.path.abspath(args[0]))

    recorded: list[inputs.Inputs] = []
    original = inputs.recording

    @contextmanager
    def spy() -> Iterator[inputs.Inputs]:
        with original() as record:
            recorded.append(record)
            yield record

    monkeypatch.setattr(inputs, "recording", spy)
    sys.addaudithook(audit)  # hooks cannot be removed; this one only appends to lists
    opened.clear()
    listed.clear()
    run(target, "--today", TODAY)  # a miss: recorded, then stored
    [record] = recorded
    in_repo = [p for p in opened if p.startswith(str(root)) and ".crisiskit_cache" not in p]
    assert in_repo, "the audit hook saw the run"
    assert set(in_repo) <= set(record.files)
    listed_in_repo = {p for p in listed if p.startswith(str(root))}
    assert listed_in_repo <= set(record.listings)
