"""`crisiskit init`: starter plans that validate clean, in both languages and for agencies."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from crisiskit.authoring.starter import yaml_scalar
from crisiskit.cli import app
from crisiskit.loader.compose import compose
from crisiskit.validation.pipeline import validate_paths
from tests.conftest import TODAY

runner = CliRunner()


def _init(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["init", "--today", TODAY.isoformat(), *args])
    return result.exit_code, result.stdout, result.stderr


def _assert_clean(directory: Path, files: int) -> None:
    report = validate_paths([directory / "plans"], TODAY)
    assert [f"{f.code} {f.file}:{f.line} {f.message}" for f in report.findings] == []
    result = runner.invoke(
        app, ["validate", "--today", TODAY.isoformat(), str(directory / "plans")]
    )
    # The starter's one suppression: no drill is held yet (CK502, CK503 for both SEV1 threats).
    checked = f"{files} file{'s' if files > 1 else ''} checked"
    assert (result.exit_code, result.stdout) == (
        0,
        f"All clear: {checked}, 3 findings suppressed.\n",
    )
    result = runner.invoke(app, ["fmt", "--check", str(directory / "plans")])
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize("agency", [False, True])
def test_defaults_validate_clean(tmp_path: Path, language: str, agency: bool) -> None:
    code, out, err = _init(
        str(tmp_path), "--no-input", "--locale", language, *(["--agency"] if agency else [])
    )
    assert (code, err) == (0, "")
    plans = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.yaml"))
    if agency:
        agency_id = {"en": "example-agency", "id": "contoh-agensi"}[language]
        organization = {"en": "example-organization", "id": "contoh-organisasi"}[language]
        assert plans == [f"plans/{agency_id}/{organization}.yaml", f"plans/{agency_id}/team.yaml"]
        team = (tmp_path / plans[1]).read_text(encoding="utf-8")
        assert team.startswith("# ") and "\npeople:\n" in team and "crisiskit:" not in team
        assert "\ninclude:\n  - team.yaml\n" in (tmp_path / plans[0]).read_text(encoding="utf-8")
    else:
        assert plans == [
            f"plans/{'example-organization' if language == 'en' else 'contoh-organisasi'}.yaml"
        ]
    # Outside any repository, a crisiskit.toml marks the top of the plans' repository.
    assert out.startswith(f"wrote {tmp_path}/crisiskit.toml\nwrote {tmp_path}/plans/")
    assert out.endswith(
        f"Next: read the lines marked CHECK, then run\n  crisiskit validate {tmp_path}/plans/\n"
    )
    _assert_clean(tmp_path, len(plans))


def test_indonesian_plan_with_both_locales_and_flags(tmp_path: Path) -> None:
    code, _, err = _init(
        str(tmp_path), "--locale", "id", "--locales", "id,en", "--org", "Warung Rasa",
        "--region", "ID", "--timezone", "Asia/Makassar", "--channels", "x,instagram,tiktok",
        "--person", "Dewi Anggraini=+62 812-1000-2001", "--person", "Bima=0813-1000-2002",
        "--person", "Citra=+62 811-1000-2003", "--help-url", "https://warungrasa.example.id/bantuan",
    )  # fmt: skip
    assert (code, err) == (0, "")
    plan = (tmp_path / "plans/warung-rasa.yaml").read_text(encoding="utf-8")
    assert "# Rencana krisis Warung Rasa" in plan
    assert "name: Pemimpin krisis" in plan and "regulator: Komdigi / Lembaga PDP" in plan
    assert "      - locale: id\n        text: >-\n          Kami mengetahui {{ issue }}" in plan
    assert "      - locale: en\n        text: >-\n          We're aware of {{ issue }}" in plan
    assert "    phone: 0813-1000-2002\n" in plan or '    phone: "0813-1000-2002"\n' in plan
    assert "  - id: citra\n" in plan and "channels: [x, instagram, tiktok]" in plan
    _assert_clean(tmp_path, 1)


def test_inside_a_repository_no_marker_is_written(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    code, out, _ = _init(str(tmp_path / "team"), "--no-input")
    assert code == 0 and "crisiskit.toml" not in out
    assert not (tmp_path / "team/crisiskit.toml").exists()
    _assert_clean(tmp_path / "team", 1)


def test_never_overwrites(tmp_path: Path) -> None:
    assert _init(str(tmp_path), "--no-input", "--agency")[0] == 0
    team = tmp_path / "plans/example-agency/team.yaml"
    team.write_text("# edited by hand\n", encoding="utf-8")
    (tmp_path / "plans/example-agency/example-organization.yaml").unlink()
    code, out, err = _init(str(tmp_path), "--no-input", "--agency")
    assert (code, out) == (2, "")
    assert (
        err
        == f"crisiskit: error: {team} already exists; init never overwrites a file (choose another directory)\n"
    )
    assert team.read_text(encoding="utf-8") == "# edited by hand\n"
    assert not (
        tmp_path / "plans/example-agency/example-organization.yaml"
    ).exists()  # all or nothing


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--locale", "fr"], "--locale: 'fr' is not one of en, id"),
        (
            ["--locales", "id,de"],
            "locales: init writes messages in en and id; 'de' is not one of them",
        ),
        (["--channels", "x,instagran"], "channels: 'instagran' is not one of"),
        (["--timezone", "Asia/Jakartaa"], "did you mean 'Asia/Jakarta'?"),
        (["--region", "id"], "region: 'id' is not a two-letter country code"),
        (["--person", "Dewi=+62 812-1000-2001"], "people: give at least two"),
        (["--person", "Dewi", "--person", "Bima=+62 813"], "--person: 'Dewi' must be NAME=PHONE"),
        (["--person", "A=+62 812-1000-2001", "--person", "B=12"], "phone: '12' is not"),
        (
            ["--help-url", "javascript:alert(1)"],
            "help URL: 'javascript:alert(1)' is not a web address",
        ),
        (["--org", "\x1b[31mred"], "organization: the name holds control characters"),
    ],
)
def test_bad_answers_are_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    code, out, err = _init(str(tmp_path), "--no-input", *args)
    assert (code, out) == (2, "")
    assert err.startswith("crisiskit: error: ") and message in err
    assert not (tmp_path / "plans").exists()


def test_names_that_look_like_yaml_stay_text(tmp_path: Path) -> None:
    awkward = 'Toko "Maju": #1 & *Co* - yes'
    code, _, err = _init(
        str(tmp_path), "--no-input", "--org", awkward,
        "--person", "no=+62 812-1000-2001", "--person", "'Null' ~=+62 813-1000-2002",
    )  # fmt: skip
    assert (code, err) == (0, "")
    [plan] = (tmp_path / "plans").glob("*.yaml")
    assert plan.name == "toko-maju-1-co-yes.yaml"
    data = compose(plan.read_text(encoding="utf-8"), "plan.yaml").data
    assert data["organization"]["name"] == awkward
    assert [p["name"] for p in data["people"]] == ["no", "'Null' ~"]
    _assert_clean(tmp_path, 1)


@given(st.text())
def test_yaml_scalar_reads_back_as_the_same_string(value: str) -> None:
    composed = compose(f"key: {yaml_scalar(value)}\n", "x.yaml")
    assert composed.findings == [] and composed.data == {"key": value}


def test_an_empty_plan_points_to_init(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text("# nothing yet\n", encoding="utf-8")
    [finding] = validate_paths([tmp_path / "plan.yaml"], TODAY).findings
    assert (finding.code, finding.hint) == (
        "CK003",
        "start a plan with `crisiskit init`, or remove the file",
    )
