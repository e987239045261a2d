"""Plans checked in worker processes report exactly what one process reports.

The agency is the bundled Kirana Social directory with 18 more clients copied from its
three, some broken in ways that give findings of every kind: YAML errors, a missing
include, schema and reference errors, suppression comments (used, unused, without a
reason), and the date-driven warnings of a late `--today`.
"""

from __future__ import annotations

import concurrent.futures
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from crisiskit.diagnostics.findings import Finding
from crisiskit.util.inputs import Inputs, recording
from crisiskit.util.jobs import cpu_quota
from crisiskit.validation import workers
from crisiskit.validation.pipeline import validate_paths
from crisiskit.validation.report import ValidationReport

REPO = Path(__file__).resolve().parents[2]
LATE = date(2028, 6, 1)  # every review, drill and follow-up of the bundled plans is overdue
CLIENTS = ("bayar-cepat", "lestari-fashion", "warung-rasa")
TEAM = "include:\n  - agency-team.yaml\n"


def _broken_yaml(text: str) -> str:
    return text + "\nbroken: [\n"


def _missing_include(text: str) -> str:
    return text.replace(TEAM, TEAM + "  - missing-team.yaml\n")


def _unknown_key(text: str) -> str:
    return text.replace("crisiskit: 1\n", "crisiskit: 1\nsurprise: true\n", 1)


def _suppressed(text: str) -> str:
    return text.replace(
        "crisiskit: 1\n",
        'crisiskit: 1\n# crisiskit: ignore-file[CK501] reason="reviewed off-line"\n'
        "# crisiskit: ignore[CK502]\n",
        1,
    )


def _unused_suppression(text: str) -> str:
    return text.replace(
        "crisiskit: 1\n", 'crisiskit: 1\n# crisiskit: ignore[CK106] reason="not here"\n', 1
    )


MUTATIONS: tuple[Callable[[str], str], ...] = (
    str,
    _broken_yaml,
    _missing_include,
    _unknown_key,
    _suppressed,
    _unused_suppression,
)


@pytest.fixture
def agency(repo_dir: Path) -> Path:
    shutil.copytree(REPO / "plans", repo_dir / "plans")
    shutil.copytree(REPO / "templates", repo_dir / "templates")
    directory = repo_dir / "plans" / "kirana-social"
    for number in range(18):
        client = CLIENTS[number % len(CLIENTS)]
        text = (directory / f"{client}.yaml").read_text(encoding="utf-8")
        mutate = MUTATIONS[number % len(MUTATIONS)]
        (directory / f"copy-{number:02d}-{client}.yaml").write_text(mutate(text), "utf-8")
    return directory


def _run(paths: list[Path], jobs: int | None) -> tuple[ValidationReport, Inputs]:
    with recording() as inputs:
        report = validate_paths(paths, LATE, jobs=jobs)
    return report, inputs


def _same(one: tuple[ValidationReport, Inputs], other: tuple[ValidationReport, Inputs]) -> None:
    (report, inputs), (report_2, inputs_2) = one, other
    assert report.findings == report_2.findings
    assert report.files == report_2.files
    assert report.suppressed == report_2.suppressed
    assert [p.file for p in report.plans] == [p.file for p in report_2.plans]
    assert inputs.as_json() == inputs_2.as_json()


def _codes(report: ValidationReport) -> set[str]:
    return {f.code for f in report.findings}


