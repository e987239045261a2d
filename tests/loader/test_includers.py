"""The look for a fragment's includers takes fast paths; each is proven equal to the way
it was first written (kept here as the reference): the walk of the repository, and the
search of a file's text for the paths it names."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from crisiskit.loader import FileCache
from crisiskit.loader.discovery import YAML_SUFFIXES
from crisiskit.loader.git import GitRepository
from crisiskit.loader.includers import (
    _END,
    _WORD,
    _lines_holding,
    _Scan,
    _words,
    _words_in,
    plans_including,
    plans_recording,
)
from crisiskit.loader.tree import MAX_READ_BYTES, WORKING_TREE, Tree, WorkingTree
from tests.review.gitrepo import commit, git

# --- the walk ---------------------------------------------------------------------------


def _reference_walk(scan: _Scan, directory: Path, root: Path, tree: Tree, most: int | None) -> None:
    """The walk as first written: every entry resolved, then asked what it is."""
    for name in sorted(tree.names(directory)):
        if name.startswith(".") or (most is not None and len(scan.files) >= most):
            continue
        path = directory / name
        try:
            real = tree.resolve(path)
        except (OSError, RuntimeError):
            continue
        if tree.is_dir(path):
            if real == path and not tree.exists(path / ".git"):
                _reference_walk(scan, path, root, tree, most)
        elif path.suffix in YAML_SUFFIXES and tree.is_file(path):
            if real != path:
                if real.is_relative_to(root):
                    scan.links[path] = real
            else:
                scan.files.append(path)


def _both(root: Path, tree: Tree, most: int | None) -> tuple[_Scan, _Scan]:
    fast, slow = _Scan([], {}), _Scan([], {})
    fast._walk(root, root, tree, most)
    _reference_walk(slow, root, root, tree, most)
    return fast, slow


_DIRECTORIES = ["", "d", "d/sub", "g"]
_NAMES = ["a.yaml", "b.yml", "c.txt", ".h.yaml", "d", "sub", "e.YAML", "f.yaml.j2"]
_LINK_TARGETS = ["a.yaml", "../a.yaml", "d", "..", "missing.yaml", "LOOP", "OUTSIDE", "d/b.yml"]
_OPS = st.lists(
    st.tuples(
        st.sampled_from(["file", "file", "dir", "link", "link", "repo", "fifo"]),
        st.sampled_from(_DIRECTORIES),
        st.sampled_from(_NAMES),
        st.sampled_from(_LINK_TARGETS),
    ),
    max_size=25,
)
Op = tuple[str, str, str, str]
# Every kind of entry at least once: links to a file, to a directory, out of the root,
# dangling and looping; a nested repository; a pipe named like a plan.
_EVERY_KIND: list[Op] = [
    ("file", "", "a.yaml", ""),
    ("file", "d", "b.yml", ""),
    ("file", "d", "c.txt", ""),
    ("link", "d", "a.yaml", "../a.yaml"),
    ("link", "", "b.yml", "d"),
    ("link", "", "e.YAML", "OUTSIDE"),
    ("link", "", "f.yaml.j2", "a.yaml"),
    ("link", "d", "sub", ".."),
    ("link", "g", "a.yaml", "LOOP"),
    ("link", "g", "b.yml", "missing.yaml"),
    ("repo", "", "sub", ""),
    ("file", "sub", "a.yaml", ""),
    ("fifo", "g", "c.txt", ""),
    ("fifo", "g", "pipe.yaml", ""),
]


def _build(root: Path, outside: Path, ops: list[Op]) -> None:
    """A tree of files, directories, symlinks (loops, out of the root, dangling, to
    directories), nested repositories and pipes; an operation that cannot apply is skipped."""
    for kind, directory, name, target in ops:
        path = root / directory / name
        if os.path.lexists(path) and kind != "repo":
            continue  # never written through: it may be a pipe, or a link out
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if kind == "file":
                path.write_text("people: []\n", encoding="utf-8")
            elif kind in ("dir", "repo"):
                path.mkdir(exist_ok=True)
                if kind == "repo":
                    (path / ".git").mkdir(exist_ok=True)
            elif kind == "fifo":
                os.mkfifo(path)
            else:
                to = {"LOOP": name, "OUTSIDE": str(outside)}.get(target, target)
                path.symlink_to(to)
        except OSError:
            continue


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_OPS, st.sampled_from([None, 0, 1, 3]))
@example(_EVERY_KIND, None)
@example(_EVERY_KIND, 2)
def test_the_walk_finds_what_the_reference_walk_finds(ops: list[Op], most: int | None) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        base = Path(temporary).resolve()
        root, outside = base / "root", base / "outside.yaml"
        root.mkdir()
        outside.write_text("people: []\n", encoding="utf-8")
        _build(root, outside, ops)
        fast, slow = _both(root, WORKING_TREE, most)
        assert fast == slow


def test_the_walk_finds_this_repository_as_the_reference_walk_does() -> None:
    from tests.conftest import REPO

    root = REPO.resolve()
    fast, slow = _both(root, WORKING_TREE, None)
    assert fast == slow
    assert fast.files  # the bundled plans at least


@pytest.fixture
def git_repo(tmp_path: Path) -> Iterator[Path]:
    repo = tmp_path / "repo"
    # git keeps no pipes, and takes a nested repository for a submodule
    _build(
        repo,
        tmp_path / "outside.yaml",
        [op for op in _EVERY_KIND if op[0] == "file" or op[0] == "link"],
    )
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "tree")
    cwd = Path.cwd()
    os.chdir(repo)
    yield repo
    os.chdir(cwd)


def test_a_revision_is_walked_as_the_reference_walk_does(git_repo: Path) -> None:
    repository = GitRepository.discover(git_repo)
    tree = repository.tree(repository.commit("main"), "main")
    try:
        root = git_repo.resolve()
        fast, slow = _both(root, tree, None)
        assert fast == slow
        assert fast == _both(root, WORKING_TREE, None)[0]
        assert {str(p.relative_to(root)) for p in fast.files} == {"a.yaml", "d/b.yml", "sub/a.yaml"}
        assert {str(p.relative_to(root)) for p in fast.links} == {"d/a.yaml"}
    finally:
        repository.close()


def test_a_revision_says_what_each_entry_is(git_repo: Path) -> None:
    repository = GitRepository.discover(git_repo)
    tree = repository.tree(repository.commit("main"), "main")
    try:
        on_disk = WORKING_TREE.kinds(git_repo.resolve())
        del on_disk[".git"]  # a revision never holds its repository's .git
        assert tree.kinds(git_repo.resolve()) == on_disk
        assert on_disk["b.yml"] == "link" and on_disk["d"] == "dir" and on_disk["a.yaml"] == "file"
        assert tree.kinds(git_repo / "a.yaml") == {} == WORKING_TREE.kinds(git_repo / "a.yaml")
    finally:
        repository.close()


def _team_and_client(root: Path) -> Path:
    (root / ".git").mkdir(parents=True)
    shared = root / "plans" / "shared"
    shared.mkdir(parents=True)
    (shared / "team.yaml").write_text("people: []\n", encoding="utf-8")
    (root / "plans" / "client.yaml").write_text(
        "crisiskit: 1\ninclude: [shared/team.yaml]\n", encoding="utf-8"
    )
    return shared / "team.yaml"


def test_a_run_walks_the_repository_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The look for a record's plans, the look for includers and a second fragment of the
    same repository share one walk."""
    team = _team_and_client(tmp_path)
    (team.parent / "other.yaml").write_text("roles: []\n", encoding="utf-8")
    listed: list[Path] = []
    kinds = WorkingTree.kinds

    def counted(self: WorkingTree, directory: Path) -> dict[str, str]:
        listed.append(directory)
        return kinds(self, directory)  # type: ignore[return-value]

    monkeypatch.setattr(WorkingTree, "kinds", counted)
    from typer.testing import CliRunner

    from crisiskit.cli import app

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CRISISKIT_NO_CACHE", "1")
    result = CliRunner().invoke(
        app, ["validate", "plans/shared/team.yaml", "plans/shared/other.yaml"]
    )
    assert "checked in the 1 plan including it: plans/client.yaml" in result.stdout
    assert listed and len(listed) == len(set(listed)), listed
    assert tmp_path.resolve() in listed


