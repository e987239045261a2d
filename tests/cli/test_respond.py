"""`crisiskit respond`: the e-wallet's data-leak response, end to end, in one command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisiskit.cli import app
from tests.conftest import REPO

runner = CliRunner()
BAYAR = REPO / "plans/kirana-social/bayar-cepat.yaml"
AT = ["--at", "2026-11-28T02:00"]  # a Saturday night in Jakarta: the day staff are off

VARS = """\
issue:
  id: foto KTP sebagian pengguna yang terlihat di internet
  en: photos of some users' ID cards visible online
known:
  id: akses publik ke penyimpanan sudah ditutup
  en: public access to the storage is closed
summary:
  id: Kebocoran foto KTP dari bucket terbuka, akses ditutup 02.25
  en: KTP photo leak from an open bucket, access closed at 02:25
"""

PUBLIC = ["x", "instagram", "facebook", "threads"]
EXPECTED_FILES = sorted(
    [
        *(
            f"{m}.{c}.{loc}.txt"
            for m in ("holding-statement", "update")
            for c in PUBLIC
            for loc in ("id", "en")
        ),
        "internal-alert.incident-chat.id.txt",
        "internal-alert.incident-chat.en.txt",
        "index.md",
    ]
)


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["respond", *args])
    return result.exit_code, result.stdout, result.stderr


def _vars(tmp_path: Path, text: str = VARS) -> str:
    path = tmp_path / "leak.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _copy_plans(tmp_path: Path) -> Path:
    """The bundled agency plans in a repository of their own, to break on purpose."""
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "plans/kirana-social", repo / "plans")
    (repo / ".git").mkdir()
    return repo / "plans/bayar-cepat.yaml"


def _edit(plan: Path, old: str, new: str) -> None:
    text = plan.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    plan.write_text(text.replace(old, new), encoding="utf-8")


def _check_data_leak_files(out: Path) -> None:
    assert sorted(p.name for p in out.iterdir()) == EXPECTED_FILES
    for locale, issue, known, summary, clock in (
        (
            "id",
            "foto KTP sebagian pengguna",
            "akses publik ke penyimpanan",
            "Kebocoran foto KTP",
            "02.30 WIB",
        ),
        (
            "en",
            "photos of some users' ID cards",
            "public access to the storage",
            "KTP photo leak",
            "2:30 AM WIB",
        ),
    ):
        for channel in PUBLIC:
            holding = (out / f"holding-statement.{channel}.{locale}.txt").read_text()
            update = (out / f"update.{channel}.{locale}.txt").read_text()
            assert issue in holding and clock in holding and holding.endswith("\n")
            assert known in update and clock in update
            # Each locale gets its own value, never the other language's.
            other = "photos of some" if locale == "id" else "foto KTP"
            assert other not in holding
        alert = (out / f"internal-alert.incident-chat.{locale}.txt").read_text()
        assert summary in alert and clock in alert
    # The X variant of the Indonesian holding statement is the short one.
    assert "Jangan bagikan PIN/OTP" in (out / "holding-statement.x.id.txt").read_text()
    index = (out / "index.md").read_text()
    assert index.startswith("# Response to kyc-data-leak: Identity documents (KTP photos) exposed")
    assert "SEV1 — Critical · declared Sat 2026-11-28 02:00 WIB" in index
    assert "updates every 30m (next by 02:30 WIB)" in index
    for name in EXPECTED_FILES:
        if name == "index.md":
            continue
        assert f"[{name}]({name})" in index


def test_data_leak_response_in_one_command(tmp_path: Path) -> None:
    out = tmp_path / "response"
    code, stdout, stderr = _run(
        "kyc-data-leak",
        "--plan",
        str(BAYAR),
        "--vars-file",
        _vars(tmp_path),
        *AT,
        "--output",
        str(out),
        "--no-input",
    )
    assert code == 0, stderr
    _check_data_leak_files(out)
    assert stderr.endswith("wrote 18 drafts and index.md to " + str(out) + "\n")
    # The call list comes first: the owner, the roles doing the first steps, the ladder.
    roles = [line for line in stdout.splitlines() if " · " in line and line[0] != " "]
    assert roles[:5] == [
        "SEV1 — Critical · declared Sat 2026-11-28 02:00 WIB · first response within 15m "
        "(by 02:15 WIB) · updates every 30m (next by 02:30 WIB)",
        "Crisis lead · owns the threat",
        "Security incident lead · first step 1",
        "Legal counsel · first step 2",
        "Social media lead · responder",
    ]
    assert "Oscar Siregar" in stdout and "+62 811-4000-5002" in stdout
    assert "Eko Prasetyo (backup)" in stdout  # on duty at 02:00, so he moved up
    assert not any(line.endswith(" ") for line in stdout.splitlines())
    index = (out / "index.md").read_text()
    assert "| 4 | Security incident lead (first step 1) | Oscar Siregar |" in index
    assert "1. Crisis lead: Eko Prasetyo (+62 815-1000-2005, on duty) ↑ moved up" in index


def test_data_leak_response_despite_an_unrelated_reference_error(tmp_path: Path) -> None:
    plan = _copy_plans(tmp_path)
    # A typo in a past drill's scenario, and in a message the data leak does not use.
    _edit(
        plan,
        "scenario: kyc-leak-tabletop\n      participants: [citra",
        "scenario: kyc-leak-tabletopp\n      participants: [citra",
    )
    _edit(plan, "    channels: [x, instagram]\n", "    channels: [x, instagran]\n")
    out = tmp_path / "response"
    args = ["kyc-data-leak", "--plan", str(plan), "--vars-file", _vars(tmp_path), *AT]
    code, stdout, stderr = _run(*args, "--output", str(out))
    assert code == 0, stderr
    assert "crisiskit: 2 findings elsewhere in" in stderr and "run crisiskit validate" in stderr
    _check_data_leak_files(out)
    assert "Security incident lead · first step 1" in stdout
    # validate still holds both against the plan.
    result = runner.invoke(app, ["validate", str(plan)])
    assert (
        result.exit_code == 1
        and "kyc-leak-tabletopp" in result.stdout
        and "instagran" in result.stdout
    )


def test_an_error_in_what_is_rendered_still_stops_it_and_names_it(tmp_path: Path) -> None:
    plan = _copy_plans(tmp_path)
    _edit(
        plan,
        "preserve logs\n        role: security-lead\n",
        "preserve logs\n        role: security-leed\n",
    )
    out = tmp_path / "response"
    args = ["kyc-data-leak", "--plan", str(plan), "--vars-file", _vars(tmp_path), *AT]
    code, stdout, stderr = _run(*args, "--output", str(out))
    assert (code, stdout) == (1, "")
    assert "threats[1].first_steps[0].role: unknown role 'security-leed'" in stderr
    assert "did you mean 'security-lead'?" in stderr
    assert "the part of it this uses is not valid" in stderr
    assert not out.exists()
    # Another threat does not use that step: it renders.
    code, _, stderr = _run(
        "viral-fee-backlash", "--plan", str(plan), "--var", "issue=x", "--var", "known=y", *AT
    )
    assert code == 0 and "1 finding elsewhere" in stderr


def test_a_broken_person_only_an_unused_role_names_is_set_aside(tmp_path: Path) -> None:
    plan = _copy_plans(tmp_path)
    # Putu's phone is broken; he holds legal and security-lead, both used by the data leak.
    _edit(plan, 'phone: "+62 813-4000-5003"', 'phone: "+62 813"')
    code, _, stderr = _run(
        "kyc-data-leak", "--plan", str(plan), "--vars-file", _vars(tmp_path), *AT
    )
    assert code == 1 and "people[2].phone" in stderr
    # The fee backlash calls neither: Putu (and the roles naming him) are set aside.
    code, stdout, stderr = _run(
        "viral-fee-backlash", "--plan", str(plan), "--var", "issue=x", "--var", "known=y", *AT
    )
    assert code == 0, stderr
    assert "1 finding elsewhere" in stderr and "Putu" not in stdout


def test_json_and_markdown(tmp_path: Path) -> None:
    args = ["kyc-data-leak", "--plan", str(BAYAR), "--vars-file", _vars(tmp_path), *AT]
    code, stdout, _ = _run(*args, "--format", "json")
    assert code == 0
    document = json.loads(stdout)
    assert (document["threat"], document["severity"], document["update_every"]) == (
        "kyc-data-leak",
        "sev1",
        "30m",
    )
    assert [m["message"] for m in document["messages"]] == [
        "holding-statement",
        "update",
        "internal-alert",
    ]
    assert len([d for m in document["messages"] for d in m["drafts"]]) == 18
    assert document["variables"]["summary"]["en"].startswith("KTP photo leak")
    assert document["calls"]["calls"][3]["name"] == "Oscar Siregar"
    code, stdout, _ = _run(*args, "--format", "markdown")
    assert code == 0 and stdout.count("> Kami mengetahui") == 4


def test_existing_files_are_refused_before_anything_is_asked(tmp_path: Path) -> None:
    out = tmp_path / "response"
    out.mkdir()
    (out / "update.x.en.txt").write_text("keep me")
    args = ["kyc-data-leak", "--plan", str(BAYAR), *AT, "--output", str(out)]
    code, stdout, stderr = _run(*args)  # no variables at all: refused before any prompt
    assert (code, stdout) == (2, "")
    assert "already holds update.x.en.txt; use --force" in stderr
    assert (out / "update.x.en.txt").read_text() == "keep me"
    code, _, _ = _run(*args, "--vars-file", _vars(tmp_path), "--force")
    assert code == 0 and "public access" in (out / "update.x.en.txt").read_text()


def test_over_the_limit_exits_1_but_writes_every_draft(tmp_path: Path) -> None:
    long = VARS.replace(
        "en: photos of some users' ID cards visible online",
        "en: " + "photos of ID cards visible online " * 8,
    )
    out = tmp_path / "response"
    args = ["kyc-data-leak", "--plan", str(BAYAR), "--vars-file", _vars(tmp_path, long), *AT]
    code, _, stderr = _run(*args, "--output", str(out))
    assert code == 1
    assert "holding-statement · x · en is ✗ OVER LIMIT" in stderr
    assert sorted(p.name for p in out.iterdir()) == EXPECTED_FILES
    code, _, _ = _run(*args, "--output", str(out), "--force", "--allow-over-limit")
    assert code == 0


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--var", "sumary=x"], "unknown variable 'sumary'; did you mean 'summary'?"),
        (["--var", "summary.fr=x"], "variable 'summary' has a value for locale 'fr'"),
        (["--locale", "de"], "unknown locale 'de'"),
        (["--severity", "sev9"], "unknown severity 'sev9'"),
    ],
)
def test_misuse_is_one_line_and_exit_2(extra: list[str], expected: str, tmp_path: Path) -> None:
    code, stdout, stderr = _run("kyc-data-leak", "--plan", str(BAYAR), *AT, *extra)
    assert (code, stdout) == (2, "")
    assert stderr.count("\n") == 1 and expected in stderr, stderr


def test_unknown_threat_suggests_the_nearest() -> None:
    code, _, stderr = _run("kyc-data-leek", "--plan", str(BAYAR))
    assert code == 2 and "did you mean 'kyc-data-leak'?" in stderr


def test_vars_file_key_typo_gets_did_you_mean(tmp_path: Path) -> None:
    code, _, stderr = _run(
        "kyc-data-leak",
        "--plan",
        str(BAYAR),
        *AT,
        "--vars-file",
        _vars(tmp_path, VARS.replace("known:", "knwon:")),
    )
    assert code == 2 and "unknown variable 'knwon'; did you mean 'known'?" in stderr


def test_blank_values_are_missing_values(tmp_path: Path) -> None:
    blank = VARS.replace("en: public access to the storage is closed", 'en: "   "')
    code, stdout, stderr = _run(
        "kyc-data-leak",
        "--plan",
        str(BAYAR),
        *AT,
        "--vars-file",
        _vars(tmp_path, blank),
        "--var",
        "summary.id=",
    )
    assert (code, stdout) == (1, "")
    assert "--var known.en=…" in stderr and "--var summary.id=…" in stderr
    assert "--var issue" not in stderr


def test_per_locale_values_from_the_command_line_and_a_shared_value() -> None:
    code, stdout, _ = _run(
        "kyc-data-leak",
        "--plan",
        str(BAYAR),
        *AT,
        "--locale",
        "en",
        "--format",
        "json",
        "--var",
        "issue=a leak",
        "--var",
        "known=closed",
        "--var",
        "summary=KTP leak",
        "--var",
        "summary.en=KTP photo leak",
    )
    assert code == 0
    drafts = [d for m in json.loads(stdout)["messages"] for d in m["drafts"]]
    assert {d["locale"] for d in drafts} == {"en"}
    assert "[INCIDENT] KTP photo leak." in drafts[-1]["text"]


def _readme_respond_example() -> tuple[str, list[str]]:
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("$ crisiskit respond"))
    command, i = lines[start], start
    while command.endswith("\\"):
        i += 1
        command = command[:-1] + lines[i].strip()
    shown = []
    for line in lines[i + 1 :]:
        if line in ("…", "```"):
            break
        shown.append(line)
    return command, shown


def test_readme_respond_example_is_real_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shlex

    command, shown = _readme_respond_example()
    args = shlex.split(command)[2:]
    args[args.index("--output") + 1] = str(tmp_path / "response")
    monkeypatch.chdir(REPO)
    result = runner.invoke(app, args, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[: len(shown)] == shown
    assert len(shown) > 10
    assert len(list((tmp_path / "response").iterdir())) == 19  # 18 drafts and the index


def test_readme_blocking_example_is_real_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("```text\nplans/kirana-social/bayar-cepat.yaml:") + len("```text\n")
    shown = readme[start : readme.index("```", start)]
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    (tmp_path / ".git").mkdir()
    _edit(
        tmp_path / "plans/kirana-social/bayar-cepat.yaml",
        "preserve logs\n        role: security-lead\n",
        "preserve logs\n        role: security-leed\n",
    )
    monkeypatch.chdir(tmp_path)
    code, stdout, stderr = _run(
        "kyc-data-leak",
        "--plan",
        "plans/kirana-social/bayar-cepat.yaml",
        "--vars-file",
        "examples/kyc-leak.yaml",
        *AT,
    )
    assert (code, stdout, stderr) == (1, "", shown)


def test_incident_log_gets_every_draft_before_anything_is_shown(tmp_path: Path) -> None:
    log = tmp_path / "incident.jsonl"
    args = ["kyc-data-leak", "--plan", str(BAYAR), "--vars-file", _vars(tmp_path), *AT]
    code, _, _ = _run(*args, "--log", str(log))
    assert code == 0
    entries = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert len(entries) == 18
    assert {(e["message"], e["threat"], e["severity"]) for e in entries} == {
        (m, "kyc-data-leak", "sev1") for m in ("holding-statement", "update", "internal-alert")
    }
    assert entries[-1]["variables"]["summary"]["en"].startswith("KTP photo leak")
    # A log that cannot be written is refused before anything is asked or rendered.
    code, stdout, stderr = _run(*args, "--log", str(tmp_path / "missing" / "x.jsonl"))
    assert (code, stdout) == (2, "") and "--log" in stderr
