"""The findings cache: a hit answers exactly what a full run would, and any change misses."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiskit.cli.app import app
from tests.conftest import REPO

runner = CliRunner()
TODAY = "2026-11-24"
CLIENT = "warung-rasa"


@pytest.fixture(autouse=True)
def _cache_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CRISISKIT_NO_CACHE", raising=False)


def make_repo(root: Path) -> Path:
    """An agency repository: a client plan, the shared fragment, template files, a
    template that includes a partial, drill records, configuration in pyproject.toml."""
    (root / ".git").mkdir(parents=True)
    plans = root / "plans" / "kirana-social"
    plans.mkdir(parents=True)
    for name in (f"{CLIENT}.yaml", "agency-team.yaml"):
        shutil.copy(REPO / "plans" / "kirana-social" / name, plans / name)
    shutil.copytree(
        REPO / "templates" / "kirana-social" / CLIENT, root / "templates" / "kirana-social" / CLIENT
    )
    records = REPO / "plans" / "kirana-social" / "drills" / CLIENT
    if records.is_dir():  # drill records, one file per drill held
        shutil.copytree(records, plans / "drills" / CLIENT)
    update = root / "templates" / "kirana-social" / CLIENT / "update.en.j2"
    update.write_text(
        update.read_text(encoding="utf-8") + "\n{% include 'templates/partials/sign-off.j2' %}\n",
        encoding="utf-8",
    )
    (root / "templates" / "partials").mkdir()
    (root / "templates" / "partials" / "sign-off.j2").write_text("— {{ org.name }}\n")
    (root / "pyproject.toml").write_text('[tool.crisiskit]\nignore = ["CK502"]\n')
    return root


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["validate", *args])
    return result.exit_code, result.stdout


def entries(root: Path) -> list[Path]:
    return sorted((root / ".crisiskit_cache" / "validate").glob("*.json"))


def test_a_hit_answers_as_the_full_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_repo(tmp_path)
    monkeypatch.chdir(root)
    for output_format in ("text", "json", "github", "sarif", "junit"):
        args = ("plans", "--today", TODAY, "--format", output_format)
        cold = run(*args, "--no-cache")
        assert entries(root) == [] or output_format != "text"
        first = run(*args)  # stores
        second = run(*args)  # answered from the cache
        assert first == second == cold
    assert len(entries(root)) == 1  # formats and --strict do not split the key
    assert run("plans", "--today", TODAY, "--strict") == run(
        "plans", "--today", TODAY, "--strict", "--no-cache"
    )


def test_the_cache_ignores_itself_for_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_repo(tmp_path)
    monkeypatch.chdir(root / "plans")  # from a subdirectory: the repository root holds it
    run("kirana-social", "--today", TODAY)
    cache = root / ".crisiskit_cache"
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (cache / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: ")
    listed = (
        subprocess.run(
            ["git", "init", "-q", "."], cwd=root, capture_output=True, check=False
        ).returncode
        == 0
        and subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=all"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    if listed is not False:
        assert ".crisiskit_cache" not in listed


def test_no_cache_neither_reads_nor_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_repo(tmp_path)
    monkeypatch.chdir(root)
    run("plans", "--today", TODAY, "--no-cache")
    assert not (root / ".crisiskit_cache").exists()
    run("plans", "--today", TODAY)
    [entry] = entries(root)
    entry.write_bytes(b"not an entry")
    # --no-cache recomputes, and does not repair or replace the entry either.
    run("plans", "--today", TODAY, "--no-cache")
    assert entry.read_bytes() == b"not an entry"


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"",
        lambda raw: raw[: len(raw) // 2],
        lambda raw: raw.replace(b'"CK', b'"CX', 1),  # a plausible entry whose checksum fails
        lambda raw: raw[:70] + bytes([raw[70] ^ 1]) + raw[71:],
        lambda raw: b"\xff\xfe" + raw,
    ],
)
def test_a_damaged_entry_is_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: object
) -> None:
    root = make_repo(tmp_path)
    monkeypatch.chdir(root)
    (root / "plans" / "kirana-social" / "agency-team.yaml").write_text("people: 3\n")
    expected = run("plans", "--today", TODAY, "--no-cache")
    assert expected[0] == 1
    run("plans", "--today", TODAY)
    [entry] = entries(root)
    assert callable(damage)
    entry.write_bytes(damage(entry.read_bytes()))
    assert run("plans", "--today", TODAY) == expected
    assert run("plans", "--today", TODAY) == expected  # and the entry was rewritten whole


def test_a_crafted_entry_with_a_valid_checksum_must_still_match_its_inputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry copied from another checkout (other inputs) is re-checked, not trusted."""
    import hashlib

    root = make_repo(tmp_path)
    monkeypatch.chdir(root)
    expected = run("plans", "--today", TODAY)
    [entry] = entries(root)
    _, _, body = entry.read_bytes().partition(b"\n")
    data = json.loads(body)
    data["report"]["findings"] = []
    data["inputs"]["files"] = {k: "0" * 64 for k in data["inputs"]["files"]}
    forged = json.dumps(data, separators=(",", ":")).encode()
    entry.write_bytes(hashlib.sha256(forged).hexdigest().encode() + b"\n" + forged)
    assert run("plans", "--today", TODAY) == expected


