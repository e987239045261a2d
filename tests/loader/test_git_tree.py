"""The loader reads a plan from git objects: includes, templates and symlinks inside the
revision, nothing from the working tree, and no repository configuration run."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from crisiskit.diagnostics.errors import RevisionError, UsageError
from crisiskit.loader import FileCache, load_plan
from crisiskit.loader.git import GitRepository
from crisiskit.messages.templates import Renderer
from tests.review.gitrepo import commit, git, make_repo

PLAN = "plans/kirana-social/warung-rasa.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo")


@pytest.fixture
def here(repo: Path) -> Iterator[Path]:
    cwd = Path.cwd()
    os.chdir(repo)
    yield repo
    os.chdir(cwd)


def test_a_revision_loads_with_its_fragment_and_templates_after_the_working_tree_is_gone(
    repo: Path, here: Path
) -> None:
    repository = GitRepository.discover(repo)
    tree = repository.tree(repository.commit("step-0"), "step-0")
    for name in ("plans", "templates"):
        for path in sorted((repo / name).rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
    loaded = load_plan(Path(PLAN), FileCache(tree))
    valid = loaded.valid()
    assert valid is not None, loaded.findings
    assert [f.name for f in loaded.fragments] == ["agency-team.yaml"]
    message = valid.plan.messages[0]
    source, name = Renderer.for_root(valid.root, tree).source(valid, message.templates[0])
    assert "{{" in source and name.startswith("templates/kirana-social/warung-rasa/")
    repository.close()


def test_symlinks_resolve_inside_the_revision_and_may_not_leave_it(
    repo: Path, here: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("people: []\n", encoding="utf-8")
    fragments = repo / "plans" / "kirana-social"
    (fragments / "team-link.yaml").symlink_to("agency-team.yaml")
    (fragments / "escape.yaml").symlink_to(outside)
    plan = (repo / PLAN).read_text(encoding="utf-8")
    (repo / PLAN).write_text(plan.replace("agency-team.yaml", "team-link.yaml"), encoding="utf-8")
    commit(repo, "links", "links")
    repository = GitRepository.discover(repo)
    tree = repository.tree(repository.commit("links"), "links")
    loaded = load_plan(Path(PLAN), FileCache(tree))
    assert loaded.valid() is not None, loaded.findings
    assert [f.name for f in loaded.fragments] == ["agency-team.yaml"]
    (repo / PLAN).write_text(plan.replace("agency-team.yaml", "escape.yaml"), encoding="utf-8")
    commit(repo, "escape", "escape")
    tree = repository.tree(repository.commit("escape"), "escape")
    loaded = load_plan(Path(PLAN), FileCache(tree))
    assert any(
        "is a symlink pointing out of the repository" in f.message for f in loaded.findings
    ), loaded.findings
    repository.close()


def test_repository_configuration_runs_nothing(repo: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    git(repo, "config", "core.fsmonitor", f"touch {marker}; false")
    hooks = repo / ".git" / "hooks"
    for hook in ("post-checkout", "post-index-change", "reference-transaction"):
        (hooks / hook).write_text(f"#!/bin/sh\ntouch {marker}\n", encoding="utf-8")
        (hooks / hook).chmod(0o755)
    repository = GitRepository.discover(repo)
    tree = repository.tree(repository.merge_base("main", repository.commit("step-0")), "x")
    assert tree.is_file(repo / PLAN)
    repository.close()
    assert not marker.exists()


def test_unknown_and_option_like_revisions(repo: Path) -> None:
    repository = GitRepository.discover(repo)
    with pytest.raises(RevisionError, match=r"unknown revision 'step-1'.*did you mean 'step-0'"):
        repository.commit("step-1")
    with pytest.raises(RevisionError, match="unknown revision '--all'"):
        repository.commit("--all")


def test_outside_a_repository(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not inside a git repository"):
        GitRepository.discover(tmp_path)