def _checked_by(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """Each plan check appends the process id that made it to ``log``."""
    check_one = workers.check_one

    def logged(path: Path, *args: object) -> workers.Checked:
        with log.open("a") as handle:
            handle.write(f"{os.getpid()}\n")
        return check_one(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(workers, "check_one", logged)


def test_workers_report_what_one_process_reports(
    agency: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = _run([agency], jobs=1)
    _checked_by(monkeypatch, tmp_path / "pids")
    _same(alone, _run([agency], jobs=2))
    pids = (tmp_path / "pids").read_text().split()
    assert len(pids) == len(list(agency.rglob("*.yaml")))  # each file once
    # Here: the files up to the first plan (the shared fragment sorts first), which load
    # what the workers share; the others in the two workers.
    here = str(os.getpid())
    assert pids[:2] == [here, here] and here not in pids[2:] and len(set(pids[2:])) == 2
    _same(alone, _run([agency], jobs=3))
    report = alone[0]
    # The agency does exercise every kind of finding the merge must carry.
    assert {"CK001", "CK011", "CK021", "CK501", "CK502"} <= _codes(report), _codes(report)
    assert report.suppressed > 0
    assert len(report.plans) == 18  # the three with broken YAML are reported as files


def test_a_shared_fragment_named_alone_is_the_same_in_workers(agency: Path) -> None:
    fragment = agency / "agency-team.yaml"
    alone = _run([fragment], jobs=1)
    _same(alone, _run([fragment], jobs=2))
    assert "CK025" in _codes(alone[0])


def test_a_worker_that_dies_loses_nothing(agency: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker killed mid-run (out of memory, a signal): its plans are checked here."""
    parent = os.getpid()
    check_one = workers.check_one

    def dying(path: Path, *args: object) -> workers.Checked:
        if os.getpid() != parent and "copy-07" in path.name:
            os._exit(9)
        return check_one(path, *args)  # type: ignore[arg-type]

    alone = _run([agency], jobs=1)
    monkeypatch.setattr(workers, "check_one", dying)
    _same(alone, _run([agency], jobs=2))
    # The slice holding copy-07 was checked again here; the other worker's were not.


def test_a_crash_in_a_worker_is_the_crash_of_one_process(
    agency: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception no plan should raise is raised here, as without workers, not lost."""

    def broken(*args: object) -> list[Finding]:
        raise RuntimeError("a bug in the checks")

    monkeypatch.setattr(workers, "check_plan_findings", broken)
    for jobs in (1, 2):
        with pytest.raises(RuntimeError, match="a bug in the checks"):
            validate_paths([agency], LATE, jobs=jobs)


@pytest.mark.parametrize(
    ("plans", "jobs", "cpus", "expected"),
    [
        (300, None, 2, 2),  # one per usable CPU
        (300, None, 1, 0),  # one CPU: this process
        (300, 1, 8, 0),  # --jobs 1: this process
        (300, 4, 1, 4),  # --jobs 4 asks for four, whatever the CPUs
        (15, None, 8, 0),  # fewer than 8 plans per worker: not worth forking
        (16, None, 8, 2),
        (40, 64, 1, 5),
    ],
)
def test_worker_count(
    plans: int,
    jobs: int | None,
    cpus: int,
    expected: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(workers, "usable_cpus", lambda: cpus)
    monkeypatch.setattr(sys, "platform", "linux")
    assert workers.worker_count(plans, jobs) == expected


def test_without_a_process_pool_one_process_does_it(
    agency: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some sandboxes have no POSIX semaphores: the pool cannot start, the run goes on."""

    def refused(*args: object, **kwargs: object) -> None:
        raise OSError(38, "Function not implemented")

    alone = _run([agency], jobs=1)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refused)
    _same(alone, _run([agency], jobs=2))


# A fragment whose text has a line starting `crisiskit:` (inside a quoted scalar that
# ruamel.yaml reads across lines): taken for a plan by its text, it is not one.
LOOKS_LIKE_A_PLAN = """\
include:
  - agency-team.yaml
people:
  - id: quiet
    name: "Quiet
crisiskit: Person"
    phone: "+62 812-1000-2999"
    timezone: Asia/Jakarta
"""


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_fragment_that_reads_like_a_plan_is_searched_through(agency: Path, jobs: int) -> None:
    """The plan including it through that fragment is found and checked all the same."""
    (agency / "middle.yaml").write_text(LOOKS_LIKE_A_PLAN, "utf-8")
    client = (agency / "warung-rasa.yaml").read_text(encoding="utf-8")
    (agency / "late-client.yaml").write_text(
        client.replace(TEAM, "include:\n  - middle.yaml\n"), "utf-8"
    )
    report, _ = _run([agency / "agency-team.yaml"], jobs)
    assert str(agency / "late-client.yaml") in report.files
    checked = [plan.file for plan in report.plans]
    assert str(agency / "late-client.yaml") in checked
    assert str(agency / "middle.yaml") not in checked  # searched through, not a plan
    assert report.findings == _run([agency / "agency-team.yaml"], 1)[0].findings


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ({"cpu.max": "max 100000\n"}, None),  # cgroup v2 without a quota
        ({"cpu.max": "200000 100000\n"}, 2),  # docker run --cpus 2
        ({"cpu.max": "150000 100000\n"}, 2),  # --cpus 1.5: rounded up
        ({"cpu.max": "50000 100000\n"}, 1),
        ({"quota": "-1\n", "period": "100000\n"}, None),  # cgroup v1 without a quota
        ({"quota": "300000\n", "period": "100000\n"}, 3),
        ({"cpu.max": "garbage\n"}, None),
        ({}, None),  # no cgroup files (not Linux, or not mounted)
    ],
)
def test_cpu_quota(tmp_path: Path, written: dict[str, str], expected: int | None) -> None:
    for name, text in written.items():
        (tmp_path / name).write_text(text)
    files = (
        (str(tmp_path / "cpu.max"), None),
        (str(tmp_path / "quota"), str(tmp_path / "period")),
    )
    assert cpu_quota(files) == expected


def _workers(parent: int) -> set[int]:
    """The run's workers: its children running crisiskit (Linux's /proc), not a `git` it
    may start."""
    found = set()
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
            command = (status.parent / "cmdline").read_bytes()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == parent and b"crisiskit" in command:
            found.add(int(status.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _run_until_workers(agency: Path) -> tuple[subprocess.Popen[bytes], set[int]]:
    """`crisiskit validate` on a large agency, once its workers have started."""
    for number in range(60):
        source = agency / f"{CLIENTS[number % 3]}.yaml"
        shutil.copy(source, agency / f"more-{number:02d}.yaml")
    command = [sys.executable, "-m", "crisiskit", "validate", str(agency), "--no-cache"]
    process = subprocess.Popen(
        [*command, "--jobs", "2"],
        cwd=agency,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        workers = _workers(process.pid)
        if len(workers) >= 2:
            return process, workers
        time.sleep(0.005)
    process.kill()
    pytest.fail("the run ended before its workers were seen")


def _gone(pids: set[int]) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if not any(_alive(pid) for pid in pids):
            return True
        time.sleep(0.05)
    for pid in pids:
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)
    return False


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux only")
def test_a_run_killed_alone_leaves_no_worker(agency: Path) -> None:
    """SIGTERM to the run's process only (as CI runners and supervisors send it)."""
    process, workers = _run_until_workers(agency)
    process.terminate()
    process.wait(timeout=30)
    assert _gone(workers), "workers outlived their run"


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux only")
def test_ctrl_c_ends_the_run_and_its_workers(agency: Path) -> None:
    """Ctrl-C in a terminal signals the whole process group: exit 130, nothing left."""
    process, workers = _run_until_workers(agency)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stderr.decode()[-2000:]
    assert stderr.decode().strip() == "crisiskit: interrupted"
    assert _gone(workers)