def test_concurrent_runs_store_whole_entries(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    command = [sys.executable, "-m", "crisiskit", "validate", "plans", "--today", TODAY]
    env = {k: v for k, v in os.environ.items() if k != "CRISISKIT_NO_CACHE"}
    expected = subprocess.run(
        [*command, "--no-cache"], cwd=root, capture_output=True, text=True, env=env, check=False
    )
    results: list[subprocess.CompletedProcess[str]] = []

    def one() -> None:
        results.append(
            subprocess.run(command, cwd=root, capture_output=True, text=True, env=env, check=False)
        )

    threads = [threading.Thread(target=one) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.append(
        subprocess.run(command, cwd=root, capture_output=True, text=True, env=env, check=False)
    )
    for result in results:
        assert (result.returncode, result.stdout, result.stderr) == (
            expected.returncode,
            expected.stdout,
            expected.stderr,
        )
    assert len(entries(root)) == 1
    leftovers = [p.name for p in (root / ".crisiskit_cache").rglob(".*.json.*")]
    assert leftovers == []


FAST = [
    ("plans", "--today", TODAY),
    ("plans", "--today", TODAY, "--strict"),
    ("plans", f"--today={TODAY}", "--format", "json"),
    ("plans", "--today", TODAY, "-f", "github"),
    ("plans/kirana-social", "--config", "pyproject.toml", "--today", TODAY),
    ("--today", TODAY),  # no PATH: plans/
]


@pytest.mark.parametrize("args", FAST)
def test_the_console_script_answers_a_hit_as_the_cli_does(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    """`crisiskit` answers plain hits before Typer loads: same bytes, same exit code."""
    root = make_repo(tmp_path)
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("CRISISKIT_NO_CACHE", "GITHUB_STEP_SUMMARY")
    }

    def through(module: str) -> tuple[int, str, str, list[str]]:
        script = (
            "import sys\n"
            f"from {module} import main\n"
            f"sys.argv = ['crisiskit', 'validate', *{list(args)!r}]\n"
            "try:\n    main()\nfinally:\n"
            "    loaded = sorted(m for m in sys.modules if m.startswith(('typer', 'crisiskit.loader', 'crisiskit.model', 'crisiskit.lint')))\n"
            "    print('\\n' + repr(loaded), file=sys.stderr)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", script],
            cwd=root,
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        *err, loaded = result.stderr.rstrip("\n").split("\n")
        return result.returncode, result.stdout, "\n".join(err), eval(loaded)

    cold = through("crisiskit.cli.app")  # stores
    assert cold[3] != []
    full = through("crisiskit.cli.app")
    fast = through("crisiskit.entry")
    assert fast[:3] == full[:3] == cold[:3]
    assert fast[3] == []  # not even Typer


COLD = [
    *((*args, "--no-cache") for args in FAST if args[0] != "--today"),
    ("plans", "--today", TODAY),  # a miss, stored
    ("plans/kirana-social/warung-rasa.yaml", "--today", "2020-01-01", "--no-cache"),
    ("plans", "--today", TODAY, "--no-cache", "--jobs", "2"),
    ("plans", "--today", TODAY, "--no-cache", "-j", "1", "-f", "json"),
    ("plans", "--today", TODAY, "--no-cache", "--jobs=auto"),
    ("plans", "--today", TODAY, "--no-cache", "--jobs", "0"),  # exit 2, as the CLI says
    # Errors are the full CLI's to report (exit 2), after the console script gives up.
    ("plans/missing.yaml", "--today", TODAY, "--no-cache"),
    ("plans", "--today", TODAY, "--config", "missing.toml", "--no-cache"),
]


@pytest.mark.parametrize("args", COLD)
def test_the_console_script_runs_a_plain_validate_as_the_cli_does(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    """A miss or --no-cache is validated without Typer: same bytes, same exit code."""
    root = make_repo(tmp_path)
    # Findings to write: an undeclared variable and a comment with a secret.
    plan = root / "plans" / "kirana-social" / f"{CLIENT}.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8") + "# password: hunter2hunter2\n", encoding="utf-8"
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("CRISISKIT_NO_CACHE", "GITHUB_STEP_SUMMARY")
    }

    def through(module: str) -> tuple[int, str, str, bool]:
        shutil.rmtree(root / ".crisiskit_cache", ignore_errors=True)
        script = (
            "import sys\n"
            f"from {module} import main\n"
            f"sys.argv = ['crisiskit', 'validate', *{list(args)!r}]\n"
            "try:\n    main()\nfinally:\n"
            "    print('\\n' + repr('typer' in sys.modules), file=sys.stderr)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", script],
            cwd=root,
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        *err, typer_loaded = result.stderr.rstrip("\n").split("\n")
        return result.returncode, result.stdout, "\n".join(err), typer_loaded == "True"

    full = through("crisiskit.cli.app")
    fast = through("crisiskit.entry")
    assert fast[:3] == full[:3]
    assert full[3] and fast[3] == (full[0] == 2)  # Typer only to report an error
    refused = "missing" in " ".join(args) or args[-1] == "0"
    assert full[0] in (0, 1, 2) and (full[0] == 2) == refused


def test_other_forms_go_to_the_full_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from crisiskit.entry import _parse

    for argv in (
        ["validate", "--output", "sarif=x.sarif"],
        ["validate", "--statistics"],
        ["validate", "--help"],
        ["validate", "--format", "sarif"],
        ["validate", "--format", "TEXT"],
        ["validate", "-fjson"],
        ["validate", "-f=json"],
        ["validate", "--today"],
        ["validate", "--today", "2026-13-01"],
        ["validate", "--today", "0001-01-01"],
        ["validate", ""],
        ["validate", "--", "plans"],
        ["validate", "--config", ""],
        ["validate", "--jobs"],
        ["validate", "--jobs", "0"],
        ["validate", "--jobs", "65"],
        ["validate", "-j", "two"],
        ["validate", "-j=2"],
        ["--debug", "validate"],
        ["who"],
        [],
    ):
        assert _parse(argv) is None, argv
    parsed = _parse(["validate", "a", "--today", "2026-01-02", "b", "--strict", "--config=./x//y"])
    assert parsed is not None
    assert (
        parsed[0] == ("a", "b") and parsed[1] == "x/y" and parsed[3:] == ("text", True, False, None)
    )
    assert (_parse(["validate", "--today", "2026-01-02"]) or ((1,),))[0] == ()  # plans/
    no_cache = _parse(["validate", "plans", "--no-cache", "-f", "json", "--jobs", "3"])
    assert no_cache is not None and no_cache[3:] == ("json", False, True, 3)


def test_the_key_does_not_depend_on_how_crisiskit_was_started(tmp_path: Path) -> None:
    """`crisiskit`, `python -m crisiskit` and `python3 -m crisiskit` share entries."""
    root = make_repo(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "CRISISKIT_NO_CACHE"}
    args = ["validate", "plans", "--today", TODAY]
    bin_dir = Path(sys.executable).parent
    starts = [
        [sys.executable, "-m", "crisiskit", *args],
        [str(bin_dir / "crisiskit"), *args],
        *(
            [[str(bin_dir / "python3"), "-m", "crisiskit", *args]]
            if (bin_dir / "python3").exists()
            else []
        ),
    ]
    subprocess.run(starts[0], cwd=root, env=env, capture_output=True, check=False)
    [entry] = entries(root)
    stored = entry.stat().st_mtime_ns
    for command in starts[1:]:
        subprocess.run(command, cwd=root, env=env, capture_output=True, check=False)
        assert entries(root) == [entry] and entry.stat().st_mtime_ns == stored, command


def test_the_console_script_leaves_guarded_output_to_the_cli() -> None:
    """A cached report the output guard would change (cli/guard.py) is not written raw."""
    from crisiskit.cli.guard import GuardedStream
    from crisiskit.entry import needs_guard

    for text in (
        "a\u202eb\n",
        "x\x1b[31m\n",
        "lone\rreturn\n",
        "ok\n::error::x\n",
        "  ::warning\n",
    ):
        assert needs_guard(text), text
    assert not needs_guard("All clear: 3 files checked.\n")
    assert not needs_guard("::error file=a.yaml::x\n", annotations=True)
    # What needs no guard is what the guard leaves alone.
    import io

    for text in ("All clear: 3 files checked.\n", '{\n  "a": "ü ✓ 漢"\n}\n', "x: y  [rule]\n"):
        out = io.StringIO()
        stream = GuardedStream(out)
        stream.write(text)
        stream.flush()
        assert not needs_guard(text) and out.getvalue() == text


@pytest.mark.parametrize(
    ("markers", "plans", "cwd"),
    [
        ((".git",), ("plans",), "."),
        ((".git",), ("plans",), "plans/kirana-social"),
        (("pyproject.toml",), ("plans",), "docs/deep"),
        (("crisiskit.toml",), ("docs/plans", "plans"), "docs"),
        ((".git",), ("docs/deep/plans",), "docs/deep"),
        ((".git",), (), "docs"),  # none: the full CLI says so
        ((), ("plans",), "docs"),  # no repository root: here only
        ((), ("docs/plans",), "docs"),
    ],
)
def test_the_console_script_finds_plans_as_the_loader_does(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    markers: tuple[str, ...],
    plans: tuple[str, ...],
    cwd: str,
) -> None:
    """Without PATH, the cache is asked for the plans/ the command would check."""
    from crisiskit.diagnostics.errors import UsageError
    from crisiskit.entry import plans_directory
    from crisiskit.loader import discovery

    root = tmp_path / "repo"
    for marker in markers:
        (root / marker).parent.mkdir(parents=True, exist_ok=True)
        (root / marker).mkdir() if marker == ".git" else (root / marker).write_text("")
    for directory in (*plans, cwd):
        (root / directory).mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(root / cwd)
    try:
        expected: str | None = str(discovery.plans_directory())
    except UsageError:
        expected = None
    assert plans_directory() == expected
