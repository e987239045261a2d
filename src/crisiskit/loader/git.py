"""Read files of a git revision straight from the object store: never a checkout.

One ``git cat-file --batch`` process serves every read of a run: trees are parsed here
(their modes say what is a symlink), blobs are read by object id. The repository may be
a pull request's, so git runs with hooks and fsmonitor off, without prompts, and never
with textconv, filters or external diff drivers.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from crisiskit.diagnostics.errors import RevisionError, UsageError
from crisiskit.loader.tree import MAX_READ_BYTES, EntryKind, Tree
from crisiskit.util.reading import FileTooLarge
from crisiskit.util.suggest import did_you_mean

_SAFE = ("-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null")
_ENVIRONMENT = {"GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
_SYMLINK, _TREE, _SUBMODULE = "120000", "40000", "160000"
MAX_SYMLINK_HOPS = 40
_KINDS: dict[str, EntryKind] = {_TREE: "dir", _SYMLINK: "link", _SUBMODULE: "other"}
# The branches a pull request is usually opened against, in the order git users expect.
DEFAULT_BRANCHES = ("origin/HEAD", "main", "master", "origin/main", "origin/master")


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    executable = shutil.which("git")
    if executable is None:
        raise UsageError("git is not installed; `crisiskit diff` reads plans from git")
    return subprocess.run(
        [executable, *_SAFE, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **_ENVIRONMENT},
        check=False,
    )


@dataclass(frozen=True, slots=True)
class Entry:
    mode: str
    object_id: str


class ObjectReader:
    """A running ``git cat-file --batch``: object ids in, (type, content) out."""

    def __init__(self, root: Path) -> None:
        executable = shutil.which("git") or "git"
        self._process = subprocess.Popen(
            [executable, *_SAFE, "cat-file", "--batch"],
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**os.environ, **_ENVIRONMENT},
        )

    def read(self, name: str) -> tuple[str, bytes] | None:
        """The object's type and content; None if there is no such object."""
        if "\n" in name:
            return None
        stdin, stdout = self._streams()
        stdin.write(name.encode() + b"\n")
        stdin.flush()
        header = stdout.readline().decode().split()
        if len(header) != 3:  # "<name> missing" or "<name> ambiguous"
            return None
        _, kind, size = header
        content = stdout.read(int(size))
        stdout.read(1)  # the newline after the content
        return kind, content

    def _streams(self) -> tuple[IO[bytes], IO[bytes]]:
        stdin, stdout = self._process.stdin, self._process.stdout
        if stdin is None or stdout is None or self._process.poll() is not None:
            raise OSError(errno.EIO, "git cat-file is not running")
        return stdin, stdout

    def close(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        self._process.wait()
        if self._process.stdout is not None:
            self._process.stdout.close()


@dataclass
class GitRepository:
    """A git work tree: revisions, merge-bases and the objects behind them."""

    root: Path
    _reader: ObjectReader | None = None
    _trees: dict[str, dict[str, Entry]] = field(default_factory=dict)

    @classmethod
    def discover(cls, cwd: Path) -> GitRepository:
        """The repository containing ``cwd``; UsageError outside one."""
        found = _git(cwd, "rev-parse", "--show-toplevel")
        if found.returncode != 0:
            reason = found.stderr.strip().splitlines()[-1:] or ["not a git repository"]
            raise UsageError(
                f"not inside a git repository ({reason[0].removeprefix('fatal: ')}); "
                "to compare two plan files, give both: crisiskit diff OLD.yaml NEW.yaml"
            )
        return cls(Path(found.stdout.strip()).resolve())

    def commit(self, revision: str) -> str:
        """The commit id a revision names; RevisionError with a suggestion otherwise."""
        found = self._verify(revision)
        if found is not None:
            return found
        hint = did_you_mean(revision, self.refs())
        if self.is_shallow():
            hint = (hint + "; " if hint else "") + (
                "this is a shallow clone: fetch the history (actions/checkout: fetch-depth: 0)"
            )
        shown = revision.encode("unicode_escape").decode("ascii")  # one line, whatever it holds
        raise RevisionError(f"unknown revision '{shown}'" + (f" ({hint})" if hint else ""))

    def _verify(self, revision: str) -> str | None:
        if not revision or revision.startswith("-"):
            return None
        found = _git(
            self.root,
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            f"{revision}^{{commit}}",
        )
        return found.stdout.strip() if found.returncode == 0 else None

    def refs(self) -> list[str]:
        found = _git(self.root, "for-each-ref", "--format=%(refname:short)")
        return found.stdout.split() if found.returncode == 0 else []

    def is_shallow(self) -> bool:
        found = _git(self.root, "rev-parse", "--is-shallow-repository")
        return found.stdout.strip() == "true"

    def default_branch(self) -> str:
        """origin/HEAD, else main, else master (also as origin's branches)."""
        for name in DEFAULT_BRANCHES:
            if self._verify(name) is not None:
                return name
        raise RevisionError(
            "no default branch to compare with (origin/HEAD, main or master); "
            "name the base revision: crisiskit diff BASE"
        )

    def merge_base(self, base: str, head: str) -> str:
        """The best common ancestor; a clear error in a shallow clone or without one."""
        found = _git(self.root, "merge-base", "--end-of-options", base, head)
        if found.returncode == 0:
            return found.stdout.strip().splitlines()[0]
        if self.is_shallow():
            raise RevisionError(
                f"the merge-base of {base} and {head} is not in this shallow clone; fetch "
                "the history (`git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout)"
            )
        raise RevisionError(f"{base} and {head} have no common history; name BASE explicitly")

    def tree(self, commit: str, label: str) -> GitTree:
        return GitTree(self, commit, label)

    def read(self, name: str) -> tuple[str, bytes] | None:
        if self._reader is None:
            self._reader = ObjectReader(self.root)
        return self._reader.read(name)

    def entries(self, tree_id: str) -> dict[str, Entry]:
        """The entries of a tree object, parsed from git's binary format."""
        cached = self._trees.get(tree_id)
        if cached is not None:
            return cached
        found = self.read(tree_id)
        entries: dict[str, Entry] = {}
        if found is not None and found[0] == "tree":
            data, position = found[1], 0
            while position < len(data):
                space = data.index(b" ", position)
                nul = data.index(b"\0", space)
                mode = data[position:space].decode()
                name = data[space + 1 : nul].decode("utf-8", "surrogateescape")
                entries[name] = Entry(mode, data[nul + 1 : nul + 21].hex())
                position = nul + 21
        self._trees[tree_id] = entries
        return entries

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None


class GitTree:
    """The files of one commit, under the work tree's absolute paths."""

    def __init__(self, repository: GitRepository, commit: str, label: str) -> None:
        self.repository = repository
        self.commit = commit
        self.label = label
        self.root = repository.root
        self._root_entry = Entry(_TREE, f"{commit}^{{tree}}")

    def _parts(self, path: Path) -> list[str] | None:
        absolute = Path(os.path.normpath(Path.cwd() / path))
        if not absolute.is_relative_to(self.root):
            return None
        return list(absolute.relative_to(self.root).parts)

    def _walk(self, path: Path, follow_last: bool = True) -> tuple[Path, Entry | None]:
        """The path with symlinks resolved, and its entry (None where nothing is)."""
        parts = self._parts(path)
        hops = 0
        while parts is not None:
            entry, done = self._root_entry, list[str]()
            for index, name in enumerate(parts):
                children = self.repository.entries(entry.object_id) if entry.mode == _TREE else {}
                child = children.get(name)
                last = index == len(parts) - 1
                if child is not None and child.mode == _SYMLINK and (follow_last or not last):
                    hops += 1
                    target = self.repository.read(child.object_id)
                    if hops > MAX_SYMLINK_HOPS or target is None:
                        raise OSError(errno.ELOOP, "too many levels of symbolic links", str(path))
                    link = Path(target[1].decode("utf-8", "surrogateescape"))
                    resolved = Path(os.path.normpath(self.root.joinpath(*done) / link))
                    rest = parts[index + 1 :]
                    parts = self._parts(resolved.joinpath(*rest))
                    if parts is None:  # the link leaves the repository
                        return resolved.joinpath(*rest), None
                    break
                if child is None:
                    return self.root.joinpath(*parts), None
                entry = child
                done.append(name)
            else:
                return self.root.joinpath(*parts), entry
        return Path(os.path.normpath(Path.cwd() / path)), None

    def resolve(self, path: Path) -> Path:
        return self._walk(path)[0]

    def read_bytes(self, path: Path, limit: int = MAX_READ_BYTES) -> bytes:
        _, entry = self._walk(path)
        if entry is None or entry.mode == _SUBMODULE:
            raise FileNotFoundError(errno.ENOENT, f"not in {self.label}", str(path))
        if entry.mode == _TREE:
            raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
        found = self.repository.read(entry.object_id)
        if found is None:
            raise OSError(errno.EIO, f"object {entry.object_id} is missing", str(path))
        if len(found[1]) > limit:
            raise FileTooLarge(path, limit)
        return found[1]

    def exists(self, path: Path) -> bool:
        if path == self.root / ".git":
            return True  # the marker of the repository root, which a tree never holds
        return self._walk(path)[1] is not None

    def is_file(self, path: Path) -> bool:
        entry = self._walk(path)[1]
        return entry is not None and entry.mode not in (_TREE, _SUBMODULE)

    def is_dir(self, path: Path) -> bool:
        entry = self._walk(path)[1]
        return entry is not None and entry.mode == _TREE

    def names(self, directory: Path) -> list[str]:
        entry = self._walk(directory)[1]
        if entry is None or entry.mode != _TREE:
            return []
        return list(self.repository.entries(entry.object_id))

    def kinds(self, directory: Path) -> dict[str, EntryKind]:
        entry = self._walk(directory)[1]
        if entry is None or entry.mode != _TREE:
            return {}
        children = self.repository.entries(entry.object_id).items()
        return {name: _KINDS.get(child.mode, "file") for name, child in children}

    def version(self, path: Path) -> Hashable:
        entry = self._walk(path)[1]
        if entry is None:
            raise FileNotFoundError(errno.ENOENT, f"not in {self.label}", str(path))
        return entry.object_id

    def lines(self, path: Path) -> Iterator[str]:
        text = self.read_bytes(path).decode("utf-8-sig")
        yield from text.splitlines(keepends=True)


def same_content(first: Tree, second: Tree, path: Path) -> bool:
    """Whether ``path`` holds the same bytes in two trees, without reading a blob if it can.

    Two revisions compare object ids; a revision and the working tree compare the object
    id with the hash git would give the file on disk.
    """
    if isinstance(first, GitTree) and isinstance(second, GitTree):
        return first.version(path) == second.version(path)
    if isinstance(second, GitTree):
        first, second = second, first
    if isinstance(first, GitTree):
        object_id = str(first.version(path))
        data = second.read_bytes(path)
        algorithm = hashlib.sha1 if len(object_id) == 40 else hashlib.sha256
        return algorithm(b"blob %d\0" % len(data) + data).hexdigest() == object_id
    return first.read_bytes(path) == second.read_bytes(path)