def test_a_new_file_cache_walks_again(tmp_path: Path) -> None:
    """A scan lives as long as its run's FileCache: a later run sees a new client."""
    team = _team_and_client(tmp_path)
    assert [p.name for p in plans_including(team, FileCache())] == ["client.yaml"]
    (tmp_path / "plans" / "new.yaml").write_text(
        "crisiskit: 1\ninclude: [shared/team.yaml]\n", encoding="utf-8"
    )
    names = [p.name for p in plans_including(team, FileCache())]
    assert names == ["client.yaml", "new.yaml"]


def test_the_two_looks_read_a_file_naming_neither_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The look for a record's plans notes which of the includer look's names each file
    holds: a file holding none is not read again, and both answers stay those of looks
    made apart."""
    team = _team_and_client(tmp_path)
    plans = tmp_path / "plans"
    (plans / "unrelated.yaml").write_text("crisiskit: 1\npeople: []\n", encoding="utf-8")
    (plans / "keeper.yaml").write_text(
        "crisiskit: 1\ndrills:\n  records: shared\n", encoding="utf-8"
    )
    (plans / "mention.yaml").write_text("crisiskit: 1\n# shared/team.yaml\n", encoding="utf-8")
    apart = (plans_recording(team, FileCache()), plans_including(team, FileCache()))
    read: list[Path] = []
    read_bytes = WorkingTree.read_bytes

    def counted(self: WorkingTree, path: Path, limit: int = MAX_READ_BYTES) -> bytes:
        read.append(path)
        return read_bytes(self, path, limit)

    monkeypatch.setattr(WorkingTree, "read_bytes", counted)
    files = FileCache()
    together = (plans_recording(team, files), plans_including(team, files))
    assert together == apart
    assert [p.name for p in together[0]] == ["keeper.yaml"]
    assert [p.name for p in together[1]] == ["client.yaml"]
    assert read.count(plans / "unrelated.yaml") == 1
    assert read.count(plans / "keeper.yaml") == 2  # and composed: it keeps records there
    assert read.count(plans / "mention.yaml") == 2  # named in a comment: read, then refused


# --- the paths a file names -------------------------------------------------------------

# The characters that matter: separators, comments, line breaks, path parts.
_TEXT = st.text(alphabet="ab/.# \t\r\n'\"[]{},:-\u00e9", max_size=200)
_NAME = st.sampled_from(["a", "b.yaml", "a/b", "ab", ".", "a b", "#a", "b\nb", "\u00e9"])


@settings(max_examples=2000, deadline=None)
@given(_TEXT, _NAME, st.sampled_from([b"", rb"/?"]))
@example("x: b\nb\n", "b\nb", b"")  # a file name with a line feed spans two lines
@example("- ab/ # a\n- 'a'\r# a\n", "a", rb"/?")
def test_searching_the_lines_holding_a_name_finds_what_searching_the_text_finds(
    text: str, name: str, ending: bytes
) -> None:
    raw, wanted = text.encode("utf-8"), name.encode("utf-8")
    reference = _words_in(raw, wanted, ending)
    assert _words(raw, wanted, ending) == reference
    lines = _lines_holding(raw, wanted)
    if b"\n" not in wanted and lines is not None:
        assert _words_in(lines, wanted, ending) == reference


@given(st.lists(st.sampled_from(["x: team.yaml", "# team.yaml", "y: a/team.yaml", "z"])))
def test_a_name_on_very_many_lines_is_searched_in_one_pass(lines: list[str]) -> None:
    raw = ("\n".join(lines * 400)).encode("utf-8")
    naming = sum(b"team.yaml" in line for line in raw.split(b"\n"))
    assert (_lines_holding(raw, b"team.yaml") is None) == (naming > 1000)
    assert _words(raw, b"team.yaml", b"") == _words_in(raw, b"team.yaml", b"")


def test_the_reference_search_is_the_one_validate_used() -> None:
    """The reference is the first version's search, word for word."""
    text = b"include: [../shared/team.yaml, 'team.yaml'] # old/team.yaml\n#x/team.yaml\n"
    first = {
        m[0].rstrip(b"/")
        for m in re.finditer(
            _WORD + re.escape(b"team.yaml") + _END,
            re.sub(rb"(?m)(?:^|(?<=[ \t]))#.*$", b"", text),
        )
    }
    assert first == _words_in(text, b"team.yaml", b"") == {b"../shared/team.yaml", b"team.yaml"}
